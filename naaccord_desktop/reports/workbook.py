"""The Excel workbook report (.xlsx, written with XlsxWriter; no Excel needed):
Summary, Files, Findings, Details (one row per example line and value) and
Rules (every rule of the tables checked, with what it means).

Full and shareable from one writer, as the HTML report: the shareable
workbook renders the result as `engine/privacy.py` redacts it (pseudonyms, no
cell values), the full one holds patient IDs and values and is written 0600.
Every cell is written as what it is: text as text, counts as numbers. Text
that starts with =, +, - or @ is marked as text (quote prefix), never a formula.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath

import xlsxwriter

from ..definitions import load_bundled
from ..definitions.model import DefinitionSet
from ..engine.copies import FULL_WORKBOOK, NO_LOG, CopyLog
from ..engine.privacy import redacted
from ..engine.result import FileResult, Finding, SubmissionResult
from ..engine.translation import _
from .files import save
from .html import Pseudonym, ReportError
from .rules_reference import presence, reference_rules, severity_words, type_words
from .words import (
    NOT_CHECKED_SHORT,
    SEVERITY_ORDER,
    human_size,
    rule_title,
    submission_findings_sentence,
    submission_sentence,
    verdict_label,
)

FORMULA_STARTS = ("=", "+", "-", "@")
MAX_CELL = 32_767  # characters Excel keeps in one cell
LINE_HEIGHT = 15  # points per line of text, the default row's height
MAX_LINES = 27  # a row is at most 409 points high
CHARS_PER_WIDTH = 1.2  # characters of text per unit of column width (the width of a digit)
FULL_NOTE = ("Full workbook: it contains patient IDs and cell values. Keep it on this computer; to send "
             "results to someone, save the shareable workbook instead.")
SHAREABLE_NOTE = ("Shareable workbook: patient IDs are replaced by pseudonyms and no cell values are shown: "
                  "counts, line numbers and rule names only.")
FILL = {"blocker": "#F4C7C3", "error": "#FCE1C8", "warning": "#FFF2B3",  # severities
        "blocked": "#F4C7C3", "ready": "#FCE1C8", "clean": "#CDEBD6", "none": "#E3E5E8"}  # verdicts
STYLES = {
    "header": {"bold": True, "bg_color": "#DDE3EC", "bottom": 1, "text_wrap": True},
    "text": {},
    "wrap": {"text_wrap": True},
    "code": {"font_name": "Consolas"},
    "num": {"num_format": "#,##0_)"},  # _) keeps a space after the number
    "title": {"bold": True, "font_size": 14},
}


@dataclass(frozen=True)
class Filled:
    """A cell with a background colour (a key of FILL)."""

    value: object
    fill: str


@dataclass(frozen=True)
class Col:
    title: str
    width: int
    style: str = "text"


def write_workbook(result: SubmissionResult, path: Path, *, shareable: bool = False,
                   pseudonym: Pseudonym | None = None, definitions: DefinitionSet | None = None,
                   options: Mapping[str, str] | None = None, copies: CopyLog = NO_LOG) -> Path:
    """Write the workbook to `path` (replaced whole, never left half-written);
    the full one is reported to `copies`."""
    data = workbook_bytes(result, shareable=shareable, pseudonym=pseudonym, definitions=definitions,
                          options=options)
    return save(path, data, ReportError, "The workbook", copies=copies, kind="" if shareable else FULL_WORKBOOK)


def workbook_bytes(result: SubmissionResult, *, shareable: bool = False, pseudonym: Pseudonym | None = None,
                   definitions: DefinitionSet | None = None, options: Mapping[str, str] | None = None) -> bytes:
    """The .xlsx file. `pseudonym` (the install's Secrets.pseudonym) is required
    for the shareable workbook; given to the full one, it adds the pseudonym of
    each patient ID so both can be matched."""
    definitions = definitions or load_bundled()
    twin = None
    if shareable:
        if pseudonym is None:
            raise ValueError("The shareable workbook needs the pseudonym function of this install.")
        result = redacted(result, pseudonym, definitions)
    elif pseudonym is not None:
        twin = redacted(result, pseudonym, definitions)
    buffer = io.BytesIO()
    book = _Book(buffer)
    _Sheets(book, result, twin, shareable, definitions, options or {}).write()
    book.close()
    return buffer.getvalue()


class _Book:
    """An XlsxWriter workbook with one format per (style, fill, quoted)."""

    def __init__(self, buffer: io.BytesIO) -> None:
        self.book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                                 "strings_to_formulas": False, "strings_to_urls": False})
        self.formats: dict[tuple, object] = {}

    def close(self) -> None:
        self.book.close()

    def format(self, style: str, fill: str = "", quoted: bool = False):
        key = (style, fill, quoted)
        if key not in self.formats:
            props = {"valign": "top", **STYLES[style]}
            if fill:
                props["bg_color"] = FILL[fill]
            if quoted:
                props["quote_prefix"] = True
            self.formats[key] = self.book.add_format(props)
        return self.formats[key]

    def table(self, name: str, columns: list[Col], rows: list[list], *, autofilter: bool = True):
        """A sheet: a frozen header row, then `rows`; printed landscape, one page wide."""
        sheet = self.book.add_worksheet(name)
        for c, col in enumerate(columns):
            sheet.set_column(c, c, col.width)
            sheet.write_string(0, c, col.title, self.format("header"))
        sheet.set_row(0, LINE_HEIGHT * _lines([c.title for c in columns], columns, every=True))
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row):
                self.cell(sheet, r, c, value, columns[c].style)
            height = _lines([v.value if isinstance(v, Filled) else v for v in row], columns)
            if height > 1:  # set, as no spreadsheet is bound to fit wrapped rows itself
                sheet.set_row(r, LINE_HEIGHT * height)
        sheet.freeze_panes(1, 0)
        if autofilter:
            sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0)
        return sheet

    def cell(self, sheet, r: int, c: int, value, style: str) -> None:
        fill = ""
        if isinstance(value, Filled):
            value, fill = value.value, value.fill
        if isinstance(value, int | float) and not isinstance(value, bool):
            sheet.write_number(r, c, value, self.format("num", fill))
            return
        text = "" if value is None else str(value)
        if len(text) > MAX_CELL:
            text = text[:MAX_CELL - 1] + "…"
        sheet.write_string(r, c, text, self.format(style, fill, text.startswith(FORMULA_STARTS)))


class _Sheets:
    def __init__(self, book: _Book, result: SubmissionResult, twin: SubmissionResult | None, shareable: bool,
                 definitions: DefinitionSet, options: Mapping[str, str]) -> None:
        self.book = book
        self.result = result
        self.twin = twin  # the redacted result, for the full workbook's pseudonyms
        self.shareable = shareable
        self.definitions = definitions
        self.options = options

    def write(self) -> None:
        self.book.book.set_properties({
            "title": "NA-ACCORD precheck " + ("shareable workbook" if self.shareable else "workbook"),
            "comments": SHAREABLE_NOTE if self.shareable else FULL_NOTE,
        })
        self.summary()
        self.files()
        self.findings()
        self.details()
        self.rules()

    def summary(self) -> None:
        r = self.result
        acknowledged = sum(1 for f in r.files for x in f.findings if x.acknowledged)
        verdict = Filled(submission_sentence(r), "none" if r.cancelled else r.verdict)
        rows = [
            ["Report", SHAREABLE_NOTE if self.shareable else FULL_NOTE],
            ["Submission verdict", verdict],
            ["Findings", submission_findings_sentence(r)],
            ["Acknowledged findings", acknowledged],
            ["Files", len(r.files)],
            ["Cohort", r.cohort or "none chosen"],
            ["Checked at", r.started_at.replace("T", " ")[:19] or "unknown"],
            ["Run time", f"{r.seconds:.1f} s"],
            ["Finished", "no, the check was cancelled" if r.cancelled else "yes"],
            ["App version", r.app_version],
            ["Definitions version", r.definitions_version],
            *([str(k), str(v)] for k, v in self.options.items()),
            ["Made by", f"NA-ACCORD Desktop Precheck {r.app_version} on this computer; "
                        "nothing was sent over the network."],
        ]
        self.book.table("Summary", [Col("Item", 24), Col("Value", 100, "wrap")], rows, autofilter=False)

    def files(self) -> None:
        columns = [Col("File", 28), Col("Table", 22), Col("Bytes", 14, "num"), Col("Size", 10),
                   Col("SHA-256", 68, "code"), Col("Rows", 12, "num"), Col("Checked by", 16),
                   Col("Verdict", 16), Col("Blocks upload", 9, "num"), Col("Errors", 9, "num"),
                   Col("Warnings", 10, "num"), Col("Acknowledged", 13, "num")]
        rows = []
        for f in self.result.files:
            c = f.counts_by_severity()
            finished = f.finished(self.result.cancelled)
            verdict = Filled(verdict_label(f.verdict), f.verdict) if finished else Filled(_(NOT_CHECKED_SHORT), "none")
            rows.append([_name(f.path), f.table, f.size, human_size(f.size), f.sha256 or "not computed", f.rows,
                         "line by line" if f.path_taken == "diagnostic" else "fast path", verdict,
                         c["blocker"], c["error"], c["warning"], sum(1 for x in f.findings if x.acknowledged)])
        self.book.table("Files", columns, rows)

    def findings(self) -> None:
        columns = [Col("File", 20), Col("Table", 14), Col("Severity", 13), Col("Rule", 18, "wrap"),
                   Col("Code", 20, "code"), Col("Column", 18), Col("Rows", 8, "num"), Col("First lines", 18, "wrap"),
                   Col("What is wrong", 48, "wrap"), Col("How to fix", 36, "wrap"), Col("Hint", 22, "wrap"),
                   Col("Acknowledged", 30, "wrap")]
        rows = [[_name(f.path), f.table, Filled(severity_words(x.severity), x.severity), rule_title(x), x.code,
                 x.column or "(whole file)", x.count, ", ".join(f"{n:,}" for n in x.lines), x.message, x.fix,
                 x.hint, _acknowledgement(x)]
                for f, x in self._findings(self.result)]
        self.book.table("Findings", columns, rows)

    def details(self) -> None:
        value_title = "Value (patient IDs as pseudonyms, no other values)" if self.shareable else "Value in the file"
        columns = [Col("File", 24), Col("Table", 18), Col("Severity", 14), Col("Rule", 24, "wrap"),
                   Col("Code", 22, "code"), Col("Column", 20), Col("Line", 10, "num"), Col(value_title, 40, "wrap")]
        if self.twin is not None:
            columns.append(Col("Pseudonym", 22, "code"))
        found = self._findings(self.result)
        twins = [x for _f, x in self._findings(self.twin)] if self.twin else [None] * len(found)
        rows = []
        for (f, x), twin in zip(found, twins, strict=True):
            for i in range(max(len(x.lines), len(x.values))):
                row = [_name(f.path), f.table, Filled(severity_words(x.severity), x.severity), rule_title(x),
                       x.code, x.column or "(whole file)", x.lines[i] if i < len(x.lines) else "",
                       x.values[i] if i < len(x.values) else ""]
                if twin is not None:
                    row.append(twin.values[i] if i < len(twin.values) else "")
                rows.append(row)
        self.book.table("Details", columns, rows)

    def rules(self) -> None:
        columns = [Col("Table", 18), Col("Column", 22), Col("Type", 16), Col("Empty cells", 22, "wrap"),
                   Col("Allowed values", 30, "wrap"), Col("Severity", 14), Col("Rule", 24, "wrap"),
                   Col("Code", 28, "code"), Col("What it means", 70, "wrap")]
        rows = []
        for rule in reference_rules(self.definitions, (f.table for f in self.result.files)):
            column = self.definitions.tables[rule.table].column(rule.column) if rule.column else None
            facts = (["", "", ""] if column is None else
                     [type_words(column), presence(column), ", ".join(v.value for v in column.values if v.value)])
            rows.append([rule.table or "(every file)", rule.column or "(whole file)", *facts,
                         Filled(severity_words(rule.severity), rule.severity), rule.title, rule.code, rule.meaning])
        self.book.table("Rules", columns, rows)

    @staticmethod
    def _findings(result: SubmissionResult) -> list[tuple[FileResult, Finding]]:
        """Each file's findings in the submission's order, the worst and largest first."""
        return [(f, x) for f in result.files
                for x in sorted(f.findings, key=lambda x: (SEVERITY_ORDER.index(x.severity), -x.count))]


def _lines(values: list, columns: list[Col], every: bool = False) -> int:
    """About how many lines the wrapped cells of a row take (`every`: all its
    cells wrap); a column is `width` characters wide."""
    most = 1
    for value, col in zip(values, columns, strict=True):
        if every or col.style == "wrap":
            text = "" if value is None else str(value)
            per_line = max(int(col.width * CHARS_PER_WIDTH), 1)
            most = max(most, sum(-(-len(part) // per_line) or 1 for part in text.split("\n")))
    return min(most, MAX_LINES)


def _acknowledgement(x: Finding) -> str:
    if not x.acknowledged:
        return ""
    return f"★ {x.acknowledged.note} ({x.acknowledged.since[:10]})"


def _name(path: str) -> str:
    return PurePath(path).name or path
