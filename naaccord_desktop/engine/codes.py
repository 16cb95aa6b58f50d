"""Stable finding codes: the engine reports them, the sample generator plants
them, the GUI, reports and history count them. Never rename a code; add new ones.

Each code has a default severity (a definition may set another for
required_when / forbidden_when) and a short rule title for tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..definitions.model import Severity

BLOCKER, ERROR, WARNING = Severity.BLOCKER, Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Code:
    severity: Severity
    title: str


CODES: dict[str, Code] = {
    # The file as a whole
    "file.unreadable": Code(BLOCKER, "file cannot be read"),
    "file.empty": Code(BLOCKER, "file is empty"),
    "file.encoding": Code(BLOCKER, "not UTF-8"),
    "file.no_rows": Code(WARNING, "no data rows"),
    "file.changed": Code(ERROR, "file changed during the check"),  # the file has no verdict (result.py)
    "file.suffix": Code(BLOCKER, "file type the depot refuses"),
    "file.too_large": Code(BLOCKER, "larger than the depot takes"),
    # Structure (records that do not fit the header)
    "structure.too_many_fields": Code(BLOCKER, "too many values on a line"),
    "structure.too_few_fields": Code(BLOCKER, "too few values on a line"),
    "structure.extra_empty_fields": Code(BLOCKER, "extra empty values on a line"),  # past the sniffed rows: error
    "structure.unclosed_quote": Code(BLOCKER, "quote never closed"),
    "structure.stray_quote": Code(ERROR, "stray quote"),  # the depot keeps it in the value
    "structure.blank_line": Code(WARNING, "blank line"),
    # Header
    "header.no_patient_id": Code(BLOCKER, "no patient ID column"),
    "header.missing_column": Code(ERROR, "column missing"),
    "header.extra_column": Code(WARNING, "column not in the definition"),
    "header.case_mismatch": Code(WARNING, "column name spelled differently"),
    "header.duplicate_column": Code(ERROR, "column name used twice"),
    # The submission as a whole
    "table.no_patient_file": Code(BLOCKER, "no patient file"),
    "table.patient_file_unusable": Code(BLOCKER, "patient file cannot be used"),
    "table.header_mismatch": Code(ERROR, "files of one table disagree"),
    "table.several_patient_files": Code(ERROR, "several patient files"),  # the depot keeps the last one
    # Values
    "patient_id.unknown": Code(BLOCKER, "unknown patient"),
    "patient_id.blank": Code(BLOCKER, "patient ID of spaces only"),
    "value.missing": Code(ERROR, "value missing"),
    "value.whitespace": Code(WARNING, "spaces around value"),
    "value.na_token": Code(WARNING, "placeholder instead of a value"),
    "enum.invalid": Code(ERROR, "value not allowed"),
    "enum.case": Code(WARNING, "value spelled differently"),
    "date.invalid": Code(ERROR, "invalid date"),
    "year.invalid": Code(ERROR, "invalid year"),
    "numeric.invalid": Code(ERROR, "not a number"),
    "range.out_of_range": Code(ERROR, "out of range"),
    "unique.duplicate": Code(ERROR, "duplicate value"),
    "required_when.missing": Code(ERROR, "value required here"),
    "forbidden_when.present": Code(ERROR, "value not expected here"),
    "recommended.missing": Code(WARNING, "value recommended"),
    # What the depot accepts but stores or reads differently from the file (engine/depot.py)
    "depot.delimiter": Code(ERROR, "the depot reads another delimiter"),
    "depot.no_patient_list": Code(ERROR, "the depot keeps no patient IDs"),
    "depot.line_break": Code(ERROR, "line break inside a value"),
    "depot.range_cast": Code(ERROR, "the depot cannot check the range"),
}

# Placeholders some exports write for "no value". The depot reads them as text,
# so in a date, year or numeric column they are a warning (value.na_token),
# not a type error. Compared after trimming, ignoring case.
NA_TOKENS = ("NA", "N/A", "NULL", ".")
