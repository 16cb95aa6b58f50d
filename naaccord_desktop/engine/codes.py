"""Stable finding codes: the engine reports them, the sample generator plants
them, the GUI, reports and history count them. Never rename a code; add new ones.

Each code has a default severity (a definition may set another for
required_when / forbidden_when) and a short rule title for tables.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    severity: str  # "blocker" | "error" | "warning"
    title: str


CODES: dict[str, Code] = {
    # The file as a whole
    "file.unreadable": Code("blocker", "file cannot be read"),
    "file.empty": Code("blocker", "file is empty"),
    "file.encoding": Code("blocker", "not UTF-8"),
    "file.no_rows": Code("warning", "no data rows"),
    # Structure (records that do not fit the header)
    "structure.too_many_fields": Code("blocker", "too many values on a line"),
    "structure.too_few_fields": Code("blocker", "too few values on a line"),
    "structure.unclosed_quote": Code("blocker", "quote never closed"),
    "structure.stray_quote": Code("blocker", "stray quote"),
    "structure.blank_line": Code("warning", "blank line"),
    # Header
    "header.no_patient_id": Code("blocker", "no patient ID column"),
    "header.missing_column": Code("error", "column missing"),
    "header.extra_column": Code("warning", "column not in the definition"),
    "header.case_mismatch": Code("warning", "column name spelled differently"),
    "header.duplicate_column": Code("error", "column name used twice"),
    # The submission as a whole
    "table.no_patient_file": Code("blocker", "no patient file"),
    "table.header_mismatch": Code("error", "files of one table disagree"),
    "table.several_patient_files": Code("blocker", "several patient files"),
    # Values
    "patient_id.unknown": Code("blocker", "unknown patient"),
    "value.missing": Code("error", "value missing"),
    "value.whitespace": Code("warning", "spaces around value"),
    "value.na_token": Code("warning", "placeholder instead of a value"),
    "enum.invalid": Code("error", "value not allowed"),
    "enum.case": Code("warning", "value spelled differently"),
    "date.invalid": Code("error", "invalid date"),
    "year.invalid": Code("error", "invalid year"),
    "numeric.invalid": Code("error", "not a number"),
    "range.out_of_range": Code("error", "out of range"),
    "unique.duplicate": Code("error", "duplicate value"),
    "required_when.missing": Code("error", "value required here"),
    "forbidden_when.present": Code("error", "value not expected here"),
    "recommended.missing": Code("warning", "value recommended"),
}

# Placeholders some exports write for "no value". The depot reads them as text,
# so in a date, year or numeric column they are a warning (value.na_token),
# not a type error. Compared after trimming, ignoring case.
NA_TOKENS = ("NA", "N/A", "NULL", ".")
