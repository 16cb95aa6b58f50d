"""`naaccord-desktop --self-test`: passes on a complete installation, and names
the part that is missing or broken otherwise."""

from __future__ import annotations

import os
import platform
import subprocess
import sys

import duckdb
from PySide6.QtCore import qVersion

from naaccord_desktop import __version__, licences, sample, selftest
from naaccord_desktop.definitions import loader
from naaccord_desktop.definitions.loader import DefinitionError, load_bundled
from naaccord_desktop.gui import app as gui_app


def test_self_test_passes_and_prints_the_versions(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(tmp_path / name)
    done = subprocess.run([sys.executable, "-m", "naaccord_desktop", "--self-test"],
                          capture_output=True, text=True, env=env, timeout=120)
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    checks = [line for line in lines if line.startswith(("ok ", "FAIL "))]
    assert len(checks) == len(selftest.CHECKS)
    assert all(line.startswith("ok ") for line in checks)
    assert any(line.startswith("ok    Sample submission:") and "verdict" in line for line in lines)
    (versions,) = [line for line in lines if line.startswith("versions: ")]
    for part in (f"app {__version__}", f"definitions {load_bundled().version}", f"Qt {qVersion()}",
                 f"DuckDB {duckdb.__version__}", f"Python {platform.python_version()}"):
        assert part in versions
    assert lines[-1] == f"self-test passed: {len(selftest.CHECKS)} checks"


def test_broken_definitions_fail_the_self_test_with_the_reason(monkeypatch, capsys):
    def broken():
        raise DefinitionError("patient.toml: not valid TOML (line 3).")

    monkeypatch.setattr(loader, "load_bundled", broken)
    monkeypatch.setattr(gui_app, "load_bundled", broken)  # bound at import time
    assert selftest.run_self_test() == 1
    out = capsys.readouterr().out
    assert "FAIL  Definitions: unexpected error (DefinitionError: patient.toml: not valid TOML" in out
    assert "FAIL  Sample submission: skipped because the definitions did not load." in out
    assert "FAIL  Main window: unexpected error (DefinitionError:" in out  # it loads them too
    assert "FAIL  Excel workbook: skipped because the sample submission was not checked." in out
    assert "definitions not loaded" in out
    assert "Traceback" not in out
    assert out.splitlines()[-1] == f"self-test FAILED: 4 of {len(selftest.CHECKS)} checks failed"


def test_a_build_without_the_window_icon_fails(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(gui_app, "ICON", tmp_path / "icon.png")
    assert selftest.run_self_test() == 1
    out = capsys.readouterr().out
    assert "FAIL  Resources: the window icon (icon.png) is missing from this build or cannot be read." in out
    assert "ok    Main window:" in out


def test_a_build_without_the_sample_submission_fails(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(sample, "bundled_sample_dir", lambda: tmp_path)
    assert selftest.run_self_test() == 1
    out = capsys.readouterr().out
    assert "FAIL  Sample submission: the bundled sample submission is missing from this build." in out
    assert "ok    Definitions:" in out and "ok    DuckDB:" in out


def test_a_frozen_build_without_its_third_party_notices_fails(monkeypatch, tmp_path, capsys):
    """The frozen app reads its licences from the bundle (sys._MEIPASS/licenses)."""
    folder = tmp_path / licences.FOLDER
    folder.mkdir()
    (folder / licences.PROJECT).write_text("MIT License\n\nCopyright (c) 2026 NA-ACCORD\n", "utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert selftest.run_self_test() == 1
    out = capsys.readouterr().out
    assert "FAIL  Licences: the third-party notices (THIRD-PARTY-NOTICES.txt, with Qt's LGPL) are missing" in out
    (folder / licences.NOTICES).write_text(f"Qt\n{licences.LGPL_HEADING}\n", "utf-8")
    assert selftest.run_self_test() == 0
    assert "ok    Licences: the app's licence and the third-party notices" in capsys.readouterr().out
