"""The stepper draws whatever stage list the engine announces."""

from __future__ import annotations

from gui_helpers import FAKE_DIAGNOSTIC, FAKE_FAST, FALLBACK_WORDS, make_window, screenshot, wait_idle

from naaccord_desktop.engine.pipeline import check_submission
from naaccord_desktop.engine.progress import ProgressEvent, Stage
from naaccord_desktop.engine.propose import propose_table
from naaccord_desktop.gui.stepper import Stepper, counts_text, time_left
from naaccord_desktop.sample import write_submission


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


def test_patient_ids_words_depend_on_the_table():
    counts = {"distinct": 174, "duplicated": 0}
    assert counts_text(counts, "patient_ids", "laboratory") == "174 distinct patients"
    assert counts_text(counts, "patient_ids", "patient") == "174 distinct patients, each once"
    assert counts_text({"distinct": 1, "duplicated": 1}, "patient_ids", "patient") == \
        "1 distinct patient, 1 ID more than once"
    assert counts_text({"unknown": 1, "rows": 1}, "crosscheck") == "1 ID not in the patient file (1 row)"
    assert counts_text({"rows": 1, "bytes": 2}) == "1 row, 2 bytes"


def test_the_rules_row_ends_with_the_findings_tables_count(qtbot):
    stepper = Stepper()
    qtbot.addWidget(stepper)
    stepper.begin_run("laboratory")
    stepper.apply(ProgressEvent("f", "path", stages=FAKE_FAST))
    stepper.apply(ProgressEvent("f", "start", "rules"))
    stepper.apply(ProgressEvent("f", "progress", "rules", counts={"findings": 18}))
    assert stepper.rows["rules"].found.text() == "18 findings from the rules"
    stepper.apply(ProgressEvent("f", "done", "rules", seconds=1.0))
    stepper.show_total(19)  # the header and the cross-check found one more
    assert stepper.rows["rules"].found.text() == "19 findings in all (18 from the rules)"
    stepper.show_total(18)
    assert stepper.rows["rules"].found.text() == "18 findings"


def test_with_the_real_engine_the_stepper_and_the_table_agree(qtbot, tmp_path):
    """A lab file with unknown patient IDs and a misspelled column: findings
    from the cross-check and the header come on top of the rules' own."""
    paths = write_submission(tmp_path / "sub", rows=200, seed=7, defects=True,
                             tables=["patient", "medication"], answer=False).paths
    window = make_window(qtbot, tmp_path, RealEngine())
    window.add_paths([paths["patient"], paths["medication"]])
    window.check_all()
    wait_idle(qtbot, window, 60_000)
    key = str(paths["medication"])
    window.resize(1280, 800)
    window.show()
    window.list.setCurrentItem(window.list.item_for(key))
    result = window.results[key]
    found = window.steppers[key].rows["rules"].found.text()
    assert found.startswith(f"{len(result.findings)} findings in all (")
    assert "distinct patients" in window.steppers[key].rows["patient_ids"].found.text()
    assert "more than once" not in window.steppers[key].rows["patient_ids"].found.text()
    assert window.results_view.findings.count_label.text() == f"{len(result.findings)} findings"
    screenshot(window, "window-real-engine")


class RealEngine:
    check = staticmethod(check_submission)
    propose = staticmethod(propose_table)
