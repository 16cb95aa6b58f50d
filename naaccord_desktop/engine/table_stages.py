"""The stages both paths end with: Patient IDs, Cross-check, Rules, Summaries.

They work on what either load left: the load scan's distinct patient IDs
(`FileRun.loaded`), the header match and the line map. Rules starts with the
values scan of every file of the table (engine/distinct.py; started while the
previous table's rules run when it can: `scan_ahead`), then runs over their
distinct values. Patient IDs and Rules look at all files of one table
together (a duplicate may span two files).
"""

from __future__ import annotations

import duckdb

from ..definitions.model import Column, Severity
from . import crosscheck, depot_findings, distinct, fast, messages, reader, summaries
from .codes import CODES
from .header import PATIENT_ID
from .lines import LineMap
from .progress import EventKind
from .result import MAX_EXAMPLES, Finding, IdCount, PathTaken, Verdict, verdict_of
from .rules import RawFinding, Rule, aggregate_pass, compile_rules, duplicate_rows, facts_for, rows_sharing_values
from .run import Done, Fallback, FileRun, StageFailed
from .translation import N_, _, counted

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
        kept = [r.loaded.patient_list for r in readable if depot_findings.patient_list_column(r) is not None]
        for run in ready:  # whether the depot refuses a patient file decides for the other tables
            fast.extra_empty_finding(run)
        check = group[0].check
        check.patient_refused = all(verdict_of(r.result.findings) == Verdict.BLOCKED for r in group)
        if readable:  # the IDs of the others are compared with what the depot keeps, even with nothing
            crosscheck.make_reference(group[0].con, kept)
            check.reference_ready = True


def no_id_column(run: FileRun) -> str:
    return "" if _has_ids(run) else _(NO_ID_COLUMN)


def patient_ids(run: FileRun) -> None:
    """Distinct IDs; in the patient file also its duplicates (over all patient files),
    from the load scan's counts (their lines come with the values scan: `place_ids`)."""
    ids = run.result.patient_ids
    ids.distinct = crosscheck.distinct_ids(run.con, run.loaded.ids)
    if run.is_patient:
        ids.duplicates = _id_counts(crosscheck.duplicate_ids(run.con, run.loaded.ids), run.line_map)
    run.emit(EventKind.PROGRESS, "patient_ids", counts={"distinct": ids.distinct, "duplicated": len(ids.duplicates)})


def _has_ids(run: FileRun) -> bool:
    return not run.stopped and run.match is not None and run.match.patient_id is not None


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


def crosscheck_ids(run: FileRun) -> Done | None:
    """CohortSubmissionDataTable.can_upload_file refuses every other table until the depot
    holds a patient file; FileUploadService.process_file_upload_secure refuses a file
    with any ID the patient list does not have, '' (a cell of spaces only) among them."""
    check = run.check
    missing = ("table.no_patient_file" if not check.has_patient_file
               else "table.patient_file_unusable" if check.patient_refused else "")
    if missing:
        text, fix = messages.table(missing, run.file.table)
        run.add(Finding.of(missing, text, fix, column=PATIENT_ID))
    if not check.reference_ready:
        return None
    groups = crosscheck.unknown_ids(run.con, run.loaded.ids)
    unknown = _id_counts([g for g in groups if g[0] != ""], run.line_map)
    blank = sum(count for value, count, _ in groups if value == "")
    ids = run.result.patient_ids
    ids.unknown = unknown
    ids.not_in_patient_file = len(unknown)
    ids.rows_with_unknown = sum(u.count for u in unknown)
    # The verdict now; the lines and values when the values scan has read them (place_ids).
    if unknown:
        text, fix = messages.value("patient_id.unknown", PATIENT_ID)
        run.add(Finding.of("patient_id.unknown", text, fix, column=PATIENT_ID, count=ids.rows_with_unknown))
    if blank:
        text, fix = messages.blank_ids(blank)
        run.add(Finding.of("patient_id.blank", text, fix, column=PATIENT_ID, count=blank))
    counts = {"unknown": ids.not_in_patient_file, "rows": ids.rows_with_unknown}
    run.emit(EventKind.PROGRESS, "crosscheck", counts=counts)
    return Done(_verdict_words(ids.not_in_patient_file, ids.rows_with_unknown, blank), counts)


def place_ids(run: FileRun) -> None:
    """The lines of the duplicated, unknown and blank IDs, from the values scan's ID column."""
    if PATIENT_ID not in run.relations or not run.check.reference_ready:
        return
    source = f"(SELECT c{run.match.patient_id} AS v, n, rs FROM {run.relations[PATIENT_ID]})"
    ids = run.result.patient_ids
    if ids.duplicates:
        ids.duplicates = _id_counts(crosscheck.duplicate_ids(run.con, source, rows=True), run.line_map)
    unknown = _finding(run, "patient_id.unknown")
    if unknown is not None:
        groups = crosscheck.unknown_ids(run.con, source, rows=True)
        ids.unknown = _id_counts([g for g in groups if g[0] != ""], run.line_map)
        pairs = sorted((line, u.id) for u in ids.unknown for line in u.lines)[:MAX_EXAMPLES]
        unknown.lines, unknown.values = [p[0] for p in pairs], [p[1] for p in pairs]
    blank = _finding(run, "patient_id.blank")
    if blank is not None:
        cells = crosscheck.blank_cells(run.con, source)
        blank.lines, blank.values = run.line_map.lines([r for r, _ in cells]), [v for _, v in cells]


def _finding(run: FileRun, code: str) -> Finding | None:
    return next((f for f in run.result.findings if f.code == code), None)


