"""The stages both paths end with: Patient IDs, Cross-check, Rules, Summaries.

They work on what either load left: the records as a DuckDB table
(`FileRun.loaded`), the header match and the line map. Patient IDs and Rules
look at all files of one table together (a duplicate may span two files).
"""

from __future__ import annotations

import duckdb

from ..definitions.model import Column, Severity
from . import crosscheck, depot_findings, messages, reader, summaries
from .codes import CODES
from .header import PATIENT_ID
from .lines import LineMap
from .progress import EventKind
from .result import MAX_EXAMPLES, Finding, IdCount
from .rules import (
    SPACES,
    RawFinding,
    Rule,
    aggregate_pass,
    compile_rules,
    duplicate_rows,
    facts_for,
    lit,
    rows_sharing_values,
)
from .run import FileRun
from .translation import N_, _

MAX_ID_LINES = 1000  # IDs whose example lines are listed
NO_ID_COLUMN = N_("No patient ID column.")


# --- Patient IDs -------------------------------------------------------------


def compare_files(group: list[FileRun]) -> None:
    """Before the patient IDs: the files of one table must share a header, and
    the depot keeps one patient file; for the patient table, the reference."""
    ready = [r for r in group if r.match is not None]
    for run in ready[1:]:
        if run.match.header != ready[0].match.header:
            text, fix = messages.table("table.header_mismatch", run.file.table)
            run.add(Finding.of("table.header_mismatch", text, fix, lines=[1]))
    if group and group[0].is_patient:
        if len(group) > 1:
            _several_patient_files(group)
        readable = [r for r in group if _has_ids(r)]
        kept = [(r.loaded.table, column) for r in readable
                if (column := depot_findings.patient_list_column(r)) is not None]
        check = group[0].check
        check.patient_refused = all(r.result.verdict_so_far() == "blocked" for r in group)
        if readable:  # the IDs of the others are compared with what the depot keeps, even with nothing
            crosscheck.make_reference(group[0].con, kept)
            check.reference_ready = True


def no_id_column(run: FileRun) -> str:
    return "" if _has_ids(run) else _(NO_ID_COLUMN)


def patient_ids(run: FileRun) -> None:
    """Distinct IDs; in the patient file also its duplicates (over all patient files)."""
    ids = run.result.patient_ids
    ids.distinct = crosscheck.distinct_ids(run.con, *_id_source(run))
    if run.is_patient:
        ids.duplicates = _id_counts(crosscheck.duplicate_ids(run.con, *_id_source(run)), run.line_map)
    run.emit(EventKind.PROGRESS, "patient_ids", counts={"distinct": ids.distinct, "duplicated": len(ids.duplicates)})


def _has_ids(run: FileRun) -> bool:
    return not run.stopped and run.match is not None and run.match.patient_id is not None


def _id_source(run: FileRun) -> tuple[str, int]:
    return run.loaded.table, run.match.patient_id


def _several_patient_files(group: list[FileRun]) -> None:
    """The depot keeps one patient file. Their IDs still form one reference:
    a cross-check against one file picked at random would be no truer, and
    every ID it reports is missing from all of them (the message says so)."""
    names = display_names(group)
    text, fix = messages.several_patient_files([names[r.name] for r in group])
    for run in group:
        run.add(Finding.of("table.several_patient_files", text, fix))


def display_names(runs: list[FileRun]) -> dict[str, str]:
    """Each file's name, with its folder when two files share a name."""
    names = [r.file.path.name for r in runs]
    return {r.name: r.file.path.name if names.count(r.file.path.name) == 1
            else f"{r.file.path.parent.name}/{r.file.path.name}" for r in runs}


def _id_counts(groups: list[crosscheck.IdRows], line_map: LineMap) -> list[IdCount]:
    """Every ID with its exact count; lines for the first MAX_ID_LINES IDs only
    (a wrong patient file can make every ID of a table unknown)."""
    return [IdCount(value, count, line_map.lines(rowids) if k < MAX_ID_LINES else [])
            for k, (value, count, rowids) in enumerate(groups)]


# --- Cross-check -------------------------------------------------------------


def crosscheck_skip(run: FileRun) -> str:
    if run.is_patient:
        return _("The patient file is the reference.")
    if not run.check.has_patient_file:
        return ""  # the blocker is this stage's finding
    if run.match.patient_id is None:
        return _(NO_ID_COLUMN)
    return ""


def crosscheck_ids(run: FileRun) -> None:
    """CohortSubmissionDataTable.can_upload_file refuses every other table until the depot
    holds a patient file; FileUploadService.process_file_upload_secure refuses a file
    with any ID the patient list does not have."""
    check = run.check
    missing = ("table.no_patient_file" if not check.has_patient_file
               else "table.patient_file_unusable" if check.patient_refused else "")
    if missing:
        text, fix = messages.table(missing, run.file.table)
        run.add(Finding.of(missing, text, fix, column=PATIENT_ID))
    if not check.reference_ready:
        return
    groups = crosscheck.unknown_ids(run.con, *_id_source(run))
    unknown = _id_counts([g for g in groups if g[0] != ""], run.line_map)
    ids = run.result.patient_ids
    ids.unknown = unknown
    ids.not_in_patient_file = len(unknown)
    ids.rows_with_unknown = sum(u.count for u in unknown)
    if unknown:
        pairs = sorted((line, u.id) for u in unknown for line in u.lines)[:MAX_EXAMPLES]
        text, fix = messages.value("patient_id.unknown", PATIENT_ID)
        run.add(Finding.of("patient_id.unknown", text, fix, column=PATIENT_ID, count=ids.rows_with_unknown,
                           lines=[p[0] for p in pairs], values=[p[1] for p in pairs]))
    for _blank, count, rowids in (g for g in groups if g[0] == ""):
        text, fix = messages.blank_ids(count)
        cells = crosscheck.cells(run.con, *_id_source(run), rowids)
        run.add(Finding.of("patient_id.blank", text, fix, column=PATIENT_ID, count=count,
                           lines=run.line_map.lines(rowids), values=cells))
    run.emit(EventKind.PROGRESS, "crosscheck",
             counts={"unknown": ids.not_in_patient_file, "rows": ids.rows_with_unknown})


