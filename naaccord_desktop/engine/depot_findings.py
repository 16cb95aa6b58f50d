"""Where both loads meet the depot: once the header is known, the file is held
against the definition's columns and against the depot's own reading of it
(engine/depot.py): the suffix and size it refuses, the patient-ID column it
looks for, the delimiter it will read the stored file with, and, for the
patient file, whether it will keep a patient list at all."""

from __future__ import annotations

from ..definitions.cohorts import cohort_group
from ..definitions.model import Severity
from . import depot, messages
from .extra_fields import ExtraEmpty
from .header import PATIENT_ID, HeaderMatch
from .inspect import separated
from .metadata import did_you_mean
from .result import MAX_EXAMPLES, Finding
from .run import FileRun
from .translation import _


def match(run: FileRun, found: HeaderMatch, header: list[str], delimiter: str) -> None:
    """Both loads end with this: `found` the header match they read the file by,
    `header` as the file writes it, `delimiter` the one it uses."""
    run.match = found
    missing = [f.column for f in run.match.findings if f.code == "header.missing_column" and f.column]
    for finding in run.match.findings:
        if finding.code == "header.extra_column" and finding.column:
            meant = did_you_mean(finding.column, missing)
            if meant:
                finding.hint = _("Did you mean {column}? That column is missing.").format(column=meant)
    run.result.findings.extend(run.match.findings)
    run.raw_header, run.delimiter = list(header), delimiter
    door(run)
    _id_column(run)
    _delimiter(run)


def patient_list_column(run: FileRun) -> int | None:
    """The column of a patient file the depot keeps its patient list from (a CNICS file
    with both sitePatientId and cohortPatientId: the site IDs); None: it keeps none,
    and the finding says why."""
    column = list_column(run, run.raw_header, run.delimiter)
    if column is not None:
        return column
    if run.delimiter != depot.submission_delimiter(run.file.path.name):
        why = _("it reads the stored file with another delimiter (see the delimiter finding).")
    else:
        why = _("its database looks for a column named exactly cohortPatientId (any capitals), and the name in "
                "this header has something around it, such as a tab.")
    text, fix = messages.no_patient_list(why)
    run.add(Finding.of("depot.no_patient_list", text, fix, column=PATIENT_ID, lines=[1]))
    return None


def list_column(run: FileRun, header: list[str], delimiter: str) -> int | None:
    """The column of `header` a patient file's patient list would be kept from (None: none,
    or not a patient file); the load scan reads it when it is not the patient-ID column."""
    return depot.universe_column(header, delimiter, run.file.path.name, _renames(run)) if run.is_patient else None


def extra_empty(found: ExtraEmpty, expected: int) -> Finding:
    """Both paths' finding for records with extra empty values: duckdb 0.10's sniffer
    (InMemoryDuckDBExtractor.extract_patient_ids_flexible) refuses the file for one among
    the rows it reads first, and drops the extra values of later ones."""
    refused = found.first_record < depot.SNIFFED_ROWS
    text, fix = messages.extra_empty(found.count, found.lines[0], expected, refused, depot.SNIFFED_ROWS)
    return Finding.of("structure.extra_empty_fields", text, fix, count=found.count, lines=found.lines,
                      severity=None if refused else Severity.ERROR)


def line_break(count: int, lines: list[int], stored: list[str]) -> Finding:
    """PHIStorageManager.convert_to_duckdb (duckdb 0.10, ignore_errors) reads a file with a
    quoted line break as if it had no quotes: the value is cut, quoted commas split rows.
    `stored`: what the depot keeps of each value, its quote included."""
    text, fix = messages.line_break(count)
    return Finding.of("depot.line_break", text, fix, count=count, lines=lines, values=stored)


def range_casts(run: FileRun) -> None:
    """VariableValidator's range check casts the column to INTEGER (duckdb 0.10): a value it
    cannot cast ('NA', '1,980', spaces only) stops the check of the whole column. Over the
    column's distinct values (`FileRun.relations`)."""
    for column in run.table.columns:
        index = run.match.columns.get(column.name)
        if column.range is None or index is None:
            continue
        c = f"c{index}"
        held = f"(SELECT * FROM {run.relations[column.name]} WHERE {uncastable(c)})"
        count = run.con.execute(f"SELECT coalesce(sum(n), 0) FROM {held}").fetchone()[0]
        if not count:
            continue
        found = run.con.execute(f"SELECT r, {c} FROM (SELECT {c}, unnest(rs) AS r FROM {held}) ORDER BY r "
                                f"LIMIT {MAX_EXAMPLES}").fetchall()
        text, fix = messages.range_cast(column.name, count)
        run.add(Finding.of("depot.range_cast", text, fix, column=column.name, count=int(count),
                           lines=run.line_map.lines([r for r, _ in found]), values=[v for _, v in found]))


def uncastable(c: str) -> str:
    """SQL: the value of column `c` is one the depot's range check cannot cast."""
    return f"{c} IS NOT NULL AND {c} <> '' AND try_cast({c} AS INTEGER) IS NULL"


def door(run: FileRun) -> None:
    """CohortSubmissionDataTable.validate_file_upload: the suffix and the size. Judged
    when a load reads the header, or at the end for a file that stopped before it."""
    name, size = run.file.path.name, run.result.size
    if depot.suffix_refused(name):
        run.add(Finding.of("file.suffix", *messages.suffix(name)))
    if depot.size_refused(size):
        run.add(Finding.of("file.too_large", *messages.too_large(size, depot.MAX_BYTES)))


def _id_column(run: FileRun) -> None:
    """The definition may find the ID column where the depot does not (a space inside its name)."""
    found = run.match.patient_id
    if found is None or depot.id_column(run.raw_header, _renames(run)) is not None:
        return
    spelled = run.raw_header[found]
    text = _("The depot looks for the patient ID column by its name, ignoring capitals and spaces around it but "
             "not inside it, so it does not find {column} and refuses the file.").format(column=repr(spelled))
    fix = _("Name the column exactly {column}.").format(column=PATIENT_ID)
    run.add(Finding.of("header.no_patient_id", text, fix,
                       column=PATIENT_ID, lines=[1]))


def _delimiter(run: FileRun) -> None:
    """PHIStorageManager.convert_to_duckdb reads the stored file with the suffix's delimiter."""
    expected = depot.submission_delimiter(run.file.path.name)
    if len(run.raw_header) < 2 or run.delimiter == expected:
        return
    text, fix = messages.other_delimiter(run.file.path.name, separated(run.delimiter), separated(expected),
                                         run.is_patient)
    run.add(Finding.of("depot.delimiter", text, fix, lines=[1]))


def _renames(run: FileRun) -> dict[str, str]:
    group = cohort_group(run.check.options.cohort) if run.check.options.cohort else None
    return dict(group.renames_for(run.table.name)) if group else {}
