"""Running the check: one CheckWorker at a time, its progress events taken on
the GUI thread's timer, its result or crash taken in when the thread ends."""

from __future__ import annotations

import logging
import time
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ...engine.progress import ProgressEvent
from ...engine.result import CheckOptions, SubmissionResult
from ...engine.run import SubmissionFile
from ...engine.translation import counted
from ..language import tr
from ..worker import CheckWorker

log = logging.getLogger(__name__)

HELD_EVERY_TICKS = 20  # recount the scratch folder every 2 s while a check runs


class Checking:
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
                "ready", tr("Choose a table type first"),
                tr("Double-click the table type of {files} and pick one from the list.").format(
                    files=", ".join(untyped)))
            return
        files = [SubmissionFile(self.list.entries[k].path, self.list.entries[k].table) for k in keys]
        self.remember_submission()
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
        checking = counted(len(files), "Checking {n} file…", "Checking {n} files…")
        self.statusBar().showMessage(checking)
        self.submission_banner.show_verdict("neutral", checking, tr("You can keep working; “Stop checking” ends it."))
        self._selection_changed()
        self._show_held()

    def stop(self) -> None:
        if self.worker is None or self.worker.cancel_requested:
            return
        self.cancel_requested_at = time.monotonic()
        self.stopped_early = True
        self.worker.cancel()
        self.statusBar().showMessage(tr("Stopping…"))
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
            self.checked_with[key] = result.options
            finished = file_result.finished(result.cancelled)
            self.list.set_state(key, file_result.verdict if finished else "cancelled")
            if finished:
                self.steppers[key].show_result(file_result)
        self.last_check = datetime.now().strftime("%H:%M")

    def _take_stop(self) -> None:
        self.stopped_early = True

    def _take_crash(self, message: str, details: str) -> None:
        self.stopped_early = True
        for key in self.run_keys:
            if key in self.list.entries:
                self.list.set_state(key, "failed")
        self.show_error(message, details)

    def show_error(self, message: str, details: str) -> None:
        """A readable message; the technical detail one click away for the help desk."""
        box = QMessageBox(QMessageBox.Icon.Critical, tr("The check could not finish"), message,
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
        for event in worker.take_events():  # the stepper shows every stage before the result
            self._apply(event)
        worker.settle(done=self._take_result, stopped=self._take_stop,
                      problem=lambda words: self.tell(tr("The check could not start"), words),
                      crashed=self._take_crash)
        for key in self.run_keys:
            if key not in self.list.entries:
                continue
            self.steppers[key].end_run(self.stopped_early)
            if self.list.entries[key].state == "checking":
                self.list.set_state(key, "cancelled" if self.stopped_early else "new")
        if self.cancel_requested_at is not None:
            log.info("Check stopped %.2f s after Cancel", time.monotonic() - self.cancel_requested_at)
        self.statusBar().showMessage(self.session.not_recorded or
                                     (tr("Check stopped.") if self.stopped_early else tr("Check finished.")), 10000)
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
