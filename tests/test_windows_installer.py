"""The Windows installer: makensis compiles it (against a stand-in bundle) with
a version resource; it and its uninstaller refuse to run while a process of the
app holds the app's mutex, checked again just before files are replaced or the
scratch folder is wiped; every process of the app holds that mutex."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys

import pytest
from test_packaging import ROOT, support

from naaccord_desktop import __version__, cli
from naaccord_desktop.app_mutex import MUTEX_NAME, hold_app_mutex

SCRIPT = ROOT / "installers" / "windows" / "naaccord-desktop.nsi"
FIXED_FILE_INFO = b"\xbd\x04\xef\xfe"  # VS_FIXEDFILEINFO's signature


def _section(text: str, name: str) -> str:
    return re.search(rf'^Section "{name}"\n(.*?)^SectionEnd', text, re.MULTILINE | re.DOTALL)[1]


@pytest.mark.skipif(not shutil.which("makensis"), reason="needs NSIS (apt-get install nsis; .ci/run installs it)")
def test_makensis_compiles_an_installer_with_a_version_resource(tmp_path):
    bundle = tmp_path / "bundle"
    (bundle / "_internal" / "licenses").mkdir(parents=True)
    for name in ("naaccord-desktop.exe", "naaccord-desktop-cli.exe", "_internal/licenses/LICENSE",
                 "_internal/licenses/THIRD-PARTY-NOTICES.txt"):
        (bundle / name).write_bytes(b"stand-in")
    done = subprocess.run(["makensis", "-V2", f"-DAPP_VERSION={__version__}", f"-DBUNDLE_DIR={bundle}",
                           f"-DOUT_DIR={tmp_path}", SCRIPT.name], cwd=SCRIPT.parent,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "warning" not in (done.stdout + done.stderr).lower()
    data = (tmp_path / f"NA-ACCORD-Desktop-Precheck-{__version__}-setup.exe").read_bytes()
    at = data.index(FIXED_FILE_INFO)
    file_ms, file_ls, product_ms, product_ls = struct.unpack("<IIII", data[at + 8:at + 24])
    version = support.version_tuple(__version__)
    assert (file_ms >> 16, file_ms & 0xFFFF, file_ls >> 16, file_ls & 0xFFFF) == version
    assert (product_ms, product_ls) == (file_ms, file_ls)
    for words in ("ProductVersion", __version__, "NA-ACCORD Desktop Precheck Setup", "NA-ACCORD"):
        assert words.encode("utf-16-le") in data, words


def test_installer_and_uninstaller_refuse_while_the_app_runs():
    text = SCRIPT.read_text("utf-8")
    assert f'!define APP_MUTEX "{MUTEX_NAME}"' in text
    assert "OpenMutexW" in text and '"${APP_MUTEX}"' in text
    for init, check in ((".onInit", "RefuseWhileRunning"), ("un.onInit", "un.RefuseWhileRunning")):
        assert re.search(rf"^Function {re.escape(init)}\n\s+Call {re.escape(check)}\n", text, re.MULTILINE)
    install, uninstall = _section(text, "Install"), _section(text, "Uninstall")
    assert install.index("Call RefuseWhileRunning") < install.index("File /r")
    assert uninstall.index("Call un.RefuseWhileRunning") < uninstall.index("\\scratch")
    assert "SetErrorLevel 2" in text and "/SD IDCANCEL" in text  # silent installs stop with exit code 2


def test_every_process_of_the_app_holds_the_mutex(monkeypatch, capsys):
    held = []
    monkeypatch.setattr(cli, "hold_app_mutex", lambda: held.append(True))
    assert cli.main(["definitions", "--cohorts"]) == 0
    assert held == [True]


@pytest.mark.skipif(sys.platform != "win32", reason="a Windows mutex")
def test_the_installer_finds_the_mutex_of_a_running_app():
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenMutexW.restype = ctypes.c_void_p
    assert hold_app_mutex()
    handle = kernel32.OpenMutexW(0x00100000, False, MUTEX_NAME)  # as the NSIS script asks
    assert handle
    kernel32.CloseHandle(ctypes.c_void_p(handle))


@pytest.mark.skipif(sys.platform == "win32", reason="elsewhere than Windows")
def test_elsewhere_there_is_no_mutex():
    assert hold_app_mutex() is False
