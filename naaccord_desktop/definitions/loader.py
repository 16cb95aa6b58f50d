"""Read and write definition sets in the project's own TOML format.

A definition set is a folder: `_set.toml` (version, source) and one
`<table>.toml` per table type. Every problem in a file is reported as a
`DefinitionError` naming the file, the column and what is wrong.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import tomli_w

from .model import (
    COLUMN_TYPES,
    RULE_SEVERITIES,
    SUMMARY_KINDS,
    AllowedValue,
    Column,
    Condition,
    DefinitionSet,
    Reference,
    Severity,
    Table,
)

BUNDLED_DIR = Path(__file__).with_name("tables")
SET_FILE = "_set.toml"

_TABLE_KEYS = {"table", "title", "description", "column"}
_COLUMN_KEYS = {
    "name", "type", "description", "label", "optional", "values", "unique", "range",
    "required_when", "forbidden_when", "recommended", "must_exist_in", "summaries", "example", "case_sensitive",
}


class DefinitionError(ValueError):
    """A definition file that cannot be used, with a message a person can act on."""


def load_bundled() -> DefinitionSet:
    return load_folder(BUNDLED_DIR)


def load_folder(folder: Path) -> DefinitionSet:
    folder = Path(folder)
    set_path = folder / SET_FILE
    if not set_path.is_file():
        raise DefinitionError(f"{folder}: no {SET_FILE} (it names the definitions version).")
    meta = _read_toml(set_path)
    version = meta.get("version")
    if not isinstance(version, str) or not version:
        raise DefinitionError(f"{set_path}: 'version' must be a non-empty string.")
    tables, sources = {}, {}
    for path in sorted(folder.glob("*.toml")):
        if path.name == SET_FILE:
            continue
        table = table_from_dict(_read_toml(path), where=str(path))
        if table.name in tables:
            raise DefinitionError(f"{path}: table {table.name!r} is defined twice.")
        tables[table.name] = table
        sources[table.name] = str(path)
    if not tables:
        raise DefinitionError(f"{folder}: no table definitions found.")
    check_references(tables, sources)
    return DefinitionSet(version=version, source=str(meta.get("source", "")), tables=tables)


def write_folder(definitions: DefinitionSet, folder: Path) -> None:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SET_FILE).write_text(
        tomli_w.dumps({"version": definitions.version, "source": definitions.source}), "utf-8"
    )
    for table in definitions.tables.values():
        (folder / f"{table.name}.toml").write_text(tomli_w.dumps(table_to_dict(table)), "utf-8")


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise DefinitionError(f"{path}: cannot be read ({exc}).") from exc
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(f"{path}: not valid TOML ({exc}).") from exc


def table_from_dict(data: dict, where: str) -> Table:
    unknown = sorted(set(data) - _TABLE_KEYS)
    if unknown:
        raise DefinitionError(f"{where}: unknown keys {', '.join(unknown)}.")
    for key in ("table", "title", "description"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise DefinitionError(f"{where}: '{key}' must be a non-empty string.")
    raw_columns = data.get("column")
    if not isinstance(raw_columns, list) or not raw_columns:
        raise DefinitionError(f"{where}: a table needs at least one [[column]].")
    columns = tuple(_column(raw, f"{where}, column {i + 1}") for i, raw in enumerate(raw_columns))
    names = [c.name for c in columns]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise DefinitionError(f"{where}: column names used twice: {', '.join(dupes)}.")
    for column in columns:
        for condition in (column.required_when, column.forbidden_when):
            if condition and condition.column not in names:
                raise DefinitionError(
                    f"{where}: column {column.name!r} refers to unknown column {condition.column!r}."
                )
    return Table(name=data["table"], title=data["title"], description=data["description"],
                 columns=columns)


def _column(raw: dict, where: str) -> Column:
    if not isinstance(raw, dict):
        raise DefinitionError(f"{where}: must be a table of keys.")
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        raise DefinitionError(f"{where}: 'name' must be a non-empty string.")
    where = f"{where} ({name})"
    unknown = sorted(set(raw) - _COLUMN_KEYS)
    if unknown:
        raise DefinitionError(f"{where}: unknown keys {', '.join(unknown)}.")
    ctype = raw.get("type")
    if ctype not in COLUMN_TYPES:
        raise DefinitionError(f"{where}: type must be one of {', '.join(COLUMN_TYPES)}, not {ctype!r}.")
    values = tuple(_allowed_value(v, where) for v in _list(raw, "values", where))
    if ctype in ("enum", "boolean") and not values:
        raise DefinitionError(f"{where}: a column of type {ctype} needs 'values' (its allowed values).")
    if ctype not in ("enum", "boolean") and values:
        raise DefinitionError(f"{where}: only enum and boolean columns take 'values'.")
    summaries = tuple(_list(raw, "summaries", where))
    bad = [s for s in summaries if s not in SUMMARY_KINDS]
    if bad:
        raise DefinitionError(f"{where}: unknown summaries {', '.join(map(str, bad))}.")
    return Column(
        name=name,
        type=ctype,
        description=_text(raw, "description", where, required=True),
        label=_text(raw, "label", where),
        optional=_flag(raw, "optional", where),
        values=values,
        unique=_flag(raw, "unique", where),
        range=_range(raw.get("range"), where),
        required_when=_condition(raw, "required_when", where),
        forbidden_when=_condition(raw, "forbidden_when", where),
        recommended=_text(raw, "recommended", where),
        must_exist_in=_reference(raw.get("must_exist_in"), where),
        summaries=summaries,
        example=_text(raw, "example", where),
        case_sensitive=_flag(raw, "case_sensitive", where),
    )


def _text(raw: dict, key: str, where: str, required: bool = False) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str) or (required and not value):
        raise DefinitionError(f"{where}: '{key}' must be {'a non-empty' if required else 'a'} string.")
    return value


def _flag(raw: dict, key: str, where: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise DefinitionError(f"{where}: '{key}' must be true or false.")
    return value


def _list(raw: dict, key: str, where: str) -> list:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise DefinitionError(f"{where}: '{key}' must be a list [...].")
    return value


def _allowed_value(raw, where: str) -> AllowedValue:
    if isinstance(raw, str):
        return AllowedValue(raw)
    if isinstance(raw, dict) and isinstance(raw.get("value"), str):
        return AllowedValue(raw["value"], str(raw.get("meaning", "")))
    raise DefinitionError(f"{where}: each allowed value is a string or {{value = ..., meaning = ...}}.")


def _range(raw, where: str) -> tuple[float, float] | None:
    if raw is None:
        return None
    if (isinstance(raw, list) and len(raw) == 2
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in raw)
            and raw[0] <= raw[1]):
        return (raw[0], raw[1])
    raise DefinitionError(f"{where}: 'range' must be [low, high] with low <= high.")


def _condition(column: dict, key: str, where: str) -> Condition | None:
    raw = column.get(key)
    if raw is None:
        return None
    if (not isinstance(raw, dict) or len({"present", "absent"} & set(raw)) != 1
            or not set(raw) <= {"present", "absent", "severity"}):
        raise DefinitionError(
            f"{where}: '{key}' must name one column as present or absent, "
            "with an optional severity, and nothing else."
        )
    when_present = "present" in raw
    other = raw["present" if when_present else "absent"]
    if not isinstance(other, str) or not other:
        raise DefinitionError(f"{where}: '{key}' must name a column.")
    severity = raw.get("severity", "error")
    if severity not in RULE_SEVERITIES:
        raise DefinitionError(f"{where}: '{key}' severity must be one of {', '.join(RULE_SEVERITIES)}.")
    return Condition(column=other, when_present=when_present, severity=Severity(severity))


def _reference(raw, where: str) -> Reference | None:
    if raw is None:
        return None
    if isinstance(raw, str) and raw.count(".") == 1 and all(raw.split(".")):
        table, column = raw.split(".")
        return Reference(table, column)
    raise DefinitionError(f"{where}: 'must_exist_in' is written table.column.")


def check_references(tables: dict[str, Table], sources: dict[str, str]) -> None:
    """Every `must_exist_in` names a table and column of the set; `sources` gives each table's file."""
    for table in tables.values():
        for column in table.columns:
            ref = column.must_exist_in
            if ref and (ref.table not in tables or tables[ref.table].column(ref.column) is None):
                raise DefinitionError(
                    f"{sources[table.name]}: column {column.name!r} must exist in "
                    f"{ref.table}.{ref.column}, which no table of this set defines."
                )


