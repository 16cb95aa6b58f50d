"""Helpers for build.spec, kept apart so tests can run them without PyInstaller.

- `bundle_datas`: the data files to ship, skipping optional ones not (yet) there.
- `version_tuple`, `write_version_file`: the Windows version resource.
- `without`: drop collected files whose bundle path contains a pattern.
- `top_level_names`: the top-level modules and folders of what was collected
  (the third-party notices are written for the packages that provide them).
- `reachable_binaries`: keep only the shared libraries that something kept
  still links to (Linux), so libraries pulled in only by dropped Qt plugins
  (GTK, Qt Quick, Qt Pdf, ...) leave the bundle with them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

# A PyInstaller TOC entry: (destination name in the bundle, source path, type code).
Entry = tuple[str, str, str]


def bundle_datas(root: Path, entries: Iterable[tuple[str, str, bool]]) -> list[tuple[str, str]]:
    """(source glob relative to root, bundle folder, required) -> PyInstaller datas.

    A required entry that matches nothing is an error: the bundle would be broken.
    """
    datas = []
    for pattern, folder, required in entries:
        matches = sorted(p for p in root.glob(pattern) if p.is_file())
        if required and not matches:
            raise FileNotFoundError(f"build.spec: nothing matches the required data {pattern!r}")
        datas.extend((str(p), folder) for p in matches)
    return datas


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'1.2.3' or '1.2rc1' -> (1, 2, 3, 0) / (1, 2, 1, 0): Windows wants four numbers."""
    numbers = [int(n) for n in re.findall(r"\d+", version)][:4]
    if not numbers:
        raise ValueError(f"version {version!r} has no numbers")
    return tuple(numbers + [0] * (4 - len(numbers)))


def write_version_file(template: Path, target: Path, *, version: str, product: str,
                       company: str, description: str, exe_name: str) -> Path:
    text = template.read_text("utf-8").format(
        version_tuple=version_tuple(version),
        version=version,
        product=product,
        company=company,
        description=description,
        copyright=f"Copyright (c) {company}",
        internal_name=exe_name,
        original_filename=f"{exe_name}.exe",
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, "utf-8")
    return target


def without(entries: Iterable[Entry], patterns: Iterable[str]) -> list[Entry]:
    """The entries whose bundle path (with / separators) contains none of the patterns."""
    patterns = tuple(patterns)
    return [e for e in entries if not any(p in _posix(e[0]) for p in patterns)]


def top_level_names(*tocs: Iterable[tuple]) -> set[str]:
    """The first part of each collected module name (dotted) or bundle path, extension suffix removed."""
    return {re.split(r"[./\\]", entry[0], maxsplit=1)[0] for toc in tocs for entry in toc}


def reachable_binaries(binaries: Iterable[Entry],
                       imports_of: Callable[[str], Iterable[str]]) -> list[Entry]:
    """Keep extension modules, Qt plugins, libpython and every library they need.

    `imports_of(source_path)` gives the file names of the libraries a binary
    links to (PyInstaller's ldd-based `get_imports` lists the whole closure on
    Linux, but a walk is done anyway so a direct-only lister works too).
    """
    binaries = list(binaries)
    by_name = {PurePosixPath(_posix(e[0])).name: e for e in binaries}
    todo = [e for e in binaries if _is_root(e)]
    kept = {PurePosixPath(_posix(e[0])).name for e in todo}
    while todo:
        entry = todo.pop()
        for needed in imports_of(entry[1]):
            name = PurePosixPath(needed).name
            if name in by_name and name not in kept:
                kept.add(name)
                todo.append(by_name[name])
    return [e for e in binaries if PurePosixPath(_posix(e[0])).name in kept]


def _is_root(entry: Entry) -> bool:
    dest = _posix(entry[0])
    return (entry[2] == "EXTENSION" or "/plugins/" in dest
            or PurePosixPath(dest).name.startswith("libpython"))


def _posix(path: str) -> str:
    return path.replace("\\", "/")
