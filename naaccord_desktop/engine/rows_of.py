"""Every row of a finding, found again in its file.

A result keeps only the first MAX_EXAMPLES lines of each finding. To list
every row, the file is loaded again the way its check loaded it (the same
stages, so the same physical lines), and each finding's rule is evaluated
once more over all the rows, each record read again from the file in file
order (`Loaded.numbered`), not over distinct values: the rule's own SQL for the value rules, the
same comparisons for duplicates and unknown or blank patient IDs (against
the patient list the depot would keep), the depot's range casts, a full
structure scan for records that do not fit the header (the fast path's own
reading for extra empty values and line breaks). Findings about the file as
a whole (header, encoding, the submission) have no rows. The copies made in
the scratch folder are told to `copies`, as a check tells them.

No Qt: a progress callback (0..1) and a cancel token, like every long
engine call. The caller checks the counts against the result's: a file that
changed since its check gives other rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb

from ..definitions.model import DefinitionSet
from . import crosscheck, depot_findings, distinct, fast, reader
from .copies import NO_LOG, SPILL, CopyLog
from .extra_fields import extra_empty_records
from .pipeline import DIAGNOSTIC_STAGES, FAST_STAGES
from .progress import CancelToken, ProgressEvent
from .result import CheckOptions, FileResult, Finding, PathTaken
from .rules import compile_rules, facts_for, trimmed
from .run import PATIENT_TABLE, CheckRun, FileRun, SubmissionFile
from .runner import Runner, take_path
from .structure import EXTRA_EMPTY, LINE_BREAK, STRAY, TOO_FEW, TOO_MANY, UNCLOSED, scan_structure

RULE_CODES = frozenset({
    "value.missing", "value.whitespace", "value.na_token", "enum.invalid", "enum.case", "date.invalid",
    "year.invalid", "numeric.invalid", "range.out_of_range", "required_when.missing", "forbidden_when.present",
    "recommended.missing",
})
STRUCTURE_CODES = frozenset({TOO_MANY, TOO_FEW, EXTRA_EMPTY, UNCLOSED, STRAY, LINE_BREAK})
ID_CODES = frozenset({"patient_id.unknown", "patient_id.blank"})
ROW_CODES = RULE_CODES | STRUCTURE_CODES | ID_CODES | {"unique.duplicate", "depot.range_cast"}
FAST_LOAD = FAST_STAGES[:2]  # Inspect, Load
DIAGNOSTIC_LOAD = DIAGNOSTIC_STAGES[:3]  # File metadata, Structure, Tolerant load

Key = tuple[str, str | None]  # (finding code, column)


class RowsNotFound(Exception):
    """The rows cannot be found again; the message says why, in plain words."""


def has_rows(finding: Finding) -> bool:
    """True for a finding about rows (not about the file as a whole)."""
    return finding.code in ROW_CODES


def key(finding: Finding) -> Key:
    return finding.code, finding.column


def rows_of(checked: FileResult, findings: list[Finding], definitions: DefinitionSet, options: CheckOptions,
            progress: Callable[[float], None], cancel: CancelToken, *, scratch: Path,
            patient_files: Sequence[Path] = (), same_table: Sequence[Path] = (),
            copies: CopyLog = NO_LOG) -> dict[Key, list[int]]:
    """The physical line of every row of each of `findings` (of the file
    `checked`), in line order. `patient_files`: the submission's patient
    files (for unknown IDs); `same_table`: the other files checked as one
    table with it (a duplicate may span them); neither holds `checked`.
    Raises RowsNotFound, Cancelled."""
    wanted = [f for f in findings if has_rows(f)]
    target = SubmissionFile(Path(checked.path), checked.table)
    others = [SubmissionFile(p, checked.table) for p in same_table]
    if any(f.code in ID_CODES for f in wanted) and checked.table != PATIENT_TABLE:
        others += [SubmissionFile(p, PATIENT_TABLE) for p in patient_files]
    diagnostic = checked.path_taken == PathTaken.DIAGNOSTIC
    with _loaded([target, *others], definitions, options, progress, cancel, scratch, diagnostic, copies) as runs:
        run = runs[0]
        _same_file(run, checked)
        found: dict[Key, list[int]] = {}
        for k, finding in enumerate(wanted):
            found[key(finding)] = _lines(run, runs, finding)
            progress(0.9 + 0.1 * (k + 1) / len(wanted))
        return found


@contextmanager
def _loaded(files: list[SubmissionFile], definitions: DefinitionSet, options: CheckOptions,
            progress: Callable[[float], None], cancel: CancelToken, scratch: Path,
            diagnostic: bool, copies: CopyLog) -> Iterator[list[FileRun]]:
    """The files loaded as their check loaded them (the first one on the
    diagnostic stages when its check took them), in one DuckDB connection."""
    scratch.mkdir(parents=True, exist_ok=True)
    copies.made(SPILL, scratch / reader.SPILL_FOLDER)
    con = reader.connect(scratch, options.memory_limit, options.threads)
    hasher = ThreadPoolExecutor(max_workers=2, thread_name_prefix="naaccord-sha256")  # the first file's hash too
    position = {str(f.path): k for k, f in enumerate(files)}

    def loading(event: ProgressEvent) -> None:
        if event.fraction is not None:
            progress(0.9 * (position.get(event.file, 0) + event.fraction) / len(files))

    check = CheckRun(con, options, scratch, loading, cancel, hasher,
                     has_patient_file=any(f.table == PATIENT_TABLE for f in files), copies=copies)
    runs = [FileRun(f, definitions.table(f.table), f"f{k}", FileResult(str(f.path), f.table), check)
            for k, f in enumerate(files)]
    try:
        for k, run in enumerate(runs):
            if k == 0 and diagnostic:
                take_path(run, DIAGNOSTIC_LOAD, PathTaken.DIAGNOSTIC)
            else:
                take_path(run, FAST_LOAD, PathTaken.FAST)
        if not diagnostic:  # the detailed check reads its SHA-256 as it reads every byte
            fast.start_digest(runs[0])
        Runner(DIAGNOSTIC_LOAD).advance(runs)
        yield runs
    finally:
        hasher.shutdown(wait=True, cancel_futures=True)
        for run in runs:
            with suppress(duckdb.Error):
                reader.drop(con, run.name)
        con.close()
        for run in runs:
            for path in run.temporary:
                run.discard(path)


def _same_file(run: FileRun, checked: FileResult) -> None:
    name = run.file.path.name
    if run.loaded is None or run.match is None:
        raise RowsNotFound(f"{name} could not be read again ({_why(run)}). Check it again, then export its rows.")
    failed = fast.take_digest(run)
    if failed is not None:
        raise RowsNotFound(f"{name} could not be read again ({failed.strerror or failed}). Check it again, "
                           "then export its rows.")
    if checked.sha256 and run.result.sha256 != checked.sha256:
        raise RowsNotFound(f"{name} has changed since it was checked; check it again before exporting its rows.")


def _why(run: FileRun) -> str:
    failed = [s.note for s in run.result.stages if s.status == "failed" and s.note]
    return failed[0].rstrip(".") if failed else "it could not be opened"


def _lines(run: FileRun, runs: list[FileRun], finding: Finding) -> list[int]:
    code = finding.code
    if code in STRUCTURE_CODES:
        return _structure_lines(run, code)
    if code in ID_CODES:
        rowids = _unknown_ids(run, [r for r in runs[1:] if r.is_patient], blank=code == "patient_id.blank")
    elif code == "depot.range_cast":
        column = f"c{run.match.columns[finding.column]}"
        rowids = _rowids(run, f"SELECT r FROM {run.loaded.numbered(column)} WHERE "
                              f"{depot_findings.uncastable(column)} ORDER BY r")
    elif code == "unique.duplicate":
        rowids = _duplicates(run, [r for r in runs if r.file.table == run.file.table], finding.column)
    else:
        rowids = _rule_rows(run, finding)
    return run.line_map.lines(rowids)


def _rule_rows(run: FileRun, finding: Finding) -> list[int]:
    facts = facts_for(run.table, run.match)
    rule = next((r for r in compile_rules(run.table, facts) if (r.code, r.column) == key(finding)), None)
    if rule is None:
        raise RowsNotFound(f"The rule of this finding no longer applies to {run.file.path.name}; check it again.")
    i = facts.index[rule.column]
    flags = distinct.plan(run.table, run.match.columns).flags[i]  # the other columns' missingness it reads
    records = run.loaded.numbered(", ".join([f"c{i}", *(f"{distinct.missing(f'c{j}')} AS m{j}" for j in flags)]))
    return _rowids(run, f"SELECT r FROM {facts.projection(rule.column, records)} WHERE {rule.cond} ORDER BY r")


def _duplicates(run: FileRun, group: list[FileRun], column: str | None) -> list[int]:
    holders = [r for r in group if r.loaded is not None and r.match is not None and column in r.match.columns]
    union = " UNION ALL ".join(f"SELECT v FROM {r.loaded.numbered(trimmed(f'c{r.match.columns[column]}') + ' AS v')}"
                               for r in holders)
    value = trimmed(f"c{run.match.columns[column]}")
    return _rowids(run, f"SELECT r FROM {run.loaded.numbered(value + ' AS v')} WHERE v IN "
                        f"(SELECT v FROM ({union}) WHERE v <> '' GROUP BY v HAVING count(*) > 1) ORDER BY r")


def _unknown_ids(run: FileRun, patients: list[FileRun], blank: bool) -> list[int]:
    """Against the patient list the depot would keep, as the check's Cross-check stage."""
    readable = [p for p in patients if p.loaded is not None and p.match is not None and p.match.patient_id is not None]
    if not readable or run.match.patient_id is None:
        raise RowsNotFound("The patient file could not be read again, so the unknown IDs cannot be found.")
    kept = [p.loaded.patient_list for p in readable if depot_findings.patient_list_column(p) is not None]
    crosscheck.make_reference(run.con, kept)
    records = run.loaded.numbered(f"c{run.match.patient_id} AS v")
    with reader.watched(run.con, run.cancel, None):
        return crosscheck.unknown_rowids(run.con, records, blank=blank)


