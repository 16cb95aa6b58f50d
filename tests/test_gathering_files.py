"""Files and folders given to `check` or added in the window: a folder stands
for its data files, and what cannot be looked at is said in plain words."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from engine_helpers import LAB_HEADER, PATIENT_HEADER, csv_text, lab_row, patient_row, write
from gui_helpers import FakeEngine, make_window

from naaccord_desktop.cli import main
from naaccord_desktop.engine.propose import gather
from naaccord_desktop.gui.main_window import MainWindow

NOBODY = 65534


def _submission(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    patient = write(folder / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1")]))
    lab = write(folder / "laboratory.csv", csv_text(LAB_HEADER, [lab_row("P1")]))
    (folder / "notes.docx").write_bytes(b"not a data file")
    return patient, lab


def test_check_takes_a_folder_as_add_folder_does(tmp_path, capsys):
    _submission(tmp_path / "sub")
    assert main(["check", "--no-history", str(tmp_path / "sub")]) == 0
    out = capsys.readouterr().out
    assert "patient.csv (patient)" in out and "laboratory.csv (laboratory)" in out and "notes.docx" not in out


def test_an_empty_folder_and_a_missing_path_are_said(tmp_path):
    (tmp_path / "empty").mkdir()
    found = gather([tmp_path / "empty", tmp_path / "gone.csv"])
    assert found.files == []
    assert found.problems == [f"The folder {tmp_path / 'empty'} holds no .csv, .tsv or .txt file.",
                              f"File not found: {tmp_path / 'gone.csv'}"]


@pytest.fixture
def locked(tmp_path):
    """A folder only root may enter, in a place another account can reach, and
    a home for that account."""
    if os.geteuid() != 0:  # then the test account itself is the one kept out
        pytest.fail("this test plays an account without access; it needs root to set that up")
    top = Path(tempfile.mkdtemp(prefix="naaccord-locked-"))
    top.chmod(0o755)
    patient, _lab = _submission(top / "locked")
    (top / "locked").chmod(0o700)
    home = top / "home"
    home.mkdir()
    os.chown(home, NOBODY, NOBODY)
    yield top, patient
    shutil.rmtree(top)


@pytest.mark.skipif(sys.platform != "linux", reason="setpriv is Linux's")
@pytest.mark.parametrize("given", ["file", "folder"])
def test_a_folder_that_cannot_be_entered_is_said_in_plain_words(locked, given):
    top, patient = locked
    target = patient if given == "file" else patient.parent
    env = {**os.environ, "HOME": str(top / "home"), "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           **{v: str(top / "home" / v.lower()) for v in
              ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")}}
    done = subprocess.run(["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                           sys.executable, "-m", "naaccord_desktop.cli", "check", str(target)],
                          env=env, capture_output=True, text=True, timeout=120, cwd=top)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "cannot be opened: this computer does not allow your account to look into it" in done.stderr


def test_the_window_says_which_paths_it_could_not_add(qtbot, tmp_path, monkeypatch):
    patient, _lab = _submission(tmp_path / "open")
    (tmp_path / "locked").mkdir()
    real = Path.iterdir

    def iterdir(self):
        if self.name == "locked":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    told = []
    monkeypatch.setattr(MainWindow, "tell", lambda self, title, message: told.append((title, message)))
    window = make_window(qtbot, tmp_path, FakeEngine())
    window.add_paths([tmp_path / "open", tmp_path / "locked"])
    assert sorted(e.path.name for e in window.list.entries.values()) == ["laboratory.csv", "patient.csv"]
    assert told == [("Some files could not be added",
                     f"{tmp_path / 'locked'} cannot be opened: this computer does not allow your account to look "
                     "into it. Ask for read access, or copy the files to a folder of your own.")]
