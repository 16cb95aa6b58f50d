"""`naaccord-desktop` without a subcommand: the window."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import __version__
from ..definitions.cohorts import cohort_names
from ..definitions.loader import load_bundled
from ..engine.pipeline import CheckOptions, SubmissionFile, check_submission, propose_table
from ..sample import bundled_sample_files
from ..store.logs import setup_logging
from ..store.paths import APP_AUTHOR, APP_NAME, app_paths
from .main_window import MainWindow
from .worker import redacted_traceback

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parents[1]
ICON_PLACES = (PACKAGE / "resources" / "icon.png", PACKAGE.parent / "resources" / "icon.png")


def make_options(scratch_dir: Path, cohort: str) -> CheckOptions:
    return CheckOptions(scratch_dir=scratch_dir, cohort=cohort)


def make_file(path: Path, table: str) -> SubmissionFile:
    return SubmissionFile(path=path, table=table)


def build_window(settings: QSettings, scratch_root: Path) -> MainWindow:
    return MainWindow(load_bundled(), check=check_submission, propose=propose_table,
                      make_options=make_options, make_file=make_file, scratch_root=scratch_root,
                      settings=settings, cohorts=cohort_names())


def open_demo(window: MainWindow) -> None:
    """The bundled sample submission, patient file first, ready to check."""
    window.list.add_paths([path for path, _table in bundled_sample_files()])


def _log_uncaught(exc_type, exc, tb) -> None:
    """A bug in a GUI-thread slot: log where (never the message), tell the user, keep running."""
    log.error("Unexpected error:\n%s", redacted_traceback(exc.with_traceback(tb)))
    if threading.current_thread() is threading.main_thread() and QApplication.instance():
        QMessageBox.critical(None, "Something went wrong",
                             "The app hit a problem it did not expect. Your files were not changed. "
                             "If it happens again, send the log file to the NA-ACCORD help desk.")


def run_gui(demo: bool = False) -> int:
    paths = app_paths().ensure()
    setup_logging(paths)
    sys.excepthook = _log_uncaught
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationVersion(__version__)
    icon = next((p for p in ICON_PLACES if p.is_file()), None)
    if icon:
        app.setWindowIcon(QIcon(str(icon)))
    window = build_window(QSettings(), paths.scratch_root)
    if demo:
        open_demo(window)
    window.show()
    log.info("Window open (demo=%s)", demo)
    return app.exec()