def table_to_dict(table: Table) -> dict:
    return {
        "table": table.name,
        "title": table.title,
        "description": table.description,
        "column": [_column_to_dict(c) for c in table.columns],
    }


def _column_to_dict(c: Column) -> dict:
    out: dict = {"name": c.name, "type": c.type}
    if c.label:
        out["label"] = c.label
    out["description"] = c.description
    if c.optional:
        out["optional"] = True
    if c.values:
        out["values"] = [
            {"value": v.value, "meaning": v.meaning} if v.meaning else v.value for v in c.values
        ]
    if c.unique:
        out["unique"] = True
    if c.range:
        out["range"] = list(c.range)
    for key in ("required_when", "forbidden_when"):
        cond = getattr(c, key)
        if cond:
            out[key] = {("present" if cond.when_present else "absent"): cond.column}
            if cond.severity != "error":
                out[key]["severity"] = str(cond.severity)
    if c.recommended:
        out["recommended"] = c.recommended
    if c.must_exist_in:
        out["must_exist_in"] = f"{c.must_exist_in.table}.{c.must_exist_in.column}"
    if c.summaries:
        out["summaries"] = list(c.summaries)
    if c.example:
        out["example"] = c.example
    if c.case_sensitive:
        out["case_sensitive"] = True
    return out
