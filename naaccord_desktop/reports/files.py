"""Saving an export whole: it is written beside its destination as NAME.partial
and renamed over it. Whatever goes wrong, the partial copy is removed (it may
hold patient IDs), so a failed save leaves nothing behind. A `private` export
(one that holds patient IDs or values) is readable by its owner only (0600)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

T = TypeVar("T")


def write_atomically(path: Path, content: str | bytes | Callable[[TextIO], T], *, encoding: str = "utf-8",
                     newline: str | None = None, private: bool = False) -> T | None:
    """Write `content` (a text, bytes, or a function that writes to the open
    text file and whose return value is passed on) to `path`. Exceptions are
    the caller's to put in words; the partial file is gone by the time they arrive."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    binary = isinstance(content, bytes)
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)  # Windows: no newline translation
        fd = os.open(partial, flags, 0o600 if private else 0o666)
        if private and hasattr(os, "fchmod"):  # a partial copy left by a crash keeps its old mode
            os.fchmod(fd, 0o600)
        with (open(fd, "wb") if binary else open(fd, "w", encoding=encoding, newline=newline)) as out:
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


def save(path: Path, content: str | bytes, error: type[Exception], what: str, *, private: bool = False) -> Path:
    """Write `content` whole to `path`; a failure is raised as `error`, in words:
    "{what} cannot be saved as {path}: {why}."."""
    path = Path(path)
    try:
        write_atomically(path, content, private=private)
    except OSError as exc:
        raise error(f"{what} cannot be saved as {path}: {exc.strerror or exc}.") from None
    return path
