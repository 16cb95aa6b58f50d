"""The engine's pipelines as data, and `check_submission`, which runs them.

Files are processed table by table, the patient table first (it is the
reference for every other table's patient IDs). Several files of one table
type are loaded side by side and checked as one table; every finding is
mapped back to its own file's physical lines.

The fast path hands a file over to the diagnostic path (engine/diagnostic.py)
when DuckDB cannot read every record as it is: `diagnose_file` is the seam.
"""

from __future__ import annotations

import csv
import logging
import time
import traceback
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from .. import __version__
from ..definitions.model import DefinitionSet, Table
from . import crosscheck, messages, reader, summaries
from .header import PATIENT_ID, HeaderMatch, fold, match_header
from .inspect import DELIMITER_NAMES, Head, WholeFile, read_head, scan_whole_file
from .lines import LineMap, PlacedReject, build_line_map, place_rejects
from .metadata import bad_byte, value_index
from .progress import CancelToken, Cancelled, ProgressCallback, ProgressEvent, Stage
from .result import (
    MAX_EXAMPLES,
    FileResult,
    Finding,
    IdCount,
    StageRecord,
    SubmissionResult,
    verdict_of,
    worst,
)
from .rules import (
    Facts, RawFinding, Rule, aggregate_pass, compile_rules, duplicate_rows, facts_for, rows_sharing_values,
)

_PATIENT_IDS = Stage("patient_ids", "Patient IDs", "Distinct patient IDs, and duplicates in the patient file")
_CROSSCHECK = Stage("crosscheck", "Cross-check", "Patient IDs that the patient file does not have")
_SUMMARIES = Stage("summaries", "Summaries", "Statistics and charts for each variable")
FAST_STAGES: tuple[Stage, ...] = (
    Stage("inspect", "Inspect", "Size, SHA-256, encoding, BOM, line endings, delimiter and header"),
    Stage("load", "Load", "Read every record into DuckDB as text"),
    _PATIENT_IDS,
    _CROSSCHECK,
    Stage("rules", "Rules", "Every rule of the table definition, over the whole file"),
    _SUMMARIES,
)
DIAGNOSTIC_STAGES: tuple[Stage, ...] = (
    Stage("metadata", "File metadata", "Size, SHA-256, encoding over the whole file, BOM, line endings, delimiter"),
    Stage("structure", "Structure", "Every record that does not fit the header, with its line"),
    Stage("tolerant_load", "Tolerant load", "Keep the good records, count the bad ones"),
    _PATIENT_IDS,
    _CROSSCHECK,
    Stage("rules", "Rules", "Every rule of the table definition, on the records that could be read"),
    _SUMMARIES,
)
log = logging.getLogger(__name__)

PATIENT_TABLE = "patient"
STOPPED = "Not run: an earlier step could not finish."
ASKED = "A detailed check was asked for."
MAX_ID_LINES = 1000  # IDs whose example lines are listed


@dataclass
class SubmissionFile:
    path: Path
    table: str


@dataclass
class CheckOptions:
    scratch_dir: Path
    cohort: str = ""
    diagnose: bool = False
    memory_limit: str = "1GB"  # DuckDB spills the rest to scratch_dir
    threads: int = 2


def propose_table(path: Path, definitions: DefinitionSet) -> str | None:
    """The table type a file most likely holds: by its name, then by its header.
    None for a folder; `why_unproposable` says why in plain words."""
    if path.is_dir():
        return None
    stem = "".join(ch for ch in path.stem.lower() if ch.isalnum())
    by_name = [t for t in definitions.tables if t.replace("_", "") in stem]
    if by_name:
        return max(by_name, key=len)
    try:
        header = {fold(h) for h in read_head(path).header}
    except OSError:
        return None
    best, best_score = None, 0.5
    for name, table in definitions.tables.items():
        names = {fold(c) for c in table.column_names}
        score = len(names & header) / len(names)
        if score > best_score or (score == best_score and best is not None and
                                  len(names) > len(definitions.tables[best].columns)):
            best, best_score = name, score
    return best


def why_unproposable(path: Path) -> str:
    """Plain words for a file whose table type `propose_table` could not tell."""
    try:
        head = read_head(path)
    except OSError as exc:
        return messages.cannot_open(path, exc, during=False)[0]
    if head.size == 0:
        return f"{path.name} is empty, so its header cannot tell which table it holds."
    if head.binary:
        return f"{path.name} is not a text file: it looks like {head.binary}."
    if not any(h.strip() for h in head.header):
        return f"{path.name} has no header line, so it cannot tell which table it holds."
    return (f"Neither the name nor the header of {path.name} matches a table: fewer than half of any "
            "table's columns are in its header. Choose its table type yourself.")


