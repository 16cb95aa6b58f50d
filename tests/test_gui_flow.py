"""The window over the real engine: a small generated submission, a file that
falls back to the diagnostic path, Cancel and close in the middle of a run."""

from __future__ import annotations

import time
from pathlib import Path

from corpus import HEADER, lab_row
from gui_helpers import screenshot, wait_idle
from PySide6.QtCore import QSettings

from naaccord_desktop.engine.pipeline import DIAGNOSTIC_STAGES, FAST_STAGES
from naaccord_desktop.gui.app import build_window
from naaccord_desktop.gui.report_choice import ReportChoice

PATIENT_HEADER = "cohortPatientId,birthSex,presentSex,birthYear,race,hispanic,enrollDate,lastActivityDate"


def write_submission(folder: Path, patients: int = 40, lab_rows: int = 50, ragged: bool = False) -> Path:
    """Patients P0001..P{patients}; lab rows for P0001..P{lab_rows}, so every lab
    row past `patients` uses an unknown patient ID."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = [f"P{i:04d},Female,,{1950 + i % 60},White,No,2010-01-{1 + i % 28:02d},2020-02-{1 + i % 28:02d}"
            for i in range(1, patients + 1)]
    (folder / "patient.csv").write_text("\n".join([PATIENT_HEADER, *rows]) + "\n", encoding="utf-8")
    lab = [HEADER, *(lab_row(i) for i in range(1, lab_rows + 1))]
    if ragged:
        lab[3] += ",extra"
    (folder / "laboratory.csv").write_text("\n".join(lab) + "\n", encoding="utf-8")
    return folder


def window_for(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(settings, tmp_path / "scratch")
    qtbot.addWidget(window)
    window.show()
    return window


def select(window, name: str) -> None:
    key = next(k for k, e in window.list.entries.items() if e.path.name == name)
    window.list.setCurrentItem(window.list.item_for(key))


def test_full_flow_on_a_small_submission(qtbot, tmp_path):
    window = window_for(qtbot, tmp_path)
    window.add_paths([write_submission(tmp_path / "submission")])
    assert {e.path.name: e.table for e in window.list.entries.values()} == \
        {"laboratory.csv": "laboratory", "patient.csv": "patient"}
    window.check_all_button.click()
    wait_idle(qtbot, window, 60_000)
    states = {e.path.name: e.state for e in window.list.entries.values()}
    assert states["laboratory.csv"] == "blocked" and states["patient.csv"] != "blocked"
    select(window, "laboratory.csv")
    view = window.results_view
    assert view.banner.headline.text() == "Blocked: 10 rows use patient IDs that are not in the patient file"
    unknown = [f for f in view.findings.model.findings if f.code == "patient_id.unknown"]
    assert unknown[0].count == 10
    assert view.patient_ids.unknown.rowCount() == 10
    assert window.results_view.result.rows == 50
    stepper = window.steppers[window.list.current_key()]
    assert list(stepper.rows) == [s.key for s in FAST_STAGES]
    assert set(stepper.states().values()) <= {"done", "skipped"}
    assert window.submission_banner.headline.text().startswith("Blocked: 1 file of 2")
    assert not any((tmp_path / "scratch").iterdir())
    screenshot(window, "flow-blocked")
    view.tabs.setCurrentWidget(view.variables)
    screenshot(window, "flow-variables")


def test_a_clean_submission_says_ready(qtbot, tmp_path):
    window = window_for(qtbot, tmp_path)
    window.add_paths([write_submission(tmp_path / "submission", patients=50, lab_rows=50)])
    window.check_all()
    wait_idle(qtbot, window, 60_000)
    assert window.submission_banner.headline.text().startswith("Ready to upload")
    select(window, "laboratory.csv")
    screenshot(window, "flow-clean")


def test_a_ragged_file_falls_back_and_says_why(qtbot, tmp_path):
    window = window_for(qtbot, tmp_path)
    window.add_paths([write_submission(tmp_path / "submission", ragged=True)])
    window.check_all()
    wait_idle(qtbot, window, 60_000)
    select(window, "laboratory.csv")
    stepper = window.steppers[window.list.current_key()]
    assert list(stepper.rows) == [s.key for s in DIAGNOSTIC_STAGES]
    assert "line 4" in stepper.reason.text() and stepper.reason.isVisibleTo(window)
    codes = {f.code for f in window.results_view.findings.model.findings}
    assert "structure.too_many_fields" in codes
    screenshot(window, "flow-fallback")


def big_submission(folder: Path, lab_rows: int) -> Path:
    write_submission(folder, patients=100, lab_rows=0)
    with (folder / "laboratory.csv").open("w", encoding="utf-8") as out:
        out.write(HEADER + "\n")
        out.writelines(lab_row(i % 100 + 1) + "\n" for i in range(lab_rows))
    return folder


def test_cancel_mid_run_answers_within_a_second(qtbot, tmp_path):
    window = window_for(qtbot, tmp_path)
    window.add_paths([big_submission(tmp_path / "submission", 400_000)])
    window.check_all()
    lab = window.steppers[next(k for k, e in window.list.entries.items() if e.table == "laboratory")]
    qtbot.waitUntil(lambda: lab.running, timeout=30_000)
    started = time.monotonic()
    window.stop_button.click()
    wait_idle(qtbot, window, 5_000)
    assert time.monotonic() - started < 1.0
    assert "cancelled" in lab.states().values()
    assert {e.path.name: e.state for e in window.list.entries.values()}["laboratory.csv"] == "cancelled"
    assert not any((tmp_path / "scratch").iterdir())


def test_close_mid_run_cancels_joins_and_wipes(qtbot, tmp_path, monkeypatch):
    window = window_for(qtbot, tmp_path)
    window.add_paths([big_submission(tmp_path / "submission", 400_000)])
    window.check_all()
    qtbot.waitUntil(lambda: any(s.running for s in window.steppers.values()), timeout=30_000)
    monkeypatch.setattr(window, "confirm_stop", lambda: True)
    worker = window.worker
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 1.5
    assert worker.isFinished() and not window.isVisible()
    assert not any((tmp_path / "scratch").iterdir())


def test_save_report_receipt_and_offending_rows(qtbot, tmp_path, monkeypatch):
    window = window_for(qtbot, tmp_path)
    window.add_paths([write_submission(tmp_path / "submission")])
    assert not window.save_report_action.isEnabled()
    window.check_all()
    wait_idle(qtbot, window)
    out = tmp_path / "out"
    out.mkdir()
    answers = iter([str(out / "report.html"), str(out / "receipt.json")])
    monkeypatch.setattr(window, "ask_save_path", lambda *_args: next(answers))
    monkeypatch.setattr(window, "ask_report_kind", lambda: ReportChoice(shareable=False, workbook=False))
    window.save_report_action.trigger()
    assert "laboratory.csv" in (out / "report.html").read_text(encoding="utf-8")
    window.save_receipt_action.trigger()
    assert (out / "receipt.json").exists() and (out / "receipt.txt").exists()

    select(window, "laboratory.csv")
    findings = window.results_view.findings
    assert findings.current_finding().code == "patient_id.unknown"
    monkeypatch.setattr(window, "ask_save_path", lambda *_args: str(out / "rows.csv"))
    findings.export_button.click()
    qtbot.waitUntil(lambda: window.export_worker is None, timeout=30_000)
    assert findings.export_note.text().startswith("Saved 10 rows to rows.csv.")
    lines = (out / "rows.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("line,cohortPatientId,") and len(lines) == 11
