"""The window wired to the store, over the real engine: a generated submission
is checked with every app folder redirected (XDG_*), then the history, the
scratch wipes, the History and Settings dialogs, the shareable report and,
at the end, every byte the app wrote are looked at."""

from __future__ import annotations

import csv
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from gui_helpers import screenshot, wait_idle
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication
from test_store_support import (  # noqa: F401  (fixtures)
    files_containing,
    leave_orphan_scratch,
    memory_keyring,
    use_keyring,
)

from naaccord_desktop.gui.app import build_window
from naaccord_desktop.gui.history_view import HistoryDialog
from naaccord_desktop.gui.report_choice import ReportChoiceDialog
from naaccord_desktop.gui.settings_dialog import SettingsDialog
from naaccord_desktop.sample import write_submission
from naaccord_desktop.store import logs
from naaccord_desktop.store.history import History
from naaccord_desktop.store.paths import app_paths
from naaccord_desktop.store.scratch import ScratchManager
from naaccord_desktop.store.secrets import load_secrets
from naaccord_desktop.store.session import open_local_state
from naaccord_desktop.store.settings import load_settings


@pytest.fixture
def app_root(tmp_path, monkeypatch) -> Path:
    """Every app folder under one temporary root, never the real home."""
    root = tmp_path / "app"
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"),
                     ("XDG_STATE_HOME", "state")):
        monkeypatch.setenv(var, str(root / sub))
    return root


@pytest.fixture
def store(app_root, memory_keyring):
    paths = app_paths().ensure()
    assert app_root in paths.data.parents and app_root in paths.logs.parents
    logs.setup_logging(paths)
    opened = open_local_state(paths)
    yield opened
    opened.close()
    logs.close_logging()


@pytest.fixture
def window(qtbot, tmp_path, store):
    w = build_window(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat), store.scratch.root, store)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    return w


@pytest.fixture
def submission(tmp_path) -> tuple[Path, set[str]]:
    """A small generated submission with planted defects (unknown patient IDs
    among them), and every patient ID its files contain."""
    folder = tmp_path / "submission"
    write_submission(folder, rows=300, defects=True, tables=["patient", "laboratory"], answer=False)
    ids = set()
    for name in ("patient.csv", "laboratory.csv"):
        with (folder / name).open(encoding="utf-8", newline="") as f:
            ids.update(row["cohortPatientId"] for row in csv.DictReader(f) if row["cohortPatientId"].strip())
    assert len(ids) > 20
    return folder, ids


def in_modal(qtbot, dialog_type, act) -> list:
    """Run `act(dialog)` on the next modal dialog of `dialog_type` once its exec() has started."""
    seen = []

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, dialog_type):
            QTimer.singleShot(20, handle)
            return
        seen.append(dialog)
        try:
            act(dialog)
        finally:  # a failed assertion must not leave the test waiting on an open dialog
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, handle)
    return seen


def checked(qtbot, window, folder: Path) -> None:
    window.add_paths([folder])
    assert {e.table for e in window.list.entries.values()} == {"patient", "laboratory"}
    window.check_all()
    wait_idle(qtbot, window, 60_000)
    assert window.error_box is None


def test_a_check_is_recorded_and_leaves_no_patient_id_behind(qtbot, window, store, submission, app_root,
                                                             tmp_path):
    folder, ids = submission
    checked(qtbot, window, folder)
    verdicts = {e.path.name: e.state for e in window.list.entries.values()}
    assert verdicts["laboratory.csv"] == "blocked"

    runs = store.history.runs()
    assert len(runs) == 1
    run = runs[0]
    assert run.status == "finished" and run.verdict == "blocked" and run.has_report and run.has_detail
    assert sorted(f.name for f in run.files) == ["laboratory.csv", "patient.csv"]
    assert all(len(f.sha256) == 64 and f.rows > 0 for f in run.files)
    assert run.findings_by_severity["blocker"] >= 1
    assert list(store.scratch.root.iterdir()) == []  # wiped as soon as the check ended
    assert window.held_label.text().startswith("No temporary copies on disk · last check ")

    # History, opened from the menu, lists the run and reopens its report
    def look(dialog: HistoryDialog) -> None:
        assert dialog.table.rowCount() == 1 and dialog.table.item(0, 3).text() == "Blocked"
        dialog.select_run(run.id)
        dialog.open_selected()
        screenshot(dialog, "store-history")
        dialog.accept()

    seen = in_modal(qtbot, HistoryDialog, look)
    window.history_action.trigger()
    assert len(seen) == 1
    shown = seen[0].report
    assert {f.table for f in shown.files} == {"patient", "laboratory"}
    assert "with the examples" in seen[0].report_note.text()  # the detail is kept encrypted

    # The shareable report: chosen in the Save report dialog
    out = tmp_path / "out"
    out.mkdir()

    def choose_shareable(dialog: ReportChoiceDialog) -> None:
        assert dialog.share.isEnabled() and dialog.full.isChecked()
        screenshot(dialog, "store-report-choice")
        dialog.share.click()
        dialog.accept()

    asked = []
    window.ask_save_path = lambda title, suggested, _filter: asked.append(suggested) or str(out / suggested)
    seen = in_modal(qtbot, ReportChoiceDialog, choose_shareable)
    window.save_report_action.trigger()
    assert len(seen) == 1 and asked == ["precheck-report-shareable.html"]
    shareable = (out / "precheck-report-shareable.html").read_text(encoding="utf-8")
    assert "laboratory.csv" in shareable and re.search(r"P-[0-9a-f]{16}", shareable)  # IDs as pseudonyms
    assert files_containing(out, ids) == {}

    seen = in_modal(qtbot, ReportChoiceDialog, lambda dialog: dialog.accept())  # the full report
    window.save_report_action.trigger()
    assert asked[-1] == "precheck-report.html"
    assert "precheck-report.html" in files_containing(out, ids)  # the search finds IDs where they are

    window.close()
    assert list(store.scratch.root.iterdir()) == []
    store.close()
    logs.close_logging()
    written = [p for p in app_root.rglob("*") if p.is_file()]
    assert any(p.name == "history.sqlite3" for p in written) and any(p.suffix == ".log" for p in written)
    assert files_containing(app_root, ids) == {}


