"""The store's Qt pieces: the idle-wipe timer, the History dialog, the Settings dialog."""

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from test_store_support import (  # noqa: F401  (fixtures)
    SENTINEL_ID,
    SENTINELS,
    app_dirs,
    leave_orphan_scratch,
    memory_keyring,
    no_keyring,
    secure_secrets,
    sentinel_result,
    use_keyring,
)

from naaccord_desktop.definitions.loader import load_bundled
from naaccord_desktop.engine.result import FileResult, Finding, SubmissionResult
from naaccord_desktop.gui.history_view import HistoryDialog
from naaccord_desktop.gui.idle_wipe import IdleWipeTimer
from naaccord_desktop.gui.settings_dialog import SettingsDialog
from naaccord_desktop.store.history import History
from naaccord_desktop.store.scratch import IdleWipe, ScratchManager
from naaccord_desktop.store.secrets import load_secrets
from naaccord_desktop.store.settings import Settings, load_settings


@pytest.fixture(scope="module")
def definitions():
    return load_bundled()


@pytest.fixture
def history(app_dirs, secure_secrets):
    h = History(app_dirs.history_db, secure_secrets)
    yield h
    h.close()


def _lab(findings, verdict, started_at):
    return SubmissionResult(
        app_version="0.1.0", definitions_version="2025.1", verdict=verdict, started_at=started_at,
        files=[FileResult(path="/x/laboratory.csv", table="laboratory", findings=findings, verdict=verdict)],
    )


def _finding(code, column, count, severity="error"):
    return Finding(code, severity, column, count, [2, 3], "plain words")


# --- idle wipe ------------------------------------------------------------------


def test_idle_timer_wipes_what_a_crashed_check_left_after_the_timeout(qtbot, app_dirs):
    manager = ScratchManager(app_dirs.scratch_root)
    running = manager.new_run(1)
    orphan = leave_orphan_scratch(manager.root)
    timer = IdleWipeTimer(IdleWipe(manager, seconds=0.2), check_ms=50)
    with qtbot.waitSignal(timer.wiped, timeout=3000) as blocker:
        pass
    assert blocker.args[0] >= 4000
    assert not orphan.exists() and running.folder.exists()
    assert timer._timer.isActive()  # it keeps watching: another crash may leave more
    timer.stop()
    assert not timer._timer.isActive()
    manager.close(running)
    timer.deleteLater()


def test_touch_restarts_the_idle_wait_and_zero_minutes_means_never(qtbot, app_dirs):
    now = [0.0]
    idle = IdleWipe(ScratchManager(app_dirs.scratch_root), seconds=60, clock=lambda: now[0])
    timer = IdleWipeTimer(idle, check_ms=10_000)
    now[0] = 500.0
    timer.touch()
    assert idle._last == 500.0
    timer.set_minutes(0)
    assert idle.seconds == 0
    timer.stop()
    timer.deleteLater()


# --- history dialog ------------------------------------------------------------


def test_history_dialog_lists_filters_reopens_and_compares(qtbot, history, definitions):
    yesterday = history.record(_lab([_finding("date.invalid", "resultDate", 40),
                                     _finding("enum.invalid", "units", 3)], "ready", "2026-11-27T10:00:00+00:00"))
    history.record(SubmissionResult(app_version="0.1.0", definitions_version="2025.1", verdict="clean",
                                    files=[FileResult(path="patient.csv", table="patient")]))
    today = history.record(_lab([_finding("date.invalid", "resultDate", 12),
                                 _finding("patient_id.unknown", "cohortPatientId", 5, "blocker")], "blocked",
                                "2026-11-28T10:00:00+00:00"))
    dialog = HistoryDialog(history, definitions)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3
    assert dialog.table.item(0, 3).text() == "Blocked"
    assert dialog.table.item(0, 4).text() == "1 blocking · 1 error · 0 warnings"

    dialog.table_filter.setCurrentIndex(dialog.table_filter.findData("laboratory"))
    assert [r.id for r in dialog.rows] == [today, yesterday]
    dialog.verdict_filter.setCurrentIndex(dialog.verdict_filter.findData("ready"))
    assert [r.id for r in dialog.rows] == [yesterday]
    dialog.verdict_filter.setCurrentIndex(0)
    dialog.file_filter.setText("nothing like it")
    assert dialog.rows == [] and dialog.message.text() == "No checks match."
    dialog.file_filter.clear()

    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.select_run(yesterday)
    cell = dialog.table.visualItemRect(dialog.table.item(dialog.table.currentRow(), 1)).center()
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # Qt 6 needs a press first
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    shown = dialog.results_view.result
    assert shown.path.endswith("laboratory.csv") and [f.count for f in shown.findings] == [40, 3]
    assert "2026-11-27 10:00" in dialog.report_note.text() and "with the examples" in dialog.report_note.text()

    dialog.select_run(today)
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    top = dialog.changes.topLevelItem(0)
    assert top.text(0).startswith("laboratory: since the check of 2026-11-27 10:00 (1 new, 1 still there, 1 fixed)")
    groups = {top.child(i).text(0): top.child(i) for i in range(top.childCount())}
    assert set(groups) == {"New (1)", "Still there (1)", "Fixed (1)"}
    still = groups["Still there (1)"].child(0)
    assert [still.text(i) for i in range(4)] == ["invalid date", "resultDate", "40", "12"]


