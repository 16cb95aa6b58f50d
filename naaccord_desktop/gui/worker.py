"""Runs a check off the GUI thread.

The engine calls `progress` from the worker thread or from its own helper
thread (the DuckDB progress poller); the events go into a thread-safe queue
that the GUI thread drains on its timer (`take_events`), so a busy engine
cannot flood the event loop and no widget is touched outside the GUI thread.
When the run ends, QThread's own `finished` signal tells the GUI to read
`result` or `crash`. The run's scratch folder belongs to the window (the
store's ScratchManager), which wipes it once the thread has been joined.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QThread

from ..definitions.model import DefinitionSet
from ..engine.progress import CancelToken, ProgressEvent

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.05  # seconds between two "progress" events of one stage
CRASH_MESSAGE = ("The check stopped because of a problem in the app, not in your files. "
                 "Your files were not changed. Please try again; if it happens again, "
                 "send the details to the NA-ACCORD help desk.")


def redacted_traceback(exc: BaseException) -> str:
    """Where it failed, without the exception's message (it may quote cell values)."""
    frames = "".join(f"  {Path(f.filename).name}:{f.lineno} in {f.name}\n"
                     for f in traceback.extract_tb(exc.__traceback__))
    return f"{frames}{type(exc).__module__}.{type(exc).__qualname__}"


class CheckWorker(QThread):
    """One run of `check(files, definitions, options, progress, cancel)`.

    While it runs, `take_events()` returns the progress events so far; once
    `finished` has fired, exactly one of `result` (the SubmissionResult) or
    `crash` ((plain message, technical details)) is set.
    """

    def __init__(self, check: Callable, files: list, definitions: DefinitionSet, options, parent=None) -> None:
        super().__init__(parent)
        self._check = check
        self._files = files
        self._definitions = definitions
        self.options = options
        self.cancel_token = CancelToken()
        self.result = None
        self.crash: tuple[str, str] | None = None
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
            self.result = self._check(self._files, self._definitions, self.options, self._report,
                                      self.cancel_token)
        except Exception as exc:  # noqa: BLE001 - every failure must reach the user as a dialog
            details = redacted_traceback(exc)
            log.error("The check stopped unexpectedly:\n%s", details)
            self.crash = (CRASH_MESSAGE, details)

    def take_events(self) -> list[ProgressEvent]:
        events = []
        while True:
            try:
                events.append(self._events.get_nowait())
            except queue.Empty:
                return events

    def _report(self, event: ProgressEvent) -> None:
        if event.kind == "progress":
            key = (event.file, event.stage)
            now = time.monotonic()
            with self._lock:
                if now - self._last_progress.get(key, 0.0) < PROGRESS_INTERVAL:
                    return
                self._last_progress[key] = now
        self._events.put(event)