@dataclass
class FileRun:
    """One file's state while the pipeline runs (the diagnostic path works on it too)."""

    file: SubmissionFile
    table: Table
    name: str  # SQL name of its loaded table
    result: FileResult
    con: duckdb.DuckDBPyConnection
    options: CheckOptions
    progress: ProgressCallback
    cancel: CancelToken
    stages: tuple[Stage, ...] = FAST_STAGES
    head: Head | None = None
    whole: Future | None = None
    loaded: reader.Loaded | None = None
    placed: list[PlacedReject] = field(default_factory=list)
    match: HeaderMatch | None = None
    line_map: LineMap | None = None
    facts: Facts | None = None
    scalars: dict | None = None  # the summaries' share of the rules pass
    stopped: bool = False  # nothing more can be checked in this file

    def emit(self, kind: str, stage: str = "", **kw) -> None:
        self.progress(ProgressEvent(file=str(self.file.path), kind=kind, stage=stage, **kw))

    def whole_file(self) -> WholeFile:
        assert self.whole is not None
        return self.whole.result()

    def add(self, finding: Finding) -> None:
        self.result.findings.append(finding)


class StageFailed(Exception):
    """A stage cannot go on, for a reason already reported as a finding (the message says it)."""


@contextmanager
def stage(run: FileRun, key: str) -> Iterator[None]:
    """Emit start/done/failed/cancelled around one stage and record it.
    An unexpected error fails the stage (in plain words) and stops the file."""
    run.cancel.raise_if_cancelled()
    start = time.monotonic()
    run.emit("start", key)
    try:
        yield
    except StageFailed as exc:
        seconds = time.monotonic() - start
        run.emit("failed", key, message=str(exc), seconds=seconds)
        run.result.stages.append(StageRecord(key, "failed", seconds, str(exc)))
        run.stopped = True
    except Exception as exc:  # noqa: BLE001 - a file nobody foresaw must not crash the run
        seconds = time.monotonic() - start
        if isinstance(exc, Cancelled) or run.cancel.cancelled:  # interrupt() surfaces as a DuckDB error
            run.emit("cancelled", key, seconds=seconds)
            run.result.stages.append(StageRecord(key, "cancelled", seconds))
            raise Cancelled() from None
        if isinstance(exc, OSError):
            note, fix = messages.cannot_open(run.file.path, exc, during=True)
        else:  # the exception's text may quote the file's values: the log gets its kind and frames only
            log.error("Stage %s stopped on %s:\n%s", key, type(exc).__name__,
                      "".join(traceback.format_tb(exc.__traceback__)))
            note, fix = messages.app_problem()
        run.emit("failed", key, message=note, seconds=seconds)
        run.result.stages.append(StageRecord(key, "failed", seconds, note))
        run.add(Finding("file.unreadable", "blocker", None, 1, [], note, fix))
        run.stopped = True
    else:
        seconds = time.monotonic() - start
        run.emit("done", key, seconds=seconds)
        run.result.stages.append(StageRecord(key, "done", seconds))


