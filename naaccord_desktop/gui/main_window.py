"""The main window: the submission on the left; the selected file's stepper
and results on the right; menus, status bar and remembered settings."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..definitions.model import DefinitionSet
from ..engine.progress import ProgressEvent
from ..engine.result import FileResult, SubmissionResult, worst
from ..reports.html import ReportError, write_html
from ..reports.receipt import ReceiptError, write_receipt
from ..store.scratch import folder_size
from .about import AboutDialog
from .results.badges import VerdictBanner
from .results.file_info import human_size
from .results.view import FileResultsView
from .results.words import submission_verdict
from .stepper import Stepper
from .submission_list import SubmissionList
from .worker import CheckWorker, new_scratch_dir

log = logging.getLogger(__name__)

TICK_MS = 100  # how often the GUI takes the engine's progress events and updates the clocks
HELD_EVERY_TICKS = 20  # recount the scratch folder every 2 s while a check runs
WELCOME = ("<h2>Check your submission before you upload it</h2>"
           "<p>Drag the files of your submission into the list on the left, "
           "or use <b>Add files</b> (Ctrl+O) or <b>Add folder</b>.</p>"
           "<p>Check that each file has the right table type, then press <b>Check all</b>. "
           "Your files stay on this computer and are never changed.</p>")


class MainWindow(QMainWindow):
    """`check` and `propose` are the engine's check_submission and propose_table
    (tests pass stand-ins); `make_options(scratch_dir, cohort)` builds its CheckOptions
    and `make_file(path, table)` its SubmissionFile. Each callable in
    `run_finished_hooks` is called with the SubmissionResult (None after a
    crash) when a run has ended."""

    def __init__(self, definitions: DefinitionSet, *, check: Callable, propose: Callable,
                 make_options: Callable, make_file: Callable, scratch_root: Path,
                 settings: QSettings, cohorts: list[str]) -> None:
        super().__init__()
        self.definitions = definitions
        self.check = check
        self.make_options = make_options
        self.make_file = make_file
        self.scratch_root = scratch_root
        self.settings = settings
        self.worker: CheckWorker | None = None
        self.run_keys: list[str] = []
        self.results: dict[str, FileResult] = {}
        self.last_submission: SubmissionResult | None = None
        self.stopped_early = False
        self.last_check = ""
        self.steppers: dict[str, Stepper] = {}
        self.cancel_requested_at: float | None = None
        self.error_box: QMessageBox | None = None
        self.run_finished_hooks: list[Callable[[SubmissionResult | None], None]] = []
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(TICK_MS)
        self.tick_timer.timeout.connect(self._tick)
        self.ticks = 0

        self.setWindowTitle("NA-ACCORD Desktop Precheck")
        self.setAcceptDrops(True)
        self.list = SubmissionList(sorted(definitions.tables), lambda path: propose(path, definitions))
        self._build_actions()
        self._build_menus()
        self.setCentralWidget(self._build_body(cohorts))
        self._build_status_bar()
        self.list.on_changed = self._files_changed
        self.list.on_dropped = self.add_paths
        self.list.currentItemChanged.connect(self._selection_changed)
        self._restore_settings()
        self._files_changed()

    # --- building -----------------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.add_files_action = self._action("&Add files…", self.choose_files, QKeySequence.StandardKey.Open,
                                             "Add data files to the submission")
        self.add_folder_action = self._action("Add &folder…", self.choose_folder, "Ctrl+Shift+O",
                                              "Add every data file of a folder")
        self.remove_action = self._action("&Remove file", self.list.remove_selected, QKeySequence.StandardKey.Delete,
                                          "Take the selected file out of the submission")
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.list.addAction(self.remove_action)
        self.check_all_action = self._action("&Check all", self.check_all, "Ctrl+R", "Check every file")
        self.check_file_action = self._action("Check &this file", self.check_current, "Ctrl+Shift+R",
                                              "Check the selected file again")
        self.stop_action = self._action("&Stop checking", self.stop, "Esc", "Stop the check that is running")
        self.save_report_action = self._action("Save &report…", self.save_report, QKeySequence.StandardKey.Save,
                                               "Save the results as a report that opens in any web browser")
        self.save_receipt_action = self._action(
            "Save precheck re&ceipt…", self.save_receipt, None,
            "Save the receipt to attach to the upload: each file's fingerprint, size, table type and verdict")
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.about_action = self._action("&About", self.show_about)

    def _build_menus(self) -> None:
        """The store's History and Settings go before `quit_action` in `file_menu`
        (or into `help_menu`) with insertAction."""
        self.file_menu = self.menuBar().addMenu("&File")
        for action in (self.add_files_action, self.add_folder_action, self.remove_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        for action in (self.check_all_action, self.check_file_action, self.stop_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.save_report_action)
        self.file_menu.addAction(self.save_receipt_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.help_menu = self.menuBar().addMenu("&Help")
        self.help_menu.addAction(self.about_action)

    def _button(self, text: str, action: QAction, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setToolTip(f"{action.statusTip()} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                          if not action.shortcut().isEmpty() else action.statusTip())
        button.clicked.connect(action.trigger)
        return button

    def _build_body(self, cohorts: list[str]) -> QWidget:
        title = QLabel("NA-ACCORD Desktop Precheck")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.cohort_box = QComboBox()
        self.cohort_box.setAccessibleName("Cohort")
        self.cohort_box.setToolTip("Your cohort: some cohorts use their own names for a few columns")
        self.cohort_box.addItem("Other (no column renames)", "")
        for name in cohorts:
            self.cohort_box.addItem(name, name)
        cohort_label = QLabel("&Cohort:")
        cohort_label.setBuddy(self.cohort_box)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(cohort_label)
        top.addWidget(self.cohort_box)
        top.addSpacing(16)
        top.addWidget(QLabel(f"Definitions {self.definitions.version}"))

        self.add_files_button = self._button("Add files…", self.add_files_action, "Add files")
        self.add_folder_button = self._button("Add folder…", self.add_folder_action, "Add folder")
        self.remove_button = self._button("Remove", self.remove_action, "Remove the selected file")
        self.check_all_button = self._button("Check all", self.check_all_action, "Check all files")
        self.check_all_button.setDefault(True)
        buttons = QHBoxLayout()
        for b in (self.add_files_button, self.add_folder_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        submission_title = QLabel("<b>Submission</b>")
        self.submission_banner = VerdictBanner()
        self.submission_banner.setAccessibleName("Verdict for the whole submission")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(submission_title)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.submission_banner)
        left_layout.addWidget(self.check_all_button)

        self.file_header = QLabel()
        header_font = self.file_header.font()
        header_font.setBold(True)
        self.file_header.setFont(header_font)
        self.file_header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check_file_button = self._button("Check this file", self.check_file_action, "Check this file")
        self.stop_button = self._button("Stop checking", self.stop_action, "Stop checking")
        file_bar = QHBoxLayout()
        file_bar.addWidget(self.file_header, 1)
        file_bar.addWidget(self.stop_button)
        file_bar.addWidget(self.check_file_button)
        self.stepper_stack = QStackedWidget()
        self.results_view = FileResultsView()
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.addLayout(file_bar)
        detail_layout.addWidget(self.stepper_stack)
        detail_layout.addWidget(self.results_view, 1)
        welcome = QLabel(WELCOME)
        welcome.setWordWrap(True)
        welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        welcome.setMargin(40)
        self.right = QStackedWidget()
        self.right.addWidget(welcome)
        self.right.addWidget(detail)

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([460, 820])
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        return body

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
        index = self.cohort_box.findData(self.settings.value("cohort", ""))
        self.cohort_box.setCurrentIndex(max(0, index))

    def _save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("cohort", self.cohort_box.currentData())
        self.settings.sync()

    @property
    def last_folder(self) -> str:
        return str(self.settings.value("last_folder", str(Path.home())))

    def _remember_folder(self, folder: Path) -> None:
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
        added = self.list.add_paths(paths)
        if paths:
            first = paths[0]
            self._remember_folder(first if first.is_dir() else first.parent)
        if not added:
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
            if key not in self.list.entries:
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
        if key in self.run_keys and self.worker is not None:
            self.results_view.set_result(None, table, "Checking… the results appear here when this file is done.")
        elif result is not None and entry.state == "cancelled":
            self.results_view.set_result(result, table, "The check was stopped: these results are incomplete.")
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
        self.run_keys = keys
        self.stopped_early = False
        self.cancel_requested_at = None
        files = [self.make_file(self.list.entries[k].path, self.list.entries[k].table) for k in keys]
        options = self.make_options(new_scratch_dir(self.scratch_root), self.cohort_box.currentData() or "")
        for key in keys:
            self.list.set_state(key, "checking")
            self.steppers[key].begin_run()
        self.worker = CheckWorker(self.check, files, self.definitions, options, self)
        self.worker.finished.connect(self._on_worker_finished)
        log.info("Check started: %d files", len(files))
        self.worker.start()
        self.tick_timer.start()
        checking = f"Checking {len(files)} file{'s' if len(files) != 1 else ''}…"
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
            incomplete = result.cancelled and (
                not file_result.stages or any(s.status == "cancelled" for s in file_result.stages))
            self.list.set_state(key, "cancelled" if incomplete else file_result.verdict)
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
        elif worker.crash is not None:
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
        self.statusBar().showMessage("Check stopped." if self.stopped_early else "Check finished.", 10000)
        self._update_submission_banner()
        self._selection_changed()
        self._show_held()
        for hook in self.run_finished_hooks:
            hook(worker.result)

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
        results = [self.results[k] for k in self.list.entries if k in self.results]
        verdict, headline, advice = submission_verdict(results, len(self.list.entries), self.stopped_early)
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
        held = folder_size(self.scratch_root) if self.scratch_root.exists() else 0
        copies = f"Temporary copies on disk: {human_size(held)}" if held else "No temporary copies on disk"
        last = f" · last check {self.last_check}" if self.last_check else ""
        self.held_label.setText(copies + last)

    # --- saving ---------------------------------------------------------------------

    def current_submission(self) -> SubmissionResult | None:
        """The latest result of every file in the list, as one submission."""
        files = [self.results[k] for k in self.list.entries if k in self.results]
        if self.last_submission is None or not files:
            return None
        complete = all(e.state in ("clean", "ready", "blocked") for e in self.list.entries.values())
        return dataclasses.replace(self.last_submission, files=files, verdict=worst(f.verdict for f in files),
                                   cancelled=not complete)

    def ask_save_path(self, title: str, suggested: str, file_filter: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path(self.last_folder) / suggested), file_filter)
        return path

    def save_report(self) -> None:
        submission = self.current_submission()
        name = submission and self.ask_save_path("Save the report", "precheck-report.html", "Web pages (*.html)")
        if not name:
            return
        try:
            path = write_html(submission, Path(name), definitions=self.definitions)
        except ReportError as exc:
            self.tell("The report was not saved", str(exc))
            return
        self.statusBar().showMessage(f"Report saved as {path.name}. It contains patient IDs and values: "
                                     "keep it on this computer.", 15000)

    def save_receipt(self) -> None:
        submission = self.current_submission()
        name = submission and self.ask_save_path("Save the precheck receipt", "precheck-receipt.json",
                                                 "Receipts (*.json)")
        if not name:
            return
        try:
            json_path, text_path = write_receipt(submission, Path(name))
        except ReceiptError as exc:
            self.tell("The receipt was not saved", str(exc))
            return
        self.statusBar().showMessage(f"Receipt saved as {json_path.name} and {text_path.name}.", 15000)

    def tell(self, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Close, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_about(self) -> None:
        AboutDialog(self.definitions, parent=self).exec()

    # --- closing ------------------------------------------------------------------

    def confirm_stop(self) -> bool:
        answer = QMessageBox.question(
            self, "A check is running",
            "A check is still running. Stop it and close the window?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def closeEvent(self, event) -> None:
        if self.worker is not None:
            if not self.confirm_stop():
                event.ignore()
                return
            self.stopped_early = True
            self.worker.cancel()
            self._release_worker()  # joins the thread; it wipes its scratch folder on the way out
        self._save_settings()
        event.accept()
