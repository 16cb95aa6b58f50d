"""`naaccord-desktop --self-test`: prove that this build has every part it needs.

Run on the frozen app by CI and the release workflow, and by support on a
coordinator's machine. Each check prints one line (`ok` or `FAIL` with the
reason in plain words), then a line of versions; the exit code is 0 only
when every check passed. Qt runs on the offscreen platform unless
QT_QPA_PLATFORM names another, so no display is needed.
"""

from __future__ import annotations

import importlib
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__

CHART_COLOUR = (0x2E, 0x9E, 0x5B)  # a colour nothing else in the test chart uses


class SelfTestFailure(Exception):
    """A check failed; the message says what is wrong in plain words."""


@dataclass
class _Context:
    """What the checks share: a scratch folder, the QApplication, the definitions."""

    folder: Path
    app: object = None
    definitions: object = None
    result: object = None  # the sample submission's, once checked
    keep_alive: list = field(default_factory=list)  # widgets closed at the end


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(sys.stdout, "reconfigure"):  # a Windows console may not take every character
        sys.stdout.reconfigure(errors="replace")
    build = "frozen" if getattr(sys, "frozen", False) else "from source"
    print(f"NA-ACCORD Desktop Precheck {__version__} self-test ({build}, {platform.platform()})")
    # Windows cannot delete a file something still holds open: a leftover temp
    # folder must not turn a passed self-test into a crash.
    with tempfile.TemporaryDirectory(prefix="naaccord-selftest-",
                                     ignore_cleanup_errors=True) as folder:
        context = _Context(folder=Path(folder))
        failed = sum(not _run(title, check, context) for title, check in CHECKS)
        for widget in context.keep_alive:
            widget.close()
    print("versions: " + _versions(context))
    if failed:
        print(f"self-test FAILED: {failed} of {len(CHECKS)} checks failed")
        return 1
    print(f"self-test passed: {len(CHECKS)} checks")
    return 0


def _run(title: str, check: Callable[[_Context], str], context: _Context) -> bool:
    try:
        detail = check(context)
    except SelfTestFailure as exc:
        print(f"FAIL  {title}: {exc}")
        return False
    except Exception as exc:  # any other error is a failed check, reported in one line
        print(f"FAIL  {title}: unexpected error ({_one_line(exc)})")
        return False
    print(f"ok    {title}: {detail}")
    return True


def _check_qt(context: _Context) -> str:
    from PySide6.QtWidgets import QApplication

    context.app = QApplication.instance() or QApplication(["naaccord-desktop"])
    return f"QApplication on the {context.app.platformName()} platform"