def check_submission(
    files: list[SubmissionFile],
    definitions: DefinitionSet,
    options: CheckOptions,
    progress: ProgressCallback,
    cancel: CancelToken,
) -> SubmissionResult:
    started = time.monotonic()
    submission = SubmissionResult(
        app_version=__version__,
        definitions_version=definitions.version,
        cohort=options.cohort,
        started_at=datetime.now().astimezone().isoformat(timespec="seconds"),
    )
    options.scratch_dir.mkdir(parents=True, exist_ok=True)
    con = reader.connect(options.scratch_dir, options.memory_limit, options.threads)
    stop_interrupting = cancel.on_cancel(con.interrupt)
    hasher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="naaccord-sha256")
    runs = []
    for k, f in enumerate(files):
        result = FileResult(path=str(f.path), table=f.table)
        submission.files.append(result)
        runs.append(FileRun(f, definitions.table(f.table), f"f{k}", result, con, options,
                            progress, cancel))
    for run in runs:
        if options.diagnose:
            _choose_diagnostic(run, ASKED)
        else:
            run.emit("path", stages=run.stages, message="Fast path")
    groups: dict[str, list[FileRun]] = {}
    for run in sorted(runs, key=lambda r: r.file.table != PATIENT_TABLE):
        groups.setdefault(run.file.table, []).append(run)
    has_patient_file = PATIENT_TABLE in groups
    reference_ready = False  # the patient IDs could be read from the patient file
    try:
        # Blockers first: every table's patient IDs are checked before the
        # patient table's own rules, which run last while it stays loaded.
        for table_name, group in groups.items():
            for run in group:
                _inspect_and_load(run, hasher)
            _check_group_headers(group)
            if table_name == PATIENT_TABLE and len(group) > 1:
                _several_patient_files(group)
            _patient_ids(group, table_name == PATIENT_TABLE)
            if table_name == PATIENT_TABLE:
                reference_ready = bool(_id_sources(group))
            for run in group:
                _crosscheck(run, has_patient_file, reference_ready, table_name == PATIENT_TABLE)
            if table_name != PATIENT_TABLE:
                _rules_and_summaries(group)
        if has_patient_file:
            _rules_and_summaries(groups[PATIENT_TABLE])
    except Cancelled:
        submission.cancelled = True
    finally:
        stop_interrupting()
        hasher.shutdown(wait=True, cancel_futures=True)
        for run in runs:  # closing with a table still in a database file would write it out first
            with suppress(duckdb.Error):
                reader.drop(con, run.loaded, run.name)
        con.close()
    for result in submission.files:
        result.findings.sort(key=lambda f: (("blocker", "error", "warning").index(f.severity), f.code))
        result.verdict = verdict_of(result.findings)
    submission.verdict = worst(r.verdict for r in submission.files)
    submission.seconds = round(time.monotonic() - started, 3)
    return submission


def _rules_and_summaries(group: list[FileRun]) -> None:
    uniques = _unique_values(group)
    for run in group:
        _rules(run, uniques.get(run.name, []))
        _summaries(run)
    for run in group:
        reader.drop(run.con, run.loaded, run.name)


def _inspect_and_load(run: FileRun, hasher: ThreadPoolExecutor) -> None:
    if run.options.diagnose:
        _run_diagnostic(run, ASKED)
    else:
        _fast_inspect_and_load(run, hasher)
    if not run.stopped and run.result.rows == 0:
        text, fix = messages.no_rows()
        run.add(Finding("file.no_rows", messages.severity("file.no_rows"), None, 1, [], text, fix))


def _fast_inspect_and_load(run: FileRun, hasher: ThreadPoolExecutor) -> None:
    result = run.result
    with stage(run, "inspect"):
        try:
            run.head = read_head(run.file.path)
        except OSError as exc:
            text, fix = messages.cannot_open(run.file.path, exc, during=False)
            run.add(Finding("file.unreadable", "blocker", None, 1, [], text, fix))
            raise StageFailed(text) from None
        result.size = run.head.size
        if run.head.binary:
            text, fix = messages.not_text(run.head.binary)
            run.add(Finding("file.unreadable", "blocker", None, 1, [], text, fix))
            raise StageFailed(text)
        result.file_info = run.head.info()
        run.whole = hasher.submit(scan_whole_file, run.file.path, run.cancel, codec=run.head.encoding)
        run.emit("progress", "inspect", message=_head_message(run.head), counts={"bytes": run.head.size})
    if run.stopped:
        _skip(run, "load", STOPPED)
        return
    failure = None
    with stage(run, "load"):
        try:
            _load(run, longest=0)
            whole = run.whole_file()
            if whole.longest_line >= run.loaded.max_line_size:  # DuckDB may have dropped it without a word
                reader.drop(run.con, run.loaded, run.name)
                _load(run, longest=whole.longest_line)
        except reader.LoadFailed as exc:
            failure = exc.failure
        whole = run.whole_file()
        result.sha256 = whole.sha256
        result.file_info["line_endings"] = whole.line_endings
        result.file_info["encoding"] = "utf-8" if whole.utf8_valid else "not utf-8"
        if failure is None:
            assert run.loaded is not None
            run.placed = place_rejects(run.file.path, run.loaded.rejects, whole)
            result.rows = run.loaded.rows + len(run.placed)
            result.file_info["read_as"] = run.loaded.encoding
            run.emit("progress", "load", fraction=1.0, counts={"rows": result.rows})
    if run.stopped:
        return
    _encoding_finding(run, whole)
    run.match = match_header(run.head.header, run.table, run.options.cohort)
    result.findings.extend(run.match.findings)
    if failure is not None:
        diagnose_file(run, failure.reason)
    elif run.placed:
        diagnose_file(run, _fallback_reason(run))
    elif whole.lone_cr:
        diagnose_file(run, "Lines end with a lone carriage return (old Mac style), which the fast "
                           "reader cannot number.")
    elif run.loaded.quoted_rows:
        diagnose_file(run, f"{run.loaded.quoted_rows:,} rows have a double quote inside a value, which can "
                           "be written in ways other programs read differently; the detailed check looks at each.")
    else:
        try:
            run.line_map = build_line_map(run.con, run.file.path, run.loaded, run.head.header_lines, whole,
                                          run.cancel)
        except OSError as exc:  # blank lines are looked up in the file itself
            text, fix = messages.cannot_open(run.file.path, exc, during=True)
            run.add(Finding("file.unreadable", "blocker", None, 1, [], text, fix))
            run.stopped = True
            return
        if run.line_map.lines_read(run.loaded.rows) < whole.physical_lines:
            diagnose_file(run, "Some lines were not read by the fast reader (a record longer than it can "
                               "take?), so the detailed check reads every line.")
            return
        _blank_line_finding(run, whole)


