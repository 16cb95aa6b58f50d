"""The licences: the project's LICENSE and its metadata, the third-party notices
written for what a bundle holds (every licence file of each package, Python's
licence, Qt's LGPL and how to replace the Qt libraries), shipped by build.spec
and shown under Help > About > Licences."""

from __future__ import annotations

import importlib.metadata as metadata
import shutil
import sys
import zlib
from pathlib import Path

import pytest
from gui_helpers import screenshot
from test_packaging import ROOT, _load, run_spec

from naaccord_desktop import __version__, licences
from naaccord_desktop.definitions.loader import load_bundled
from naaccord_desktop.gui import about
from naaccord_desktop.store.paths import AppPaths

notices = _load("third_party_notices", ROOT / "installers" / "third_party_notices.py")

BUNDLED = ["PySide6", "shiboken6", "duckdb", "cryptography", "_cffi_backend", "keyring", "json", "naaccord_desktop"]


@pytest.fixture(scope="module")
def text() -> str:
    return notices.notices_text(notices.distributions_of(BUNDLED, ["pyinstaller"]), __version__)


def test_the_project_is_mit_licensed_in_its_metadata():
    dist = next(d for d in metadata.distributions(name="naaccord-desktop") if d.read_text("licenses/LICENSE"))
    assert dist.metadata["License-Expression"] == "MIT"
    assert dist.read_text("licenses/LICENSE") == (ROOT / "LICENSE").read_text("utf-8")
    assert (ROOT / "LICENSE").read_text("utf-8").startswith("MIT License")


def test_notices_carry_every_licence_file_of_each_bundled_package(text):
    for name in ("duckdb 2.0.1", "cryptography 50.0.2", "cffi ", "keyring ", "PySide6_Essentials 6.11.3",
                 "PySide6_Addons 6.11.3", "shiboken6 6.11.3", "pyinstaller "):
        assert f"\n{name}" in text
    for licence_file in ("[LICENSE.APACHE]", "[LICENSE.BSD]"):  # cryptography's LICENSE only points at these
        assert licence_file in text
    assert "Apache License" in text and "Redistribution and use in source and binary forms" in text
    assert "\nnaaccord-desktop " not in text and "\nnaaccord_desktop " not in text  # the app is not third-party
    assert "\npytest " not in text  # installed, but not bundled


def test_notices_carry_python_and_qt_with_how_to_replace_qt(text):
    assert f"Python {sys.version_info.major}.{sys.version_info.minor}" in text
    assert "PYTHON SOFTWARE FOUNDATION LICENSE" in text
    assert "Qt 6.11.3 and Qt for Python" in text
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text and "GNU GENERAL PUBLIC LICENSE" in text
    for place in (r"_internal\PySide6\Qt6*.dll", "Contents/Frameworks/", "_internal/PySide6/Qt/lib/libQt6*.so.6"):
        assert place in text
    assert "codesign --force --deep --sign -" in text  # a changed macOS app must be signed again


@pytest.mark.skipif(not shutil.which("dpkg-query"), reason="Linux bundles are built on Debian")
def test_a_linux_bundle_carries_the_copyright_files_of_its_system_libraries():
    """Libraries PyInstaller copies from the system (zlib here) are named with their Debian package."""
    assert zlib.ZLIB_RUNTIME_VERSION
    maps = Path("/proc/self/maps").read_text("utf-8").split()
    libz = next(p for p in maps if "/libz.so" in p and p.startswith(notices.SYSTEM_LIBRARY_FOLDERS))
    own = str(Path(metadata.distribution("duckdb").locate_file("duckdb")))  # in the build's environment
    text = notices.notices_text([], __version__, [libz, own])
    assert "zlib1g " in text and f"(the Debian package of {Path(libz).name})" in text
    assert "Jean-loup Gailly" in text  # zlib's copyright file
    assert text.count("(the Debian package of") == 1
    with pytest.raises(notices.NoticeError, match="no Debian package owns it"):
        notices.notices_text([], __version__, ["/usr/lib/not-from-any-package.so.1"])


def test_a_bundled_package_without_a_licence_file_stops_the_build(monkeypatch):
    dist = metadata.distribution("duckdb")
    monkeypatch.setattr(notices, "_licence_texts", lambda d: [])
    with pytest.raises(notices.NoticeError, match="duckdb 2.0.1 is bundled but ships no licence file"):
        notices.notices_text([dist], __version__)


def test_the_spec_ships_the_notices_and_the_licence(monkeypatch, tmp_path):
    made = run_spec(monkeypatch, tmp_path, "linux")
    datas = {dest: Path(src) for dest, src, _ in made["FakeAnalysis"][0].datas}
    shipped = datas[f"{licences.FOLDER}/{licences.NOTICES}"].read_text("utf-8")
    assert "PySide6_Essentials 6.11.3" in shipped and licences.LGPL_HEADING in shipped  # PySide6 was collected
    assert datas[f"{licences.FOLDER}/{licences.PROJECT}"] == ROOT / "LICENSE"


def test_about_shows_the_bundled_licences(qtbot, tmp_path, monkeypatch):
    folder = tmp_path / licences.FOLDER
    notices.write_notices(folder / licences.NOTICES, BUNDLED, __version__)
    (folder / licences.PROJECT).write_text((ROOT / "LICENSE").read_text("utf-8"), "utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)  # as in the frozen app
    shown = []
    monkeypatch.setattr(about.LicencesDialog, "exec", lambda dialog: shown.append(dialog.text.toPlainText()))
    paths = AppPaths(data=tmp_path / "d", config=tmp_path / "c", cache=tmp_path / "k", logs=tmp_path / "l")
    dialog = about.AboutDialog(load_bundled(), paths)
    qtbot.addWidget(dialog)
    dialog.licences_button.click()
    (text,) = shown
    assert text.startswith("MIT License") and "duckdb 2.0.1" in text and licences.LGPL_HEADING in text
    view = about.LicencesDialog()
    qtbot.addWidget(view)
    view.text.verticalScrollBar().setValue(view.text.document().find("Qt 6.11.3 and Qt").blockNumber())
    screenshot(view, "licences")


def test_run_from_python_the_app_shows_its_licence_and_where_the_others_are():
    text = licences.licence_text()
    assert text.startswith("MIT License") and licences.FROM_PYTHON in text