def _verdict_words(unknown: int, rows: int, blank: int) -> str:
    """The patient-ID verdict, shown as soon as it is known (before the rules run);
    `blank`: rows whose ID is made of spaces only."""
    if not unknown:
        return counted(blank, "{n} row has a patient ID of spaces only: the depot would refuse this file.",
                       "{n} rows have a patient ID of spaces only: the depot would refuse this file.") if blank \
            else _("Every patient ID is in the patient file.")
    rows_with = counted(rows, "{n} row", "{n} rows")
    if blank:
        rows_with = _("{rows}; {more}").format(rows=rows_with, more=counted(
            blank, "{n} more is spaces only", "{n} more are spaces only"))
    return counted(unknown, "{n} patient ID is not in the patient file ({rows}): the depot would refuse this file.",
                   "{n} patient IDs are not in the patient file ({rows}): the depot would refuse this file.",
                   rows=rows_with)


# --- Rules -------------------------------------------------------------------


def scan_values(group: list[FileRun]) -> None:
    """Before the rules: the values scan of each file of the table, then the
    duplicates of `unique` columns over all of them (`FileRun.uniques`)."""
    runs = [r for r in group if not r.stopped and r.match is not None]
    for run in runs:
        _scan(run)
    if any(r.late_reason and r.result.path_taken == PathTaken.FAST for r in runs):
        # The files of one table are compared with each other (duplicates, headers, the patient list):
        # they start again together on the detailed check, so each comparison sees them all.
        for run in runs:
            run.late_reason = run.late_reason or messages.checked_with_the_others()
        return
    runs = [r for r in runs if not r.late_reason]
    for col in runs[0].table.columns if runs else ():
        holders = [r for r in runs if col.unique and col.name in r.match.columns]
        if not holders:
            continue
        text, fix = messages.value("unique.duplicate", col.name)
        rule = Rule("unique.duplicate", CODES["unique.duplicate"].severity, col.name, "", True, text, fix)
        sources = [(r.relations[col.name], r.match.columns[col.name]) for r in holders]
        found = duplicate_rows(holders[0].con, sources)
        for k, (run, (count, rowids, values)) in enumerate(zip(holders, found, strict=True)):
            if count:
                hint = _also_in(holders, sources, k) if len(holders) > 1 else ""
                run.uniques.append(RawFinding(rule, count, rowids, values, hint))


def scan_ahead(group: list[FileRun]) -> None:
    """The values scans of the table whose rules come next, started while this
    table's rules run. Only of files read in one part: such a scan keeps one
    thread busy, so it leaves the others to the rules that run now."""
    for run in group:
        if (run.check.scans is not None and run.ahead is None and run.loaded is not None and run.match is not None
                and not run.stopped and run.result.size < distinct.PARTS_FROM):
            run.ahead = distinct.Ahead(run.check.scans, run.con, run.loaded,
                                       distinct.plan(run.table, run.match.columns), run.cancel)


def _scan(run: FileRun) -> None:
    """The values scan: each column's distinct values; started beside the load
    scan when there are threads to spare, or beside the previous table's rules
    (`scan_ahead`)."""
    run.facts = facts_for(run.table, run.match, tabs=run.whole is None or run.whole_file().tabs > 0)
    grouped = distinct.plan(run.table, run.match.columns)
    try:
        values = run.ahead.take(run.loaded) if run.ahead else None
        run.ahead = None
        if values is None:
            values = distinct.group_values(run.con, run.loaded, grouped, run.cancel,
                                           lambda x: run.emit(EventKind.PROGRESS, "rules", fraction=x))
        distinct.check_values(run.con, run.loaded, values, run.cancel)
    except reader.LoadFailed as exc:
        run.late_reason = exc.failure.reason
        return
    if values.quoted_rows and run.result.path_taken == PathTaken.FAST:
        run.late_reason = fast.quoted_reason(values.quoted_rows)
    run.relations = {name: distinct.relation(values, i, grouped.flags[i]) for name, i in run.facts.index.items()}


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


def rules(run: FileRun) -> Fallback | None:
    if run.late_reason and (run.result.path_taken == PathTaken.FAST
                            or run.late_reason == messages.checked_with_the_others()):
        return fast.late_fallback(run, run.late_reason)
    if run.late_reason:
        text, fix = messages.unreadable(run.late_reason)
        run.add(Finding.of("file.unreadable", text, fix))
        raise StageFailed(run.late_reason)
    place_ids(run)
    facts = run.facts
    compiled = compile_rules(run.table, facts)
    extra = summaries.scalar_aggregates(run.table, facts, set(_known_distinct(run)))
    projections = {name: facts.projection(name, relation) for name, relation in run.relations.items()}
    with reader.watched(run.con, run.cancel, None):
        found, scalars = aggregate_pass(run.con, facts, compiled, projections, extra)
        scalars.update(summaries.value_counts(run.con, run.table, facts, projections))
    run.scalars = scalars
    for raw in [*found, *run.uniques]:
        run.add(_to_finding(run, raw))
    depot_findings.range_casts(run)
    if not run.is_patient:  # a patient file's were looked for before its patient IDs (compare_files)
        fast.extra_empty_finding(run)
    _judge_missing_columns(run)
    run.emit(EventKind.PROGRESS, "rules", counts={"findings": len(found) + len(run.uniques)})
    return None


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
    empty = distinct.missing(f"c{index}")
    test = f"NOT {empty}" if condition.when_present else empty
    source = run.relations[condition.column]  # its distinct values
    return int(run.con.execute(f"SELECT coalesce(sum(n), 0) FROM {source} WHERE {test}").fetchone()[0]), where


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