def test_history_dialog_deletes_one_and_all(qtbot, history, definitions):
    first = history.record(sentinel_result())
    history.record(sentinel_result(table="patient"))
    dialog = HistoryDialog(history, definitions)
    qtbot.addWidget(dialog)
    dialog.select_run(first)
    dialog.open_selected()
    asked = []
    dialog.confirm = lambda title, text: asked.append(text) or False
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert len(history.runs()) == 2 and asked[0].startswith("The check of 20")
    dialog.confirm = lambda title, text: True
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert len(dialog.rows) == 1 and dialog.report is None and dialog.results_view.result is None
    assert [dialog.table_filter.itemData(i) for i in range(dialog.table_filter.count())] == ["", "patient"]

    dialog.confirm = lambda title, text: False
    qtbot.mouseClick(dialog.delete_all_button, Qt.MouseButton.LeftButton)
    assert len(history.runs()) == 1
    dialog.confirm = lambda title, text: True
    qtbot.mouseClick(dialog.delete_all_button, Qt.MouseButton.LeftButton)
    assert history.runs() == [] and dialog.table.rowCount() == 0
    assert dialog.message.text() == "No checks yet."
    assert not dialog.delete_all_button.isEnabled()


@pytest.mark.parametrize(("kept", "ending"), [("with values, encrypted", "html"), ("without values", "html"),
                                             ("with values, encrypted", "xlsx"), ("without values", "xlsx")])
def test_a_reopened_check_saves_as_a_shareable_report(qtbot, app_dirs, secure_secrets, definitions, tmp_path,
                                                      kept, ending, monkeypatch):
    history = History(app_dirs.history_db, secure_secrets)
    run_id = history.record(sentinel_result())
    if kept == "without values":
        monkeypatch.setattr(history, "detail", lambda _run_id: None)  # as with no keychain, or another key
    dialog = HistoryDialog(history, definitions, secure_secrets.pseudonym)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    dialog.select_run(run_id)
    dialog.open_selected()
    assert dialog.report_has_values == (kept == "with values, encrypted")
    out = tmp_path / "out"
    out.mkdir()
    dialog.ask_save_path = lambda suggested: str(out / Path(suggested).with_suffix(f".{ending}"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = out / f"precheck-report-shareable.{ending}"
    text = saved.read_text(encoding="utf-8") if ending == "html" else _workbook_text(saved)
    assert secure_secrets.pseudonym(SENTINEL_ID) in text  # the same pseudonym either way
    assert not any(s in text for s in SENTINELS)
    assert dialog.message.text() == f"Shareable report saved as {saved.name}: it has no patient IDs or values."
    history.close()


@pytest.mark.parametrize(("typed", "kind", "saved"), [
    ("report.html", "Excel workbooks (*.xlsx)", "report.xlsx"), ("report", "Web pages (*.html)", "report.html"),
    ("report.xlsx", "Excel workbooks (*.xlsx)", "report.xlsx"), ("a.b", "Excel workbooks (*.xlsx)", "a.b.xlsx"),
    ("", "Web pages (*.html)", "")])
def test_the_kind_chosen_in_the_save_dialog_gives_the_ending(qtbot, history, definitions, monkeypatch, tmp_path,
                                                             typed, kind, saved):
    dialog = HistoryDialog(history, definitions)
    qtbot.addWidget(dialog)
    answer = str(tmp_path / typed) if typed else ""
    monkeypatch.setattr("naaccord_desktop.gui.history_view.QFileDialog.getSaveFileName", lambda *_a: (answer, kind))
    assert dialog.ask_save_path("precheck-report-shareable.html") == (str(tmp_path / saved) if saved else "")


def _workbook_text(path: Path) -> str:
    """Every text a workbook holds (its XML parts)."""
    with zipfile.ZipFile(path) as book:
        return "".join(book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xml"))


def test_without_the_key_a_report_with_values_is_not_saved_as_shareable(qtbot, history, definitions):
    run_id = history.record(sentinel_result())
    dialog = HistoryDialog(history, definitions)
    qtbot.addWidget(dialog)
    dialog.select_run(run_id)
    dialog.open_selected()
    assert dialog.report_has_values and not dialog.save_button.isEnabled()


def test_an_interrupted_run_cannot_be_opened_or_compared(qtbot, history, definitions):
    run_id = history.start_run([], cohort="", app_version="0.1.0", definitions_version="2025.1")
    history.mark_interrupted([run_id])
    dialog = HistoryDialog(history, definitions)
    qtbot.addWidget(dialog)
    dialog.select_run(run_id)
    assert dialog.table.item(0, 3).text() == "Interrupted (the app closed)"
    assert not dialog.open_button.isEnabled() and not dialog.compare_button.isEnabled()
    assert dialog.delete_button.isEnabled()


# --- settings dialog -----------------------------------------------------------


def test_settings_dialog_saves_what_was_edited(qtbot, app_dirs, secure_secrets):
    dialog = SettingsDialog(Settings(), app_dirs, secure_secrets, ["CNICS", "VACS"])
    qtbot.addWidget(dialog)
    assert "keychain" in dialog.privacy_text.text()
    dialog.cohort.setCurrentIndex(dialog.cohort.findData("VACS"))
    dialog.idle_minutes.setValue(5)
    dialog.memory_limit.setText(" 512 MB ")
    dialog.threads.setValue(3)
    dialog.accept()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    expected = Settings(cohort="VACS", idle_wipe_minutes=5, memory_limit="512MB", threads=3)
    assert dialog.settings == expected
    assert load_settings(app_dirs) == expected


def test_settings_dialog_refuses_bad_values_in_plain_words(qtbot, app_dirs, no_keyring):
    dialog = SettingsDialog(Settings(), app_dirs, load_secrets(), [])
    qtbot.addWidget(dialog)
    assert "stores no detail" in dialog.privacy_text.text()
    dialog.memory_limit.setText("a lot")
    dialog.scratch.setText("relative/place")
    dialog.accept()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert "2GB" in dialog.problems.text() and "full folder path" in dialog.problems.text()
    assert not dialog.problems.isHidden()
    assert load_settings(app_dirs) == Settings()
