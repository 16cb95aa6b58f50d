"""Header vs definition: which file column holds which definition column."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..definitions.model import Severity, Table
from . import messages
from .depot import PATIENT_ID
from .result import Finding


@dataclass
class HeaderMatch:
    header: list[str]  # the file's header after any cohort renames
    columns: dict[str, int] = field(default_factory=dict)  # definition column -> file column index
    renamed: dict[str, str] = field(default_factory=dict)  # {file name: definition name}
    findings: list[Finding] = field(default_factory=list)

    @property
    def patient_id(self) -> int | None:
        return self.columns.get(PATIENT_ID)


def fold(name: str) -> str:
    """A column name with case and every space removed."""
    return "".join(name.split()).casefold()


def match_header(header: list[str], table: Table, cohort: str = "") -> HeaderMatch:
    renamed: dict[str, str] = {}
    if cohort:
        from ..definitions.cohorts import rename_header

        header, renamed = rename_header(list(header), cohort, table.name)
    match = HeaderMatch(header=list(header), renamed=renamed)
    exact: dict[str, int] = {}
    folded: dict[str, int] = {}
    seen: dict[str, int] = {}
    for i, name in enumerate(header):
        if name in seen:
            match.findings.append(_finding("header.duplicate_column", name))
            continue
        seen[name] = i
        exact.setdefault(name, i)
        folded.setdefault(fold(name), i)
    used: set[int] = set()
    for column in table.columns:
        i = exact.get(column.name)
        if i is None:
            i = folded.get(fold(column.name))
            if i is not None and i not in used:
                match.findings.append(_finding("header.case_mismatch", column.name, header[i]))
            else:
                i = None
        if i is None or i in used:
            match.findings.append(_missing(column.name, column.always_optional))
            continue
        match.columns[column.name] = i
        used.add(i)
    for i, name in enumerate(header):
        if i not in used and seen.get(name) == i:
            match.findings.append(_finding("header.extra_column", name))
    return match


def _finding(code: str, column: str, value: str | None = None) -> Finding:
    text, fix = messages.header(code, column, value)
    return Finding.of(code, text, fix, column=column, lines=[1], values=[value if value is not None else column])


def _missing(column: str, optional: bool) -> Finding:
    code = "header.no_patient_id" if column == PATIENT_ID else "header.missing_column"
    severity = Severity.WARNING if optional and code == "header.missing_column" else None
    text, fix = messages.header(code, column, None)
    return Finding.of(code, text, fix, column=column, lines=[1], values=[""], severity=severity)
