"""What each system expects of the app: the macOS Info.plist (minimum version,
document types, a bundle id that matches Qt's organisation domain), keys that
leave the system's own shortcuts alone, and one private settings store in the
config folder. Files the system hands over: tests/test_desktop_open.py."""

from __future__ import annotations

import os
import re
import sys

import pytest
from gui_helpers import FakeEngine, make_window
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog
from test_packaging import ROOT, run_spec

from naaccord_desktop.gui.actions import Key, shortcut_table
from naaccord_desktop.gui.window_settings import FILE_DIALOG_FILE, WINDOW_FILE, window_settings
from naaccord_desktop.store.paths import APP_DOMAIN, AppPaths

PLATFORMS = ("darwin", "win32", "linux")
# What macOS itself answers: Hide, Hide Others, Minimise, Quit, Close, Settings, Spotlight,
# switching apps and windows. In Qt's portable text Ctrl is Cmd on macOS.
MACOS_RESERVED = {"Ctrl+H", "Ctrl+Alt+H", "Ctrl+M", "Ctrl+Q", "Ctrl+W", "Ctrl+,", "Ctrl+Space", "Ctrl+Tab", "Ctrl+`"}


def test_info_plist_asks_for_macos_13_and_opens_data_files(monkeypatch, tmp_path):
    made = run_spec(monkeypatch, tmp_path, "darwin")
    (bundle,) = made["BUNDLE"]
    plist = bundle.kwargs["info_plist"]
    # PySide6 6.11.3 publishes macosx_13_0 wheels; nothing in the lock needs a newer macOS.
    assert plist["LSMinimumSystemVersion"] == "13.0"
    pinned = re.search(r'"PySide6-Essentials==([\d.]+)"', (ROOT / "pyproject.toml").read_text("utf-8"))[1]
    assert pinned == "6.11.3"  # a new PySide6 may need a newer macOS: look up its wheels' tag then
    (documents,) = plist["CFBundleDocumentTypes"]
    assert documents["CFBundleTypeRole"] == "Viewer"
    assert documents["LSHandlerRank"] == "Alternate"  # offered in Open With, never the default for CSV
    assert set(documents["LSItemContentTypes"]) == {  # a folder too: every data file in it joins
        "public.comma-separated-values-text", "public.tab-separated-values-text", "public.plain-text",
        "public.folder"}
    assert documents["CFBundleTypeExtensions"] == ["csv", "tsv", "txt"]


def test_the_bundle_id_matches_the_organisation_domain(monkeypatch, tmp_path):
    made = run_spec(monkeypatch, tmp_path, "darwin")
    bundle_id = made["BUNDLE"][0].kwargs["bundle_identifier"]
    assert bundle_id == "org.naaccord.desktop-precheck"
    assert bundle_id.startswith(".".join(reversed(APP_DOMAIN.split("."))) + ".")


@pytest.mark.parametrize("platform", PLATFORMS)
def test_shortcuts_leave_the_system_its_own(platform):
    table = shortcut_table(platform)
    texts = [key for keys in table.values() for key in keys if isinstance(key, str)]
    if platform == "darwin":
        assert not MACOS_RESERVED & set(texts)
        assert table["history"] == ("Ctrl+Y",)  # Cmd+Y, as Safari's History; Cmd+H would hide the app
    else:
        assert table["history"] == ("Ctrl+H",)
    every = [key for keys in table.values() for key in keys]
    assert len(every) == len(set(every))  # no key does two things


@pytest.mark.parametrize("platform", PLATFORMS)
def test_standard_keys_wherever_qt_has_one(platform):
    table = shortcut_table(platform)
    standard = {"add_files": Key.Open, "remove": Key.Delete, "stop": Key.Cancel, "save_report": Key.Save,
                "settings": Key.Preferences, "quit": Key.Quit}
    for action, key in standard.items():
        assert table[action][0] == key, action


def test_the_window_carries_the_table(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, FakeEngine())
    for action, keys in shortcut_table().items():
        expected = [s for k in keys for s in (QKeySequence.keyBindings(k) if isinstance(k, Key) else [QKeySequence(k)])]
        assert getattr(window, f"{action}_action").shortcuts() == expected, action


@pytest.fixture
def config(tmp_path):
    """An app config folder; Qt's file-dialog history goes back to its usual place afterwards."""
    paths = AppPaths(data=tmp_path / "data", config=tmp_path / "config", cache=tmp_path / "cache",
                     logs=tmp_path / "logs").ensure()
    yield paths
    usual = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, usual)


@pytest.mark.skipif(sys.platform != "linux", reason="Qt keeps its file-dialog history in a file on Linux only")
def test_window_state_and_file_dialog_history_are_private_in_the_config_folder(qtbot, config, tmp_path):
    folder = tmp_path / "coordinator-data"
    folder.mkdir()
    settings = window_settings(config)
    window = make_window(qtbot, tmp_path, FakeEngine())
    window.settings = settings
    window._remember_folder(folder / "patient.csv")
    window.close()  # saves the geometry and splitter
    dialog = QFileDialog(None, "Add files", str(folder))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own dialog, which keeps a history
    dialog.show()
    dialog.accept()
    del dialog  # Qt writes the history when the dialog goes
    QApplication.processEvents()
    files = {p.name: p for p in config.config.iterdir()}
    assert {WINDOW_FILE, FILE_DIALOG_FILE} <= set(files)
    for name in (WINDOW_FILE, FILE_DIALOG_FILE):
        assert str(folder) in files[name].read_text("utf-8"), name  # they hold folder paths ...
        assert files[name].stat().st_mode & 0o777 == 0o600, name  # ... so only the user reads them


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_settings_files_made_by_an_earlier_version_become_private(config):
    earlier = config.config / WINDOW_FILE
    earlier.write_text("[General]\nlast_folder=/somewhere\n", encoding="utf-8")
    earlier.chmod(0o644)
    settings = window_settings(config)
    assert settings.value("last_folder") == "/somewhere"
    assert earlier.stat().st_mode & 0o777 == 0o600
