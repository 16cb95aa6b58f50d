"""Saving an export whole: it is written beside its destination as NAME.partial
and renamed over it. Whatever goes wrong, the partial copy is removed (it may
hold patient IDs), so a failed save leaves nothing behind. Every export is
readable by this account only (0600): reports and row exports hold patient
IDs, and one mode for all leaves no file to get wrong.

An export that holds patient IDs or cell values is saved with its `kind`
(registered in engine/copies.py) and the audit's `copies`: it is reported
before its first byte is written, then when it is in place (or removed)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

from ..engine.copies import EXPORTS, NO_LOG, CopyLog

T = TypeVar("T")
PARTIAL = ".partial"


def write_atomically(path: Path, content: str | bytes | Callable[[IO], T], *, encoding: str | None = "utf-8",
                     newline: str | None = None, copies: CopyLog = NO_LOG, kind: str = "") -> T | None:
    """Write `content` (a text, bytes, or a function that writes to the open
    file and whose return value is passed on) to `path`; `encoding` None
    opens the file in binary mode. Exceptions are the caller's to put in
    words; the partial file is gone by the time they arrive."""
    path = Path(path)
    partial = path.with_name(path.name + PARTIAL)
    if kind and kind not in EXPORTS:
        raise ValueError(f"{kind} is not an export registered in engine/copies.py")
    binary = encoding is None or isinstance(content, bytes)
    # nothing is made if this fails (no such folder, not allowed)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)  # Windows: no newline translation
    fd = os.open(partial, flags, 0o600)
    out = open(fd, "wb") if binary else open(fd, "w", encoding=encoding, newline=newline)  # noqa: SIM115 - below
    try:
        with out:
            if os.name == "posix":
                os.fchmod(out.fileno(), 0o600)  # a partial file left by an earlier crash keeps its mode otherwise
            if kind:
                copies.made(kind, partial)  # before the first byte
            if callable(content):
                outcome = content(out)
            else:
                out.write(content)
                outcome = None
        os.replace(partial, path)
    except BaseException:
        with copies.removing(partial), contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
    copies.renamed(partial, path)
    return outcome


def save(path: Path, content: str | bytes, error: type[Exception], what: str, *,
         copies: CopyLog = NO_LOG, kind: str = "") -> Path:
    """Write `content` whole to `path`; a failure is raised as `error`, in words:
    "{what} cannot be saved as {path}: {why}."."""
    path = Path(path)
    try:
        write_atomically(path, content, copies=copies, kind=kind)
    except OSError as exc:
        raise error(f"{what} cannot be saved as {path}: {exc.strerror or exc}.") from None
    return path
