"""Closing the window during a check with the real engine: it stops the check,
joins the thread and wipes its copies within a second, with nothing logged
as an error, whatever stage it is in."""

from __future__ import annotations

import logging
import time

import pytest
from gui_helpers import make_window

from naaccord_desktop.engine.pipeline import check_submission
from naaccord_desktop.engine.propose import propose_table
from naaccord_desktop.sample import write_submission


class RealEngine:
    check = staticmethod(check_submission)
    propose = staticmethod(propose_table)


@pytest.fixture(scope="module")
def big_submission(tmp_path_factory):
    return write_submission(tmp_path_factory.mktemp("big"), rows=300_000, seed=5, defects=True,
                            tables=["patient", "laboratory"], answer=False).paths


@pytest.mark.parametrize("stage", ["", "load", "rules"])  # "": at once
def test_closing_mid_check_stops_within_a_second_without_an_error(qtbot, tmp_path, caplog, big_submission,
                                                                  stage):
    window = make_window(qtbot, tmp_path, RealEngine())
    window.show()
    window.add_paths([big_submission["patient"], big_submission["laboratory"]])
    window.ask_before_closing = False
    lab = window.steppers[str(big_submission["laboratory"])]
    with caplog.at_level(logging.INFO):
        window.check_all()
        if stage:
            qtbot.waitUntil(lambda: lab.states().get(stage) == "running", timeout=60_000)
        started = time.monotonic()
        window.close()
        took = time.monotonic() - started
    assert not window.isVisible() and not window.running
    assert took < 1.0, f"closing took {took:.2f} s"
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert not any(window.scratch.root.glob("*/*")), "the check's copies were left behind"


def test_a_check_that_ends_while_the_question_is_open_still_closes(qtbot, tmp_path, monkeypatch):
    paths = write_submission(tmp_path / "sub", rows=300, seed=5, tables=["patient"], answer=False).paths
    window = make_window(qtbot, tmp_path, RealEngine())
    window.show()
    window.add_paths([paths["patient"]])
    window.check_all()

    def answer_after_the_check_ended() -> bool:
        qtbot.waitUntil(lambda: not window.running, timeout=30_000)  # the dialog's own event loop runs
        return True

    monkeypatch.setattr(window, "confirm_stop", answer_after_the_check_ended)
    window.close()
    assert not window.isVisible()
