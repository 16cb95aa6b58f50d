"""What leaves the repository: the lock pins every package with its hashes and
agrees with pyproject.toml; the wheel holds every file the app reads at run
time (those the bundle ships, the window icon among them) and the licence; the
sdist holds what its tests and builds read."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from test_packaging import ROOT, run_spec

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
LOCK = ROOT / "requirements-lock.txt"
LEFT_OUT_OF_THE_COPY = (".venv", ".git", "build", "dist", "test-artifacts", "__pycache__", "*.egg-info", "data")


def _normal(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _lock() -> dict[str, tuple[Requirement, list[str]]]:
    """name -> (requirement with its marker, sha256 hashes)."""
    entries = {}
    text = LOCK.read_text("utf-8").replace("\\\n", " ")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        requirement, *hashes = (part.strip() for part in line.split(" --hash="))
        parsed = Requirement(requirement.strip())
        entries[_normal(parsed.name)] = (parsed, hashes)
    return entries


def test_every_locked_package_is_pinned_with_hashes():
    lock = _lock()
    assert len(lock) > 30
    for name, (requirement, hashes) in lock.items():
        (spec,) = requirement.specifier
        assert spec.operator == "==", name
        assert hashes and all(h.startswith("sha256:") and len(h) == 7 + 64 for h in hashes), name


def test_the_lock_agrees_with_the_pins_of_pyproject():
    """A pin changed in pyproject.toml without refreshing the lock fails here (README: Dependencies)."""
    lock = _lock()
    project = PYPROJECT["project"]
    direct = project["dependencies"] + project["optional-dependencies"]["test"] + \
        project["optional-dependencies"]["build"]
    for line in direct:
        wanted = Requirement(line)
        locked, _ = lock[_normal(wanted.name)]
        assert set(wanted.specifier) == set(locked.specifier), wanted.name


def test_the_lock_holds_the_build_backend():
    """The project installs from the lock without build isolation, so its backend must be there."""
    lock = _lock()
    for line in PYPROJECT["build-system"]["requires"]:
        wanted = Requirement(line)
        locked, _ = lock[_normal(wanted.name)]
        assert wanted.specifier.contains(next(iter(locked.specifier)).version), wanted.name


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[set[str], set[str], str]:
    """The sdist of a copy of the source, then the wheel built from that sdist (as pip does)."""
    work = tmp_path_factory.mktemp("dist")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*LEFT_OUT_OF_THE_COPY))
    backend = "from setuptools import build_meta as b; import sys; print(getattr(b, sys.argv[1])(sys.argv[2]))"
    sdist_name = subprocess.run([sys.executable, "-c", backend, "build_sdist", str(work)], cwd=source,
                                capture_output=True, text=True, check=True).stdout.split()[-1]
    with tarfile.open(work / sdist_name) as sdist:
        top = sdist_name.removesuffix(".tar.gz")
        sdist_files = {m.name.removeprefix(top + "/") for m in sdist.getmembers() if m.isfile()}
        sdist.extractall(work / "unpacked", filter="data")
    wheel_name = subprocess.run([sys.executable, "-c", backend, "build_wheel", str(work)], cwd=work / "unpacked" / top,
                                capture_output=True, text=True, check=True).stdout.split()[-1]
    with zipfile.ZipFile(work / wheel_name) as wheel:
        wheel_files = set(wheel.namelist())
        meta = wheel.read(next(n for n in wheel_files if n.endswith(".dist-info/METADATA"))).decode()
    return sdist_files, wheel_files, meta


def test_the_wheel_holds_every_file_the_app_reads_at_run_time(built, monkeypatch, tmp_path):
    _, wheel_files, meta = built
    made = run_spec(monkeypatch, tmp_path, "linux")
    package_data = {f"{dest}/{Path(src).name}" for src, dest in made["FakeAnalysis"][0].kwargs["datas"]}
    assert "naaccord_desktop/resources/icon.png" in package_data  # the window icon
    assert len(package_data) > 30  # the definitions, cohort renames, sample submission, report style
    assert package_data <= wheel_files
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in wheel_files)
    assert "License-Expression: MIT" in meta


def test_the_sdist_holds_what_its_tests_and_builds_read(built):
    sdist_files, _, _ = built
    needed = {"LICENSE", "requirements-lock.txt", "build.spec", "pyproject.toml", "README.md"}
    for folder in ("tests", "installers", "scripts", "naaccord_desktop/resources", "naaccord_desktop/locale"):
        needed |= {p.relative_to(ROOT).as_posix() for p in (ROOT / folder).rglob("*")
                   if p.is_file() and "__pycache__" not in p.parts}
    assert "tests/conftest.py" in needed and "tests/gui_helpers.py" in needed
    assert needed - sdist_files == set()
