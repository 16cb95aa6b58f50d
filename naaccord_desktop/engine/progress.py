"""Stages, progress events and cancellation: how the engine talks to whoever
runs it (GUI worker, CLI, tests) without knowing anything about them."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .run import FileRun


@dataclass(frozen=True)
class Stage:
    """One step of a pipeline: what the stepper shows and what the runner runs.

    `run(file_run)` does the work on one file; it may return a `Done` (a note
    for the stepper), a `Fallback` (the file continues on the diagnostic list)
    or None, and raises `StageFailed` when the file cannot go on. `skip(file_run)`
    says why a file has nothing to do here ("" when it has). A stage with
    `prepare(file_runs)` works on a table's files together: the runner waits
    until every file of the table has reached it, runs `prepare` once for all
    of them (those that skip the stage included), then `run` for each file that
    does not skip it (engine/runner.py)."""

    key: str  # stable id, e.g. "load"
    title: str  # what the coordinator reads, e.g. "Load"
    description: str  # one line: what this stage does
    run: Callable[[FileRun], object] | None = field(default=None, compare=False, repr=False)
    skip: Callable[[FileRun], str] | None = field(default=None, compare=False, repr=False)
    prepare: Callable[[list[FileRun]], None] | None = field(default=None, compare=False, repr=False)
    produces: str = field(default="", compare=False)  # what a later stage can rely on, in words


class EventKind(StrEnum):
    PATH = "path"  # the stage list in use (`stages`), and why (`message`: empty on the fast path)
    START = "start"
    PROGRESS = "progress"
    DONE = "done"  # the end events match the StageStatus values
    FAILED = "failed"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class ProgressEvent:
    """One report from a running pipeline, about one stage of one file (or,
    for a PATH event, the stage list the file is on)."""

    file: str  # path of the file being checked ("" for submission-wide events)
    kind: EventKind
    stage: str = ""
    fraction: float | None = None  # 0..1 when known
    message: str = ""  # plain words: what it found so far / why it failed
    counts: dict = field(default_factory=dict)  # e.g. {"rows": 8_600_000}
    seconds: float = 0.0  # elapsed in this stage
    stages: tuple[Stage, ...] = ()


ProgressCallback = Callable[[ProgressEvent], None]


class Cancelled(Exception):
    """Raised inside the engine when the cancel token fires."""


class CancelToken:
    """Thread-safe flag. Long calls check it; `on_cancel` hooks (such as a
    DuckDB connection's interrupt) run at once in the cancelling thread."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._hooks: list[Callable[[], None]] = []

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        with self._lock:
            self._event.set()
            hooks = list(self._hooks)
        for hook in hooks:
            hook()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()

    def on_cancel(self, hook: Callable[[], None]) -> Callable[[], None]:
        """Register `hook`; returns a function that unregisters it."""
        with self._lock:
            self._hooks.append(hook)
            already = self._event.is_set()
        if already:
            hook()

        def remove() -> None:
            with self._lock:
                if hook in self._hooks:
                    self._hooks.remove(hook)

        return remove
