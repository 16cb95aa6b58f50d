"""Exporting rows: every row of one finding, or every problem row of the
selected file, as CSV. A result keeps only the first lines of each finding,
so the rows are found again in the file (engine/rows_of.py, in a scratch
folder of its own) and copied from it (reports/csv_export.py), in a worker
thread, with a progress dialog that can stop it. The exported rows must be
as many as the check counted, or nothing is saved. The export, and the
copies its scratch folder holds meanwhile, are recorded in the PHI audit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

from ...definitions.model import DefinitionSet
from ...engine.copies import CopyLog
from ...engine.result import CheckOptions, FileResult, Finding
from ...engine.rows_of import RowsNotFound, has_rows, key, rows_of
from ...engine.translation import number
from ...reports.csv_export import CsvExportError, write_finding_rows, write_problem_rows
from ...reports.words import rows, rule_title
from ...store.scratch import ScratchManager
from ..language import tr
from ..worker import TaskWorker

POLL_MS = 100
FINDING_SHARE = 0.5  # of the progress bar: finding the rows; the rest is copying them


class Exporting:
    def _init_exporting(self) -> None:
        self.export_worker: TaskWorker | None = None
        self.export_dialog: QProgressDialog | None = None
        self.export_timer = QTimer(self)
        self.export_timer.timeout.connect(self._show_export_progress)
        self.checked_with: dict[str, CheckOptions] = {}  # the options each file's result was checked with

    def export_all_rows(self) -> None:
        self.export_rows(None)

    def export_rows(self, finding: Finding | None = None) -> None:
        """Every row of `finding` of the selected file (None: every problem row of it)."""
        key_ = self.list.current_key()
        checked = self.results.get(key_)
        if checked is None or self.export_worker is not None or self.running:  # one DuckDB job at a time
            return
        findings = [finding] if finding is not None else [f for f in checked.findings if has_rows(f)]
        if not findings:
            self.tell(tr("No rows to export"), tr("The findings of this file are about the file as a whole "
                                                  "(its header, its encoding, the submission), not about rows."))
            return
        stem = Path(checked.path).stem
        table = self.definitions.tables.get(checked.table)
        # a header name the definitions do not know may be a row of data: it stays out of the name
        column = finding.column if finding and table and finding.column in table.column_names else "file"
        suggested = (f"{stem}-{finding.code.replace('.', '-')}-{column}.csv" if finding
                     else f"{stem}-problem-rows.csv")
        title = tr("Export the rows of this finding") if finding else tr("Export every problem row of this file")
        name = self.ask_save_path(title, suggested, tr("CSV files (*.csv)"))
        if not name:
            return
        others = [e for k, e in self.list.entries.items() if k != key_]
        job = ExportJob(checked, findings, all_rows=finding is None, path=Path(name),
                        definitions=self.definitions, scratch=self.scratch,
                        options=self.checked_with.get(key_, CheckOptions()),
                        patient_files=[e.path for e in others if e.table == "patient"],
                        same_table=[e.path for e in others if e.table == checked.table],
                        copies=self.export_copies())
        self._start_export(job, title)

    def _start_export(self, job: ExportJob, title: str) -> None:
        self.export_worker = TaskWorker(job.run, "export", (RowsNotFound, CsvExportError), self)
        self.export_worker.finished.connect(self._export_finished)
        dialog = QProgressDialog(f"{title}…", tr("Stop"), 0, 1000, self)
        dialog.setWindowTitle(tr("Exporting rows"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.export_worker.cancel)
        self.export_dialog = dialog
        self.export_timer.start(POLL_MS)
        self.export_worker.start()

    def _show_export_progress(self) -> None:
        if self.export_worker is not None and self.export_dialog is not None:
            self.export_dialog.setValue(int(self.export_worker.fraction * 1000))

    def _export_finished(self) -> None:
        if self.sender() is self.export_worker:
            self._release_export()

    def _release_export(self) -> None:
        worker, self.export_worker = self.export_worker, None
        self.export_timer.stop()
        self.export_dialog.close()
        self.export_dialog.deleteLater()
        self.export_dialog = None
        note = self.results_view.findings.export_note
        worker.settle(done=self._exported,
                      stopped=lambda: note.setText(tr("Export stopped; nothing was saved.")),
                      problem=lambda words: self.tell(tr("The rows were not exported"), words),
                      crashed=self.show_error)

    def _exported(self, result: tuple[int, Path]) -> None:
        written, path = result
        self.results_view.findings.export_note.setText(
            tr("Saved {rows} to {file}. It holds patient IDs and values: keep it on this computer.")
            .format(rows=rows(written), file=path.name))

    def stop_export(self) -> None:
        """On close: stop any export and wait for it (nothing is saved)."""
        if self.export_worker is not None:
            self.export_worker.cancel()
            self._release_export()


class ExportJob:
    """What runs in the worker thread: find the rows again, count them, copy them."""

    def __init__(self, checked: FileResult, findings: list[Finding], *, all_rows: bool, path: Path,
                 definitions: DefinitionSet, scratch: ScratchManager, options: CheckOptions,
                 patient_files: list[Path], same_table: list[Path], copies: CopyLog) -> None:
        """`copies`: where the export is recorded (the scratch folder records its own)."""
        self.checked, self.findings, self.all_rows, self.path = checked, findings, all_rows, path
        self.definitions, self.scratch, self.copies = definitions, scratch, copies
        self.options, self.patient_files, self.same_table = options, patient_files, same_table

    def run(self, progress, cancel) -> tuple[int, Path]:
        folder = self.scratch.new_run(None)
        try:
            found = rows_of(self.checked, self.findings, self.definitions, self.options,
                            lambda x: progress(x * FINDING_SHARE), cancel, scratch=folder.folder,
                            patient_files=self.patient_files, same_table=self.same_table, copies=folder.copies)
        finally:
            self.scratch.close(folder)
        for finding in self.findings:
            lines = found[key(finding)]
            if len(lines) != finding.count:
                raise RowsNotFound(
                    tr("{file} now has {rows} for “{rule}” where the check counted {count}: a file of the "
                       "submission has changed. Check it again, then export its rows.").format(
                        file=Path(self.checked.path).name, rows=rows(len(lines)), rule=rule_title(finding),
                        count=number(finding.count)))

        def copying(fraction: float) -> None:
            cancel.raise_if_cancelled()  # a stop while the rows are copied: the partial file is removed
            progress(FINDING_SHARE + fraction * (1 - FINDING_SHARE))

        if self.all_rows:
            written = write_problem_rows(self.checked, self.path, self._rules_by_line(found), copying,
                                         copies=self.copies)
        else:
            written = write_finding_rows(self.checked, self.path, found[key(self.findings[0])], copying,
                                         copies=self.copies)
        return written, self.path

    def _rules_by_line(self, found: dict) -> dict[int, str]:
        rules: dict[int, list[str]] = {}
        for finding in self.findings:
            words = rule_title(finding) + (f" ({finding.column})" if finding.column else "")
            for line in found[key(finding)]:
                rules.setdefault(line, []).append(words)
        return {line: "; ".join(names) for line, names in rules.items()}

