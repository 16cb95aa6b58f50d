"""Saving what the check found: the report (full or shareable, a web page or
an Excel workbook) and the precheck receipt. Exports that hold patient IDs
are recorded in the PHI audit of the latest check (export_copies)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from ...engine.copies import NO_LOG, CopyLog
from ...engine.result import SubmissionResult, worst
from ...reports.html import ReportError, check_options, write_html
from ...reports.receipt import ReceiptError, write_receipt
from ...reports.workbook import write_workbook
from ..language import tr
from ..report_choice import ReportChoice, ReportChoiceDialog


class Saving:
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

    def export_copies(self) -> CopyLog:
        """Where an export of the latest check's results is recorded."""
        return self.audit.for_check(self.session.last_run_id) if self.audit is not None else NO_LOG

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
        name = self.ask_save_path(tr("Save the shareable report") if shareable else tr("Save the full report"),
                                  suggested,
                                  tr("Excel workbooks (*.xlsx)") if choice.workbook else tr("Web pages (*.html)"))
        if not name:
            return
        pseudonym = self.secrets.pseudonym if self.secrets is not None else None
        options = check_options(submission.options)
        write = write_workbook if choice.workbook else write_html
        try:
            path = write(submission, Path(name), shareable=shareable, pseudonym=pseudonym,
                         definitions=self.definitions, options=options, copies=self.export_copies())
        except ReportError as exc:
            self.tell(tr("The report was not saved"), str(exc))
            return
        self.statusBar().showMessage(
            (tr("Shareable report saved as {file}: it has no patient IDs or values.") if shareable else
             tr("Report saved as {file}. It contains patient IDs and values: keep it on this computer."))
            .format(file=path.name), 15000)

    def save_receipt(self) -> None:
        submission = self.current_submission()
        if submission is None:
            return
        if submission.cancelled:  # said before the file dialog: there is nothing to save
            self.tell(tr("No receipt for a stopped check"),
                      tr("The check was stopped before every file was finished, so there is no verdict to put on a "
                         "receipt. Press “Check all” and save the receipt when the check is done."))
            return
        name = self.ask_save_path(tr("Save the precheck receipt"), "precheck-receipt.json", tr("Receipts (*.json)"))
        if not name:
            return
        try:
            json_path, text_path = write_receipt(submission, Path(name))
        except ReceiptError as exc:
            self.tell(tr("The receipt was not saved"), str(exc))
            return
        self.statusBar().showMessage(tr("Receipt saved as {json} and {text}.").format(json=json_path.name,
                                                                                   text=text_path.name), 15000)
