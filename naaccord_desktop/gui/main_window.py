"""The main window: the submission on the left; the selected file's stepper
and results on the right; menus, status bar and remembered settings. Each
check is a CheckSession run in a worker thread (store/session.py: recorded
in the run history, in its own scratch folder wiped as soon as it ends);
while the window is open, the idle wipe also clears folders that crashed
checks left behind."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox

from ..definitions.model import DefinitionSet
from ..engine.copies import NO_LOG, CopyLog
from ..engine.progress import ProgressEvent
from ..engine.result import CheckOptions, FileResult, SubmissionResult, worst
from ..engine.run import SubmissionFile
from ..reports.html import ReportError, check_options, write_html
from ..reports.receipt import ReceiptError, write_receipt
from ..reports.words import human_size, plural, submission_verdict
from ..reports.workbook import write_workbook
from ..store.audit import Audit
from ..store.history import History
from ..store.logs import log_folder
from ..store.paths import AppPaths
from ..store.scratch import IdleWipe, ScratchManager
from ..store.secrets import Secrets
from ..store.session import CheckSession, forget_old
from ..store.settings import Settings, save_settings
from .about import AboutDialog
from .acknowledge import AcknowledgementDesk
from .actions import build_actions, build_menus
from .audit_view import AuditDialog
from .body import build_body
from .history_view import HistoryDialog
from .idle_wipe import IdleWipeTimer
from .report_choice import ReportChoice, ReportChoiceDialog
from .rules_dialog import RulesDialog
from .settings_dialog import SettingsDialog
from .stepper import Stepper
from .submission_list import SubmissionList
from .worker import CheckWorker

log = logging.getLogger(__name__)

TICK_MS = 100  # how often the GUI takes the engine's progress events and updates the clocks
HELD_EVERY_TICKS = 20  # recount the scratch folder every 2 s while a check runs


class MainWindow(QMainWindow):
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

        self.setWindowTitle("NA-ACCORD Desktop Precheck")
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
        self._restore_settings()
        self._files_changed()

    # --- building -----------------------------------------------------------------

    def _build_status_bar(self) -> None:
        self.held_label = QLabel()
        self.statusBar().addPermanentWidget(self.held_label)
        self._show_held()

    # --- settings ---------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        splitter = self.settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        self._show_cohort()
        self.cohort_box.currentIndexChanged.connect(self._cohort_chosen)

    def _save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()

    def _show_cohort(self) -> None:
        self.cohort_box.blockSignals(True)
        self.cohort_box.setCurrentIndex(max(0, self.cohort_box.findData(self.store_settings.cohort)))
        self.cohort_box.blockSignals(False)

    def _cohort_chosen(self) -> None:
        self.store_settings = dataclasses.replace(self.store_settings, cohort=self.cohort_box.currentData() or "")
        self._save_store_settings()

    def _save_store_settings(self) -> None:
        if self.paths is None:
            return
        try:
            save_settings(self.store_settings, self.paths)
        except OSError as exc:
            log.warning("Settings not saved (%s).", type(exc).__name__)
            self.statusBar().showMessage(f"Your settings could not be saved in {self.paths.config}.", 10000)

    @property
    def last_folder(self) -> str:
        return str(self.settings.value("last_folder", str(Path.home())))

    def _remember_folder(self, path: Path) -> None:
        """The folder a file dialog opens in next time: the one added, or the one holding the file added."""
        try:
            folder = path if path.is_dir() else path.parent
        except OSError:  # a folder this account may not look into
            folder = path.parent
        self.settings.setValue("last_folder", str(folder))

    # --- adding files ---------------------------------------------------------

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Add files to the submission", self.last_folder,
                                                "Data files (*.csv *.tsv *.txt);;All files (*)")
        if names:
            self.add_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add every data file of a folder", self.last_folder)
        if folder:
            self.add_paths([Path(folder)])

    def add_paths(self, paths: list[Path]) -> None:
        added, problems = self.list.add_paths(paths)
        if paths:
            self._remember_folder(paths[0])
        if problems:
            self.tell("Some files could not be added", "\n".join(problems))
        elif not added:
            self.statusBar().showMessage("No new data files there (.csv, .tsv or .txt).", 5000)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    def _files_changed(self) -> None:
        for key in list(self.steppers):
            entry = self.list.entries.get(key)
            result = self.results.get(key)
            if entry is None or (result is not None and result.table != entry.table):
                # removed, or its table type changed: the old result no longer applies
                self.stepper_stack.removeWidget(self.steppers[key])
                self.steppers.pop(key).deleteLater()
                self.results.pop(key, None)
        for key in self.list.entries:
            if key not in self.steppers:
                self.steppers[key] = Stepper()
                self.stepper_stack.addWidget(self.steppers[key])
        self.right.setCurrentIndex(1 if self.list.entries else 0)
        self._selection_changed()
        self._update_submission_banner()
        self._update_controls()

    # --- the selected file ------------------------------------------------------

    def _selection_changed(self, *_args) -> None:
        self.idle_wipe.touch()
        key = self.list.current_key()
        if key not in self.steppers:  # none selected, or the list is still being filled
            return
        entry = self.list.entries[key]
        self.file_header.setText(f"{entry.path.name}  ·  {entry.table or 'no table type yet'}  ·  "
                                 f"{human_size(entry.size)}")
        self.stepper_stack.setCurrentWidget(self.steppers[key])
        self._show_result(key)
        self._update_controls()

    def _show_result(self, key: str) -> None:
        entry = self.list.entries[key]
        table = self.definitions.tables.get(entry.table)
        result = self.results.get(key)
        self.results_view.findings.copies = self.export_copies()
        if key in self.run_keys and self.worker is not None:
            self.results_view.set_result(None, table, "Checking… the results appear here when this file is done.")
        elif result is not None and entry.state == "cancelled":
            self.results_view.set_result(result, table, finished=False)
        elif result is not None and entry.state == "failed":
            self.results_view.set_result(result, table, "The last check could not finish: these are the results "
                                                        "of the check before it.")
        else:
            self.results_view.set_result(result, table)

    # --- running ------------------------------------------------------------------

    def check_all(self) -> None:
        self.start_check(list(self.list.entries))

    def check_current(self) -> None:
        key = self.list.current_key()
        if key is None:
            return
        patient_files = [k for k, e in self.list.entries.items() if e.table == "patient" and k != key]
        self.start_check([key, *patient_files])

    def start_check(self, keys: list[str]) -> None:
        if self.worker is not None or not keys:
            return
        untyped = [e.path.name for e in self.list.untyped() if str(e.path) in keys]
        if untyped:
            self.submission_banner.show_verdict(
                "ready", "Choose a table type first",
                f"Double-click the table type of {', '.join(untyped)} and pick one from the list.")
            return
        files = [SubmissionFile(self.list.entries[k].path, self.list.entries[k].table) for k in keys]
        self.run_keys = keys
        self.stopped_early = False
        self.cancel_requested_at = None
        options = CheckOptions(cohort=self.store_settings.cohort, memory_limit=self.store_settings.memory_limit,
                               threads=self.store_settings.threads)
        self.idle_wipe.touch()
        for key in keys:
            self.list.set_state(key, "checking")
            self.steppers[key].begin_run(self.list.entries[key].table)
        self.worker = CheckWorker(self.session, files, options, self)
        self.worker.finished.connect(self._on_worker_finished)
        log.info("Check started: %d files", len(files))
        self.worker.start()
        self.tick_timer.start()
        checking = f"Checking {plural(len(files), 'file')}…"
        self.statusBar().showMessage(checking)
        self.submission_banner.show_verdict("neutral", checking, "You can keep working; “Stop checking” ends it.")
        self._selection_changed()
        self._show_held()

    def stop(self) -> None:
        if self.worker is None or self.worker.cancel_requested:
            return
        self.cancel_requested_at = time.monotonic()
        self.stopped_early = True
        self.worker.cancel()
        self.statusBar().showMessage("Stopping…")
        self._update_controls()

    @property
    def running(self) -> bool:
        return self.worker is not None

    def _apply(self, event: ProgressEvent) -> None:
        stepper = self.steppers.get(event.file)
        if stepper is not None:
            stepper.apply(event)
        elif event.message:
            self.statusBar().showMessage(event.message)

    def _take_result(self, result: SubmissionResult) -> None:
        self.last_submission = result
        self.stopped_early = self.stopped_early or result.cancelled
        for file_result in result.files:
            key = file_result.path
            if key not in self.list.entries:
                continue
            self.results[key] = file_result
            finished = file_result.finished(result.cancelled)
            self.list.set_state(key, file_result.verdict if finished else "cancelled")
            if finished:
                self.steppers[key].show_total(len(file_result.findings))
        self.last_check = datetime.now().strftime("%H:%M")

    def _take_crash(self, message: str, details: str) -> None:
        self.stopped_early = True
        for key in self.run_keys:
            if key in self.list.entries:
                self.list.set_state(key, "failed")
        self.show_error(message, details)

    def show_error(self, message: str, details: str) -> None:
        """A readable message; the technical detail one click away for the help desk."""
        box = QMessageBox(QMessageBox.Icon.Critical, "The check could not finish", message,
                          QMessageBox.StandardButton.Close, self)
        box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.error_box = box
        box.finished.connect(self._error_closed)
        box.open()

    def _error_closed(self) -> None:
        self.error_box = None

    def _on_worker_finished(self) -> None:
        if self.sender() is self.worker:
            self._release_worker()

    def _release_worker(self) -> None:
        worker, self.worker = self.worker, None
        worker.wait()
        self.tick_timer.stop()
        for event in worker.take_events():
            self._apply(event)
        if worker.result is not None:
            self._take_result(worker.result)
        elif worker.cannot_start:
            self.tell("The check could not start", worker.crash[0])
        else:
            self._take_crash(*worker.crash)
        worker.deleteLater()
        for key in self.run_keys:
            if key not in self.list.entries:
                continue
            self.steppers[key].end_run(self.stopped_early)
            if self.list.entries[key].state == "checking":
                self.list.set_state(key, "cancelled" if self.stopped_early else "new")
        if self.cancel_requested_at is not None:
            log.info("Check stopped %.2f s after Cancel", time.monotonic() - self.cancel_requested_at)
        self.statusBar().showMessage(self.session.not_recorded or
                                     ("Check stopped." if self.stopped_early else "Check finished."), 10000)
        self._update_submission_banner()
        self._selection_changed()
        self._show_held()
        self.idle_wipe.touch()

    def _tick(self) -> None:
        if self.worker is not None:
            for event in self.worker.take_events():
                self._apply(event)
        self.ticks += 1
        if self.ticks % HELD_EVERY_TICKS == 0:
            self._show_held()
        for key in self.run_keys:
            stepper = self.steppers.get(key)
            if stepper is not None:
                stepper.tick()

    # --- what the window shows ----------------------------------------------------

    def _update_submission_banner(self) -> None:
        states = {k: e.state for k, e in self.list.entries.items()}
        results = [self.results[k] for k, state in states.items() if k in self.results and state != "cancelled"]
        unfinished = sum(state == "cancelled" for state in states.values())
        verdict, headline, advice = submission_verdict(results, len(states), self.stopped_early, unfinished)
        self.submission_banner.show_verdict(verdict, headline, advice)
        self.submission_banner.setVisible(bool(self.list.entries))

    def _update_controls(self) -> None:
        running = self.worker is not None
        has_files = bool(self.list.entries)
        has_current = self.list.current_key() is not None
        self.check_all_action.setEnabled(has_files and not running)
        self.check_file_action.setEnabled(has_current and not running)
        self.remove_action.setEnabled(has_current and not running)
        self.stop_action.setEnabled(running and not self.worker.cancel_requested)
        for action in (self.save_report_action, self.save_receipt_action):
            action.setEnabled(bool(self.results) and not running)
        for button, action in ((self.check_all_button, self.check_all_action),
                               (self.check_file_button, self.check_file_action),
                               (self.remove_button, self.remove_action),
                               (self.stop_button, self.stop_action)):
            button.setEnabled(action.isEnabled())
        self.stop_button.setVisible(running)
        self.check_file_button.setVisible(not running)

    def _show_held(self) -> None:
        held = self.scratch.held_bytes()
        self.wipe_now_action.setEnabled(held > 0)
        copies = f"Temporary copies on disk: {human_size(held)}" if held else "No temporary copies on disk"
        last = f" · last check {self.last_check}" if self.last_check else ""
        self.held_label.setText(copies + last)

    # --- saving ---------------------------------------------------------------------

    def current_submission(self) -> SubmissionResult | None:
        """The latest result of every file in the list that has one, as one
        submission; it is cancelled only if one of those results was cut short."""
        keys = [k for k in self.list.entries if k in self.results]
        if self.last_submission is None or not keys:
            return None
        files = [self.results[k] for k in keys]
        cancelled = any(self.list.entries[k].state == "cancelled" for k in keys)
        return dataclasses.replace(self.last_submission, files=files, verdict=worst(f.verdict for f in files),
                                   cancelled=cancelled)

    def ask_save_path(self, title: str, suggested: str, file_filter: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path(self.last_folder) / suggested), file_filter)
        return path

    def ask_report_kind(self) -> ReportChoice | None:
        """Full or shareable, web page or workbook; None when cancelled."""
        dialog = ReportChoiceDialog(self.secrets, parent=self)
        if dialog.exec() != ReportChoiceDialog.DialogCode.Accepted:
            return None
        return dialog.choice

    def save_report(self) -> None:
        submission = self.current_submission()
        choice = None if submission is None else self.ask_report_kind()
        if choice is None:
            return
        shareable = choice.shareable
        suggested = ("precheck-report-shareable" if shareable else "precheck-report") + choice.suffix
        name = self.ask_save_path("Save the shareable report" if shareable else "Save the full report", suggested,
                                  "Excel workbooks (*.xlsx)" if choice.workbook else "Web pages (*.html)")
        if not name:
            return
        pseudonym = self.secrets.pseudonym if self.secrets is not None else None
        options = check_options(submission.options)
        write = write_workbook if choice.workbook else write_html
        try:
            path = write(submission, Path(name), shareable=shareable, pseudonym=pseudonym,
                         definitions=self.definitions, options=options, copies=self.export_copies())
        except ReportError as exc:
            self.tell("The report was not saved", str(exc))
            return
        self.statusBar().showMessage(
            f"Shareable report saved as {path.name}: it has no patient IDs or values." if shareable else
            f"Report saved as {path.name}. It contains patient IDs and values: keep it on this computer.", 15000)

    def save_receipt(self) -> None:
        submission = self.current_submission()
        if submission is None:
            return
        if submission.cancelled:  # said before the file dialog: there is nothing to save
            self.tell("No receipt for a stopped check",
                      "The check was stopped before every file was finished, so there is no verdict to put on a "
                      "receipt. Press “Check all” and save the receipt when the check is done.")
            return
        name = self.ask_save_path("Save the precheck receipt", "precheck-receipt.json", "Receipts (*.json)")
        if not name:
            return
        try:
            json_path, text_path = write_receipt(submission, Path(name))
        except ReceiptError as exc:
            self.tell("The receipt was not saved", str(exc))
            return
        self.statusBar().showMessage(f"Receipt saved as {json_path.name} and {text_path.name}.", 15000)

    def export_copies(self) -> CopyLog:
        """Where an export of the latest check's results is recorded."""
        return self.audit.for_check(self.session.last_run_id) if self.audit is not None else NO_LOG

    def show_rules(self, table: str = "", column: str = "") -> None:
        """Help > Rules, at `column` of `table` when given (a finding's "What does this rule mean?")."""
        dialog = RulesDialog(self.definitions, parent=self)
        if table:
            dialog.show_rule(table, column)
        dialog.exec()

    def _acknowledgements_changed(self) -> None:
        """Acknowledged or withdrawn: every result on show carries the change."""
        self.results = {key: self.acknowledgements.apply(result) for key, result in self.results.items()}
        self._selection_changed()

    def tell(self, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Close, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_about(self) -> None:
        AboutDialog(self.definitions, self.paths, self.secrets, self.scratch.root, parent=self).exec()

    def show_history(self) -> None:
        pseudonym = self.secrets.pseudonym if self.secrets is not None else None
        HistoryDialog(self.history, self.definitions, pseudonym, parent=self, audit=self.audit).exec()

    def show_audit(self) -> None:
        AuditDialog(self.audit, self.scratch, parent=self).exec()
        self._show_held()

    def show_settings(self) -> None:
        dialog = SettingsDialog(self.store_settings, self.paths, self.secrets, self.cohorts, parent=self)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        self.store_settings = dialog.settings
        self.idle_wipe.set_minutes(self.store_settings.idle_wipe_minutes)
        if self.history is not None and self.audit is not None:
            forget_old(self.history, self.audit, self.store_settings.keep_days)
        self._show_cohort()

    def wipe_now(self) -> None:
        """Wipe any folder an earlier run left behind (a running check keeps its own)."""
        self.scratch.recover()
        self._show_held()
        if self.running:
            words = "Temporary copies wiped, except those of the check that is running."
        elif self.scratch.held_bytes():
            words = "Some temporary copies could not be wiped yet; the app tries again when it next starts."
        else:
            words = "Temporary copies wiped."
        self.statusBar().showMessage(words, 10000)

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_folder(self.paths))))

    # --- closing ------------------------------------------------------------------

    def confirm_stop(self) -> bool:
        answer = QMessageBox.question(
            self, "A check is running",
            "A check is still running. Stop it and close the window?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def close_without_asking(self) -> None:
        """Ctrl+C or SIGTERM: stop any check and close."""
        self.ask_before_closing = False
        self.close()

    def closeEvent(self, event) -> None:
        if self.worker is not None:
            if self.ask_before_closing and not self.confirm_stop():
                event.ignore()
                return
            self.stopped_early = True
            self.worker.cancel()
            self._release_worker()  # joins the thread and wipes its scratch folder
        self.idle_wipe.stop()
        self.scratch.wipe_all()
        self._save_settings()
        event.accept()
