"""The main window driven end to end with a stand-in engine that speaks the
pipeline's progress protocol (threads, cancel, fallback, crash)."""

from __future__ import annotations

import logging
from pathlib import Path

from gui_helpers import FALLBACK_WORDS, FakeEngine, make_window, screenshot, wait_idle, write_submission
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from naaccord_desktop.gui.results.badges import BANNER_COLOURS
from naaccord_desktop.gui.submission_list import TABLE
from naaccord_desktop.reports.words import NOT_CHECKED
from naaccord_desktop.store.paths import AppPaths
from naaccord_desktop.store.settings import load_settings


def run_and_wait(qtbot, window, start):
    start()
    wait_idle(qtbot, window, 10_000)


def test_empty_window_invites_files(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, FakeEngine())
    window.show()
    assert window.right.currentIndex() == 0
    assert not window.check_all_button.isEnabled()
    assert window.add_files_action.shortcut().toString() == "Ctrl+O"
    assert [a.text() for a in window.file_menu.actions() if a.text()][-1] == "&Quit"
    screenshot(window, "window-empty")


def test_check_all_shows_results_and_verdicts(qtbot, tmp_path):
    engine = FakeEngine()
    window = make_window(qtbot, tmp_path, engine)
    window.show()
    window.add_paths([tmp_path / "in"] if write_submission(tmp_path / "in") else [])
    assert [e.table for e in window.list.entries.values()] == ["laboratory", "patient"]
    run_and_wait(qtbot, window, window.check_all)
    states = {e.path.name: e.state for e in window.list.entries.values()}
    assert states == {"laboratory.csv": "blocked", "patient.csv": "clean"}
    assert window.submission_banner.headline.text() == \
        "Blocked: 1 file of 2 cannot be uploaded yet (laboratory.csv)"
    window.list.setCurrentItem(window.list.item_for(str(tmp_path / "in" / "laboratory.csv")))
    assert window.results_view.findings.model.rowCount() == 3
    assert window.steppers[window.list.current_key()].states() == {"inspect": "done", "load": "done",
                                                                    "rules": "done"}
    assert window.running is False and window.check_all_button.isEnabled()
    assert [f.table for f in window.last_submission.files] == ["laboratory", "patient"]
    assert not any(p.exists() for p in engine.scratch_seen)  # scratch wiped when the run ended
    assert window.held_label.text().startswith("No temporary copies on disk · last check ")
    assert window.settings.value("last_folder") == str(tmp_path / "in")
    screenshot(window, "window-blocked")


def test_a_ragged_file_falls_back_to_the_diagnostic_path(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, FakeEngine())
    window.show()
    window.add_paths(write_submission(tmp_path, ["patient_ragged.csv"]))
    key = window.list.current_key()
    window.list.entries[key].table = "patient"
    run_and_wait(qtbot, window, window.check_all)
    stepper = window.steppers[key]
    assert list(stepper.rows) == ["structure", "rules"]
    assert stepper.reason.text() == FALLBACK_WORDS
    assert window.results_view.result.path_taken == "diagnostic"


def test_cancel_mid_run_keeps_what_finished(qtbot, tmp_path):
    engine = FakeEngine(hold=True)
    window = make_window(qtbot, tmp_path, engine)
    window.show()
    window.add_paths(write_submission(tmp_path))
    window.check_all()
    held = window.steppers[str(tmp_path / "patient.csv")]
    qtbot.waitUntil(lambda: held.states().get("rules") == "running", timeout=5000)
    assert window.stop_button.isVisible() and not window.check_all_button.isEnabled()
    screenshot(window, "window-running")
    window.stop_button.click()  # Cancel answers within a second
    wait_idle(qtbot, window, 1000)
    states = {e.path.name: e.state for e in window.list.entries.values()}
    assert states == {"patient.csv": "cancelled", "laboratory.csv": "cancelled"}
    assert held.states() == {"inspect": "done", "load": "done", "rules": "cancelled"}
    never_reached = window.steppers[str(tmp_path / "laboratory.csv")]
    assert never_reached.rows == {} and "not reached" in never_reached.placeholder.text()
    assert window.submission_banner.headline.text() == NOT_CHECKED
    assert not any(p.exists() for p in engine.scratch_seen)