def test_wipe_now_and_the_idle_timer_wipe_what_is_held(qtbot, window, store):
    left = leave_orphan_scratch(store.scratch.root)  # a crashed check's folder: its process is gone
    window._show_held()
    assert window.held_label.text().startswith("Temporary copies on disk: ") and window.wipe_now_action.isEnabled()
    window.wipe_now_action.trigger()
    assert not left.exists()
    assert window.held_label.text() == "No temporary copies on disk"
    other_window = ScratchManager(store.scratch.root)  # another window's check, running
    theirs = other_window.new_run(99)
    (theirs.folder / "work.duckdb").write_bytes(b"x" * 4000)
    window.wipe_now()
    assert theirs.folder.exists() and window.held_label.text() == "No temporary copies on disk"
    assert window.statusBar().currentMessage() == ("Temporary copies wiped. Another window of the app is "
                                                   "checking files: its copies are wiped when it is done.")
    other_window.close(theirs)

    assert window.idle_wipe._timer.isActive()  # it runs whenever the window is open
    left = leave_orphan_scratch(store.scratch.root)
    window.idle_wipe.idle.seconds = 0.2
    window.idle_wipe._timer.setInterval(50)
    with qtbot.waitSignal(window.idle_wipe.wiped, timeout=5000) as wiped:
        pass
    assert wiped.args[0] >= 4000 and not left.exists()
    assert window.held_label.text() == "No temporary copies on disk"


def test_working_with_the_window_restarts_the_idle_wait(qtbot, window, store, submission):
    idle = window.idle_wipe.idle
    idle._last = 0.0
    window.add_paths([submission[0]])
    assert idle._last > 0.0
    idle._last = 0.0
    window.list.setCurrentItem(window.list.topLevelItem(1))
    assert idle._last > 0.0


def test_settings_from_the_menu_apply_to_the_window_and_the_next_check(qtbot, window, store, submission):
    def edit(dialog: SettingsDialog) -> None:
        assert "keychain" in dialog.privacy_text.text()
        dialog.cohort.setCurrentIndex(dialog.cohort.findData("Vanderbilt"))
        dialog.idle_minutes.setValue(3)
        dialog.threads.setValue(1)
        dialog.memory_limit.setText("512MB")
        screenshot(dialog, "store-settings")
        dialog.accept()

    seen = in_modal(qtbot, SettingsDialog, edit)
    window.settings_action.trigger()
    assert len(seen) == 1
    assert window.cohort_box.currentData() == "Vanderbilt"
    assert window.idle_wipe.idle.seconds == 180
    assert load_settings(store.paths).cohort == "Vanderbilt"

    checked(qtbot, window, submission[0])
    options = window.last_submission.options
    assert (options.cohort, options.memory_limit, options.threads) == ("Vanderbilt", "512MB", 1)
    assert store.history.runs()[0].cohort == "Vanderbilt"


def test_the_menus_offer_the_store(qtbot, window, store, monkeypatch):
    texts = [a.text() for a in window.file_menu.actions() if a.text()]
    assert texts[-4:] == ["&History…", "Se&ttings…", "&Wipe temporary copies now", "&Quit"]
    assert window.history_action.shortcut().toString() == "Ctrl+H"
    assert [a.text() for a in window.help_menu.actions()] == ["&Rules…", "&About", "Open the &log folder"]
    assert all(a.isEnabled() for a in (window.history_action, window.settings_action, window.log_folder_action))
    assert not window.wipe_now_action.isEnabled()  # nothing held
    screenshot(window, "store-window")
    window.file_menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
    screenshot(window.file_menu, "store-file-menu")
    window.file_menu.hide()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(opened.append))
    window.log_folder_action.trigger()
    assert [u.toLocalFile() for u in opened] == [str(store.paths.logs)]


HELD_RUN = '''
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from naaccord_desktop.engine.result import SubmissionResult
from naaccord_desktop.gui import app

def held_check(files, definitions, options, progress, cancel, *, scratch, copies):
    (scratch / "work.duckdb").write_text("a working copy of the rows")
    print("CHECKING", flush=True)
    while not cancel.cancelled:
        time.sleep(0.01)
    return SubmissionResult(app_version="test", definitions_version=definitions.version, cancelled=True)

def open_submission(window):
    window.add_paths([Path(sys.argv[1])])
    QTimer.singleShot(0, window.check_all)

app.check_submission = held_check
app.open_demo = open_submission
print("EXIT", app.run_gui(demo=True), flush=True)
'''


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_a_check_stops_it_wipes_and_exits(app_root, tmp_path, signum):
    patient = tmp_path / "patient.csv"
    patient.write_text("cohortPatientId,birthSex\nC017-0000001,Female\n", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",  # with the app folders redirected by `app_root`
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    proc = subprocess.Popen([sys.executable, "-c", HELD_RUN, str(patient)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout.readline().strip() == "CHECKING"
        proc.send_signal(signum)
        out, _ = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0 and out.strip() == "EXIT 0"
    paths = app_paths()
    assert list(paths.scratch_root.rglob("*")) == []
    history = History(paths.history_db, load_secrets())
    assert [(r.status, [f.name for f in r.files]) for r in history.runs()] == [("cancelled", ["patient.csv"])]
    history.close()
