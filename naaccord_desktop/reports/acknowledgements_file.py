"""The acknowledged findings as a small JSON file, so that a site can share
them between machines (`naaccord-desktop check --acknowledgements FILE`):

    {"schema": "naaccord-precheck-acknowledgements/1",
     "acknowledgements": [{"table": "patient", "code": "value.missing", "column": "birthSex",
                           "note": "legacy IDs, agreed with the coordinating center on 2026-10-01",
                           "since": "2026-10-01T09:30:00+02:00"}]}

It holds table types, rule codes, column names the definitions publish and
the coordinators' notes, in their own words (the dialog asks them to write no
patient ID or value there).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..definitions.model import DefinitionSet
from ..engine.acknowledgements import Acknowledgement, problem
from .files import save

SCHEMA = "naaccord-precheck-acknowledgements/1"
FIELDS = ("table", "code", "column", "note", "since")


class AcknowledgementsFileError(Exception):
    """The file cannot be read or written; the message is for the coordinator."""


def read_acknowledgements(path: Path, definitions: DefinitionSet) -> list[Acknowledgement]:
    """The file's acknowledgements ([] when it does not exist yet)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise AcknowledgementsFileError(f"{path.name} cannot be opened: {exc.strerror or exc}.") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise AcknowledgementsFileError(f"{path.name} is not an acknowledgements file (it is not JSON).") from None
    entries = data.get("acknowledgements") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(entries, list):
        raise AcknowledgementsFileError(f"{path.name} is not an acknowledgements file this version can read "
                                        f"(it should say \"schema\": \"{SCHEMA}\").")
    out = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in FIELDS):
            raise AcknowledgementsFileError(
                f"Acknowledgement {number} of {path.name} needs the texts {', '.join(FIELDS)}.")
        ack = Acknowledgement(*(entry[k] for k in FIELDS))
        why = problem(ack, definitions)
        if why:
            raise AcknowledgementsFileError(f"Acknowledgement {number} of {path.name} cannot be used: {why}.")
        out.append(ack)
    return out


def write_acknowledgements(acks: list[Acknowledgement], path: Path) -> Path:
    data = {"schema": SCHEMA, "acknowledgements": [{k: getattr(a, k) for k in FIELDS} for a in acks]}
    return save(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n", AcknowledgementsFileError,
                "The acknowledgements")
