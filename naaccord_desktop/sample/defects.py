"""Known defects planted in generated files, and the answer file that lists them.

Rule defects (`RuleDefects`) change single cells of chosen rows, and some
headers, so that each changed cell calls for exactly one finding; the rest
of the row is kept consistent (e.g. a planted birthSex empties presentSex so
that no forbidden_when finding appears besides the planted one). Structural
defects go into files of their own (structural.py).

Every expected finding is located by `generator.write_table` at the
physical line where its record starts (header = line 1; 0 = the whole file).
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..definitions.model import Column, Condition, Table
from ..engine.codes import CODES, NA_TOKENS
from .universe import Universe, csv_field, csv_value
from .writer import Expected, Record, RowShaper, Written

ANSWER_SCHEMA = "naaccord-sample-answers/1"
UNKNOWN_IDS = 40  # distinct unknown patient IDs shared by all tables
MAX_REPEATS = 40

BAD_DATES = ("2015-02-30", "03/12/2015", "NA", "2020/01/15", "20150312", "2019-13-01",
             "2019-1-5", "2017-06-31")
BAD_YEARS = ("19O5", "UNK", "'85", "1985.0")
BAD_NUMBERS = ("58,618", "$53,273", "n/a", "0.45.1", "high")
BAD_ENUMS = {
    "birthSex": ("F", "M", "Unknown"),
    "presentSex": ("Transgender", "U"),
    "race": ("Hispanic", "Black or African American", "Declined"),
    "hispanic": ("Y", "N", "Declined"),
    "hivNegative": ("N", "Yes"),
    "transgendered": ("Y", "Unknown"),
    "stateProvApprox": ("N", "Yes"),
    "risk": ("MSM", "IDU", "Heterosexual contact"),
}
BAD_ENUM_FALLBACK = ("Not reported", "Declined", "Maybe", "N", "U", "9")
TYPE_CODES = ("date.invalid", "year.invalid", "numeric.invalid")
PADDING = (" {}", "{} ", "  {}  ")
# How many different values each kind has; every table gets at least this many of a kind.
VARIETY = {"date.invalid": len(BAD_DATES), "year.invalid": len(BAD_YEARS),
           "numeric.invalid": len(BAD_NUMBERS), "range.out_of_range": 4,
           "patient_id.unknown": 5, "unique.duplicate": 3}
RULE_CODES = ("patient_id.unknown", "unique.duplicate", "value.missing", "value.whitespace",
              "enum.invalid", "enum.case", "date.invalid", "year.invalid", "range.out_of_range",
              "numeric.invalid", "required_when.missing", "forbidden_when.present",
              "recommended.missing", "patient_id.blank")
BLANK_ID = "   "  # spaces only: the depot reads the ID '' (depot.id_sql)


# --------------------------------------------------------------------------- header defects


@dataclass(frozen=True)
class HeaderChange:
    """One change to a table's header in the rule-defect submission."""

    kind: str  # "drop" | "extra" | "rename" | "duplicate"
    column: str  # the definition column it touches (the new name for "extra")
    written: str = ""  # the name written instead ("rename")


HEADER_CHANGES = {
    "procedure": HeaderChange("drop", "procedureResult"),  # a required column
    "encounter": HeaderChange("drop", "encounterInsType5"),  # an optional column
    "diagnosis": HeaderChange("extra", "diagnosisComment"),
    "hospitalization": HeaderChange("rename", "admitDate", "admitdate"),  # case only
    "medication": HeaderChange("rename", "medicationName", "medicationNme"),  # misspelled
    "insurance": HeaderChange("duplicate", "insuranceStopDate"),
}
EXTRA_VALUES = ("", "", "confirmed", "per chart review", "see note, 2nd visit", "")


def _fold(name: str) -> str:
    return "".join(name.split()).casefold()


def _header_expected(change: HeaderChange, table: Table) -> tuple[Expected, ...]:
    if change.kind == "drop":
        return (Expected("header.missing_column", change.column, "",
                         severity="warning" if table.column(change.column).always_optional else ""),)
    if change.kind == "extra":
        return (Expected("header.extra_column", change.column, change.column),)
    if change.kind == "duplicate":
        return (Expected("header.duplicate_column", change.column, change.column),)
    if _fold(change.written) == _fold(change.column):
        return (Expected("header.case_mismatch", change.column, change.written),)
    return (Expected("header.extra_column", change.written, change.written,
                     note=f"misspelling of {change.column}"),
            Expected("header.missing_column", change.column, "",
                     note=f"written as {change.written}"))


