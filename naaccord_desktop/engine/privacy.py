"""The one privacy filter: what of a result may leave the full report.

`redacted(result, pseudonymise)` is what the run history keeps, what every
shareable export shows and what the terminal prints. It is built from what the
definitions publish, never from what the file says about itself:

- a column name is kept only when the definitions name it for that table;
  any other header name (an extra column, a first data row read as the
  header, a header swallowed by a stray quote) becomes HIDDEN_COLUMN;
- patient IDs become `pseudonymise(id)`; no other cell value is kept, except
  the allowed values the definitions list (they chart the summaries);
- engine text (messages, fixes, the fallback reason, stage notes) and the
  notes of acknowledged findings (the coordinator's own words) have every
  ID, value and unknown header name the result knows replaced (but not a
  value that is a word the definitions publish: an allowed value, a bound, a
  word of a column's recommendation, which rules quote; nor a value inside
  such a word, as N inside N/A), and text still
  longer than MAX_TEXT after that gives way to the rule's title;
- file facts are the form of the file only (FileInfo), dates are counted per
  year, numbers keep only their count of invalid values.

Redacting a redacted result changes nothing (with `str` as `pseudonymise`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import fields, replace
from pathlib import PurePath

from ..definitions import load_bundled
from ..definitions.model import DefinitionSet, Table
from .codes import CODES, NA_TOKENS
from .result import FileInfo, FileResult, Finding, IdCount, PatientIds, SubmissionResult, VariableSummary
from .translation import _

Pseudonymise = Callable[[str], str]

REMOVED = "[value removed]"
HIDDEN_COLUMN = "(a column not in the definitions)"
MAX_TEXT = 600  # characters of engine text; longer text quotes more than a template would
LONG_NAME = 64  # a longer header name (or one with a line break) is broken: each of its words is hidden too


def redacted(result: SubmissionResult, pseudonymise: Pseudonymise,
             definitions: DefinitionSet | None = None) -> SubmissionResult:
    """A copy of `result` without cell values or patient IDs in the clear.
    `definitions`: the set the check used (the bundled one when not given)."""
    definitions = definitions or load_bundled()
    files = [_FileFilter(f, definitions.tables.get(f.table), pseudonymise).file() for f in result.files]
    return replace(result, files=files)


class _FileFilter:
    def __init__(self, f: FileResult, table: Table | None, pseudonymise: Pseudonymise) -> None:
        self.f = f
        columns = table.columns if table is not None else ()
        self.known = {c.name for c in columns}
        self.id_columns = {c.name for c in columns if c.type == "id"}
        self.allowed = {c.name: {v.value for v in c.values} for c in columns}
        bounds = {_plain_number(b) for c in columns if c.range for b in c.range}
        vocabulary = (self.known | bounds | set(NA_TOKENS)  # the placeholders' own message names them
                      | {v for values in self.allowed.values() for v in values}
                      | {w for c in columns for w in _DEFINITION_WORD.findall(c.recommended)})  # quoted by rules
        self.pseudonymise = pseudonymise
        self.ids = {i for i in _patient_ids(f, self.id_columns) if i}
        unknown_names = {n.strip() for n in _header_names(f) if n.strip() and n.strip() not in self.known}
        values = {v for v in _values(f) if _telling(v) and v not in vocabulary} - self.ids
        self.text = _Scrubber(self.ids, values, unknown_names, vocabulary, self._stand_in)

    def _stand_in(self, found: str, kind: str) -> str:
        if kind == "kept":
            return found
        if kind == "id":
            return self.pseudonymise(found)
        return HIDDEN_COLUMN if kind == "column" else REMOVED

    def file(self) -> FileResult:
        f = self.f
        return replace(
            f,
            path=PurePath(f.path).name,
            fallback_reason=self.text(f.fallback_reason),
            file_info=self._file_info(),
            patient_ids=self._patient_ids(),
            findings=[self._finding(x) for x in f.findings],
            summaries={k: self._summary(s) for k, s in f.summaries.items() if k in self.known},
            stages=[replace(s, note=self.text(s.note)) for s in f.stages],
        )

    def column(self, name: str | None) -> str | None:
        return name if not name or name in self.known else HIDDEN_COLUMN

    def _file_info(self) -> FileInfo:
        """The facts of the file's form; of the names it gives its columns, those the definitions know."""
        info = self.f.file_info
        return replace(info, **{f.name: [self.column(str(name).strip()) for name in getattr(info, f.name)]
                                for f in fields(info) if f.metadata.get("from_the_file")})

    def _patient_ids(self) -> PatientIds:
        ids = self.f.patient_ids
        return replace(ids, duplicates=self._id_counts(ids.duplicates), unknown=self._id_counts(ids.unknown))

    def _id_counts(self, counts: list[IdCount]) -> list[IdCount]:
        return [replace(c, id=self.pseudonymise(c.id.strip())) for c in counts]

    def _finding(self, x: Finding) -> Finding:
        if _holds_ids(x, self.id_columns):
            values = [self.pseudonymise(v.strip()) if v.strip() else "" for v in x.values]
        else:
            values = []
        message = self.text(x.message)
        if len(message) > MAX_TEXT:
            message = _title_of(x.code, self.column(x.column))
        fix = self.text(x.fix)
        noted = x.acknowledged and replace(x.acknowledged, note=self.text(x.acknowledged.note))
        return replace(x, column=self.column(x.column), message=message, values=values, hint="",
                       fix=fix if len(fix) <= MAX_TEXT else "", acknowledged=noted)

    def _summary(self, s: VariableSummary) -> VariableSummary:
        allowed = self.allowed.get(s.column, set())
        top = [] if s.column in self.id_columns else [pair for pair in s.top_values if str(pair[0]) in allowed]
        years: dict[str, int] = {}
        for month, count in s.dates.get("months", []):
            years[str(month)[:4]] = years.get(str(month)[:4], 0) + int(count)
        dates = {"invalid": s.dates["invalid"]} if "invalid" in s.dates else {}
        if years:
            dates["years"] = sorted([y, c] for y, c in years.items())
        numeric = {"invalid": s.numeric["invalid"]} if "invalid" in s.numeric else {}
        outside = [[REMOVED, count] for _value, count in s.outside_allowed]
        return replace(s, top_values=top, outside_allowed=outside, numeric=numeric, dates=dates)