def _load(run: FileRun, longest: int) -> None:
    run.loaded = reader.load_csv(run.con, run.file.path, run.head, run.name, run.options.scratch_dir, run.cancel,
                                 lambda x: run.emit("progress", "load", fraction=x), longest)


def _blank_line_finding(run: FileRun, whole: WholeFile) -> None:
    """Empty lines between records (those at the very end are harmless)."""
    blanks = set(run.line_map.blank_lines)
    end = whole.physical_lines
    while end in blanks:
        end -= 1
    inner = sorted(b for b in blanks if b < end)
    if inner:
        text, fix = messages.structure("structure.blank_line", len(run.head.header))
        run.add(Finding("structure.blank_line", messages.severity("structure.blank_line"), None,
                        len(inner), inner[:MAX_EXAMPLES], text, fix, values=[""] * min(len(inner), MAX_EXAMPLES)))


def _head_message(head: Head) -> str:
    return (f"{len(head.header)} columns, {DELIMITER_NAMES.get(head.delimiter, head.delimiter)}-separated"
            + (", with a byte order mark" if head.bom else ""))


def _encoding_finding(run: FileRun, whole: WholeFile) -> None:
    if whole.first_bad_byte is None:
        return
    line, offset = whole.first_bad_byte
    try:
        bad = bad_byte(run.file.path, line, offset)
        index = value_index(run.file.path, offset, run.head.delimiter)
    except OSError as exc:
        text, fix = messages.cannot_open(run.file.path, exc, during=True)
        run.add(Finding("file.unreadable", "blocker", None, 1, [], text, fix))
        run.stopped = True
        return
    header = run.head.header
    column = header[index].strip() if index is not None and index < len(header) else ""
    text, fix = messages.encoding(line, bad.byte, bad.char, bad.guess_title, "Latin-1", column)
    run.add(Finding("file.encoding", "blocker", None, 1, [line], text, fix,
                    values=[f"0x{bad.byte:02X} ({bad.char})"]))


REJECT_WORDS = {  # DuckDB's error types, as the fallback reason names them
    "TOO MANY COLUMNS": "more values than the header",
    "MISSING COLUMNS": "fewer values than the header",
    "UNQUOTED VALUE": "a misplaced or unclosed quote",
}


def _fallback_reason(run: FileRun) -> str:
    kinds: dict[str, int] = {}
    for p in run.placed:
        words = REJECT_WORDS.get(p.reject.kind, "a value the reader could not take")
        kinds[words] = kinds.get(words, 0) + 1
    parts = ", ".join(f"{n:,} with {words}" for words, n in kinds.items())
    n = len(run.placed)
    return (f"{n:,} record{'s' if n != 1 else ''} could not be read as {'they are' if n != 1 else 'it is'} ({parts}; "
            f"the first on line {run.placed[0].line}), so the detailed check takes over.")


def diagnose_file(run: FileRun, reason: str) -> None:
    """Hand a file over to the diagnostic path: the one seam to engine/diagnostic.py.

    Emits the "path" event with DIAGNOSTIC_STAGES and `reason`, then calls
    `run_diagnostic(run, reason)`, which runs the metadata / structure /
    tolerant_load stages and leaves the readable records as table run.name in
    run.loaded, their lines in run.line_map, the header match in run.match and
    its findings in run.result (or sets run.stopped). The shared stages
    (patient IDs, cross-check, rules, summaries) follow."""
    _choose_diagnostic(run, reason)
    _run_diagnostic(run, reason)