# --- Rules -------------------------------------------------------------------


def unique_values(group: list[FileRun]) -> None:
    """Duplicates of `unique` columns, over all files of the table (`FileRun.uniques`)."""
    runs = [r for r in group if not r.stopped and r.match is not None]
    for col in runs[0].table.columns if runs else ():
        holders = [r for r in runs if col.unique and col.name in r.match.columns]
        if not holders:
            continue
        text, fix = messages.value("unique.duplicate", col.name)
        rule = Rule("unique.duplicate", CODES["unique.duplicate"].severity, col.name, "", True, text, fix)
        sources = [(r.loaded.table, r.match.columns[col.name]) for r in holders]
        found = duplicate_rows(holders[0].con, sources)
        for k, (run, (count, rowids, values)) in enumerate(zip(holders, found, strict=True)):
            if count:
                hint = _also_in(holders, sources, k) if len(holders) > 1 else ""
                run.uniques.append(RawFinding(rule, count, rowids, values, hint))


def _also_in(holders: list[FileRun], sources: list[tuple[str, int]], k: int) -> str:
    """The other files' lines that hold values of file k (a duplicate may span files)."""
    names = display_names(holders)
    others = []
    for j, other in enumerate(holders):
        if j != k:
            count, rowids = rows_sharing_values(other.con, sources[k], sources[j])
            if count:
                others.append((names[other.name], count, other.line_map.lines(rowids)))
    return messages.also_in(others) if others else ""


def rules(run: FileRun) -> None:
    facts = facts_for(run.table, run.match, tabs=run.whole is None or run.whole_file().tabs > 0)
    compiled = compile_rules(run.table, facts)
    extra = summaries.scalar_aggregates(run.table, facts, set(_known_distinct(run)))
    with reader.watched(run.con, run.cancel, lambda x: run.emit(EventKind.PROGRESS, "rules", fraction=x)):
        found, scalars = aggregate_pass(run.con, run.loaded, facts, compiled, extra)
    run.scalars, run.facts = scalars, facts
    for raw in [*found, *run.uniques]:
        run.add(_to_finding(run, raw))
    depot_findings.range_casts(run)
    _judge_missing_columns(run)
    run.emit(EventKind.PROGRESS, "rules", counts={"findings": len(found) + len(run.uniques)})


def _judge_missing_columns(run: FileRun) -> None:
    """A column the file lacks is an error only where some row of this file would need
    a value in it (value_optional, required_when); otherwise a warning."""
    for finding in run.result.findings:
        column = run.table.column(finding.column or "") if finding.code == "header.missing_column" else None
        if column is None:
            continue
        needed, where = _rows_needing(run, column)
        condition = column.required_when
        finding.severity = (condition.severity if condition else Severity.ERROR) if needed else Severity.WARNING
        finding.message, finding.fix = messages.missing_column(column.name, needed, where)


def _rows_needing(run: FileRun, column: Column) -> tuple[int, str]:
    """Rows of this file that need a value in `column`, and where, in words."""
    condition = column.required_when
    if column.always_optional:
        return 0, ""
    if condition is None:
        return run.result.rows, ""
    where = (_("where {column} is filled in") if condition.when_present else _("where {column} is empty")).format(
        column=condition.column)
    index = run.match.columns.get(condition.column)
    if index is None:  # the other column is missing too: empty everywhere
        return (0 if condition.when_present else run.result.rows), where
    c = f"c{index}"
    empty = f"({c} IS NULL OR trim({c}, {lit(SPACES)}) = '')"
    test = f"NOT {empty}" if condition.when_present else empty
    return run.con.execute(f"SELECT count(*) FROM {run.loaded.table} WHERE {test}").fetchone()[0], where


def _to_finding(run: FileRun, raw: RawFinding) -> Finding:
    rule = raw.rule
    finding = Finding(rule.code, rule.severity, rule.column, raw.count, run.line_map.lines(raw.rowids),
                      rule.message, rule.fix, values=list(raw.values))
    if rule.code == "date.invalid":
        finding.hint = _date_hint(run.con, raw.values)
    elif raw.hint:
        finding.hint = raw.hint
    return finding


def _date_hint(con: duckdb.DuckDBPyConnection, values: list[str]) -> str:
    for value in values:
        parsed = con.execute("SELECT try_cast(trim(?) AS DATE)", [value]).fetchone()[0]
        if parsed is not None:
            return _("{value} would be read as {date}").format(value=value.strip(), date=parsed.isoformat())
    return ""


# --- Summaries ---------------------------------------------------------------


def no_scalars(run: FileRun) -> str:
    return _("Not run: an earlier step could not finish.") if run.scalars is None else ""


def summarise(run: FileRun) -> None:
    run.result.summaries = summaries.complete(run.table, run.facts, run.loaded.rows, run.scalars,
                                              _known_distinct(run))


def _known_distinct(run: FileRun) -> dict[str, int]:
    """Distinct counts already known from earlier stages."""
    done = any(s.key == "patient_ids" and s.status == "done" for s in run.result.stages)
    return {PATIENT_ID: run.result.patient_ids.distinct} if done else {}
