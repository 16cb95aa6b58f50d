"""Keeps PySide6 from freeing None, True and False on Python 3.11.

PySide6 6.12.0 (the pinned version) drops one reference to None every time
Python calls a Qt method that returns nothing (label.setText, timer.start,
processEvents, ...), and one to True on every Python `Signal.emit()`. On
Python 3.12+ these objects are immortal and nothing happens; on 3.11 their
count reaches zero after some thousands of calls and the interpreter aborts
("Fatal Python error: none_dealloc"), within minutes of a running check.

`pin_singletons()` adds a large margin to their reference counts, which is
what Python 3.12 does for every immortal object. tests/test_gui_guard.py
tells us when PySide6 no longer needs it.
"""

from __future__ import annotations

import ctypes
import sys

MARGIN = 1 << 40  # decades of Qt calls; far below the counter's limit of 2**63
_pinned = False


def needs_pinning() -> bool:
    return sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def pin_singletons() -> None:
    global _pinned
    if _pinned or not needs_pinning():
        return
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += MARGIN  # ob_refcnt is the object's first field
    _pinned = True
