"""The licences shown under Help > About > Licences.

The frozen app carries, in a `licenses` folder of its bundle, the project's
LICENSE and the third-party notices that build.spec writes
(installers/third_party_notices.py): every bundled package's licence, Python's,
and Qt's LGPL with how to replace the Qt libraries. Run from a Python
installation, the app shows its own licence and says where the others are.
"""

from __future__ import annotations

import importlib.metadata as metadata
import sys
from pathlib import Path

FOLDER = "licenses"  # in the bundle
NOTICES = "THIRD-PARTY-NOTICES.txt"
PROJECT = "LICENSE"
DISTRIBUTION = "naaccord-desktop"
LGPL_HEADING = "GNU LESSER GENERAL PUBLIC LICENSE"
FROM_PYTHON = (
    "This copy of the app runs from a Python installation, into which pip installed each library it uses "
    "(Qt for Python, DuckDB, keyring, cryptography, ...) separately, each with its licence in its own folder "
    "(`pip show --files NAME` lists them). Qt and Qt for Python are under the GNU LGPL version 3. The "
    "installers carry every licence, and how to replace the Qt libraries, in THIRD-PARTY-NOTICES.txt."
)


def bundle_folder() -> Path | None:
    """Where the frozen app keeps its licences (None when not frozen)."""
    base = getattr(sys, "_MEIPASS", None)
    return Path(base) / FOLDER if base else None


def licence_text() -> str:
    folder = bundle_folder()
    if folder is not None:
        return "\n\n".join(_read(folder / name) for name in (PROJECT, NOTICES))
    return f"{_own_licence()}\n\n{FROM_PYTHON}"


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except OSError:
        return f"{path.name} is missing from this installation: install the app again to restore it."


def _own_licence() -> str:
    """From the installed metadata; every copy on the path is asked, as a build in a source tree
    leaves an .egg-info without the licence that may come first."""
    texts = (d.read_text(f"licenses/{PROJECT}") for d in metadata.distributions(name=DISTRIBUTION))
    return next(filter(None, texts), None) or \
        "NA-ACCORD Desktop Precheck is under the MIT licence (the file LICENSE of its source)."
