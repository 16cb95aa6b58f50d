"""Read the definitions in the form the depot publishes them.

The depot publishes one `<table>_definition.json` per table type: a JSON array
of variables (or `{"variables": [...]}`) with `name`, `type`, `description`,
optional `label`, `example`, `value_optional`, `allowed_values`,
`validators` and `summarizers`. This module turns such a folder into a
`DefinitionSet`, so a coordinator can use a newer set than the bundled one.
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
    tables, sources = {}, {}
    for path in files:
        table = import_depot_file(path)
        tables[table.name] = table
        sources[table.name] = str(path)
    check_references(tables, sources)
    return DefinitionSet(version=version, source=f"imported from {folder.name}", tables=tables)


def import_depot_file(path: Path) -> Table:
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
        "column": [_variable(v, f"{path}, variable {i + 1}") for i, v in enumerate(variables)],
    }
    return table_from_dict(own, where=str(path))


def _variable(var: dict, where: str) -> dict:
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
    for validator in var.get("validators", ()):
        _apply_validator(col, validator, where)
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


def _apply_validator(col: dict, validator, where: str) -> None:
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
        col["range"] = list(params) if isinstance(params, list) else params
    elif name in ("required_when", "forbidden_when"):
        col[name] = {} if params is None else params
    elif name == "recommended":
        message = params.get("message") if isinstance(params, dict) else None
        col["recommended"] = message or "A value is recommended here."
    else:
        raise DefinitionError(f"{where}: unknown validator {name!r}.")