def _choose_diagnostic(run: FileRun, reason: str) -> None:
    run.stages = DIAGNOSTIC_STAGES
    run.result.path_taken = "diagnostic"
    run.result.fallback_reason = reason
    run.emit("path", stages=DIAGNOSTIC_STAGES, message=reason)


def _run_diagnostic(run: FileRun, reason: str) -> None:
    from .diagnostic import run_diagnostic  # it imports this module

    run_diagnostic(run, reason)


def _check_group_headers(group: list[FileRun]) -> None:
    ready = [r for r in group if r.match is not None]
    for run in ready[1:]:
        if run.match.header != ready[0].match.header:
            text, fix = messages.table("table.header_mismatch", run.file.table)
            run.add(Finding("table.header_mismatch", "error", None, 1, [1], text, fix))


def _several_patient_files(group: list[FileRun]) -> None:
    """The depot keeps one patient file. Their IDs still form one reference:
    a cross-check against one file picked at random would be no truer, and
    every ID it reports is missing from all of them (the message says so)."""
    names = _display_names(group)
    text, fix = messages.several_patient_files([names[r.name] for r in group])
    for run in group:
        run.add(Finding("table.several_patient_files", "blocker", None, 1, [], text, fix))


def _display_names(runs: list[FileRun]) -> dict[str, str]:
    """Each file's name, with its folder when two files share a name."""
    names = [r.file.path.name for r in runs]
    return {r.name: r.file.path.name if names.count(r.file.path.name) == 1
            else f"{r.file.path.parent.name}/{r.file.path.name}" for r in runs}


def _id_sources(group: list[FileRun]) -> list[FileRun]:
    return [r for r in group if not r.stopped and r.match is not None and r.match.patient_id is not None]


def _patient_ids(group: list[FileRun], is_patient: bool) -> None:
    """Distinct IDs per file; for the patient files also the reference set
    (over all of them: a duplicate may span two files) and its duplicates."""
    runs = _id_sources(group)
    for run in group:
        if run not in runs:
            _skip(run, "patient_ids", STOPPED if run.stopped else "No patient ID column.")
    for run in runs:
        with stage(run, "patient_ids"):
            ids = run.result.patient_ids
            if is_patient and run is runs[0]:
                total = crosscheck.make_reference(
                    run.con, [_id_source(r) for r in runs], [i for r in runs for i in _ids_in_rejects(r)])
            ids.distinct = total if is_patient and len(runs) == 1 else crosscheck.distinct_ids(
                run.con, *_id_source(run))
            if is_patient:
                ids.duplicates = _id_counts(crosscheck.duplicate_ids(run.con, *_id_source(run)), run.line_map)
            run.emit("progress", "patient_ids", counts={"distinct": ids.distinct,
                                                        "duplicated": len(ids.duplicates)})


def _id_source(run: FileRun) -> tuple[str, int]:
    return run.loaded.table, run.match.patient_id


def _skip(run: FileRun, key: str, why: str) -> None:
    run.emit("skipped", key, message=why)
    run.result.stages.append(StageRecord(key, "skipped", 0.0, why))


def _ids_in_rejects(run: FileRun) -> list[str]:
    """Patient IDs on rejected records, so other tables do not call them unknown."""
    out = []
    index = run.match.patient_id
    for p in run.placed:
        for line in p.reject.csv_line.strip("\r\n").splitlines():
            fields = next(csv.reader([line], delimiter=run.head.delimiter), [])
            if len(fields) > index:
                out.append(fields[index])
    return out


def _id_counts(groups: list[crosscheck.IdRows], line_map: LineMap) -> list[IdCount]:
    """Every ID with its exact count; lines for the first MAX_ID_LINES IDs only
    (a wrong patient file can make every ID of a table unknown)."""
    return [IdCount(value, count, line_map.lines(rowids) if k < MAX_ID_LINES else [])
            for k, (value, count, rowids) in enumerate(groups)]


