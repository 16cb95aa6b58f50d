"""An app folder that cannot be written to (a read-only cache folder, a name
taken by a file) never keeps the window from opening: it opens, says what is
not available and what that costs, and a check says plainly why it cannot run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from naaccord_desktop.store.paths import APP_NAME

# The app's folders are moved with the XDG_* variables, which platformdirs reads on Linux only.
pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="app folders redirected by XDG_* (Linux)")

WINDOW = textwrap.dedent('''
    import json, subprocess, sys, time
    cache, mode = sys.argv[1], sys.argv[2]
    if mode == "read-only":
        subprocess.run(["mount", "--bind", cache, cache], check=True)
        subprocess.run(["mount", "-o", "remount,bind,ro", cache], check=True)
    from PySide6.QtWidgets import QApplication, QMessageBox
    from naaccord_desktop.gui import app as gui_app

    said = {}

    def boxes():
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]

    def run_the_window():
        app = QApplication.instance()
        window = next(w for w in app.topLevelWidgets() if w.isVisible() and hasattr(w, "list"))
        said["files"] = len(window.list.entries)
        said["at_start"] = [(b.windowTitle(), b.text()) for b in boxes()]
        for box in boxes():
            box.close()
        window.check_all()
        deadline = time.monotonic() + 60
        while window.running and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        app.processEvents()
        said["check"] = [(b.windowTitle(), b.text()) for b in boxes()]
        said["states"] = sorted({e.state for e in window.list.entries.values()})
        for box in boxes():
            box.close()
        window.close_without_asking()
        return 0

    QApplication.exec = staticmethod(run_the_window)
    said["exit"] = gui_app.run_gui(demo=True)
    print(json.dumps(said))
''')


def _env(tmp_path: Path, cache: Path) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        env[var] = str(tmp_path / var.lower())
    env["XDG_CACHE_HOME"] = str(cache)
    return env


def _unusable_cache(tmp_path: Path, mode: str) -> Path:
    if mode == "read-only":
        cache = tmp_path / "read-only cache"
        cache.mkdir()
        return cache
    taken = tmp_path / "a file"
    taken.write_text("", encoding="utf-8")
    return taken / "cache"  # cannot be made: its parent is a file


@pytest.mark.parametrize("mode", ["read-only", "cannot be made"])
def test_the_window_opens_says_what_is_missing_and_a_check_says_why_it_cannot_run(tmp_path, mode):
    cache = _unusable_cache(tmp_path, mode)
    command = [sys.executable, "-c", WINDOW, str(cache), mode]
    if mode == "read-only":  # a mount of its own in a user namespace: read-only even for root
        command = ["unshare", "--user", "--map-root-user", "--mount", *command]
    done = subprocess.run(command, env=_env(tmp_path, cache), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    said = json.loads(done.stdout.splitlines()[-1])
    scratch = cache / APP_NAME / "scratch"
    assert said["exit"] == 0 and said["files"] == 16  # the window opened, with the demo submission
    (title, text), = said["at_start"]
    assert title == "Some parts of the app are not available"
    assert f"The folder for temporary copies cannot be written to: {scratch}. Checks cannot run without it" in text
    assert "settings folder" not in text and "log folder" not in text  # those are fine
    (title, text), = said["check"]
    assert title == "The check could not start"
    assert text.startswith(f"The app could not make a folder for its temporary copies in {scratch}.")
    assert said["states"] == ["new"]  # nothing was checked, nothing is marked as if it had been


def test_a_command_line_check_says_why_it_cannot_run(tmp_path):
    cache = _unusable_cache(tmp_path, "cannot be made")
    patient = tmp_path / "patient.csv"
    patient.write_text("cohortPatientId,birthSex\nP-1,Female\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "naaccord_desktop", "check", str(patient)],
                          env=_env(tmp_path, cache), capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "The check could not start: The app could not make a folder for its temporary copies in " \
           f"{cache / APP_NAME / 'scratch'}." in done.stderr
    assert "Traceback" not in done.stderr