def test_a_stopped_file_has_no_verdict_and_no_receipt(qtbot, tmp_path, monkeypatch):
    """The trial: Stop while a file is being checked. The engine hands back that
    file with no findings and verdict "clean"; it must not read as ready."""
    engine = FakeEngine(hold=True)
    window = make_window(qtbot, tmp_path, engine)
    window.show()
    window.add_paths(write_submission(tmp_path, ["patient.csv"]))
    window.check_all()
    held = window.steppers[str(tmp_path / "patient.csv")]
    qtbot.waitUntil(lambda: held.states().get("rules") == "running", timeout=5000)
    window.stop()
    wait_idle(qtbot, window, 5000)
    assert window.results_view.result.verdict == "clean"  # what the engine said, and must not be shown
    neutral = BANNER_COLOURS["neutral"][0]
    for banner in (window.results_view.banner, window.submission_banner):
        assert banner.headline.text() == NOT_CHECKED
        assert neutral in banner.styleSheet()
        assert "Ready" not in banner.headline.text() + banner.detail.text()
    assert "No problems found" not in window.results_view.findings.detail.toPlainText()
    screenshot(window, "window-stopped")
    asked = []
    monkeypatch.setattr(window, "ask_save_path", lambda *args: asked.append(args) or "")
    told = []
    monkeypatch.setattr(window, "tell", lambda title, message: told.append(title))
    window.save_receipt_action.trigger()
    assert asked == [] and told == ["No receipt for a stopped check"]


def test_close_mid_run_asks_then_cancels_and_joins(qtbot, tmp_path, monkeypatch):
    engine = FakeEngine(hold=True)
    window = make_window(qtbot, tmp_path, engine)
    window.show()
    window.add_paths(write_submission(tmp_path))
    window.check_all()
    assert engine.started.wait(5)
    monkeypatch.setattr(window, "confirm_stop", lambda: False)
    window.close()
    assert window.isVisible() and window.running  # "No" keeps the run going
    monkeypatch.setattr(window, "confirm_stop", lambda: True)
    worker = window.worker
    window.close()
    assert not window.isVisible() and window.worker is None
    assert worker.isFinished()
    assert not any(p.exists() for p in engine.scratch_seen)
    assert window.settings.value("window/geometry") is not None


def test_engine_crash_becomes_a_dialog_with_details_and_a_log_entry(qtbot, tmp_path, caplog):
    window = make_window(qtbot, tmp_path, FakeEngine(explode=True))
    window.show()
    window.add_paths(write_submission(tmp_path, ["patient.csv"]))
    with caplog.at_level(logging.ERROR):
        run_and_wait(qtbot, window, window.check_all)
    box = window.error_box
    assert box is not None and box.isVisible()
    assert "not in your files" in box.text() and "Traceback" not in box.text()
    assert "RuntimeError" in box.detailedText() and "P-123" not in box.detailedText()
    assert "RuntimeError" in caplog.text and "P-123" not in caplog.text  # no cell values in the log
    assert next(iter(window.list.entries.values())).state == "failed"
    screenshot(box, "error-dialog")
    box.done(QMessageBox.StandardButton.Close)


def test_a_file_not_checked_yet_does_not_make_the_submission_cancelled(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, FakeEngine())
    window.add_paths(write_submission(tmp_path / "in"))
    run_and_wait(qtbot, window, window.check_all)
    window.add_paths(write_submission(tmp_path / "more", ["medication.csv"]))
    assert window.list.entries[str(tmp_path / "more" / "medication.csv")].state == "new"
    submission = window.current_submission()
    assert submission.cancelled is False
    assert sorted(Path(f.path).name for f in submission.files) == ["laboratory.csv", "patient.csv"]


def test_a_crashed_recheck_keeps_the_earlier_results_complete(qtbot, tmp_path):
    engine = FakeEngine()
    window = make_window(qtbot, tmp_path, engine)
    window.add_paths(write_submission(tmp_path, ["patient.csv"]))
    run_and_wait(qtbot, window, window.check_all)
    engine.explode = True
    run_and_wait(qtbot, window, window.check_all)
    window.error_box.done(QMessageBox.StandardButton.Close)
    assert next(iter(window.list.entries.values())).state == "failed"
    assert window.current_submission().cancelled is False


