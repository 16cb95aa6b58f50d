"""The app's log: a rotating file in the log folder.

Privacy rule for every log call in the app: log what happened (stage, file
name, row counts, timings, exception class), never a cell value, a patient
ID, a finding's message or an exception's text (DuckDB and csv errors quote
the offending line). A logging filter cannot make this safe after the fact,
because it cannot tell a value from a word, so the rule is simply: never pass
them to the logger.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

from .paths import AppPaths, app_paths

LOG_FILE = "naaccord-desktop.log"
MAX_BYTES = 2_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
NOISY = ("PySide6", "duckdb", "keyring", "urllib3")

_handlers: list[logging.Handler] = []


def setup_logging(paths: AppPaths | None = None, *, console: bool = False) -> Path:
    """Send the app's log records to the rotating file (a second call replaces the first).

    `console` adds stderr output when it exists (a windowed frozen app on
    Windows has no stderr).
    """
    close_logging()
    folder = (paths or app_paths()).logs
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    _handlers.append(_PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"))
    if console and sys.stderr is not None:
        _handlers.append(logging.StreamHandler(sys.stderr))
    root = logging.getLogger()
    for handler in _handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    for name in NOISY:
        logging.getLogger(name).setLevel(logging.WARNING)
    return path


def close_logging() -> None:
    """Detach and close the app's handlers (on exit, and between tests)."""
    while _handlers:
        handler = _handlers.pop()
        logging.getLogger().removeHandler(handler)
        handler.close()


def log_folder(paths: AppPaths | None = None) -> Path:
    """The folder the Help menu opens."""
    folder = (paths or app_paths()).logs
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Creates each log file readable by the user only (mode 0600)."""

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)
