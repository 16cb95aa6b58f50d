"""The stepper draws whatever stage list the engine announces."""

from __future__ import annotations

import re

from gui_helpers import FAKE_DIAGNOSTIC, FAKE_FAST, FALLBACK_WORDS, make_window, screenshot, wait_idle
from PySide6.QtWidgets import QApplication

from naaccord_desktop.engine.pipeline import check_submission
from naaccord_desktop.engine.progress import ProgressEvent, Stage
from naaccord_desktop.engine.propose import propose_table
from naaccord_desktop.engine.result import CheckOptions, FileResult, StageRecord
from naaccord_desktop.gui.stepper import Stepper, counts_text, time_left
from naaccord_desktop.gui.worker import CheckWorker
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


def test_each_row_says_the_findings_its_stage_added_as_the_result_counts_them(qtbot):
    stepper = Stepper()
    qtbot.addWidget(stepper)
    stepper.begin_run("laboratory")
    stepper.apply(ProgressEvent("f", "path", stages=FAKE_FAST))
    stepper.apply(ProgressEvent("f", "done", "load", seconds=0.2, counts={"rows": 500, "findings": 1}))
    stepper.apply(ProgressEvent("f", "start", "rules"))
    stepper.apply(ProgressEvent("f", "progress", "rules", counts={"findings": 18}))
    assert stepper.rows["rules"].found.text() == "18 findings"
    assert stepper.rows["load"].found.text() == "500 rows, 1 finding"
    stepper.apply(ProgressEvent("f", "done", "rules", seconds=1.0, counts={"findings": 18}))
    result = FileResult("f", "laboratory", stages=[StageRecord("load", "done", 0.2, findings=2),
                                                    StageRecord("rules", "done", 1.0, findings=17)])
    stepper.show_result(result)  # the result is the authority
    assert stepper.rows["load"].found.text() == "500 rows, 2 findings"
    assert stepper.rows["rules"].found.text() == "17 findings"


def test_a_count_right_after_a_fraction_is_never_dropped(qtbot):
    """The race behind "16 findings in all (15 from the rules)" one run and
    "16 findings" the next: the worker dropped a progress event that came less
    than 50 ms after the last one, even when it carried the stage's counts."""
    worker = CheckWorker(None, [], CheckOptions())
    worker._progress(ProgressEvent("f", "progress", "rules", fraction=0.9))
    worker._progress(ProgressEvent("f", "progress", "rules", fraction=0.95))  # too soon: dropped
    worker._progress(ProgressEvent("f", "progress", "rules", counts={"findings": 15}))
    assert [e.fraction or e.counts for e in worker.take_events()] == [0.9, {"findings": 15}]


def structure_rows_of(window, key: str) -> dict[str, str]:
    return {k: row.found.text() for k, row in window.steppers[key].rows.items()}


def findings_said(text: str) -> int:
    match = re.search(r"([0-9,]+) findings?\b", text)
    return int(match.group(1).replace(",", "")) if match else 0


def test_with_the_real_engine_the_stepper_and_the_table_agree(qtbot, tmp_path):
    """A lab file with unknown patient IDs and a misspelled column: findings
    from the cross-check and the header come on top of the rules' own. Each
    row counts those of its stage, they add up to the table's count, and two
    checks of the same files read the same. A ragged file's structure
    findings are under Structure."""
    sub = write_submission(tmp_path / "sub", rows=200, seed=7, defects=True, structural=True,
                           tables=["patient", "medication", "laboratory"], answer=False)
    window = make_window(qtbot, tmp_path, RealEngine())
    ragged = next(f.path for f in sub.structural_files if f.path.name == "laboratory_ragged.csv")
    window.add_paths([sub.paths["patient"], sub.paths["medication"], ragged])
    window.resize(1280, 800)
    window.show()
    seen = []
    for _ in range(2):
        window.check_all()
        wait_idle(qtbot, window, 60_000)
        seen.append({key: structure_rows_of(window, key) for key in window.steppers})
    assert seen[0] == seen[1]
    for key, rows in seen[0].items():
        result = window.results[key]
        said = {stage: findings_said(text) for stage, text in rows.items()}
        assert sum(said.values()) == len(result.findings), (key, rows)
        window.list.setCurrentItem(window.list.item_for(key))
        assert window.results_view.findings.count_label.text() == f"{len(result.findings)} findings"
        structure = sum(f.code.startswith("structure.") for f in result.findings)
        if "structure" in rows:
            assert said["structure"] >= structure > 0
            assert said["rules"] == sum(r.findings for r in result.stages if r.key == "rules")
    assert any("structure" in rows for rows in seen[0].values()), "no file took the diagnostic path"
    key = str(sub.paths["medication"])
    window.list.setCurrentItem(window.list.item_for(key))
    assert "distinct patients" in window.steppers[key].rows["patient_ids"].found.text()
    assert "more than once" not in window.steppers[key].rows["patient_ids"].found.text()
    titles = [row.title for row in window.steppers[key].rows.values()]
    QApplication.processEvents()
    spread = titles[-1].y() - titles[0].y()
    assert spread <= (len(titles) - 1) * (titles[0].sizeHint().height() + 12), \
        "the rows spread apart: the stack took the height of the ragged file's longer stepper"
    assert window.stepper_stack.height() <= window.steppers[key].sizeHint().height() + 8
    screenshot(window, "window-real-engine")


class RealEngine:
    check = staticmethod(check_submission)
    propose = staticmethod(propose_table)
