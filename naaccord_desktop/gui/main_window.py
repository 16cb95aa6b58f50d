"""The main window: the submission on the left; the selected file's stepper
and results on the right; menus, status bar and remembered settings. Each
check is a CheckSession run in a worker thread (store/session.py: recorded
in the run history, in its own scratch folder wiped as soon as it ends);
while the window is open, the idle wipe also clears folders that crashed
checks left behind. Its parts, one seam each, are in gui/window/."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from ..definitions.model import DefinitionSet
from ..engine.result import VERDICTS, FileResult, SubmissionResult
from ..reports.words import human_size, submission_verdict
from ..store.audit import Audit
from ..store.history import History
from ..store.paths import AppPaths
from ..store.scratch import IdleWipe, ScratchManager
from ..store.secrets import Secrets
from ..store.session import CheckSession
from ..store.settings import Settings
from .acknowledge import AcknowledgementDesk
from .actions import build_actions, build_menus
from .body import build_body
from .dialog_frame import yes_or_no
from .idle_wipe import IdleWipeTimer
from .language import tr
from .stepper import Stepper
from .submission_list import SubmissionList
from .window.adding import AddingFiles
from .window.checking import Checking
from .window.exporting import Exporting
from .window.saving import Saving
from .window.settings import SettingsAndDialogs
from .window.submissions import Submissions
from .worker import CheckWorker

log = logging.getLogger(__name__)

TICK_MS = 100  # how often the GUI takes the engine's progress events and updates the clocks


class MainWindow(AddingFiles, Checking, Exporting, Saving, SettingsAndDialogs, Submissions, QMainWindow):
    """`check` and `propose` are the engine's check_submission and propose_table
    (tests pass stand-ins).

    The store's parts: `history` (None: checks are not recorded, History is
    off), `scratch` (default: a ScratchManager over `scratch_root`),
    `store_settings` (cohort, idle wipe, memory, threads), `secrets` (None:
    no shareable report) and `paths` (None: settings are not saved, Settings
    and the log folder are off), `audit` (None: copies of patient data are not
    recorded, Privacy ▸ Audit is off). `settings` (QSettings) keeps only the
    window's geometry and the last folder."""

    def __init__(self, definitions: DefinitionSet, *, check: Callable, propose: Callable,
                 scratch_root: Path,
                 settings: QSettings, cohorts: list[str], history: History | None = None,
                 scratch: ScratchManager | None = None, store_settings: Settings | None = None,
                 secrets: Secrets | None = None, paths: AppPaths | None = None, audit: Audit | None = None) -> None:
        super().__init__()
        self.definitions = definitions
        self.settings = settings
        self.cohorts = cohorts
        self.history = history
        self.scratch = scratch or ScratchManager(scratch_root)
        self.store_settings = store_settings or Settings()
        self.secrets = secrets
        self.paths = paths
        self.audit = audit
        self.session = CheckSession(definitions, self.scratch, history, engine=check)
        self.idle_wipe = IdleWipeTimer(IdleWipe(self.scratch, self.store_settings.idle_wipe_minutes * 60),
                                       parent=self)
        self.idle_wipe.wiped.connect(self._show_held)
        self.worker: CheckWorker | None = None
        self.ask_before_closing = True
        self.run_keys: list[str] = []
        self.results: dict[str, FileResult] = {}
        self.last_submission: SubmissionResult | None = None
        self.stopped_early = False
        self.last_check = ""
        self.steppers: dict[str, Stepper] = {}
        self.cancel_requested_at: float | None = None
        self.error_box: QMessageBox | None = None
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(TICK_MS)
        self.tick_timer.timeout.connect(self._tick)
        self.ticks = 0
        self._init_exporting()

        self.setWindowTitle(tr("NA-ACCORD Desktop Precheck"))
        self.setAcceptDrops(True)
        self.list = SubmissionList(sorted(definitions.tables), lambda path: propose(path, definitions))
        build_actions(self)
        build_menus(self)
        self.setCentralWidget(build_body(self, cohorts))
        self.acknowledgements = AcknowledgementDesk(history, definitions, self)
        self.acknowledgements.changed.connect(self._acknowledgements_changed)
        self.results_view.findings.desk = self.acknowledgements
        self.results_view.findings.rule_requested.connect(self.show_rules)
        self._build_status_bar()
        self.list.on_changed = self._files_changed
        self.list.on_dropped = self.add_paths
        self.list.currentItemChanged.connect(self._selection_changed)
        self.results_view.findings.set_exporter(self.export_rows)
        self._restore_settings()
        self._files_changed()

    # --- building -----------------------------------------------------------------

    def _build_status_bar(self) -> None:
        self.held_label = QLabel()
        self.statusBar().addPermanentWidget(self.held_label)
        self._show_held()

    # --- the selected file ------------------------------------------------------

    def _selection_changed(self, *_args) -> None:
        self.idle_wipe.touch()
        key = self.list.current_key()
        if key not in self.steppers:  # none selected, or the list is still being filled
            return
        entry = self.list.entries[key]
        table = entry.table or tr("no table type yet")
        self.file_header.setText(f"{entry.path.name}  ·  {table}  ·  {human_size(entry.size)}")
        self.stepper_stack.setCurrentWidget(self.steppers[key])
        self._show_result(key)
        self._update_controls()

    def _show_result(self, key: str) -> None:
        entry = self.list.entries[key]
        table = self.definitions.tables.get(entry.table)
        result = self.results.get(key)
        if key in self.run_keys and self.worker is not None:
            self.results_view.set_result(None, table, tr("Checking… the results appear here when this file is done."))
        elif result is not None and entry.state == "cancelled":
            self.results_view.set_result(result, table, finished=False)
        elif result is not None and entry.state == "failed":
            self.results_view.set_result(result, table, tr("The last check could not finish: these are the results "
                                                           "of the check before it."))
        else:
            self.results_view.set_result(result, table)

    def _acknowledgements_changed(self) -> None:
        """Acknowledged or withdrawn: every result on show carries the change."""
        self.results = {key: self.acknowledgements.apply(result) for key, result in self.results.items()}
        self._selection_changed()

    # --- what the window shows ----------------------------------------------------

    def _update_submission_banner(self) -> None:
        """Only files checked to the end count: a stopped, failed or changed file has no verdict."""
        states = {k: e.state for k, e in self.list.entries.items()}
        results = [self.results[k] for k, state in states.items() if k in self.results and state in VERDICTS]
        unfinished = sum(state in ("cancelled", "failed") for state in states.values())
        verdict, headline, advice = submission_verdict(results, len(states), self.stopped_early, unfinished)
        self.submission_banner.show_verdict(verdict, headline, advice)
        self.submission_banner.setVisible(bool(self.list.entries))

    def _update_controls(self) -> None:
        running = self.running
        has_files = bool(self.list.entries)
        has_current = self.list.current_key() is not None
        self.check_all_action.setEnabled(has_files and not running)
        self.check_file_action.setEnabled(has_current and not running)
        self.remove_action.setEnabled(has_current and not running)
        for action in (self.remove_all_action, self.new_submission_action):
            action.setEnabled(has_files and not running)
        self.stop_action.setEnabled(running and not self.worker.cancel_requested)
        for action in (self.save_report_action, self.save_receipt_action):
            action.setEnabled(bool(self.results) and not running)
        self.export_rows_action.setEnabled(self.list.current_key() in self.results and not running)
        self.results_view.findings.pause_exports(running)
        for button, action in ((self.check_all_button, self.check_all_action),
                               (self.check_file_button, self.check_file_action),
                               (self.remove_button, self.remove_action),
                               (self.remove_all_button, self.remove_all_action),
                               (self.stop_button, self.stop_action)):
            button.setEnabled(action.isEnabled())
        self.stop_button.setVisible(running)
        self.check_file_button.setVisible(not running)

    def _show_held(self) -> None:
        held = self.scratch.held_bytes()
        self.wipe_now_action.setEnabled(held > 0)
        copies = (tr("Temporary copies on disk: {size}").format(size=human_size(held)) if held
                  else tr("No temporary copies on disk"))
        last = " · " + tr("last check {time}").format(time=self.last_check) if self.last_check else ""
        self.held_label.setText(copies + last)

    # --- temporary copies ------------------------------------------------------

    def wipe_now(self) -> None:
        """Wipe any folder an earlier run left behind (a running check keeps its own)."""
        self.scratch.recover()
        self._show_held()
        if self.running:
            words = tr("Temporary copies wiped, except those of the check that is running.")
        elif self.scratch.held_bytes():
            words = tr("Some temporary copies could not be wiped yet; the app tries again when it next starts.")
        else:
            words = tr("Temporary copies wiped.")
        if self.scratch.others_checking():
            words += " " + tr("Another window of the app is checking files: its copies are wiped when it is done.")
        self.statusBar().showMessage(words, 10000)

    # --- closing ------------------------------------------------------------------

    def confirm_stop(self) -> bool:
        return yes_or_no(self, tr("A check is running"), tr("A check is still running. Stop it and close the window?"))

    def close_without_asking(self) -> None:
        """Ctrl+C or SIGTERM: stop any check and close."""
        self.ask_before_closing = False
        self.close()

    def closeEvent(self, event) -> None:
        if self.worker is not None and self.ask_before_closing and not self.confirm_stop():
            event.ignore()
            return
        if self.worker is not None:  # it may have ended while the question was open
            self.stopped_early = True
            self.worker.cancel()
            self._release_worker()  # joins the thread and wipes its scratch folder
        self.stop_export()
        self.idle_wipe.stop()
        self.scratch.wipe_all()
        self._save_settings()
        event.accept()