# --------------------------------------------------------------------------- rule defects


@dataclass(frozen=True)
class Planted:
    code: str
    column: str
    variant: int  # which of the kind's bad values


class RuleDefects(RowShaper):
    """Plants cell defects of every rule kind the table's definition allows,
    plus the table's header change (if `header` and it has one)."""

    line_breaks = True

    def __init__(self, table: Table, rows: int, universe: Universe, seed: int,
                 header: bool = True, codes: tuple[str, ...] = (), repeats: int = 0) -> None:
        """`codes`: only these kinds (default: all); `repeats`: each kind this many
        times over (default: one more for every 100,000 rows)."""
        self.table = table
        self.universe = universe
        self.index = {name: i for i, name in enumerate(table.column_names)}
        self.change = HEADER_CHANGES.get(table.name) if header else None
        self._extra_count = 0
        rng = random.Random(f"{seed}/{table.name}/defects")
        untouchable = {self.change.column} if self.change else set()
        repeats = repeats or min(MAX_REPEATS, 1 + rows // 100_000)
        by_code = []
        for code in codes or RULE_CODES:
            columns = [c for c in table.columns if c.name not in untouchable and _fits(code, c)]
            if columns:
                count = max(len(columns), VARIETY.get(code, 2)) * repeats
                by_code.append([Planted(code, columns[j % len(columns)].name, j) for j in range(count)])
        # Round robin over the kinds, so that a small table still gets every kind once.
        queue = [p for group in _interleave(by_code) for p in group][: rows // 3]
        chosen = rng.sample(range(rows), len(queue)) if queue else []
        self.cells: dict[int, Planted] = {}
        self.originals: dict[int, str] = {}  # row -> the unique column its copy repeats
        self.inserts: dict[int, list[int]] = {}  # row -> original rows copied after it
        for row, planted in zip(chosen, queue, strict=True):
            if planted.code == "unique.duplicate":
                self.originals[row] = planted.column
                after = min(rows - 1, row + int(rng.random() * 50))
                self.inserts.setdefault(after, []).append(row)
            else:
                self.cells[row] = planted
        self.special = set(self.cells) | set(self.originals) | set(self.inserts)
        self._kept: dict[int, list[str]] = {}

    # ---- header

    def header(self, table: Table) -> list[str]:
        names = list(table.column_names)
        change = self.change
        if change is None:
            return names
        if change.kind == "drop":
            names.remove(change.column)
        elif change.kind in ("extra", "duplicate"):
            names.append(change.column)
        else:
            names[names.index(change.column)] = change.written
        return names

    def header_expected(self) -> tuple[Expected, ...]:
        return _header_expected(self.change, self.table) if self.change else ()

    def plain(self, fields: list[str]) -> str:
        change = self.change
        if change is None or change.kind == "rename":
            return ",".join(fields)
        if change.kind == "drop":
            i = self.index[change.column]
            return ",".join(fields[:i] + fields[i + 1:])
        if change.kind == "duplicate":
            return ",".join(fields + [fields[self.index[change.column]]])
        self._extra_count += 1
        return ",".join(fields + [csv_field(EXTRA_VALUES[self._extra_count % len(EXTRA_VALUES)])])

    # ---- rows

    def records(self, index: int, fields: list[str]) -> list[Record]:
        expected: list[Expected] = []
        planted = self.cells.get(index)
        if planted:
            fields, expected = self._plant(planted, fields)
        if index in self.originals:
            column = self.originals[index]
            expected.append(Expected("unique.duplicate", column, csv_value(fields[self.index[column]]),
                                     note="first occurrence of a duplicated value"))
            self._kept[index] = fields
        out = [Record(self.plain(fields), tuple(expected))]
        for original in self.inserts.get(index, ()):
            copy, column = self._kept.pop(original), self.originals[original]
            out.append(Record(self.plain(copy), (Expected(
                "unique.duplicate", column, csv_value(copy[self.index[column]]), note="repeated row"),)))
        return out

    def _plant(self, planted: Planted, fields: list[str]) -> tuple[list[str], list[Expected]]:
        row = [csv_value(f) for f in fields]
        col = self.table.column(planted.column)
        at, code, v = self.index[col.name], planted.code, planted.variant
        touched = {col.name}
        also: list[Expected] = []
        severity = ""
        if code == "patient_id.unknown":
            row[at] = self.universe.unknown_id(v % UNKNOWN_IDS)
        elif code == "patient_id.blank":
            row[at] = BLANK_ID
            also = [Expected("value.missing", col.name, BLANK_ID, note="an ID of spaces only is missing too")]
        elif code in ("value.missing", "recommended.missing"):
            row[at] = ""
        elif code == "value.whitespace":
            row[at] = PADDING[v % len(PADDING)].format(row[at] or _valid(col, row, self.index))
        elif code == "enum.invalid":
            bad = _bad_enum_values(col)
            row[at] = bad[v % len(bad)]
        elif code == "enum.case":
            row[at] = _recase(col, row[at] or _valid(col, row, self.index), v)
        elif code == "date.invalid":
            row[at] = BAD_DATES[v % len(BAD_DATES)]
        elif code == "year.invalid":
            row[at] = BAD_YEARS[v % len(BAD_YEARS)]
        elif code == "numeric.invalid":
            row[at] = BAD_NUMBERS[v % len(BAD_NUMBERS)]
        elif code == "range.out_of_range":
            lo, hi = col.range
            bad = _out_of_range(lo, hi)
            row[at] = bad[v % len(bad)]
        elif code in ("required_when.missing", "forbidden_when.present"):
            cond = col.required_when if code == "required_when.missing" else col.forbidden_when
            also = self._break_condition(code, col, cond, row)
            touched.add(cond.column)
            severity = cond.severity
        else:
            raise ValueError(f"No way to plant {code}.")
        _keep_conditions(self.table, row, touched, self.index)
        if code in TYPE_CODES and row[at].strip().upper() in NA_TOKENS:
            code = "value.na_token"  # a placeholder is a warning, not a type error
        first = Expected(code, col.name, row[at], severity=severity)
        casts = [Expected("depot.range_cast", c.name, row[self.index[c.name]]) for c in self.table.columns
                 if c.range and c.name in touched and not casts_to_integer(row[self.index[c.name]])]
        return [csv_field(x) for x in row], [first, *also, *casts]

    def _break_condition(self, code: str, col: Column, cond: Condition, row: list[str]
                         ) -> list[Expected]:
        """Break col's required_when / forbidden_when; returns the finding this
        implies on the other column when its own condition mirrors col's."""
        idx = self.index
        missing_rule = code == "required_when.missing"
        other = self.table.column(cond.column)
        at, other_at = idx[col.name], idx[other.name]
        row[at] = "" if missing_rule else (row[at] or _valid(col, row, idx))
        row[other_at] = (row[other_at] or _valid(other, row, idx)) if cond.when_present else ""
        mirror = other.required_when if missing_rule else other.forbidden_when
        if mirror and mirror.column == col.name and mirror.when_present == cond.when_present:
            return [Expected(code, other.name, row[other_at], severity=mirror.severity,
                             note=f"follows from {col.name} on the same row")]
        return []


def _interleave(groups: list[list[Planted]]) -> list[list[Planted]]:
    rounds = max((len(g) for g in groups), default=0)
    return [[g[i] for g in groups if i < len(g)] for i in range(rounds)]


def casts_to_integer(text: str) -> bool:
    """Whether the depot's range check (duckdb CAST AS INTEGER) takes the value; an empty cell is NULL there."""
    if not text:
        return True
    try:
        number = float(text.strip(" \t"))
    except ValueError:
        return False
    return math.isfinite(number) and -(2**31) <= round(number) < 2**31


def _fits(code: str, c: Column) -> bool:
    if code in ("patient_id.unknown", "patient_id.blank"):
        return c.must_exist_in is not None
    if code == "unique.duplicate":
        return c.unique
    if code == "value.missing":
        return c.type != "id" and not c.always_optional and not c.presence_is_conditional
    if code == "value.whitespace":
        return c.type == "string" and not c.presence_is_conditional
    if code in ("enum.invalid", "enum.case"):
        return c.type in ("enum", "boolean") and bool(c.values)
    if code == "date.invalid":
        return c.type == "date"
    if code == "year.invalid":
        return c.type == "year"
    if code == "numeric.invalid":
        return c.type == "numeric"
    if code == "range.out_of_range":
        return c.range is not None and c.type in ("year", "numeric")
    if code == "required_when.missing":
        return c.required_when is not None
    if code == "forbidden_when.present":
        return c.forbidden_when is not None
    if code == "recommended.missing":
        return bool(c.recommended)
    return False


def _allowed(c: Column) -> list[str]:
    return [v.value for v in c.values if v.value.strip()]


def _bad_enum_values(c: Column) -> list[str]:
    folded = {_fold(v) for v in _allowed(c)}
    return [b for b in BAD_ENUMS.get(c.name, ()) + BAD_ENUM_FALLBACK if _fold(b) not in folded]


def _recase(c: Column, value: str, variant: int) -> str:
    allowed = set(_allowed(c))
    tries = (value.lower(), value.upper(), value.swapcase()) if variant % 2 == 0 else (
        value.upper(), value.lower(), value.swapcase())
    return next(t for t in tries if t not in allowed)


def _out_of_range(lo: float, hi: float) -> list[str]:
    return [f"{x:g}" for x in (lo - 10, hi + 6, lo - 1, hi + 1)]


def _valid(c: Column, row: list[str], index: dict[str, int]) -> str:
    """A value that passes every rule of column c (used where a planted defect needs one)."""
    if c.values:
        return _allowed(c)[0]
    if c.type == "date":
        dates = [row[index[name]] for name in index if _is_iso_date(row[index[name]])]
        return max(dates, default="2018-06-15")
    if c.type == "year":
        return "1970"
    if c.type == "numeric":
        return "1"
    return c.example.split(", ")[0] if c.example else "unspecified"


def _is_iso_date(text: str) -> bool:
    try:
        return len(text) == 10 and date.fromisoformat(text) is not None
    except ValueError:
        return False


def _present(text: str) -> bool:
    return bool(text.strip())


def _keep_conditions(table: Table, row: list[str], touched: set[str], index: dict[str, int]) -> None:
    """Adjust untouched columns so that no required_when / forbidden_when
    finding appears besides the planted ones."""
    for c in table.columns:
        if c.name in touched:
            continue
        at = index[c.name]
        for cond, must_be_present in ((c.forbidden_when, False), (c.required_when, True)):
            if cond is None or _present(row[index[cond.column]]) != cond.when_present:
                continue
            if must_be_present and not _present(row[at]):
                row[at] = _valid(c, row, index)
            elif not must_be_present and _present(row[at]):
                row[at] = ""


# --------------------------------------------------------------------------- the answer file


@dataclass(frozen=True)
class AnswerFile:
    file: str  # relative to the submission folder, with forward slashes
    table: str
    written: Written
    fmt: str
    structural: bool


def answer_entries(files: list[AnswerFile]) -> list[dict]:
    entries = []
    for f in files:
        for located in f.written.found:
            e = located.expected
            entry = {
                "file": f.file, "table": f.table, "line": located.line, "code": e.code,
                "severity": e.severity or CODES[e.code].severity, "column": e.column, "value": e.value,
            }
            if located.byte is not None:
                entry["byte"] = located.byte
            if e.note:
                entry["note"] = e.note
            entries.append(entry)
    entries.sort(key=lambda x: (x["file"], x["line"], x["column"] or "", x["code"]))
    return entries


def write_answer(path: Path, files: list[AnswerFile], facts: dict) -> dict:
    entries = answer_entries(files)
    by_file: dict[str, Counter] = {}
    for e in entries:
        by_file.setdefault(e["file"], Counter())[e["code"]] += 1
    answer = {
        "schema": ANSWER_SCHEMA,
        **facts,
        "line_numbers": ("physical lines, 1-based, header = 1; a finding on a record is on the "
                         "line where the record starts; 0 means the file as a whole"),
        "files": [{
            "file": f.file, "table": f.table, "structural": f.structural, "format": f.fmt,
            "records": f.written.records, "lines": f.written.lines, "size": f.written.size,
        } for f in files],
        "counts": dict(sorted(Counter(e["code"] for e in entries).items())),
        "counts_by_file": {name: dict(sorted(c.items())) for name, c in sorted(by_file.items())},
        "defects": entries,
    }
    path.write_text(json.dumps(answer, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return answer
