"""build.spec and the icons, checked without building: the spec is run with
stand-ins for PyInstaller's classes, as it would run on Linux, Windows and macOS."""

from __future__ import annotations

import importlib.util
import struct
import sys
import types
from pathlib import Path

import pytest

from naaccord_desktop import __version__

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "naaccord_desktop" / "resources"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


support = _load("spec_support", ROOT / "installers" / "spec_support.py")


class Recorder:
    """Stands in for one PyInstaller spec class and keeps what it was given."""

    made: list = []

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        Recorder.made.append(self)


class FakeAnalysis(Recorder):
    # What PyInstaller's analysis would have collected: (bundle path, source, type).
    collected = [
        ("PySide6/QtCore.abi3.so", "/src/QtCore.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Quick.so.6", "/src/libQt6Quick.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6", "BINARY"),
        ("libgtk-3.so.0", "/src/libgtk-3.so.0", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "/src/libqoffscreen.so", "BINARY"),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
         "/src/libqtvirtualkeyboardplugin.so", "BINARY"),
        ("PySide6\\Qt6Quick.dll", "C:\\src\\Qt6Quick.dll", "BINARY"),
        ("PySide6\\opengl32sw.dll", "C:\\src\\opengl32sw.dll", "BINARY"),
        ("PySide6\\plugins\\platforms\\qwindows.dll", "C:\\src\\qwindows.dll", "BINARY"),
        ("PySide6/Qt/lib/QtNetwork.framework/Versions/A/QtNetwork", "/src/QtNetwork", "BINARY"),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.binaries = list(self.collected)
        self.datas = [(dest, src, "DATA") for src, dest in kwargs["datas"]]
        self.pure, self.scripts = [], []


# What each collected file links to (the whole closure, as ldd reports it).
LINKS = {
    "/src/QtCore.abi3.so": ["libQt6Core.so.6"],
    "/src/libqxcb.so": ["libQt6XcbQpa.so.6", "libQt6Core.so.6"],
    "/src/libqgtk3.so": ["libgtk-3.so.0", "libQt6Core.so.6"],
    "/src/libqtvirtualkeyboardplugin.so": ["libQt6Quick.so.6"],
}


def _fake_pyinstaller(monkeypatch) -> None:
    modules = {
        "PyInstaller": {},
        "PyInstaller.depend": {},
        "PyInstaller.depend.bindepend": {
            "get_imports": lambda path: {(name, None) for name in LINKS.get(path, [])}},
        "PyInstaller.utils": {},
        "PyInstaller.utils.hooks": {"collect_submodules": lambda package: [f"{package}.cli"]},
    }
    for name, attrs in modules.items():
        monkeypatch.setitem(sys.modules, name, types.SimpleNamespace(**attrs))


def run_spec(monkeypatch, tmp_path: Path, platform: str) -> dict[str, list[Recorder]]:
    _fake_pyinstaller(monkeypatch)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "path", list(sys.path))
    Recorder.made = []
    names = {"Analysis": FakeAnalysis, "PYZ": type("PYZ", (Recorder,), {}),
             "EXE": type("EXE", (Recorder,), {}), "COLLECT": type("COLLECT", (Recorder,), {}),
             "BUNDLE": type("BUNDLE", (Recorder,), {})}
    namespace = {**names, "SPECPATH": str(ROOT), "workpath": str(tmp_path)}
    exec(compile((ROOT / "build.spec").read_text("utf-8"), "build.spec", "exec"), namespace)
    made: dict[str, list[Recorder]] = {}
    for obj in Recorder.made:
        made.setdefault(type(obj).__name__, []).append(obj)
    return made


def _dests(analysis) -> set[str]:
    return {dest.replace("\\", "/") for dest, _, _ in analysis.binaries}


def test_spec_ships_the_definitions_and_icons_and_nothing_missing(monkeypatch, tmp_path):
    made = run_spec(monkeypatch, tmp_path, "linux")
    datas = made["FakeAnalysis"][0].kwargs["datas"]
    shipped = {(Path(src).name, dest) for src, dest in datas}
    assert all(Path(src).is_file() for src, _ in datas)
    tables = sorted((ROOT / "naaccord_desktop/definitions/tables").glob("*.toml"))
    assert len(tables) >= 17  # _set.toml and the 16 table types
    for path in tables:
        assert (path.name, "naaccord_desktop/definitions/tables") in shipped
    assert ("icon.png", "naaccord_desktop/resources") in shipped  # the window icon, read at run time
    assert ("cohorts.toml", "naaccord_desktop/definitions") in shipped
    assert ("report.css", "naaccord_desktop/reports") in shipped  # the HTML report's style
    samples = sorted((ROOT / "naaccord_desktop/sample_data").glob("*.csv"))
    assert samples
    for path in samples:
        assert (path.name, "naaccord_desktop/sample_data") in shipped


