"""PySide6 6.12.0 on Python 3.11 dropped a reference to None on every Qt call
that returns nothing, so a long session died with 'none_dealloc'. We pin a
release without that bug; this test keeps it that way."""

import sys

from PySide6.QtCore import QTimer


def test_qt_calls_returning_nothing_keep_none_alive():
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(5000):
        timer.setInterval(5)
    assert before - sys.getrefcount(None) < 100
