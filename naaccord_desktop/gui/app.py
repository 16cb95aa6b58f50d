"""`naaccord-desktop` without a subcommand: the window, with the store's
parts (settings, key, run history, scratch, log) set up around it. What is
not available (a folder that cannot be written to, the run history) is said
in the open window; the rest works."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import __version__
from ..definitions.cohorts import cohort_names
from ..definitions.loader import load_bundled
from ..engine.pipeline import check_submission
from ..engine.propose import propose_table
from ..sample import bundled_sample_files
from ..store.logs import close_logging, setup_logging
from ..store.paths import APP_AUTHOR, APP_DOMAIN, APP_NAME, app_paths
from ..store.scratch import install_exit_wipe
from ..store.session import LocalState, open_local_state
from ..store.settings import load_settings
from .desktop_open import FileOpenEvents, claim, instance_name
from .gc_on_gui_thread import GuiThreadCollector
from .language import install_language, tr
from .main_window import MainWindow
from .window_settings import window_settings
from .worker import redacted_traceback

log = logging.getLogger(__name__)

ICON = Path(__file__).resolve().parents[1] / "resources" / "icon.png"  # in the wheel and the bundle
EXIT_SIGNALS = (signal.SIGINT, signal.SIGTERM)
SIGNAL_POLL_MS = 500  # Python runs its SIGINT/SIGTERM handlers only when the Qt loop hands it control


def build_window(settings: QSettings, scratch_root: Path, state: LocalState | None = None) -> MainWindow:
    """The window over the real engine. `state`: the local state it records in
    and keeps its settings in (without it nothing is recorded)."""
    store = {} if state is None else {"history": state.history, "scratch": state.scratch,
                                      "store_settings": state.settings, "secrets": state.secrets,
                                      "paths": state.paths, "audit": state.audit}
    return MainWindow(load_bundled(), check=check_submission, propose=propose_table, scratch_root=scratch_root,
                      settings=settings, cohorts=cohort_names(), **store)


def open_demo(window: MainWindow) -> None:
    """The bundled sample submission, patient file first, ready to check."""
    window.list.add_paths([path for path, _table in bundled_sample_files()])


def _log_uncaught(exc_type, exc, tb) -> None:
    """A bug in a GUI-thread slot: log where (never the message), tell the user, keep running."""
    log.error("Unexpected error:\n%s", redacted_traceback(exc.with_traceback(tb)))
    if threading.current_thread() is threading.main_thread() and QApplication.instance():
        QMessageBox.critical(None, tr("Something went wrong"),
                             tr("The app hit a problem it did not expect. Your files were not changed. "
                                "If it happens again, send the log file to the NA-ACCORD help desk."))


def run_gui(demo: bool = False, files: Sequence[Path] = ()) -> int:
    """The window, with `files` (files and folders) added. When a window is
    already open for this user, `files` go to it instead and this returns at
    once (the demo always opens a window of its own)."""
    paths = app_paths().ensure()
    app = QApplication.instance() or QApplication(sys.argv)
    files = [Path(f).absolute() for f in files]
    server = None if demo else claim(instance_name(paths.config), files)
    if server is None and not demo:
        return 0  # the window already open took them
    setup_logging(paths)
    if server is not None and not server.server.isListening():
        log.warning("Other launches cannot hand files to this window (%s).", server.server.errorString())
    sys.excepthook = _log_uncaught
    file_events = FileOpenEvents(app) if sys.platform == "darwin" else None
    collector = GuiThreadCollector()
    original = {signum: signal.getsignal(signum) for signum in EXIT_SIGNALS}
    install_language(app, load_settings(paths).language)  # before any words are made, the store's too
    store = open_local_state(paths)
    install_exit_wipe(store.scratch)  # until the window takes over the signals, and at exit
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_AUTHOR)
    app.setOrganizationDomain(APP_DOMAIN)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(ICON)))
    window = build_window(window_settings(paths), store.scratch.root, store)
    if demo:
        open_demo(window)
    elif files:
        window.add_paths(files)
    for arrivals in (server, file_events):
        if arrivals is not None:
            arrivals.deliver_to(window.open_from_desktop)
    window.show()
    if store.problems:
        window.tell(tr("Some parts of the app are not available"), "\n\n".join(store.problems))
    log.info("Window open (demo=%s, %d paths given)", demo, len(files))

    def shut_down() -> None:
        """When the event loop ends (or the desktop session does)."""
        signal_poll.stop()
        collector.stop()
        if server is not None:
            server.close()
        if file_events is not None:
            app.removeEventFilter(file_events)
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
