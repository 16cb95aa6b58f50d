"""The third-party notices of a bundle: every bundled package's licence texts,
Python's licence, the copyright files of the system libraries a Linux bundle
carries, and Qt's LGPL with how to replace the Qt libraries.

build.spec calls `write_notices` with the top-level names of what PyInstaller
collected, so the notices list exactly the packages in the bundle, read from
their installed metadata (every file a package declares as a licence file,
not only the first: cryptography's LICENSE only points at LICENSE.APACHE and
LICENSE.BSD). The frozen app shows the file under Help > About > Licences.
"""

from __future__ import annotations

import importlib.metadata as metadata
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

TEXTS = Path(__file__).resolve().with_name("licenses")  # the FSF's LGPL-3.0 and GPL-3.0, verbatim
OWN = "naaccord-desktop"
QT_PACKAGES = {"pyside6-essentials", "pyside6-addons", "shiboken6"}  # no licence file in their wheels
LICENCE_FILE = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE)", re.IGNORECASE)
SYSTEM_LIBRARY_FOLDERS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")  # PyInstaller copies these on Linux
DEBIAN_DOCS = Path("/usr/share/doc")
RULE = "=" * 78
LINE = "-" * 78

HEADER = """\
NA-ACCORD Desktop Precheck {version}: third-party software notices

This app carries the software listed below, each under its own licence,
whose texts follow. The app itself is under the MIT licence (the file
LICENSE beside this one).
"""

QT_SECTION = """\
Qt {qt} and Qt for Python (PySide6 {qt}, shiboken6 {qt})
Licence: GNU Lesser General Public License version 3 (LGPL-3.0-only). Its
text, and the text of the GNU General Public License version 3 that it
adds to, follow this section.

The app uses Qt and its Python bindings unmodified, as shared libraries that
it loads at start from its own folder. You may replace them with your own
build of the same version (for example one you have modified), without asking
anyone:

1. Get the source of these exact versions:
   - Qt {qt}: https://download.qt.io/official_releases/qt/
   - PySide6 and shiboken6 {qt}: https://download.qt.io/official_releases/QtForPython/
     or https://code.qt.io/cgit/pyside/pyside-setup.git (tag v{qt})
2. Build them (https://doc.qt.io/qtforpython-6/building_from_source/).
3. Replace the files of the same names in the installed app:
   - Windows, in the installation folder (by default
     %LOCALAPPDATA%\\Programs\\NA-ACCORD Desktop Precheck): the Qt libraries
     _internal\\PySide6\\Qt6*.dll, the Qt plugins under _internal\\PySide6\\plugins\\,
     the bindings _internal\\PySide6\\*.pyd and _internal\\shiboken6\\.
   - macOS, in NA-ACCORD Desktop Precheck.app/Contents/Frameworks/: the Qt
     frameworks PySide6/Qt/lib/Qt*.framework, the plugins under
     PySide6/Qt/plugins/, the bindings PySide6/*.so and shiboken6/. Then sign
     the app again; for your own use an ad-hoc signature is enough:
     codesign --force --deep --sign - "NA-ACCORD Desktop Precheck.app"
   - Linux, in the naaccord-desktop folder: the Qt libraries
     _internal/PySide6/Qt/lib/libQt6*.so.6, the plugins under
     _internal/PySide6/Qt/plugins/, the bindings _internal/PySide6/*.so and
     _internal/shiboken6/.
4. Start the app: it loads the libraries it finds there. You may also rebuild
   the whole app with your Qt from its source (build.spec and
   requirements-lock.txt, which names every version used, are in the source).

Qt contains third-party components under their own licences, listed at
https://doc.qt.io/qt-6/licenses-used-in-qt.html.
"""


class NoticeError(Exception):
    """A licence text the notices must carry was not found (the build stops)."""


def distributions_of(top_level_names: Iterable[str], extra: Iterable[str] = ()) -> list[metadata.Distribution]:
    """The installed distributions providing these top-level modules, plus `extra` (this project left out)."""
    provided = metadata.packages_distributions()
    names = {name for top in top_level_names for name in provided.get(top, ())} | set(extra)
    found = {_normal(d.metadata["Name"]): d for d in map(metadata.distribution, names)}
    found.pop(OWN, None)
    return [found[name] for name in sorted(found)]


def notices_text(distributions: Iterable[metadata.Distribution], app_version: str,
                 system_libraries: Iterable[str] = ()) -> str:
    """`system_libraries`: the source paths of the bundled binaries (those from the system count)."""
    distributions = list(distributions)
    qt = next((d.version for d in distributions if _normal(d.metadata["Name"]) in QT_PACKAGES), None)
    sections = [HEADER.format(version=app_version)]
    sections += [_package_section(d) for d in distributions]
    sections.append(_python_section())
    sections += _debian_sections(s for s in system_libraries if _is_system_library(s))
    if qt is not None:
        sections.append(QT_SECTION.format(qt=qt))
        sections += [(TEXTS / name).read_text("utf-8") for name in ("LGPL-3.0.txt", "GPL-3.0.txt")]
    return f"\n{RULE}\n".join(sections)