def _telling(value: str) -> bool:
    """A value worth hiding in engine text: "3" or "42" alone tells nothing, and
    hiding it would garble the counts the messages hold."""
    return len(value) >= 3 or (bool(value) and not value.isdigit())


def _holds_ids(x: Finding, id_columns: set[str]) -> bool:
    return x.code.startswith("patient_id.") or x.column in id_columns


def _title_of(code: str, column: str | None) -> str:
    title = _(CODES[code].title) if code in CODES else code
    text = (_("{rule} in {column}.") if column and column != HIDDEN_COLUMN else _("{rule}.")).format(
        rule=title, column=column)
    return text[:1].upper() + text[1:]


def _patient_ids(f: FileResult, id_columns: set[str]) -> Iterable[str]:
    for entry in (*f.patient_ids.unknown, *f.patient_ids.duplicates):
        yield entry.id.strip()
    for finding in f.findings:
        if _holds_ids(finding, id_columns):
            yield from (v.strip() for v in finding.values)
    for summary in f.summaries.values():
        if summary.column in id_columns:
            yield from (str(v).strip() for v, _count in summary.top_values)


def _values(f: FileResult) -> Iterable[str]:
    for finding in f.findings:
        yield from (v.strip() for v in (*finding.values, finding.hint))
    for summary in f.summaries.values():
        for pair in (*summary.top_values, *summary.outside_allowed):
            yield str(pair[0]).strip()
        for stats in (summary.numeric, summary.dates):
            for key, v in stats.items():
                if key not in ("invalid", "months"):
                    yield _plain_number(v)


def _plain_number(v) -> str:
    return str(int(v) if isinstance(v, float) and v.is_integer() else v).strip()


def _header_names(f: FileResult) -> Iterable[str]:
    """Every name the file gave a column: its header, and what findings call a column."""
    names = [str(n) for n in f.file_info.header]
    names += [x.column for x in f.findings if x.column]
    for name in names:
        yield name
        if len(name) > LONG_NAME or "\n" in name or "\r" in name:
            yield from (word for word in _WORD.findall(name) if _telling(word))


class _Scrubber:
    """Replaces IDs, values and unknown header names inside engine text, as
    written and wherever they stand between two non-alphanumeric characters
    (so "F" is found in "line 3: F" but not in "Female"), longest first, in one
    pass (a stand-in is never replaced again). The words the definitions publish
    (`kept`) are matched too, and stand as they are: a shorter value inside one
    of them is not looked for there (the value N in the message's "N/A"). Each
    start of a word is looked up once per length in play: quick for short texts
    and hundreds of thousands of IDs."""

    def __init__(self, ids: set[str], values: set[str], columns: set[str], kept: set[str],
                 stand_in: Callable[[str, str], str]) -> None:
        self.kinds = {**dict.fromkeys(kept, "kept"), **dict.fromkeys(values, "value"),
                      **dict.fromkeys(columns, "column"), **dict.fromkeys(ids, "id")}
        self.stand_in = stand_in
        self.hides = bool(ids or values or columns)
        self.lengths = sorted({len(k) for k in self.kinds}, reverse=True)

    def __call__(self, text: str) -> str:
        if not text or not self.hides:
            return text
        out, i, copied = [], 0, 0
        while i < len(text):
            n = self._match_at(text, i) if i == 0 or not text[i - 1].isalnum() else 0
            if n:
                found = text[i:i + n]
                out += [text[copied:i], self.stand_in(found, self.kinds[found])]
                i = copied = i + n
            else:
                i += 1
        return "".join([*out, text[copied:]])

    def _match_at(self, text: str, i: int) -> int:
        for n in self.lengths:
            end = i + n
            if end <= len(text) and (end == len(text) or not text[end].isalnum()) and text[i:end] in self.kinds:
                return n
        return 0


_WORD = re.compile(r"[^\s,;|\"']+")  # a value inside a broken header name
_DEFINITION_WORD = re.compile(r"\w+")