def _crosscheck(run: FileRun, has_patient_file: bool, reference_ready: bool, is_patient: bool) -> None:
    if run.stopped:
        _skip(run, "crosscheck", STOPPED)
        return
    if is_patient:
        _skip(run, "crosscheck", "The patient file is the reference.")
        return
    if not has_patient_file:
        with stage(run, "crosscheck"):
            text, fix = messages.table("table.no_patient_file", run.file.table)
            run.add(Finding("table.no_patient_file", "blocker", PATIENT_ID, 1, [], text, fix))
        return
    if run.match.patient_id is None:
        _skip(run, "crosscheck", "No patient ID column.")
        return
    if not reference_ready:
        _skip(run, "crosscheck", "The patient file could not be read, so this file's patient IDs were not "
                                 "compared with it.")
        return
    with stage(run, "crosscheck"):
        unknown = _id_counts(crosscheck.unknown_ids(run.con, *_id_source(run)), run.line_map)
        ids = run.result.patient_ids
        ids.unknown = unknown
        ids.not_in_patient_file = len(unknown)
        ids.rows_with_unknown = sum(u.count for u in unknown)
        if unknown:
            pairs = sorted((line, u.id) for u in unknown for line in u.lines)[:MAX_EXAMPLES]
            text, fix = messages.value("patient_id.unknown", PATIENT_ID)
            run.add(Finding("patient_id.unknown", "blocker", PATIENT_ID, ids.rows_with_unknown,
                            [p[0] for p in pairs], text, fix, values=[p[1] for p in pairs]))
        run.emit("progress", "crosscheck", counts={"unknown": ids.not_in_patient_file,
                                                   "rows": ids.rows_with_unknown})


def _unique_values(group: list[FileRun]) -> dict[str, list[RawFinding]]:
    """Duplicates of `unique` columns, over all files of the group."""
    runs = [r for r in group if not r.stopped and r.match is not None]
    out: dict[str, list[RawFinding]] = {r.name: [] for r in runs}
    for col in runs[0].table.columns if runs else ():
        holders = [r for r in runs if col.unique and col.name in r.match.columns]
        if not holders:
            continue
        text, fix = messages.value("unique.duplicate", col.name)
        rule = Rule("unique.duplicate", "error", col.name, "", True, text, fix)
        sources = [(r.loaded.table, r.match.columns[col.name]) for r in holders]
        found = duplicate_rows(holders[0].con, sources)
        for k, (run, (count, rowids, values)) in enumerate(zip(holders, found, strict=True)):
            if count:
                hint = _also_in(holders, sources, k) if len(holders) > 1 else ""
                out[run.name].append(RawFinding(rule, count, rowids, values, hint))
    return out


def _also_in(holders: list[FileRun], sources: list[tuple[str, int]], k: int) -> str:
    """The other files' lines that hold values of file k (a duplicate may span files)."""
    names = _display_names(holders)
    others = []
    for j, other in enumerate(holders):
        if j != k:
            count, rowids = rows_sharing_values(other.con, sources[k], sources[j])
            if count:
                others.append((names[other.name], count, other.line_map.lines(rowids)))
    return messages.also_in(others) if others else ""


def _rules(run: FileRun, uniques: list[RawFinding]) -> None:
    if run.stopped:
        _skip(run, "rules", STOPPED)
        return
    with stage(run, "rules"):
        facts = facts_for(run.table, run.match, tabs=run.whole is None or run.whole_file().tabs > 0)
        rules = compile_rules(run.table, facts)
        extra = summaries.scalar_aggregates(run.table, facts, set(_known_distinct(run)))
        with reader.watched(run.con, run.cancel, lambda x: run.emit("progress", "rules", fraction=x)):
            found, scalars = aggregate_pass(run.con, run.loaded, facts, rules, extra)
        run.scalars, run.facts = scalars, facts
        for raw in [*found, *uniques]:
            run.add(_to_finding(run, raw))
        run.emit("progress", "rules", counts={"findings": len(found) + len(uniques)})


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
            return f"{value.strip()} would be read as {parsed.isoformat()}"
    return ""


def _summaries(run: FileRun) -> None:
    if run.stopped or run.scalars is None:
        _skip(run, "summaries", STOPPED)
        return
    with stage(run, "summaries"):
        run.result.summaries = summaries.complete(run.table, run.facts, run.loaded.rows, run.scalars,
                                                  _known_distinct(run))


def _known_distinct(run: FileRun) -> dict[str, int]:
    """Distinct counts already known from earlier stages."""
    done = any(s.key == "patient_ids" and s.status == "done" for s in run.result.stages)
    return {PATIENT_ID: run.result.patient_ids.distinct} if done else {}
