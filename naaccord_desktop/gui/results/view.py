"""One file's results: the verdict banner, then Findings | Variables | Patient IDs | File."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...definitions.model import Table
from ...engine.result import FileResult
from ...engine.translation import _
from ...reports.words import NOT_CHECKED, NOT_FINISHED_ADVICE, advice, file_headline
from ..language import tr
from .badges import VerdictBanner
from .file_info import FileInfoView
from .findings import FindingsView
from .patient_ids import PatientIdsView
from .variables import VariablesView

NO_REFERENCE = ("table.no_patient_file", "table.patient_file_unusable")


class FileResultsView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.banner = VerdictBanner()
        self.findings = FindingsView()
        self.variables = VariablesView()
        self.patient_ids = PatientIdsView()
        self.file_info = FileInfoView()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(tr("Results"))
        self.tabs.addTab(self.findings, tr("&Findings"))
        self.tabs.addTab(self.variables, tr("&Variables"))
        self.tabs.addTab(self.patient_ids, tr("&Patient IDs"))
        self.tabs.addTab(self.file_info, tr("F&ile"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addStretch(0)
        self.result: FileResult | None = None
        self.set_result(None, None)

    def set_result(self, result: FileResult | None, table: Table | None, note: str = "",
                   finished: bool = True) -> None:
        """Show `result`; `note` replaces the banner text when there is no result yet.
        A result that is not `finished` (its check was stopped) has no verdict."""
        self.result = result
        if result is None:
            self.banner.show_verdict("neutral", note, "")
            self.banner.setVisible(bool(note))
            self.findings.set_findings([], table)
            self.variables.set_summaries(None)
            self.patient_ids.set_ids(None)
            self.file_info.set_result(None)
            self.tabs.hide()
            return
        self.tabs.show()
        self.banner.show()
        if finished:
            self.banner.show_verdict(result.verdict, file_headline(result), note or advice(result.verdict))
        else:
            self.banner.show_verdict("neutral", _(NOT_CHECKED), _(NOT_FINISHED_ADVICE))
        self.findings.set_findings(result.findings, table, result, finished)
        self.variables.set_summaries(result.summaries)
        self.patient_ids.set_ids(result.patient_ids, result.table, compared_with_patient_file(result))
        self.file_info.set_result(result)


def compared_with_patient_file(result: FileResult) -> bool:
    """The cross-check ran to the end with a patient file to compare with."""
    done = any(s.key == "crosscheck" and s.status == "done" for s in result.stages)
    return done and not any(f.code in NO_REFERENCE for f in result.findings)
