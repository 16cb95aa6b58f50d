"""The engine's two pipelines, as the lists of stages that run, and
`check_submission`, which runs them.

Every file starts on FAST_STAGES (or DIAGNOSTIC_STAGES when a detailed check
is asked for). When the fast load cannot take a file as it is, the file
continues on DIAGNOSTIC_STAGES from its Metadata stage; both lists end with
the same table stages. The stepper, the command line and the tests read these
lists from the "path" event, so a stage added here shows up everywhere.

Files are checked table by table. Blockers first: the patient table, then
every other table, goes up to its cross-check (the load scan reads the
patient-ID column alone, so every file's patient-ID verdict is known early);
then the other tables run to the end one after the other, and the patient
table's own rules run last.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from datetime import datetime
from pathlib import Path

import duckdb

from .. import __version__
from ..definitions.model import DefinitionSet, Severity
from . import depot_findings, diagnostic, fast, messages, reader, table_stages
from .copies import NO_LOG, SPILL, CopyLog
from .progress import Cancelled, CancelToken, ProgressCallback, Stage
from .result import CheckOptions, FileResult, Finding, PathTaken, SubmissionResult, verdict_of, worst
from .run import PATIENT_TABLE, CheckRun, FileRun, SubmissionFile, file_identity
from .runner import Runner, take_path
from .translation import N_, _

ASKED = N_("A detailed check was asked for.")

def _table_stages(rules: str) -> tuple[Stage, ...]:
    """The stages both paths end with; `rules` says which records the rules see."""
    return (
        Stage("patient_ids", N_("Patient IDs"), N_("Distinct patient IDs, and duplicates in the patient file"),
              run=table_stages.patient_ids, skip=table_stages.no_id_column, prepare=table_stages.compare_files,
              produces="the distinct IDs; for the patient table, the reference the others are compared with"),
        Stage("crosscheck", N_("Cross-check"), N_("Patient IDs that the patient file does not have"),
              run=table_stages.crosscheck_ids, skip=table_stages.crosscheck_skip,
              produces="the unknown and blank patient IDs and their counts (their lines come with the Rules)"),
        Stage("rules", N_("Rules"), rules,
              run=table_stages.rules, prepare=table_stages.scan_values,
              produces="a finding per broken rule; the summaries' statistics"),
        Stage("summaries", N_("Summaries"), N_("Statistics and charts for each variable"),
              run=table_stages.summarise, skip=table_stages.no_scalars, produces="a summary per variable"),
    )


FAST_STAGES: tuple[Stage, ...] = (
    Stage("inspect", N_("Inspect"), N_("Size, encoding, BOM, line endings, delimiter and header"),
          run=fast.inspect, produces="the head of the file; the whole-file scan, started"),
    Stage("load", N_("Load"), N_("Read every record with DuckDB as text; keep the patient IDs"),
          run=fast.load, produces="the distinct patient IDs with their row counts, the physical lines and the "
          "header match; the values scan, started beside it"),
    *_table_stages(N_("Every rule of the table definition, over the whole file")),
)
DIAGNOSTIC_STAGES: tuple[Stage, ...] = (
    Stage("metadata", N_("File metadata"),
          N_("Size, SHA-256, encoding over the whole file, BOM, line endings, delimiter"),
          run=diagnostic.metadata, produces="the encoding, line ends and delimiter"),
    Stage("structure", N_("Structure"), N_("Every record that does not fit the header, with its line"),
          run=diagnostic.structure, produces="a clean copy of the records that fit, and their physical lines"),
    Stage("tolerant_load", N_("Tolerant load"), N_("Keep the good records, count the bad ones"),
          run=diagnostic.tolerant_load, produces="the distinct patient IDs of the good records and the header match"),
    *_table_stages(N_("Every rule of the table definition, on the records that could be read")),
)
# The load scan (every thread) and the whole-file scan (one) come first; a values scan beside
# them delays the patient-ID verdict unless a core is left for it. With two threads or more, the
# next table's values scans start beside a table's rules (table_stages.scan_ahead).
SPARE_AFTER = 2
BLOCKERS_UNTIL = "crosscheck"  # every table goes this far before any table's rules run


def check_submission(
    files: list[SubmissionFile],
    definitions: DefinitionSet,
    options: CheckOptions,
    progress: ProgressCallback,
    cancel: CancelToken,
    *,
    scratch: Path,
    copies: CopyLog = NO_LOG,
) -> SubmissionResult:
    """Check `files` with `options`; DuckDB and the copies work in `scratch`,
    and `copies` is told of each copy made there and of its removal."""
    started = time.monotonic()
    submission = SubmissionResult(
        app_version=__version__,
        definitions_version=definitions.version,
        started_at=datetime.now().astimezone().isoformat(timespec="seconds"),
        options=options,
    )
    scratch.mkdir(parents=True, exist_ok=True)
    copies.made(SPILL, scratch / reader.SPILL_FOLDER)
    con = reader.connect(scratch, options.memory_limit, options.threads)
    stop_interrupting = cancel.on_cancel(con.interrupt)
    hasher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="naaccord-sha256")
    scans = (ThreadPoolExecutor(max_workers=max(options.threads - SPARE_AFTER, 1), thread_name_prefix="naaccord-values")
             if options.threads > 1 else None)
    check = CheckRun(con, options, scratch, progress, cancel, hasher, scans, options.threads > SPARE_AFTER,
                     has_patient_file=any(f.table == PATIENT_TABLE for f in files), copies=copies)
    runs = []
    for k, f in enumerate(files):
        result = FileResult(path=str(f.path), table=f.table)
        submission.files.append(result)
        runs.append(FileRun(f, definitions.table(f.table), f"f{k}", result, check))
    for run in runs:
        if options.diagnose:
            take_path(run, DIAGNOSTIC_STAGES, PathTaken.DIAGNOSTIC, _(ASKED))
        else:
            take_path(run, FAST_STAGES, PathTaken.FAST)
    groups: dict[str, list[FileRun]] = {}
    for run in sorted(runs, key=lambda r: r.file.table != PATIENT_TABLE):
        groups.setdefault(run.file.table, []).append(run)
    runner = Runner(DIAGNOSTIC_STAGES)
    try:
        patient = groups.get(PATIENT_TABLE, [])
        others = [group for table, group in groups.items() if table != PATIENT_TABLE]
        for group in [patient, *others]:
            runner.advance(group, until=BLOCKERS_UNTIL)
        for run in runs:
            if run.whole is not None:  # the fast path read it (it may be on the detailed check now)
                fast.start_digest(run)
        for k, group in enumerate(others):
            table_stages.scan_ahead(others[k + 1] if k + 1 < len(others) else patient)
            runner.advance(group)
            _forget(group)
        runner.advance(patient)
        for run in runs:
            if run.match is None:  # it stopped before its header was read (empty, not text)
                depot_findings.door(run)
            _note_if_changed(run)
    except (Cancelled, duckdb.InterruptException):  # an interrupt() that landed between two stages
        submission.cancelled = True
    finally:
        stop_interrupting()
        _take_digests(runs, told=not submission.cancelled)
        hasher.shutdown(wait=True, cancel_futures=True)
        _forget(runs)
        if scans is not None:
            scans.shutdown(wait=True, cancel_futures=True)
        con.close()
    for result in submission.files:
        result.findings.sort(key=lambda f: (list(Severity).index(f.severity), f.code))
        result.verdict = verdict_of(result.findings)
    submission.verdict = worst(r.verdict for r in submission.files)
    submission.seconds = round(time.monotonic() - started, 3)
    return submission


def _take_digests(runs: list[FileRun], told: bool) -> None:
    """Every SHA-256 read so far (after Cancel too: a receipt may still name those files).
    `told`: a file that could not be read for it, and did not change, gets a warning."""
    for run in runs:
        failed = fast.take_digest(run)
        if failed is not None and told and not any(f.code == "file.changed" for f in run.result.findings):
            text, fix = messages.not_hashed(run.file.path, failed)
            run.add(Finding.of("file.unhashed", text, fix))


def _note_if_changed(run: FileRun) -> None:
    """A file written to while it was checked: these results are not about it."""
    if run.identity is None:
        return
    try:
        now = file_identity(run.file.path)
    except OSError:
        now = None
    read = _bytes_hashed(run)
    if now != run.identity or read != run.identity[0]:
        text, fix = messages.changed(run.file.path, run.identity, now, read)
        run.add(Finding.of("file.changed", text, fix))


def _bytes_hashed(run: FileRun) -> int:
    if run.metadata is not None:
        return run.metadata.bytes_read
    if run.whole is not None and run.whole.done() and run.whole.exception() is None:
        return run.whole.result().bytes_read
    return run.identity[0]  # not read to the end: a failed stage said why


def _forget(runs: list[FileRun]) -> None:
    """Stop the values scans nobody took, drop the files' tables and delete their scratch copies."""
    for run in runs:
        if run.ahead is not None:
            run.ahead.discard()
            run.ahead = None
        with suppress(duckdb.Error):
            reader.drop(run.con, run.name)
        for path in run.temporary:
            run.discard(path)
        run.temporary.clear()
