"""The app's log: one rotating file per process in the log folder.

Each process (a window, a second window, the frozen app's self-test) writes
its own file, named by its start time and process id, so no two share one:
Windows cannot rotate (rename) a file that another process holds open. At
each start the oldest files beyond the newest KEEP are deleted.

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
import time
from pathlib import Path

from .paths import AppPaths, app_paths, usable_folder

LOG_PREFIX = "naaccord-desktop-"
MAX_BYTES = 2_000_000
BACKUPS = 3
KEEP = 20  # process logs kept, each with its rotated parts
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
NOISY = ("PySide6", "duckdb", "keyring", "urllib3")

_handlers: list[logging.Handler] = []


def setup_logging(paths: AppPaths | None = None, *, console: bool = False) -> Path | None:
    """Send the app's log records to this process's file (a second call replaces the first).

    Returns the file, or None when the log folder cannot be written to (the app
    then runs without a log). `console` adds stderr output when it exists (a
    windowed frozen app on Windows has no stderr).
    """
    close_logging()
    folder = (paths or app_paths()).logs
    path = None
    if usable_folder(folder):
        _prune(folder)
        path = folder / f"{LOG_PREFIX}{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
        _handlers.append(_PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                                     encoding="utf-8"))
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
    """The folder the Help menu opens (made if it can be)."""
    folder = (paths or app_paths()).logs
    usable_folder(folder)
    return folder


def _prune(folder: Path) -> None:
    """Before this process's log is made: keep the KEEP - 1 process logs written to last, delete
    the others with their rotated parts. A file that cannot be deleted (Windows: still open in a
    running process) stays."""
    def last_written(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    for old in sorted(folder.glob(f"{LOG_PREFIX}*.log"), key=last_written, reverse=True)[KEEP - 1:]:
        for part in (old, *folder.glob(f"{old.name}.*")):
            try:
                part.unlink()
            except OSError:
                continue


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Creates each log file readable by the user only (mode 0600)."""

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)