def test_linux_build_is_one_folder_without_upx_and_slimmed(monkeypatch, tmp_path):
    made = run_spec(monkeypatch, tmp_path, "linux")
    (exe,), (coll,) = made["EXE"], made["COLLECT"]
    assert exe.kwargs["exclude_binaries"] is True  # one folder: binaries go to COLLECT
    assert exe.kwargs["upx"] is False and coll.kwargs["upx"] is False
    assert exe.kwargs["name"] == coll.kwargs["name"] == "naaccord-desktop"
    assert exe.kwargs["console"] is True
    assert "BUNDLE" not in made
    kept = _dests(made["FakeAnalysis"][0])
    assert "PySide6/Qt/plugins/platforms/libqxcb.so" in kept
    assert "PySide6/Qt/plugins/platforms/libqoffscreen.so" in kept
    assert "PySide6/Qt/lib/libQt6XcbQpa.so.6" in kept  # linked by the xcb plugin
    assert "PySide6/Qt/lib/libQt6Core.so.6" in kept
    assert "libgtk-3.so.0" not in kept  # only the dropped GTK theme plugin needed it
    assert "PySide6/Qt/plugins/platformthemes/libqgtk3.so" not in kept
    assert "PySide6/Qt/lib/libQt6Quick.so.6" not in kept
    excludes = made["FakeAnalysis"][0].kwargs["excludes"]
    assert {"PySide6.QtWebEngineCore", "PySide6.QtQml", "tkinter"} <= set(excludes)
    assert "PySide6.QtCharts" not in excludes and "PySide6.QtSvg" not in excludes


def test_windows_build_has_a_window_exe_a_console_exe_and_a_version_resource(monkeypatch, tmp_path):
    made = run_spec(monkeypatch, tmp_path, "win32")
    exes = {e.kwargs["name"]: e.kwargs for e in made["EXE"]}
    assert exes["naaccord-desktop"]["console"] is False
    assert exes["naaccord-desktop-cli"]["console"] is True
    for kwargs in exes.values():
        assert kwargs["icon"].endswith("icon.ico") and Path(kwargs["icon"]).is_file()
        info = _evaluate_version_file(Path(kwargs["version"]))
        assert info["filevers"] == support.version_tuple(__version__)
        assert info["strings"]["ProductVersion"] == __version__
        assert info["strings"]["OriginalFilename"] == kwargs["name"] + ".exe"
    kept = _dests(made["FakeAnalysis"][0])
    assert "PySide6/Qt6Quick.dll" not in kept
    assert {"PySide6/opengl32sw.dll", "PySide6/plugins/platforms/qwindows.dll"} <= kept


def test_macos_build_is_an_app_bundle_with_its_info_plist(monkeypatch, tmp_path):
    made = run_spec(monkeypatch, tmp_path, "darwin")
    (bundle,) = made["BUNDLE"]
    plist = bundle.kwargs["info_plist"]
    assert bundle.kwargs["name"] == "NA-ACCORD Desktop Precheck.app"
    assert bundle.kwargs["bundle_identifier"] == "org.naaccord.desktop-precheck"
    assert bundle.kwargs["icon"].endswith("icon.icns")
    assert plist["CFBundleShortVersionString"] == plist["CFBundleVersion"] == __version__
    assert plist["NSHighResolutionCapable"] is True
    assert plist["LSMinimumSystemVersion"] == "13.0"  # why: tests/test_platform_fit.py
    (exe,) = made["EXE"]
    assert exe.kwargs["console"] is False and exe.kwargs["version"] is None
    # Qt Network stays: one window per user hands files over a local socket (gui/desktop_open.py).
    assert "PySide6/Qt/lib/QtNetwork.framework/Versions/A/QtNetwork" in _dests(made["FakeAnalysis"][0])
    # its document types: tests/test_platform_fit.py


def _evaluate_version_file(path: Path) -> dict:
    """Read the version file the way PyInstaller does (one Python expression)."""
    found: dict = {"strings": {}}

    def fixed(**kwargs):
        found["filevers"] = kwargs["filevers"]

    def string(name, value):
        found["strings"][name] = value

    names = {"VSVersionInfo": lambda ffi, kids: None, "FixedFileInfo": fixed,
             "StringFileInfo": lambda kids: None, "StringTable": lambda name, kids: None,
             "StringStruct": string, "VarFileInfo": lambda kids: None,
             "VarStruct": lambda name, kids: None}
    eval(path.read_text("utf-8"), names)
    return found


def test_required_data_that_is_missing_stops_the_build(tmp_path):
    with pytest.raises(FileNotFoundError, match="icon.png"):
        support.bundle_datas(tmp_path, [("resources/icon.png", "resources", True)])
    assert support.bundle_datas(tmp_path, [("sample_data/*", "sample_data", False)]) == []


def test_version_tuple_always_has_four_numbers():
    assert support.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert support.version_tuple("2.3rc1") == (2, 3, 1, 0)
    assert support.version_tuple("1.2.3.4.5") == (1, 2, 3, 4)
    with pytest.raises(ValueError):
        support.version_tuple("dev")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_png_icon_is_512_pixels():
    assert _png_size((RESOURCES / "icon.png").read_bytes()) == (512, 512)


def test_ico_holds_every_windows_size_from_16_to_256():
    data = (RESOURCES / "icon.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, height, _, _, _, _, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i: 22 + 16 * i])
        side = width or 256
        assert _png_size(data[offset:offset + length]) == (side, side)
        sizes.append(side)
    assert sorted(sizes) == [16, 24, 32, 48, 64, 128, 256]


def test_icns_holds_every_macos_size_from_16_to_1024():
    data = (RESOURCES / "icon.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    found, pos = {}, 8
    while pos < len(data):
        kind, length = data[pos:pos + 4].decode(), struct.unpack(">I", data[pos + 4:pos + 8])[0]
        found[kind] = _png_size(data[pos + 8:pos + length])[0]
        pos += length
    assert found == {"icp4": 16, "icp5": 32, "icp6": 64, "ic07": 128, "ic08": 256, "ic09": 512,
                     "ic10": 1024, "ic11": 32, "ic12": 64, "ic13": 256, "ic14": 512}
