"""Acknowledged findings: a coordinator marks a finding as known, with a short
note in their own words ("legacy IDs, agreed with the coordinating center on
2026-10-01"). The note follows the table over time: every later check of that
table shows the finding as acknowledged, and every report and the receipt
carry it. It changes no verdict: a blocker still blocks.

An acknowledgement is kept by table, rule code and column, never by value or
patient ID. The column is one the definitions name, HIDDEN_COLUMN for any
column they do not (as the privacy filter shows it), or "" for a finding
about the whole file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from ..definitions.model import DefinitionSet, Table
from .codes import CODES
from .privacy import HIDDEN_COLUMN
from .result import Acknowledged, FileResult, Finding, SubmissionResult

MAX_NOTE = 300  # characters: a short note, not a report

Key = tuple[str, str, str]  # (table, code, column)


class AcknowledgementError(ValueError):
    """Plain words: why this cannot be acknowledged."""


@dataclass(frozen=True)
class Acknowledgement:
    table: str
    code: str
    column: str
    note: str
    since: str  # ISO 8601, local time with offset

    @property
    def key(self) -> Key:
        return (self.table, self.code, self.column)


def column_key(table: Table | None, column: str | None) -> str:
    """The column a finding's acknowledgement is kept under."""
    if not column:
        return ""
    return column if table is not None and column in table.column_names else HIDDEN_COLUMN


def key_of(table_name: str, finding: Finding, definitions: DefinitionSet) -> Key:
    return (table_name, finding.code, column_key(definitions.tables.get(table_name), finding.column))


def clean_note(note: str) -> str:
    """The note on one line, spaces collapsed; refused when empty or too long."""
    text = " ".join(note.split())
    if not text:
        raise AcknowledgementError("Write a short note saying why this finding is known, so that whoever checks "
                                   "the next submission knows too.")
    if len(text) > MAX_NOTE:
        raise AcknowledgementError(f"The note is {len(text):,} characters long; keep it under {MAX_NOTE} "
                                   "(a sentence or two).")
    return text


def acknowledge(table_name: str, finding: Finding, note: str, definitions: DefinitionSet,
                since: str = "") -> Acknowledgement:
    """A new acknowledgement of `finding` of a `table_name` file."""
    table, code, column = key_of(table_name, finding, definitions)
    since = since or datetime.now().astimezone().isoformat(timespec="seconds")
    return Acknowledgement(table, code, column, clean_note(note), since)


def problem(ack: Acknowledgement, definitions: DefinitionSet) -> str:
    """Why `ack` cannot apply to these definitions, in plain words ("" when it can)."""
    table = definitions.tables.get(ack.table)
    if table is None:
        return f"there is no table type {ack.table!r} in definitions {definitions.version}"
    if ack.code not in CODES:
        return f"there is no rule with the code {ack.code!r}"
    if ack.column not in ("", HIDDEN_COLUMN, *table.column_names):
        return f"the {ack.table} table has no column {ack.column!r}"
    try:
        clean_note(ack.note)
    except AcknowledgementError as exc:
        return str(exc)
    return ""


def applied(result: SubmissionResult, acknowledgements: Iterable[Acknowledgement],
            definitions: DefinitionSet) -> SubmissionResult:
    """`result` with each finding's acknowledgement as `acknowledgements` say (and
    none where they say none): verdicts and counts are untouched."""
    by_key = {a.key: a for a in acknowledgements}
    return replace(result, files=[applied_to_file(f, by_key, definitions) for f in result.files])


def applied_to_file(f: FileResult, by_key: dict[Key, Acknowledgement], definitions: DefinitionSet) -> FileResult:
    def marked(x: Finding) -> Finding:
        ack = by_key.get(key_of(f.table, x, definitions))
        return replace(x, acknowledged=Acknowledged(ack.note, ack.since, ack.column) if ack else None)

    return replace(f, findings=[marked(x) for x in f.findings])


def merged(older: Iterable[Acknowledgement], newer: Iterable[Acknowledgement]) -> list[Acknowledgement]:
    """One acknowledgement per key: the later one wins (`newer` on a tie)."""
    out: dict[Key, Acknowledgement] = {a.key: a for a in older}
    for a in newer:
        if a.key not in out or a.since >= out[a.key].since:
            out[a.key] = a
    return sorted(out.values(), key=lambda a: a.key)
