"""Runs one long job off the GUI thread (an export of rows), as CheckWorker
runs a check: `job(progress, cancel)` gets a progress callback (0..1) and a
cancel token; the GUI reads `fraction` on its timer and, once `finished`
has fired, exactly one of `result`, `cancelled`, `problem` (plain words
from one of the `expected` exceptions) or `crash` (plain words, details)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QThread

from ..engine.progress import Cancelled, CancelToken
from .worker import crash_message, redacted_traceback

log = logging.getLogger(__name__)

Job = Callable[[Callable[[float], None], CancelToken], object]


class TaskWorker(QThread):
    def __init__(self, job: Job, task: str, expected: tuple[type[Exception], ...], parent=None) -> None:
        """`task`: what it does, in a word ("export"), for the message when it crashes."""
        super().__init__(parent)
        self._job = job
        self.task = task
        self._expected = expected
        self.cancel_token = CancelToken()
        self.fraction = 0.0
        self.result = None
        self.cancelled = False
        self.problem = ""
        self.crash: tuple[str, str] | None = None

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def _progress(self, fraction: float) -> None:
        """Called from the job, or from DuckDB's progress poller while a query runs (a
        stop reaches the job through its cancel token, never from here)."""
        self.fraction = fraction

    def run(self) -> None:
        try:
            self.result = self._job(self._progress, self.cancel_token)
        except Cancelled:
            self.cancelled = True
        except self._expected as exc:
            self.problem = str(exc)
        except Exception as exc:
            details = redacted_traceback(exc)
            log.error("A task stopped unexpectedly:\n%s", details)
            self.crash = (crash_message(self.task), details)
