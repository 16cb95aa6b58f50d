"""Saving an export whole: it is written beside its destination as NAME.partial
and renamed over it. Whatever goes wrong, the partial copy is removed (it may
hold patient IDs), so a failed save leaves nothing behind."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

T = TypeVar("T")


def write_atomically(path: Path, content: str | Callable[[TextIO], T], *, encoding: str = "utf-8",
                     newline: str | None = None) -> T | None:
    """Write `content` (a text, or a function that writes to the open file and
    whose return value is passed on) to `path`. Exceptions are the caller's to
    put in words; the partial file is gone by the time they arrive."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        with open(partial, "w", encoding=encoding, newline=newline) as out:
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