def write_notices(target: Path, top_level_names: Iterable[str], app_version: str,
                  extra: Iterable[str] = ("pyinstaller",), system_libraries: Iterable[str] = ()) -> Path:
    """`extra`: packages in every bundle that no module names (PyInstaller's bootloader)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    text = notices_text(distributions_of(top_level_names, extra), app_version, system_libraries)
    target.write_text(text, "utf-8")
    return target


def _package_section(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    name = meta["Name"]
    head = [f"{name} {dist.version}", f"Licence: {_licence_name(meta)}"]
    home = meta.get("Home-page") or next(
        (url.split(",", 1)[1].strip() for url in meta.get_all("Project-URL") or [] if "," in url), None)
    if home:
        head.append(f"Home page: {home}")
    if _normal(name) in QT_PACKAGES:
        return "\n".join(head + ["(See 'Qt and Qt for Python' below for the licence and how to replace it.)"])
    texts = _licence_texts(dist)
    if not texts:
        raise NoticeError(f"{name} {dist.version} is bundled but ships no licence file.")
    return "\n".join(head) + "".join(f"\n{LINE}\n[{file}]\n\n{text.strip()}\n" for file, text in texts)


def _licence_name(meta) -> str:
    expression = meta.get("License-Expression")
    licence = meta.get("License") or ""
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return expression or (licence if licence and "\n" not in licence else "") or ", ".join(classifiers) or \
        "see the text below"


def _licence_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    """(file name, text) of every licence file the package declares, or else of those in its .dist-info."""
    texts = []
    for name in dist.metadata.get_all("License-File") or []:
        text = dist.read_text(f"licenses/{name}") or dist.read_text(name)
        if text:
            texts.append((name, text))
    if texts:
        return texts
    return [(f.name, f.read_text("utf-8")) for f in dist.files or []
            if f.parts[0].endswith(".dist-info") and LICENCE_FILE.match(f.name)]


def _python_section() -> str:
    places = (Path(os.__file__).with_name("LICENSE.txt"), Path(sys.base_prefix) / "LICENSE.txt")  # stdlib; Windows
    licence = next((p for p in places if p.is_file()), None)
    if licence is None:
        raise NoticeError("Python's LICENSE.txt was not found beside its standard library or in "
                          f"{sys.base_prefix}; the bundle carries Python, so its licence must ship too.")
    version = ".".join(map(str, sys.version_info[:3]))
    return f"Python {version} (the interpreter and its standard library)\n{LINE}\n" + \
        licence.read_text("utf-8").strip() + "\n"


def _is_system_library(source: str) -> bool:
    return source.startswith(SYSTEM_LIBRARY_FOLDERS) and not Path(source).is_relative_to(sys.prefix)


def _debian_sections(sources: Iterable[str]) -> list[str]:
    """One section per Debian package that the bundled system libraries come from, with its copyright file."""
    libraries: dict[str, list[str]] = {}
    for source in sources:
        libraries.setdefault(_debian_package(Path(source)), []).append(Path(source).name)
    sections = []
    for package, names in sorted(libraries.items()):
        copyright_file = DEBIAN_DOCS / package / "copyright"
        if not copyright_file.is_file():
            raise NoticeError(f"The Debian package {package} ({', '.join(names)}) has no {copyright_file}.")
        version = _dpkg_query("-W", "-f", "${Version}", package)
        sections.append(f"{package} {version} (the Debian package of {', '.join(sorted(names))})\n{LINE}\n"
                        + copyright_file.read_text("utf-8", errors="replace").strip() + "\n")
    return sections


def _debian_package(path: Path) -> str:
    """The package owning `path`; Debian's merged /usr lists some files under /lib, some under /usr/lib."""
    candidates = {str(path), str(path.resolve())}
    candidates |= {c.removeprefix("/usr") if c.startswith("/usr/") else "/usr" + c for c in set(candidates)}
    for candidate in sorted(candidates):
        owner = _dpkg_query("-S", candidate)
        if owner:
            return owner.split(":", 1)[0]
    raise NoticeError(f"{path} is bundled, but no Debian package owns it, so its licence is not known.")


def _dpkg_query(*arguments: str) -> str:
    """dpkg-query's answer, or "" when it finds nothing."""
    try:
        done = subprocess.run(["dpkg-query", *arguments], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise NoticeError("A Linux bundle carries system libraries; build it on Debian (dpkg-query names "
                          "the packages whose copyright files the notices carry).") from None
    return done.stdout.strip() if done.returncode == 0 else ""


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
