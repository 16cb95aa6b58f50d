"""The rules reference: every rule a check applies, in plain words, read from
a definition set (so an imported newer set shows its own rules).

A column's rules are the ones the engine compiles for it (engine/rules.py),
plus the checks made over the whole table (duplicates, patient IDs) and the
header; each is said with its code's title (engine/codes.py) and a sentence of
what it means. Rules about a whole file (structure, encoding, the header, the
submission) are listed once, for every table. Help > Rules, the workbook's
Rules sheet and `naaccord-desktop definitions --html` read this.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..definitions.model import Column, DefinitionSet, Table
from ..engine.codes import CODES, ERROR, NA_TOKENS, WARNING
from ..engine.header import HeaderMatch
from ..engine.rules import compile_rules, facts_for
from ..engine.translation import N_, _
from .words import severity_label

TYPE_WORDS = {"id": N_("patient ID"), "string": N_("text"), "enum": N_("one of a list"), "boolean": N_("yes / no"),
              "date": N_("date (YYYY-MM-DD)"), "year": N_("year (4 digits)"), "numeric": N_("number")}

# What each rule about a whole file means; a code listed here has no column.
FILE_RULES = {
    "file.unreadable": "The file must be a text file the app can open and read to the end.",
    "file.empty": "The file must hold at least its header line.",
    "file.encoding": "The file must be saved as UTF-8; the depot refuses any other encoding.",
    "file.no_rows": "A file with a header and no data rows has nothing to check (a warning).",
    "file.changed": ("The file must not change while it is checked; if it does, it gets no verdict "
                     "and no receipt."),
    "file.unhashed": ("A file the app could not read again for its SHA-256 fingerprint, after checking it, "
                      "keeps its verdict but gets no receipt (a warning)."),
    "file.suffix": "The file name must end in .csv, .tsv or .txt (any capitals); the depot refuses any other.",
    "file.too_large": "The depot refuses a file above 3 GB; split such a table into several files.",
    "structure.too_many_fields": "Every line must have as many values as the header has columns, not more.",
    "structure.too_few_fields": "Every line must have as many values as the header has columns, not fewer.",
    "structure.extra_empty_fields": ("A line must not end with more values than the header, even empty ones: "
                                     "the depot refuses such a line among the first 20,480 rows."),
    "structure.unclosed_quote": "A quote that opens a value must close it; the depot refuses most such files.",
    "structure.stray_quote": ("A quote may only stand around a whole value; a quote inside a quoted value "
                              "is written twice (\"\"). The depot keeps a stray quote in the value."),
    "structure.blank_line": "Empty lines between records are skipped (a warning).",
    "header.no_patient_id": "The header must have a cohortPatientId column; the depot refuses the file otherwise.",
    "header.extra_column": "A column the definition does not list is not checked (a warning).",
    "header.case_mismatch": ("A column name that differs from the definition only in capitals or spaces "
                             "is accepted, with a warning."),
    "header.duplicate_column": "Every column name may appear only once in the header.",
    "table.no_patient_file": ("Every table other than the patient table needs the patient file in the same "
                              "submission; the depot refuses it otherwise."),
    "table.patient_file_unusable": ("The patient file must be readable and have its patient ID column; "
                                    "otherwise the depot refuses the other tables too."),
    "table.header_mismatch": "Several files of one table must have the same header.",
    "table.several_patient_files": "A submission has one patient file; the depot keeps only the last one.",
    "depot.delimiter": ("The depot reads a .tsv file with tabs and any other with commas; a file with another "
                        "delimiter is stored as one column."),
    "depot.no_patient_list": ("The depot keeps its patient list from a column named exactly cohortPatientId "
                              "(any capitals); otherwise it refuses every other table's IDs."),
    "depot.line_break": ("A value should hold no line break: the depot cuts the value there, and drops rows "
                         "whose quoted values hold a comma."),
}


@dataclass(frozen=True)
class RuleEntry:
    """One rule: for `column` of `table`, or ("", "") for every file."""

    table: str
    column: str
    code: str
    severity: str
    title: str  # the code's title, as every view names it
    meaning: str


def column_rules(table: Table, column: Column) -> list[RuleEntry]:
    """The rules the engine applies to `column`, in the order it checks them."""
    match = HeaderMatch(header=list(table.column_names), columns={c: i for i, c in enumerate(table.column_names)})
    compiled = [r for r in compile_rules(table, facts_for(table, match)) if r.column == column.name]
    found = [("header.missing_column", WARNING if column.always_optional else ERROR)]
    found += [(r.code, r.severity) for r in compiled]
    if column.unique:
        found.append(("unique.duplicate", CODES["unique.duplicate"].severity))
    if column.must_exist_in:
        found += [(code, CODES[code].severity) for code in ("patient_id.unknown", "patient_id.blank")]
    if column.range:
        found.append(("depot.range_cast", CODES["depot.range_cast"].severity))
    return [RuleEntry(table.name, column.name, code, str(severity), CODES[code].title,
                      _meaning(code, column))
            for code, severity in found]


def table_rules(table: Table) -> list[RuleEntry]:
    return [rule for column in table.columns for rule in column_rules(table, column)]


def file_rules() -> list[RuleEntry]:
    return [RuleEntry("", "", code, str(CODES[code].severity), CODES[code].title, meaning)
            for code, meaning in FILE_RULES.items()]


def reference_rules(definitions: DefinitionSet, tables: Iterable[str] | None = None) -> list[RuleEntry]:
    """The rules of every file, then those of each table named (all when None) that the set defines."""
    names = list(definitions.tables) if tables is None else list(dict.fromkeys(tables))
    return file_rules() + [rule for name in names if name in definitions.tables
                           for rule in table_rules(definitions.tables[name])]


def presence(column: Column) -> str:
    """Whether a cell of `column` may be empty, in words."""
    if column.presence_is_conditional:
        return "depends on other columns (see its rules)"
    return "optional: may be empty" if column.optional else "required: may not be empty"


def type_words(column: Column | str) -> str:
    """A column's type (or a type's name), in words."""
    kind = column if isinstance(column, str) else column.type
    return _(TYPE_WORDS[kind]) if kind in TYPE_WORDS else kind


def severity_words(severity: str) -> str:
    return severity_label(severity)


def _meaning(code: str, c: Column) -> str:
    kind = {"date": "date", "year": "year"}.get(c.type, "number")
    listed = ", ".join(v.value for v in c.values if v.value.strip())
    if code in ("required_when.missing", "forbidden_when.present"):
        cond = c.required_when if code == "required_when.missing" else c.forbidden_when
        state = "filled in" if cond.when_present else "empty"
        if code == "required_when.missing":
            return f"A value is required on rows where {cond.column} is {state}."
        return f"The cell must be empty on rows where {cond.column} is {state}."
    texts = {
        "header.missing_column": _missing_column(c),
        "value.whitespace": "Spaces or tabs before or after a value; it is compared without them.",
        "value.missing": "Every row needs a value here; an empty or blank cell is an error.",
        "value.na_token": (f"{', '.join(NA_TOKENS[:-1])} or {NA_TOKENS[-1]} written instead of a {kind}: "
                           "the depot keeps them as text. Leave the cell empty where the value is unknown "
                           "(if it may be empty)."),
        "enum.invalid": f"The value must be one of: {listed}.",
        "enum.case": "A value that matches an allowed one except for capitals or spaces.",
        "date.invalid": "A real calendar date written YYYY-MM-DD, such as 2020-01-15.",
        "year.invalid": "A year written with four digits, such as 1975.",
        "numeric.invalid": "A plain number such as 12 or 4.5: no units, currency signs or thousands separators.",
        "range.out_of_range": (f"The number must be between {c.range[0]:g} and {c.range[1]:g}, both included."
                               if c.range else ""),
        "recommended.missing": f"Recommended: {c.recommended}",
        "unique.duplicate": "Each value may appear only once in the table (over all its files).",
        "patient_id.unknown": (f"Every value must be a {c.must_exist_in.column} of the {c.must_exist_in.table} "
                               "file; the depot refuses the file otherwise." if c.must_exist_in else ""),
        "patient_id.blank": ("A cell of spaces only is an ID the depot cannot find in any patient file, so it "
                             "refuses the file; an empty cell is no ID." if c.must_exist_in else ""),
        "depot.range_cast": ("The depot's range check reads every value as a whole number: one it cannot read "
                             "(NA, a comma) stops the check of the column." if c.range else ""),
    }
    return texts[code]


def _missing_column(c: Column) -> str:
    if c.always_optional:
        return "The column may be left out of the header, with a warning."
    if c.presence_is_conditional:
        return ("The header must have this column where some row needs a value in it; "
                "otherwise leaving it out is a warning.")
    return "The header must have this column."
