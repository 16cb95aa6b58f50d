"""The guard in conftest.py: a Qt test that leaves a timer running, a thread
running or a window open fails and says where; Qt warnings fail too."""

from __future__ import annotations

from pathlib import Path

pytest_plugins = ["pytester"]

CONFTEST = (Path(__file__).with_name("conftest.py")).read_text(encoding="utf-8")
PYPROJECT = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")

LEAKY = '''
from PySide6.QtCore import QThread, QTimer, qWarning
from PySide6.QtWidgets import QLabel

def test_timer(qtbot):
    timer = QTimer()
    timer.start(10_000)
    test_timer.keep = timer

def test_window(qtbot):
    label = QLabel("left open")
    label.setWindowTitle("Forgotten")
    label.show()
    test_window.keep = label

def test_warning(qtbot):
    qWarning("something Qt did not like")

def test_clean(qtbot):
    timer = QTimer()
    timer.start(10_000)
    timer.stop()
'''


def test_leaks_and_warnings_fail_the_test_that_caused_them(pytester):
    pytester.makeconftest(CONFTEST)
    pytester.makefile(".toml", pyproject=PYPROJECT.replace('testpaths = ["tests"]', 'testpaths = ["."]'))
    pytester.makepyfile(test_leaky=LEAKY)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, failed=1, errors=2)  # a leak errors at teardown
    text = result.stdout.str()
    assert "QTimer started at" in text and "test_leaky.py:6" in text  # timer.start(...)
    assert "QLabel 'Forgotten' still shown" in text
    assert "something Qt did not like" in text
