"""Files from the desktop: `naaccord-desktop FILE|FOLDER...`, one window per user
(a second process hands its files to the first, which comes to the front),
macOS's QFileOpenEvent, and the installers' "Open with" registrations."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from gui_helpers import FakeEngine, make_window, write_submission
from PySide6.QtCore import QDir
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QApplication

from naaccord_desktop import cli
from naaccord_desktop.gui import app as gui_app
from naaccord_desktop.gui.desktop_open import FileOpenEvents, claim, hand_over, instance_name
from naaccord_desktop.store.logs import close_logging
from naaccord_desktop.store.paths import app_paths

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def opened(monkeypatch):
    """What the window would have been opened with."""
    calls = []
    monkeypatch.setattr(gui_app, "run_gui", lambda demo=False, files=(): calls.append((demo, list(files))) or 0)
    return calls


def test_files_and_folders_on_the_command_line_open_the_window_with_them(tmp_path, opened):
    data = write_submission(tmp_path / "sub")
    assert cli.main([str(data[0]), str(tmp_path / "sub")]) == 0
    assert opened == [(False, [data[0], tmp_path / "sub"])]
    assert cli.main(["-psn_0_1234", str(data[1])]) == 0  # what an old Finder adds
    assert opened[-1] == (False, [data[1]])
    assert cli.main([]) == 0 and opened[-1] == (False, [])


def test_a_mistyped_command_is_still_an_error(opened, capsys):
    with pytest.raises(SystemExit):
        cli.main(["chek"])
    assert "invalid choice: 'chek'" in capsys.readouterr().err
    assert opened == []


def test_a_second_process_hands_its_files_to_the_window_and_raises_it(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, FakeEngine())
    window.show()
    window.showMinimized()
    server = claim(instance_name(app_paths().config), [])  # as run_gui does for the first window
    assert server is not None
    server.deliver_to(window.open_from_desktop)
    data = write_submission(tmp_path / "sub")
    started = time.monotonic()
    second = subprocess.Popen([sys.executable, "-m", "naaccord_desktop", *map(str, data)], cwd=tmp_path,
                              env=os.environ | {"PYTHONPATH": str(ROOT)},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
    finally:
        server.close()
    assert second.returncode == 0, second.stderr.read().decode()
    assert time.monotonic() - started < 30
    assert sorted(e.path.name for e in window.list.entries.values()) == ["laboratory.csv", "patient.csv"]
    assert not window.isMinimized()  # it came to the front


def test_without_a_window_nothing_is_handed_over_and_a_crashed_windows_socket_is_replaced(qapp):
    name = instance_name(Path("a settings folder of a test"))
    assert not hand_over(name, [Path("x.csv")])
    stale = None
    if os.name == "posix":  # a socket file left by a window that crashed
        stale = socket.socket(socket.AF_UNIX)
        stale.bind(os.path.join(QDir.tempPath(), name))
        stale.close()
    server = claim(name, [])
    try:
        assert server is not None and server.server.isListening()
        got = []
        server.deliver_to(got.extend)
        assert instance_name(Path("another account's settings")) != name
    finally:
        server.close()


def test_finder_open_events_reach_the_window_even_before_it_exists(qtbot, tmp_path):
    app = QApplication.instance()
    events = FileOpenEvents(app)  # what run_gui installs on macOS
    try:
        data = write_submission(tmp_path / "sub")
        QApplication.sendEvent(app, QFileOpenEvent(str(data[0])))  # e.g. a drop on the Dock icon at start
        window = make_window(qtbot, tmp_path, FakeEngine())
        events.deliver_to(window.open_from_desktop)
        QApplication.sendEvent(app, QFileOpenEvent(str(data[1])))  # "Open With" later
        assert sorted(e.path.name for e in window.list.entries.values()) == ["laboratory.csv", "patient.csv"]
    finally:
        app.removeEventFilter(events)
        events.deleteLater()


def test_the_windows_installer_offers_open_with_for_this_user_only():
    script = (ROOT / "installers" / "windows" / "naaccord-desktop.nsi").read_text(encoding="utf-8")
    install, uninstall = script.split('Section "Uninstall"')
    for suffix in (".csv", ".tsv", ".txt"):
        assert f'!insertmacro OPEN_WITH "{suffix}"' in install
        assert f'!insertmacro NO_OPEN_WITH "{suffix}"' in uninstall
    assert re.search(r'OpenWithProgids" "\$\{PROGID\}"', script)
    assert '\\shell\\open\\command" "" \'"$INSTDIR\\${APP_EXE}" "%1"\'' in install
    assert "HKLM" not in script and "HKCR" not in script  # no administrator rights, nobody else's settings
    assert 'DeleteRegKey HKCU "${CLASSES}\\${PROGID}"' in uninstall


def test_run_gui_opens_the_window_with_the_files_and_listens_for_later_launches(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui replaces it; undone after the test
    data = write_submission(tmp_path / "sub")
    seen = {}

    def fake_exec():
        (window,) = [w for w in QApplication.topLevelWidgets() if w.isVisible() and hasattr(w, "list")]
        seen["files"] = sorted(e.path.name for e in window.list.entries.values())
        seen["listening"] = reachable()  # the second launch's hand-over is the test above
        window.close_without_asking()
        window.deleteLater()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    assert gui_app.run_gui(files=[data[0]]) == 0
    assert seen == {"files": ["patient.csv"], "listening": True}
    assert not reachable()  # it stopped listening when it closed
    close_logging()


def reachable() -> bool:
    probe = QLocalSocket()
    probe.connectToServer(instance_name(app_paths().config))
    return probe.waitForConnected(500)
