"""The app's entry: the demo submission, About, and run_gui's window."""

from __future__ import annotations

import signal
import sys

from gui_helpers import screenshot, wait_idle
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from test_store_support import memory_keyring, no_keyring, use_keyring  # noqa: F401  (fixtures)

from naaccord_desktop.definitions.loader import load_bundled
from naaccord_desktop.gui import app as gui_app
from naaccord_desktop.gui.about import AboutDialog, about_rows
from naaccord_desktop.gui.report_choice import FLEETING_PSEUDONYMS_NOTE, NO_KEY_NOTE, ReportChoiceDialog
from naaccord_desktop.sample import bundled_sample_files
from naaccord_desktop.store.logs import close_logging
from naaccord_desktop.store.paths import APP_NAME, AppPaths
from naaccord_desktop.store.secrets import NO_KEYCHAIN, load_secrets


def test_demo_opens_the_sample_submission_ready_to_check(qtbot, tmp_path):
    window = gui_app.build_window(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                                  tmp_path / "scratch")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    gui_app.open_demo(window)
    expected = {path.name: table for path, table in bundled_sample_files()}
    assert len(expected) == 16
    assert {e.path.name: e.table for e in window.list.entries.values()} == expected
    assert window.check_all_button.isEnabled()
    window.check_all()
    wait_idle(qtbot, window, 120_000)
    assert window.error_box is None
    assert {e.state for e in window.list.entries.values()} <= {"clean", "ready", "blocked"}
    screenshot(window, "demo-checked")


def test_about_shows_versions_folders_and_privacy(qtbot, tmp_path, no_keyring):
    paths = AppPaths(data=tmp_path / "d", config=tmp_path / "c", cache=tmp_path / "k", logs=tmp_path / "l")
    definitions = load_bundled()
    secrets = load_secrets()
    rows = dict(about_rows(definitions, paths, secrets))
    assert rows["Definitions"].startswith(definitions.version)
    assert rows["DuckDB"] and rows["Qt"].startswith("6.")
    assert rows["Temporary copies (wiped after each check)"] == str(tmp_path / "k" / "scratch")
    assert rows["Privacy"] == NO_KEYCHAIN
    assert "Privacy" not in dict(about_rows(definitions, paths))
    moved = dict(about_rows(definitions, paths, secrets, tmp_path / "elsewhere"))  # chosen in Settings
    assert moved["Temporary copies (wiped after each check)"] == str(tmp_path / "elsewhere")
    dialog = AboutDialog(definitions, paths, secrets)
    qtbot.addWidget(dialog)
    screenshot(dialog, "about")


def test_run_gui_opens_the_demo_window(qtbot, tmp_path, monkeypatch):
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"),
                     ("XDG_STATE_HOME", "state")):
        monkeypatch.setenv(var, str(tmp_path / sub))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui replaces it; undone after the test
    shown = []

    def fake_exec():
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible() and hasattr(w, "list")]
        shown.extend(windows)
        signal.raise_signal(signal.SIGINT)  # Ctrl+C in the terminal closes the window
        return 0 if not any(w.isVisible() for w in windows) else 1

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    before = [signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)]
    assert gui_app.run_gui(demo=True) == 0
    assert [signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)] == before  # handed back
    assert len(shown) == 1 and len(shown[0].list.entries) == 16
    assert shown[0].windowTitle() == "NA-ACCORD Desktop Precheck"
    assert not QApplication.windowIcon().isNull()
    window = shown[0]
    assert window.history is not None and window.secrets is not None and window.paths is not None
    assert window.history.path == tmp_path / "data" / APP_NAME / "history.sqlite3" and window.history.path.exists()
    assert tmp_path / "cache" in window.scratch.root.parents
    for w in shown:
        w.deleteLater()
    close_logging()


def test_without_a_keychain_the_shareable_choice_says_its_pseudonyms_change(qtbot, no_keyring):
    dialog = ReportChoiceDialog(load_secrets())
    qtbot.addWidget(dialog)
    assert dialog.share.isEnabled()
    assert FLEETING_PSEUDONYMS_NOTE in dialog.share_note.text()
    assert FLEETING_PSEUDONYMS_NOTE in dialog.share.accessibleDescription()
    screenshot(dialog, "report-choice-no-keychain")


def test_with_a_keychain_the_pseudonyms_stay_and_without_a_key_there_is_no_shareable_report(qtbot, memory_keyring):
    kept = ReportChoiceDialog(load_secrets())
    qtbot.addWidget(kept)
    assert FLEETING_PSEUDONYMS_NOTE not in kept.share_note.text() and kept.share.isEnabled()
    none = ReportChoiceDialog(None)
    qtbot.addWidget(none)
    assert none.share_note.text() == NO_KEY_NOTE and not none.share.isEnabled()
