"""The one stage runner: both paths, every stage, the same events and the same
containment.

A stage that raises fails that stage of that file only: `StageFailed` after
the stage reported why as a finding, an OSError in plain words about the file
(or the scratch folder), anything else as "a problem in the app" with its kind
and frames in the log (its text may quote the file's values). A cancel raises
`Cancelled` out of the runner once the stage is recorded as cancelled.
"""

from __future__ import annotations

import logging
import time
import traceback

from . import messages
from .progress import Cancelled, EventKind, Stage
from .reader import disk_full
from .result import Finding, PathTaken, StageRecord, StageStatus
from .run import Done, Fallback, FileRun, StageFailed
from .translation import N_, _

log = logging.getLogger(__name__)

STOPPED = N_("Not run: an earlier step could not finish.")


def take_path(run: FileRun, stages: tuple[Stage, ...], path_taken: PathTaken, reason: str = "", at: str = "") -> None:
    """Put the file on a stage list (from stage `at`, else the first) and say so."""
    run.stages = stages
    run.position = next((k for k, s in enumerate(stages) if s.key == at), 0)
    run.result.path_taken = path_taken
    run.result.fallback_reason = reason
    run.emit(EventKind.PATH, stages=stages, message=reason)


class Runner:
    """Runs the files of one table through their stage lists. `diagnostic`: the
    list a file continues on when a stage answers `Fallback`."""

    def __init__(self, diagnostic: tuple[Stage, ...]) -> None:
        self.diagnostic = diagnostic

    def advance(self, group: list[FileRun], until: str = "") -> None:
        """Run `group` (the files of one table) up to and including stage `until`
        ("": to the end). File stages run file by file; a stage with `prepare`
        waits until every file that has not passed it has reached it."""
        while True:
            for run in group:
                while (stage := _next(run, until)) is not None and stage.prepare is None:
                    self._run_one(run, stage)
            waiting = [r for r in group if _next(r, until) is not None]
            if not waiting:
                return
            stage = _next(waiting[0], until)
            self._run_together([r for r in waiting if _next(r, until) is stage], stage)

    def _run_one(self, run: FileRun, stage: Stage) -> None:
        run.cancel.raise_if_cancelled()
        run.position += 1
        if not _skipped(run, stage):
            self._finish(_Attempt(run, stage), stage)

    def _run_together(self, runs: list[FileRun], stage: Stage) -> None:
        runs[0].cancel.raise_if_cancelled()
        for run in runs:
            run.position += 1
        attempts = [_Attempt(r, stage) for r in runs if not _skipped(r, stage)]
        try:
            stage.prepare(runs)
        except Exception as exc:
            _fail_all(attempts, exc)
            return
        for attempt in attempts:
            self._finish(attempt, stage)

    def _finish(self, attempt: _Attempt, stage: Stage) -> None:
        try:
            outcome = stage.run(attempt.run)
        except Exception as exc:
            attempt.fail(exc)
            return
        attempt.done(outcome if isinstance(outcome, Done) else Done())
        if isinstance(outcome, Fallback):
            take_path(attempt.run, self.diagnostic, PathTaken.DIAGNOSTIC, outcome.reason, at=outcome.resume_at)


def _next(run: FileRun, until: str) -> Stage | None:
    if run.position >= len(run.stages):
        return None
    if until and any(s.key == until for s in run.stages[:run.position]):
        return None
    return run.stages[run.position]


def _skipped(run: FileRun, stage: Stage) -> bool:
    why = _(STOPPED) if run.stopped else stage.skip(run) if stage.skip else ""
    if why:
        run.emit(EventKind.SKIPPED, stage.key, message=why)
        run.result.stages.append(StageRecord(stage.key, StageStatus.SKIPPED, 0.0, why))
    return bool(why)


def _fail_all(attempts: list[_Attempt], exc: Exception) -> None:
    cancelled = None
    for attempt in attempts:
        try:
            attempt.fail(exc)
        except Cancelled as stop:
            cancelled = stop
    if cancelled is not None:
        raise cancelled


class _Attempt:
    """One stage on one file: its start event, then exactly one end."""

    def __init__(self, run: FileRun, stage: Stage) -> None:
        self.run, self.key = run, stage.key
        self.start = time.monotonic()
        self.findings_before = len(run.result.findings)
        run.emit(EventKind.START, stage.key)

    def done(self, note: Done) -> None:
        self._end(StageStatus.DONE, note.message, note.counts)

    def fail(self, exc: Exception) -> None:
        run = self.run
        if isinstance(exc, Cancelled) or run.cancel.cancelled:  # interrupt() surfaces as a DuckDB error
            self._end(StageStatus.CANCELLED)
            raise Cancelled() from None
        if isinstance(exc, StageFailed):
            note = str(exc)
        else:
            if disk_full(exc):
                note, fix = messages.scratch_full(run.file.path, run.result.size, run.check.scratch)
            elif isinstance(exc, OSError):
                note, fix = messages.cannot_open(run.file.path, exc, during=True)
            else:  # the exception's text may quote the file's values: the log gets its kind and frames only
                log.error("Stage %s stopped on %s:\n%s", self.key, type(exc).__name__,
                          "".join(traceback.format_tb(exc.__traceback__)))
                note, fix = messages.app_problem()
            run.add(Finding.of("file.unreadable", note, fix))
        self._end(StageStatus.FAILED, note)
        run.stopped = True

    def _end(self, status: StageStatus, note: str = "", counts: dict | None = None) -> None:
        seconds = time.monotonic() - self.start
        added = max(len(self.run.result.findings) - self.findings_before, 0)  # fast.late_fallback forgets them
        counts = {**(counts or {}), "findings": added} if added else counts or {}
        self.run.emit(EventKind(status), self.key, message=note, counts=counts, seconds=seconds)
        self.run.result.stages.append(StageRecord(self.key, status, seconds, note, added))
