"""Runs long jobs off the GUI thread: a check (CheckWorker) or an export of
rows (TaskWorker), each one Worker: a QThread running `job(progress, cancel)`
with a cancel token. The GUI polls its progress on a timer, so a busy engine
cannot flood the event loop and no widget is touched outside the GUI thread.
When the run ends, QThread's own `finished` signal tells the GUI to take the
outcome in (`settle`). The check session (store/session.py) records a check
in the history and wipes its scratch folder before the thread ends.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TR_NOOP, QThread

from ..engine.progress import Cancelled, CancelToken, ProgressEvent
from ..engine.result import CheckOptions
from ..store.session import CheckCannotStart, CheckSession
from .language import tr

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.05  # seconds between two "progress" events of one stage


CRASH_MESSAGES = {
    "check": QT_TR_NOOP("The check stopped because of a problem in the app, not in your files. Your files were not "
                        "changed. Please try again; if it happens again, send the details to the NA-ACCORD help desk."),
    "export": QT_TR_NOOP("The export stopped because of a problem in the app, not in your files. Your files were "
                         "not changed. Please try again; if it happens again, send the details to the NA-ACCORD help "
                         "desk."),
}


def crash_message(task: str) -> str:
    return tr(CRASH_MESSAGES[task])


def redacted_traceback(exc: BaseException) -> str:
    """Where it failed, without the exception's message (it may quote cell values)."""
    frames = "".join(f"  {Path(f.filename).name}:{f.lineno} in {f.name}\n"
                     for f in traceback.extract_tb(exc.__traceback__))
    return f"{frames}{type(exc).__module__}.{type(exc).__qualname__}"


Job = Callable[[Callable, CancelToken], object]


class Worker(QThread):
    """One `job(progress, cancel)`; `progress` is the subclass's `_progress`.
    Once `finished` has fired, exactly one of `result`, `cancelled`, `problem`
    (plain words from one of the `expected` exceptions) or `crash` ((plain
    message, technical details)) is set."""

    def __init__(self, job: Job, task: str, expected: tuple[type[Exception], ...], parent=None) -> None:
        """`task`: what it does, in a word ("check", "export"), for the message when it crashes."""
        super().__init__(parent)
        self._job = job
        self._task = task
        self._expected = expected
        self.cancel_token = CancelToken()
        self.result = None
        self.cancelled = False
        self.problem = ""
        self.crash: tuple[str, str] | None = None

    def cancel(self) -> None:
        self.cancel_token.cancel()

    @property
    def cancel_requested(self) -> bool:
        return self.cancel_token.cancelled

    def _progress(self, update) -> None:
        raise NotImplementedError

    def run(self) -> None:
        try:
            self.result = self._job(self._progress, self.cancel_token)
        except Cancelled:
            self.cancelled = True
        except self._expected as exc:
            self.problem = str(exc)
        except Exception as exc:
            details = redacted_traceback(exc)
            log.error("The %s stopped unexpectedly:\n%s", self._task, details)
            self.crash = (crash_message(self._task), details)

    def settle(self, *, done: Callable[[object], None], stopped: Callable[[], None],
               problem: Callable[[str], None], crashed: Callable[[str, str], None]) -> None:
        """On the GUI thread, once the window has let go of it: wait for the
        thread to end, hand the outcome to its callback, and let Qt delete it."""
        self.wait()
        if self.result is not None:
            done(self.result)
        elif self.cancelled:
            stopped()
        elif self.problem:
            problem(self.problem)
        else:
            crashed(*self.crash)
        self.deleteLater()


class CheckWorker(Worker):
    """One `session.run(files, options, progress, cancel)`; its progress events
    go into a thread-safe queue that `take_events()` empties. A check that
    never started has `problem` (why, in words)."""

    def __init__(self, session: CheckSession, files: list, options: CheckOptions, parent=None) -> None:
        super().__init__(lambda progress, cancel: session.run(files, options, progress, cancel), "check",
                         (CheckCannotStart,), parent)
        self._events: queue.SimpleQueue[ProgressEvent] = queue.SimpleQueue()
        self._last_progress: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def take_events(self) -> list[ProgressEvent]:
        events = []
        while True:
            try:
                events.append(self._events.get_nowait())
            except queue.Empty:
                return events

    def _progress(self, event: ProgressEvent) -> None:
        """Called from the engine's thread or its DuckDB progress poller. Every
        event is kept except a bare fraction that follows the last one too soon:
        one that says what was found (counts, a message) is never dropped."""
        if event.kind == "progress" and not (event.counts or event.message):
            key = (event.file, event.stage)
            now = time.monotonic()
            with self._lock:
                if now - self._last_progress.get(key, 0.0) < PROGRESS_INTERVAL:
                    return
                self._last_progress[key] = now
        self._events.put(event)


class TaskWorker(Worker):
    """Another long job (an export of rows): its progress is a `fraction` (0..1)."""

    fraction = 0.0

    def _progress(self, fraction: float) -> None:
        """Called from the job, or from DuckDB's progress poller while a query runs (a
        stop reaches the job through its cancel token, never from here)."""
        self.fraction = fraction