def _check_window(context: _Context) -> str:
    _require_qt(context)
    from PySide6.QtCore import QSettings

    from .gui.app import build_window

    settings = QSettings(str(context.folder / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(settings, context.folder / "window-scratch")
    context.keep_alive.append(window)
    window.show()
    context.app.processEvents()
    return f"created and shown, title {window.windowTitle()!r}"


def _check_resources(context: _Context) -> str:
    """The files the app reads at run time besides the definitions and the sample (checked below)."""
    _require_qt(context)
    from PySide6.QtGui import QImage

    from .gui.app import ICON
    from .reports.html import STYLE

    image = QImage(str(ICON))
    if image.isNull():
        raise SelfTestFailure(f"the window icon ({ICON.name}) is missing from this build or cannot be read.")
    if not STYLE.strip():
        raise SelfTestFailure("the HTML report's style sheet (report.css) is empty.")
    return f"window icon {image.width()}x{image.height()} pixels, report style sheet {len(STYLE)} characters"


def _check_licences(context: _Context) -> str:
    from .licences import LGPL_HEADING, bundle_folder, licence_text

    text = licence_text()
    if "MIT License" not in text:
        raise SelfTestFailure("the app's licence (LICENSE) is missing from this build.")
    if bundle_folder() is None:
        return "the app's licence (run from a Python installation: each library carries its own)"
    if LGPL_HEADING not in text:
        raise SelfTestFailure("the third-party notices (THIRD-PARTY-NOTICES.txt, with Qt's LGPL) are missing "
                              "from this build.")
    return f"the app's licence and the third-party notices ({len(text) // 1024} KiB) in {bundle_folder()}"


def _check_duckdb(context: _Context) -> str:
    import duckdb

    with duckdb.connect(":memory:") as con:
        total = con.execute("SELECT sum(i) FROM range(1000) t(i)").fetchone()[0]
    if total != 499500:
        raise SelfTestFailure(f"DuckDB added up 0..999 as {total}, not 499500.")
    return f"in-memory query answered correctly (DuckDB {duckdb.__version__})"


def _check_definitions(context: _Context) -> str:
    from .definitions.cohorts import cohort_names
    from .definitions.loader import load_bundled

    context.definitions = load_bundled()
    tables = context.definitions.tables
    columns = sum(len(t.columns) for t in tables.values())
    return (f"{len(tables)} table types, {columns} columns, version {context.definitions.version}; "
            f"column renames for {len(cohort_names())} cohorts")


def _check_sample(context: _Context) -> str:
    if context.definitions is None:
        raise SelfTestFailure("skipped because the definitions did not load.")
    from .engine.pipeline import CheckOptions, SubmissionFile, check_submission
    from .engine.progress import CancelToken
    from .sample import bundled_sample_files, demo_verdict

    submission = [SubmissionFile(path=path, table=table) for path, table in bundled_sample_files()]
    if not submission:
        raise SelfTestFailure("the bundled sample submission is missing from this build.")
    started = time.perf_counter()
    scratch = context.folder / "check-scratch"
    scratch.mkdir()
    result = check_submission(submission, context.definitions, CheckOptions(),
                              progress=lambda event: None, cancel=CancelToken(), scratch=scratch)
    seconds = time.perf_counter() - started
    if result.cancelled:
        raise SelfTestFailure("the check of the sample submission stopped before the end.")
    for file in result.files:
        name = Path(file.path).name
        failed = [stage.key for stage in file.stages if stage.status == "failed"]
        if failed:
            raise SelfTestFailure(f"{name}: the stage(s) {', '.join(failed)} failed.")
        if file.rows == 0:
            raise SelfTestFailure(f"{name}: no rows were read.")
    wrong = [Path(file.path).name for file in result.files if file.verdict != demo_verdict(file.table)]
    if wrong:
        raise SelfTestFailure(f"the sample submission's {', '.join(wrong)} did not get the verdict it is made for.")
    context.result = result
    rows = sum(file.rows for file in result.files)
    return (f"{len(result.files)} files, {rows} rows checked in {seconds:.1f} s, "
            f"verdict {result.verdict}")


def _check_workbook(context: _Context) -> str:
    if context.result is None:
        raise SelfTestFailure("skipped because the sample submission was not checked.")
    import io
    import zipfile

    from .reports.workbook import workbook_bytes

    data = workbook_bytes(context.result, definitions=context.definitions)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
    if len(sheets) != 5:
        raise SelfTestFailure(f"the workbook of the sample submission has {len(sheets)} sheets, not 5.")
    return f"the sample submission's report written as a {len(data):,}-byte workbook of 5 sheets"


def _check_chart(context: _Context) -> str:
    _require_qt(context)
    from PySide6.QtCharts import QBarSeries, QBarSet, QChart, QChartView
    from PySide6.QtGui import QColor, QImage

    bars = QBarSet("sample")
    bars.append([3, 7, 5])
    bars.setColor(QColor(*CHART_COLOUR))
    series = QBarSeries()
    series.append(bars)
    chart = QChart()
    chart.addSeries(series)
    chart.createDefaultAxes()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    view = QChartView(chart)
    view.resize(400, 300)
    context.keep_alive.append(view)
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    if image.isNull() or image.width() == 0:
        raise SelfTestFailure("the chart could not be drawn into an image.")
    red, green, blue = CHART_COLOUR
    if bytes((blue, green, red, 0xFF)) not in bytes(image.constBits()):
        raise SelfTestFailure("the chart image was drawn but its bars are missing.")
    return f"bar chart drawn into a {image.width()}x{image.height()} image"


def _check_keyring(context: _Context) -> str:
    import keyring

    from .store.secrets import secure_backend_name

    ring = keyring.get_keyring()
    backends = getattr(ring, "backends", None) or [ring]
    names = ", ".join(f"{type(b).__module__}.{type(b).__name__}" for b in backends)
    secure = secure_backend_name()
    if secure:
        return f"backend {names}; the install key is kept in {secure}"
    return f"backend {names}; no secure keychain, so the install key lives only while the app runs"


def _check_translations(context: _Context) -> str:
    """The French catalogues load, the window's (Qt) and the engine's (gettext)."""
    _require_qt(context)
    from .engine.translation import SOURCE_LANGUAGE, _
    from .gui.language import install_language, tr

    try:
        install_language(context.app, "fr")
        words = tr("&Check all"), _("Blocked")
    except OSError as exc:
        raise SelfTestFailure(f"the French catalogue of the engine (naaccord.mo) did not load: {_one_line(exc)}") \
            from None
    finally:
        install_language(context.app, SOURCE_LANGUAGE)
    if words[0] == "&Check all":
        raise SelfTestFailure("the French catalogue of the window (naaccord_fr.qm) did not load.")
    return "French: " + ", ".join(word.replace("&", "") for word in words)


def _require_qt(context: _Context) -> None:
    if context.app is None:
        raise SelfTestFailure("skipped because Qt did not load.")


def _one_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:300]}" if text else type(exc).__name__


def _versions(context: _Context) -> str:
    parts = [f"app {__version__}"]
    parts.append(f"definitions {getattr(context.definitions, 'version', 'not loaded')}")
    parts.append(f"Qt {_module_version('PySide6.QtCore', lambda m: m.qVersion())}")
    parts.append(f"PySide6 {_module_version('PySide6', lambda m: m.__version__)}")
    parts.append(f"DuckDB {_module_version('duckdb', lambda m: m.__version__)}")
    parts.append(f"Python {platform.python_version()}")
    return ", ".join(parts)


def _module_version(name: str, read: Callable) -> str:
    try:
        return read(importlib.import_module(name))
    except Exception:  # the failing check has already said why
        return "not loaded"


CHECKS: tuple[tuple[str, Callable[[_Context], str]], ...] = (
    ("Qt", _check_qt),
    ("Main window", _check_window),
    ("Resources", _check_resources),
    ("Licences", _check_licences),
    ("DuckDB", _check_duckdb),
    ("Definitions", _check_definitions),
    ("Sample submission", _check_sample),
    ("Excel workbook", _check_workbook),
    ("Chart", _check_chart),
    ("Keyring", _check_keyring),
    ("Translations", _check_translations),
)
