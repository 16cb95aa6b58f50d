"""Stable finding codes: the engine reports them, the sample generator plants
them, the GUI, reports and history count them. Never rename a code; add new ones.

Each code has a default severity (a definition may set another for
required_when / forbidden_when) and a short rule title for tables (in English: words.rule_title translates it).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..definitions.model import Severity
from .translation import N_

BLOCKER, ERROR, WARNING = Severity.BLOCKER, Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Code:
    severity: Severity
    title: str


CODES: dict[str, Code] = {
    # The file as a whole
    "file.unreadable": Code(BLOCKER, N_("file cannot be read")),
    "file.empty": Code(BLOCKER, N_("file is empty")),
    "file.encoding": Code(BLOCKER, N_("not UTF-8")),
    "file.no_rows": Code(WARNING, N_("no data rows")),
    "file.changed": Code(ERROR, N_("file changed during the check")),  # the file has no verdict (result.py)
    "file.unhashed": Code(WARNING, N_("no SHA-256 fingerprint")),  # read for its hash after the rules: failed
    "file.suffix": Code(BLOCKER, N_("file type the depot refuses")),
    "file.too_large": Code(BLOCKER, N_("larger than the depot takes")),
    # Structure (records that do not fit the header)
    "structure.too_many_fields": Code(BLOCKER, N_("too many values on a line")),
    "structure.too_few_fields": Code(BLOCKER, N_("too few values on a line")),
    "structure.extra_empty_fields": Code(BLOCKER, N_("extra empty values on a line")),  # past the sniffed rows: error
    "structure.unclosed_quote": Code(BLOCKER, N_("quote never closed")),
    "structure.stray_quote": Code(ERROR, N_("stray quote")),  # the depot keeps it in the value
    "structure.blank_line": Code(WARNING, N_("blank line")),
    # Header
    "header.no_patient_id": Code(BLOCKER, N_("no patient ID column")),
    "header.missing_column": Code(ERROR, N_("column missing")),
    "header.extra_column": Code(WARNING, N_("column not in the definition")),
    "header.case_mismatch": Code(WARNING, N_("column name spelled differently")),
    "header.duplicate_column": Code(ERROR, N_("column name used twice")),
    # The submission as a whole
    "table.no_patient_file": Code(BLOCKER, N_("no patient file")),
    "table.patient_file_unusable": Code(BLOCKER, N_("patient file cannot be used")),
    "table.header_mismatch": Code(ERROR, N_("files of one table disagree")),
    "table.several_patient_files": Code(ERROR, N_("several patient files")),  # the depot keeps the last one
    # Values
    "patient_id.unknown": Code(BLOCKER, N_("unknown patient")),
    "patient_id.blank": Code(BLOCKER, N_("patient ID of spaces only")),
    "value.missing": Code(ERROR, N_("value missing")),
    "value.whitespace": Code(WARNING, N_("spaces around value")),
    "value.na_token": Code(WARNING, N_("placeholder instead of a value")),
    "enum.invalid": Code(ERROR, N_("value not allowed")),
    "enum.case": Code(WARNING, N_("value spelled differently")),
    "date.invalid": Code(ERROR, N_("invalid date")),
    "year.invalid": Code(ERROR, N_("invalid year")),
    "numeric.invalid": Code(ERROR, N_("not a number")),
    "range.out_of_range": Code(ERROR, N_("out of range")),
    "unique.duplicate": Code(ERROR, N_("duplicate value")),
    "required_when.missing": Code(ERROR, N_("value required here")),
    "forbidden_when.present": Code(ERROR, N_("value not expected here")),
    "recommended.missing": Code(WARNING, N_("value recommended")),
    # What the depot accepts but stores or reads differently from the file (engine/depot.py)
    "depot.delimiter": Code(ERROR, N_("the depot reads another delimiter")),
    "depot.no_patient_list": Code(ERROR, N_("the depot keeps no patient IDs")),
    "depot.line_break": Code(ERROR, N_("line break inside a value")),
    "depot.range_cast": Code(ERROR, N_("the depot cannot check the range")),
}

# Placeholders some exports write for "no value". The depot reads them as text,
# so in a date, year or numeric column they are a warning (value.na_token),
# not a type error. Compared after trimming, ignoring case.
NA_TOKENS = ("NA", "N/A", "NULL", ".")
