"""Read the definitions in the form the depot publishes them.

The depot publishes one `<table>_definition.json` per table type: a JSON array
of variables (or `{"variables": [...]}`) with `name`, `type`, `description`,
optional `label`, `example`, `value_optional`, `allowed_values`,
`validators` and `summarizers`. This module turns such a folder into a
`DefinitionSet`, so a coordinator can use a newer set than the bundled one.

It takes what the depot's own loader takes (data/definition_loader.py passes
the JSON through; validators/variable_validator.py reads it): `range` as
[min, max] or {min, max}, and a validator the depot does not know is a no-op
there, so here too (kept in the set's notes).
"""

from __future__ import annotations

import json
from pathlib import Path

from .loader import DefinitionError, check_references, table_from_dict
from .model import DefinitionSet, Table

SUFFIX = "_definition.json"
DATE_FORMAT = "YYYY-MM-DD"


def import_depot_folder(folder: Path, version: str) -> DefinitionSet:
    folder = Path(folder)
    files = sorted(folder.glob(f"*{SUFFIX}"))
    if not files:
        raise DefinitionError(f"{folder}: no *{SUFFIX} files found.")
    tables, sources, notes = {}, {}, []
    for path in files:
        table = import_depot_file(path, notes)
        tables[table.name] = table
        sources[table.name] = str(path)
    check_references(tables, sources)
    return DefinitionSet(version=version, source=f"imported from {folder.name}", tables=tables, notes=tuple(notes))


def import_depot_file(path: Path, notes: list[str] | None = None) -> Table:
    """One table; what it passes over is added to `notes`."""
    notes = [] if notes is None else notes
    path = Path(path)
    name = path.name[: -len(SUFFIX)] if path.name.endswith(SUFFIX) else path.stem
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DefinitionError(f"{path}: not a readable JSON definition ({exc}).") from exc
    variables = data.get("variables") if isinstance(data, dict) else data
    if not isinstance(variables, list):
        raise DefinitionError(f"{path}: expected a list of variables.")
    own = {
        "table": name,
        "title": name.replace("_", " ").capitalize(),
        "description": f"The {name.replace('_', ' ')} table, as published by the depot.",
        "column": [_variable(v, f"{path.name}, variable {i + 1}", notes) for i, v in enumerate(variables)],
    }
    return table_from_dict(own, where=str(path))


def _variable(var: dict, where: str, notes: list[str]) -> dict:
    if not isinstance(var, dict) or not isinstance(var.get("name"), str):
        raise DefinitionError(f"{where}: each variable is an object with a 'name'.")
    col = {"name": var["name"], "type": var.get("type"), "description": var.get("description", "")}
    for src, dst in (("label", "label"), ("example", "example")):
        if var.get(src):
            col[dst] = str(var[src])
    if var.get("value_optional"):
        col["optional"] = True
    if var.get("date_format", DATE_FORMAT) != DATE_FORMAT:
        raise DefinitionError(
            f"{where} ({var['name']}): date_format {var['date_format']!r} is not supported; "
            f"dates are checked as {DATE_FORMAT}."
        )
    if "allowed_values" in var:
        col["values"] = _allowed_values(var["allowed_values"], where)
    if var.get("summarizers"):
        col["summaries"] = list(var["summarizers"])
    if var.get("case_sensitive"):
        col["case_sensitive"] = True
    for validator in var.get("validators", ()):
        _apply_validator(col, validator, f"{where} ({var['name']})", notes)
    return col


def _allowed_values(raw, where: str) -> list:
    if isinstance(raw, dict):  # boolean form: {"true": [...], "false": [...], "Unknown": [...]}
        return [{"value": str(v), "meaning": key} for key, spellings in raw.items() for v in spellings]
    if isinstance(raw, list):
        out = []
        for item in raw:
            if isinstance(item, dict) and "value" in item:
                out.append({"value": str(item["value"]), "meaning": str(item.get("description", ""))})
            else:
                out.append(str(item))
        return out
    raise DefinitionError(f"{where}: allowed_values must be a list or a mapping.")


def _apply_validator(col: dict, validator, where: str, notes: list[str]) -> None:
    if isinstance(validator, str):
        name, params = validator, None
    elif isinstance(validator, dict) and isinstance(validator.get("name"), str):
        name, params = validator["name"], validator.get("params")
    else:
        raise DefinitionError(f"{where}: a validator is a name or {{name, params}}.")
    if name.startswith("in_file:"):
        parts = name.split(":")
        if len(parts) != 3:
            raise DefinitionError(f"{where}: in_file is written in_file:table:column.")
        col["must_exist_in"] = f"{parts[1]}.{parts[2]}"
    elif name == "no_duplicates":
        col["unique"] = True
    elif name == "range":
        _range(col, params, where, notes)
    elif name in ("required_when", "forbidden_when"):
        col[name] = {} if params is None else params
    elif name == "recommended":
        message = params.get("message") if isinstance(params, dict) else None
        col["recommended"] = message or "A value is recommended here."
    else:  # VariableValidator._run_validator: "Validator '...' not implemented yet", and it passes
        notes.append(f"{where}: the validator {name!r} is not one the depot checks, so it is not checked here.")


def _range(col: dict, params, where: str, notes: list[str]) -> None:
    """VariableValidator's range: params[0] and params[1], or params['min'] and params['max']."""
    if isinstance(params, dict):
        low, high = params.get("min"), params.get("max")
    elif isinstance(params, list) and len(params) >= 2:
        low, high = params[0], params[1]
    else:
        low = high = None
    if low is None or high is None:  # the depot compares with NULL: nothing is ever out of range
        notes.append(f"{where}: a range without both bounds checks nothing at the depot, nor here.")
        return
    col["range"] = [low, high]
