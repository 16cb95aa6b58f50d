"""The stepper draws whatever stage list the engine announces."""

from __future__ import annotations

from gui_helpers import FAKE_DIAGNOSTIC, FAKE_FAST, FALLBACK_WORDS, screenshot
from naaccord_desktop.engine.progress import ProgressEvent, Stage
from naaccord_desktop.gui.stepper import Stepper, counts_text, time_left


def test_rows_come_from_the_path_event(qtbot):
    stepper = Stepper()
    qtbot.addWidget(stepper)
    stages = (Stage("alpha", "Alpha stage", "a"), Stage("beta", "Beta stage", "b"))
    stepper.begin_run()
    stepper.apply(ProgressEvent("f", "path", stages=stages))
    assert list(stepper.rows) == ["alpha", "beta"]
    assert [r.title.text() for r in stepper.rows.values()] == ["Alpha stage", "Beta stage"]
    assert stepper.states() == {"alpha": "waiting", "beta": "waiting"}
    assert not stepper.reason.isVisibleTo(stepper)


def test_states_progress_counts_and_end(qtbot):
    stepper = Stepper()
    qtbot.addWidget(stepper)
    stepper.resize(800, 200)
    stepper.begin_run()
    stepper.apply(ProgressEvent("f", "path", stages=FAKE_FAST))
    stepper.apply(ProgressEvent("f", "start", "inspect"))
    stepper.apply(ProgressEvent("f", "done", "inspect", seconds=0.3, counts={"rows": 8_600_000}))
    stepper.apply(ProgressEvent("f", "start", "load"))
    stepper.apply(ProgressEvent("f", "progress", "load", fraction=0.63, counts={"rows": 5_000}, seconds=2.0))
    load = stepper.rows["load"]
    assert stepper.states() == {"inspect": "done", "load": "running", "rules": "waiting"}
    assert load.status.text() == "63 %" and load.bar.value() == 630 and load.bar.isVisibleTo(stepper)
    assert load.found.text() == "5,000 rows"
    assert stepper.rows["inspect"].found.text() == "8,600,000 rows"
    assert stepper.rows["inspect"].elapsed.text() == "0.3 s"
    assert "left" in load.elapsed.text()
    screenshot(stepper, "stepper-running")
    stepper.end_run(stopped=True)
    assert stepper.states() == {"inspect": "done", "load": "cancelled", "rules": "cancelled"}
    assert not load.bar.isVisibleTo(stepper)


def test_fallback_shows_diagnostic_rows_and_why(qtbot):
    stepper = Stepper()
    qtbot.addWidget(stepper)
    stepper.begin_run()
    stepper.apply(ProgressEvent("f", "path", stages=FAKE_FAST))
    stepper.apply(ProgressEvent("f", "failed", "load", message="Line 3 has 4 values"))
    stepper.apply(ProgressEvent("f", "path", stages=FAKE_DIAGNOSTIC, message=FALLBACK_WORDS))
    assert list(stepper.rows) == [s.key for s in FAKE_DIAGNOSTIC]
    assert stepper.reason.text() == FALLBACK_WORDS and stepper.reason.isVisibleTo(stepper)
    stepper.apply(ProgressEvent("f", "failed", "structure", message="Line 3 has 4 values; the header has 3."))
    assert stepper.rows["structure"].found.text() == "Line 3 has 4 values; the header has 3."
    stepper.end_run(stopped=False)
    assert stepper.states()["rules"] == "waiting"  # a finished run leaves unreported stages alone


def test_time_left_and_counts_words():
    assert time_left(10.0, 0.5) == "about 10 s left"
    assert time_left(0.2, 0.5) == ""  # too early to tell
    assert time_left(10.0, None) == ""
    assert counts_text({"rows": 1234, "patient_ids": 5}) == "1,234 rows, 5 patient ids"