def test_a_real_cancel_makes_the_submission_cancelled(qtbot, tmp_path):
    engine = FakeEngine()
    window = make_window(qtbot, tmp_path, engine)
    window.add_paths(write_submission(tmp_path, ["patient.csv"]))
    run_and_wait(qtbot, window, window.check_all)
    assert window.current_submission().cancelled is False
    engine.hold = True
    window.check_all()
    held = window.steppers[str(tmp_path / "patient.csv")]
    qtbot.waitUntil(lambda: held.states().get("rules") == "running", timeout=5000)
    window.stop()
    wait_idle(qtbot, window, 5000)
    assert next(iter(window.list.entries.values())).state == "cancelled"
    assert window.current_submission().cancelled is True


def test_changing_a_table_type_drops_the_old_result(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, FakeEngine())
    window.show()
    window.add_paths(write_submission(tmp_path))
    run_and_wait(qtbot, window, window.check_all)
    lab = str(tmp_path / "laboratory.csv")
    window.list.setCurrentItem(window.list.item_for(lab))
    assert window.results_view.result is not None
    window.list.item_for(lab).setData(TABLE, Qt.ItemDataRole.UserRole, "medication")
    assert window.list.entries[lab].table == "medication" and window.list.entries[lab].state == "new"
    assert lab not in window.results and window.results_view.result is None
    assert window.steppers[lab].rows == {}
    assert [Path(f.path).name for f in window.current_submission().files] == ["patient.csv"]


def test_files_need_a_table_type_before_checking(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, FakeEngine())
    window.add_paths(write_submission(tmp_path, ["mystery.csv"]))
    window.check_all()
    assert not window.running
    assert window.submission_banner.headline.text() == "Choose a table type first"
    assert "mystery.csv" in window.submission_banner.detail.text()
    item = window.list.topLevelItem(0)
    assert "mystery.csv" in item.toolTip(1) and "F2" in item.toolTip(1)  # why no type was proposed


def test_drop_files_and_remove(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, FakeEngine())
    window.show()
    paths = write_submission(tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    viewport = window.list
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)
    viewport.dropEvent(drop)
    assert len(window.list.entries) == 2
    window.remove_action.trigger()
    assert len(window.list.entries) == 1 and len(window.steppers) == 1


def test_geometry_and_cohort_are_remembered(qtbot, tmp_path):
    paths = AppPaths(data=tmp_path / "d", config=tmp_path / "c", cache=tmp_path / "k", logs=tmp_path / "l")
    window = make_window(qtbot, tmp_path, FakeEngine(), paths=paths, store_settings=load_settings(paths))
    window.show()
    window.resize(700, 500)
    window.cohort_box.setCurrentIndex(window.cohort_box.findData("CNICS"))
    window.close()
    again = make_window(qtbot, tmp_path, FakeEngine(), paths=paths, store_settings=load_settings(paths))
    assert (again.width(), again.height()) == (700, 500)
    assert again.cohort_box.currentData() == "CNICS"
    assert load_settings(paths).cohort == "CNICS"  # the cohort lives in the store's settings only
    assert window.settings.value("cohort") is None


def test_check_this_file_takes_the_patient_file_along_and_replaces_its_result(qtbot, tmp_path):
    engine = FakeEngine()
    calls = []
    check = engine.check

    def recording_check(files, *args, **kwargs):
        calls.append([Path(f.path).name for f in files])
        return check(files, *args, **kwargs)

    engine.check = recording_check
    window = make_window(qtbot, tmp_path, engine)
    window.add_paths(write_submission(tmp_path, ["patient.csv", "laboratory.csv", "diagnosis.csv"]))
    run_and_wait(qtbot, window, window.check_all)
    lab_key = str(tmp_path / "laboratory.csv")
    first = window.results[lab_key]
    window.list.setCurrentItem(window.list.item_for(lab_key))
    run_and_wait(qtbot, window, window.check_file_button.click)
    assert calls == [["patient.csv", "laboratory.csv", "diagnosis.csv"], ["laboratory.csv", "patient.csv"]]
    assert window.results[lab_key] is not first
    assert window.results_view.result is window.results[lab_key]
