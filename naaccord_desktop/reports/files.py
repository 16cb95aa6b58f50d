"""Saving an export whole: it is written beside its destination as NAME.partial
and renamed over it. Whatever goes wrong, the partial copy is removed (it may
hold patient IDs), so a failed save leaves nothing behind. Every export is
readable by this account only (0600): reports and row exports hold patient
IDs, and one mode for all leaves no file to get wrong."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

T = TypeVar("T")
PRIVATE = 0o600


def write_atomically(path: Path, content: str | bytes | Callable[[IO], T], *, encoding: str | None = "utf-8",
                     newline: str | None = None) -> T | None:
    """Write `content` (a text, bytes, or a function that writes to the open
    file and whose return value is passed on) to `path`; `encoding` None
    opens the file in binary mode. Exceptions are the caller's to put in
    words; the partial file is gone by the time they arrive."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    binary = encoding is None or isinstance(content, bytes)
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), PRIVATE)
        os.chmod(partial, PRIVATE)  # a partial file left by an older version keeps its mode otherwise
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding=encoding, newline=newline)) as out:
            if callable(content):
                outcome = content(out)
            else:
                out.write(content)
                outcome = None
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
    return outcome
