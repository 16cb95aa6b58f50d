"""Runs a check off the GUI thread.

The engine calls `progress` from the worker thread or from its own helper
thread (the DuckDB progress poller); the events go into a thread-safe queue
that the GUI thread drains on its timer (`take_events`), so a busy engine
cannot flood the event loop and no widget is touched outside the GUI thread.
When the run ends, QThread's own `finished` signal tells the GUI to read
`result` or `crash`. The check session (store/session.py) records the run in
the history and wipes its scratch folder before the thread ends.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QT_TR_NOOP, QThread

from ..engine.progress import CancelToken, ProgressEvent
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


class CheckWorker(QThread):
    """One `session.run(files, options, progress, cancel)`.

    While it runs, `take_events()` returns the progress events so far; once
    `finished` has fired, exactly one of `result` (the SubmissionResult) or
    `crash` ((plain message, technical details)) is set; `cannot_start` tells
    a check that never started (its message says why, it has no details).
    """

    def __init__(self, session: CheckSession, files: list, options: CheckOptions, parent=None) -> None:
        super().__init__(parent)
        self._session = session
        self._files = files
        self.options = options
        self.cancel_token = CancelToken()
        self.result = None
        self.crash: tuple[str, str] | None = None
        self.cannot_start = False
        self._events: queue.SimpleQueue[ProgressEvent] = queue.SimpleQueue()
        self._last_progress: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def cancel(self) -> None:
        self.cancel_token.cancel()

    @property
    def cancel_requested(self) -> bool:
        return self.cancel_token.cancelled

    def run(self) -> None:
        try:
            self.result = self._session.run(self._files, self.options, self._report, self.cancel_token)
        except CheckCannotStart as exc:
            self.cannot_start = True
            self.crash = (str(exc), "")
        except Exception as exc:
            details = redacted_traceback(exc)
            log.error("The check stopped unexpectedly:\n%s", details)
            self.crash = (crash_message("check"), details)

    def take_events(self) -> list[ProgressEvent]:
        events = []
        while True:
            try:
                events.append(self._events.get_nowait())
            except queue.Empty:
                return events

    def _report(self, event: ProgressEvent) -> None:
        """Every event is kept except a bare fraction that follows the last one too soon:
        one that says what was found (counts, a message) is never dropped."""
        if event.kind == "progress" and not (event.counts or event.message):
            key = (event.file, event.stage)
            now = time.monotonic()
            with self._lock:
                if now - self._last_progress.get(key, 0.0) < PROGRESS_INTERVAL:
                    return
                self._last_progress[key] = now
        self._events.put(event)