def _rowids(run: FileRun, sql: str) -> list[int]:
    with reader.watched(run.con, run.cancel, None):
        return [r for (r,) in run.con.execute(sql).fetchall()]


def _structure_lines(run: FileRun, code: str) -> list[int]:
    """Structure problems are found by the diagnostic path's scan, here keeping
    every line; on the fast path, line breaks and extra empty values as it finds them."""
    meta = run.metadata
    if meta is None and code == LINE_BREAK:
        return run.line_map.lines(run.line_map.multi_line_records())
    if meta is None and code == EXTRA_EMPTY:
        head, loaded = run.head, run.loaded
        return extra_empty_records(run.con, run.file.path, head.delimiter, loaded.encoding, len(head.header),
                                   head.header_lines, loaded.max_line_size, run.cancel, examples=None).lines
    if meta is None:
        return []  # the fast path read every other record: none of these
    if meta.wide:
        raise RowsNotFound(f"{run.file.path.name} is saved as {meta.encoding_title}; its rows cannot be "
                           "copied byte for byte. Save it as UTF-8 and check it again.")
    report = scan_structure(run.file.path, delimiter=meta.delimiter, quote=meta.quote, skip_bytes=meta.bom_length,
                            cancel=run.cancel, examples=None)
    return [e.line for e in report.tallies[code].examples]
