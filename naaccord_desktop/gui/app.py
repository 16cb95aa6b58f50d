"""`naaccord-desktop` without a subcommand: the window, with the store's
parts (settings, key, run history, scratch, log) set up around it."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import __version__
from ..definitions.cohorts import cohort_names
from ..definitions.loader import load_bundled
from ..engine.pipeline import CheckOptions, SubmissionFile, check_submission, propose_table
from ..sample import bundled_sample_files
from ..store.history import History, HistoryError
from ..store.logs import close_logging, setup_logging
from ..store.paths import APP_AUTHOR, APP_NAME, AppPaths, app_paths
from ..store.scratch import ScratchManager, install_exit_wipe, recover_crashed_runs
from ..store.secrets import Secrets, load_secrets
from ..store.settings import Settings, load_settings
from .gc_on_gui_thread import GuiThreadCollector
from .main_window import MainWindow
from .worker import redacted_traceback

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parents[1]
ICON_PLACES = (PACKAGE / "resources" / "icon.png", PACKAGE.parent / "resources" / "icon.png")
EXIT_SIGNALS = (signal.SIGINT, signal.SIGTERM)
SIGNAL_POLL_MS = 500  # Python runs its SIGINT/SIGTERM handlers only when the Qt loop hands it control


def build_window(settings: QSettings, scratch_root: Path, **store) -> MainWindow:
    """The window over the real engine. `store`: MainWindow's history, scratch,
    store_settings, secrets and paths (without them nothing is recorded)."""
    return MainWindow(load_bundled(), check=check_submission, propose=propose_table,
                      make_options=CheckOptions, make_file=SubmissionFile, scratch_root=scratch_root,
                      settings=settings, cohorts=cohort_names(), **store)


@dataclass
class Store:
    """The window's local state; `vars(store)` are MainWindow's keyword arguments."""

    paths: AppPaths
    store_settings: Settings
    secrets: Secrets
    scratch: ScratchManager
    history: History | None  # None: it could not be opened, checks are not recorded

    def close(self) -> None:
        """At exit, after the window has stopped its check (a second call does nothing)."""
        self.scratch.wipe_all()
        history, self.history = self.history, None
        if history is not None:
            history.close()


def open_store(paths: AppPaths) -> Store:
    """Settings, key, run history and scratch; wipes what crashed runs left."""
    store_settings = load_settings(paths)
    secrets = load_secrets()
    scratch = ScratchManager(store_settings.scratch_root(paths))
    history = None
    try:
        history = History(paths.history_db, secrets)
    except HistoryError as exc:
        QMessageBox.warning(None, "The history of checks is not available", str(exc))
    if history is not None:
        recover_crashed_runs(scratch, history)
    else:
        scratch.recover()
    install_exit_wipe(scratch)  # until the window takes over the signals, and at exit
    return Store(paths, store_settings, secrets, scratch, history)


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
    collector = GuiThreadCollector()
    original = {signum: signal.getsignal(signum) for signum in EXIT_SIGNALS}
    store = open_store(paths)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationVersion(__version__)
    icon = next((p for p in ICON_PLACES if p.is_file()), None)
    if icon:
        app.setWindowIcon(QIcon(str(icon)))
    window = build_window(QSettings(), store.scratch.root, **vars(store))
    if demo:
        open_demo(window)
    window.show()
    log.info("Window open (demo=%s)", demo)

    def shut_down() -> None:
        """When the event loop ends (or the desktop session does)."""
        signal_poll.stop()
        collector.stop()
        store.close()
        close_logging()

    for signum in EXIT_SIGNALS:  # closing cancels and joins the check, wipes, then quits
        signal.signal(signum, lambda *_: window.close_without_asking())
    signal_poll = QTimer()
    signal_poll.timeout.connect(lambda: None)
    signal_poll.start(SIGNAL_POLL_MS)
    app.aboutToQuit.connect(shut_down)
    try:
        return app.exec()
    finally:
        shut_down()
        app.aboutToQuit.disconnect(shut_down)
        for signum, handler in original.items():  # for a caller that goes on (the tests)
            signal.signal(signum, handler)
