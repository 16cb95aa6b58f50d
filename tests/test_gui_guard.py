"""The guard against PySide6 freeing None/True/False (see gui/pyside_guard.py)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel

from naaccord_desktop.gui import pyside_guard

CALLS = 2_000


def test_the_singletons_are_pinned_once_the_gui_is_imported():
    if not pyside_guard.needs_pinning():
        pytest.skip("Python 3.12+: None, True and False are immortal already")
    for obj in (None, True, False):
        assert sys.getrefcount(obj) > pyside_guard.MARGIN // 2


def test_pyside_still_drops_references_to_none(qtbot):
    """When this fails, PySide6 has fixed the bug and pyside_guard can go."""
    if not pyside_guard.needs_pinning():
        pytest.skip("Python 3.12+: the counts of immortal objects do not move")
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setText("x")
    assert before - sys.getrefcount(None) >= CALLS * 0.9  # one lost per call, give or take other code
