"""The app's translations: extract the words to translate, and compile the
catalogues the app ships (README, "Translating the app").

    python scripts/translations.py extract   # after changing words in the code
    python scripts/translations.py compile   # after translating

extract: pyside6-lupdate collects the window's words (tr, QT_TR_NOOP in
naaccord_desktop/gui/) into locale/naaccord_LANG.ts; Babel collects the
engine's and reports' words (_, ngettext, N_, counted) into
locale/naaccord.pot and merges them into locale/LANG/LC_MESSAGES/naaccord.po.
compile: pyside6-lrelease writes naaccord_LANG.qm, Babel naaccord.mo.
Both tools come with the test extra (PySide6, Babel)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "naaccord_desktop"
LOCALE = PACKAGE / "locale"
DOMAIN = "naaccord"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
KEYWORDS = ["-k", "counted:2,3"]  # besides Babel's own: _, gettext, ngettext, N_, ...
BIN = Path(sys.executable).parent  # the tools installed beside this Python


sys.path.insert(0, str(ROOT))
from naaccord_desktop import __version__  # noqa: E402
from naaccord_desktop.engine.translation import LANGUAGES, SOURCE_LANGUAGE  # noqa: E402


def languages() -> list[str]:
    return [code for code in LANGUAGES if code != SOURCE_LANGUAGE]


def qt_catalogue(language: str, suffix: str) -> Path:
    return LOCALE / f"{DOMAIN}_{language}{suffix}"


def gettext_catalogue(language: str, suffix: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def run(*command: str | Path) -> None:
    subprocess.run([str(part) for part in command], check=True, cwd=ROOT)


def extract() -> None:
    gui = sorted(str(p.relative_to(ROOT)) for p in (PACKAGE / "gui").rglob("*.py"))
    for language in languages():
        run(BIN / "pyside6-lupdate", *gui, "-locations", "none", "-no-obsolete",
            "-target-language", language, "-ts", qt_catalogue(language, ".ts"))
    run(BIN / "pybabel", "extract", *KEYWORDS, "--no-location", "--sort-output",
        "--project", "NA-ACCORD Desktop Precheck", "--version", __version__, "-o", TEMPLATE, PACKAGE)
    for language in languages():
        action = "update" if gettext_catalogue(language, ".po").exists() else "init"
        run(BIN / "pybabel", action, "-i", TEMPLATE, "-d", LOCALE, "-D", DOMAIN, "-l", language,
            *(["--no-fuzzy-matching", "--ignore-obsolete"] if action == "update" else []))


def compile_catalogues() -> None:
    for language in languages():
        run(BIN / "pyside6-lrelease", qt_catalogue(language, ".ts"), "-qm", qt_catalogue(language, ".qm"))
    run(BIN / "pybabel", "compile", "-d", LOCALE, "-D", DOMAIN, "--statistics")


if __name__ == "__main__":
    commands = {"extract": extract, "compile": compile_catalogues}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]]()
