"""File > History: earlier checks, filtered by file, table and result; reopen
one's report (and save it as a shareable report), see what changed since the
previous check of the same table, delete one or all. Reopened reports hold no
values unless the history kept them encrypted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..definitions.model import DefinitionSet
from ..engine.codes import CODES
from ..engine.result import SubmissionResult
from ..engine.translation import _, number
from ..reports.html import ReportError, write_html
from ..reports.words import VERDICT_LABEL, counts_words, verdict_label
from ..reports.workbook import write_workbook
from ..store.history import History, HistoryError, RunRow, TableComparison
from .dialog_frame import frame, row_table, yes_or_no
from .language import tr
from .results.view import FileResultsView
from .rules_dialog import RulesDialog

STATUS_WORDS = {
    "running": QT_TR_NOOP("Still running"),
    "cancelled": QT_TR_NOOP("Stopped before the end"),
    "failed": QT_TR_NOOP("Could not finish"),
    "interrupted": QT_TR_NOOP("Interrupted (the app closed)"),
}
CHANGE_WORDS = {"new": QT_TR_NOOP("New"), "still": QT_TR_NOOP("Still there"), "fixed": QT_TR_NOOP("Fixed")}
CHANGE_COUNTS = {"new": QT_TR_NOOP("{count} new"), "still": QT_TR_NOOP("{count} still there"),
                 "fixed": QT_TR_NOOP("{count} fixed")}
OPEN_HINT = QT_TR_NOOP("Select a check above and press “Open report” (or double-click it): its report appears here.")
CHANGES_HINT = QT_TR_NOOP("Select a finished check above and press “What changed since the previous check”.")
COLUMNS = (QT_TR_NOOP("When"), QT_TR_NOOP("Files"), QT_TR_NOOP("Tables"), QT_TR_NOOP("Result"),
           QT_TR_NOOP("Problems"))
FILES, TABLES = 1, 2


def when(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def result_words(row: RunRow) -> str:
    return verdict_label(row.verdict) if row.status == "finished" else tr(STATUS_WORDS[row.status])


def problem_words(row: RunRow) -> str:
    return counts_words(row.findings_by_severity, " · ") if row.has_report else ""


class HistoryDialog(QDialog):
    """`pseudonym` is the install's Secrets.pseudonym: without it, a report
    reopened with its values cannot be saved as a shareable report."""

    def __init__(self, history: History, definitions: DefinitionSet, pseudonym: Callable[[str], str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("History of checks"))
        self.resize(1100, 760)
        self.history = history
        self.definitions = definitions
        self.pseudonym = pseudonym
        self.rows: list[RunRow] = []
        self.report: SubmissionResult | None = None
        self.report_has_values = False

        self.file_filter = QLineEdit()
        self.file_filter.setPlaceholderText(tr("part of a file name"))
        self.file_filter.setAccessibleName(tr("Show checks of files whose name contains"))
        self.file_filter.setClearButtonEnabled(True)
        self.table_filter = QComboBox()
        self.table_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.table_filter.setAccessibleName(tr("Show checks of this table"))
        self.verdict_filter = QComboBox()
        self.verdict_filter.setAccessibleName(tr("Show checks with this result"))
        self.verdict_filter.addItem(tr("Any result"), "")
        for verdict in VERDICT_LABEL:
            self.verdict_filter.addItem(verdict_label(verdict), verdict)
        filters = QHBoxLayout()
        for label, widget in ((tr("&File:"), self.file_filter), (tr("&Table:"), self.table_filter),
                              (tr("&Result:"), self.verdict_filter)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget, 1 if widget is self.file_filter else 0)

        self.table = row_table(COLUMNS, tr("Earlier checks"))
        header = self.table.horizontalHeader()
        for column in (FILES, TABLES):  # long lists share what is left and are elided; the tooltip has them all
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.open_button = QPushButton(tr("&Open report"))
        self.compare_button = QPushButton(tr("&What changed since the previous check"))
        self.delete_button = QPushButton(tr("&Delete"))
        self.delete_all_button = QPushButton(tr("Delete &all…"))
        self.open_button.setAccessibleName(tr("Open the report of the selected check"))
        self.compare_button.setAccessibleName(tr("Compare the selected check with the previous check of its tables"))
        self.delete_button.setAccessibleName(tr("Delete the selected check from the history"))
        self.delete_all_button.setAccessibleName(tr("Delete every check from the history"))
        actions = QHBoxLayout()
        for button in (self.open_button, self.compare_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.delete_all_button)

        self.file_choice = QComboBox()
        self.file_choice.setAccessibleName(tr("File of the reopened check"))
        self.report_note = QLabel()
        self.report_note.setWordWrap(True)
        self.save_button = QPushButton(tr("&Save a shareable report…"))
        self.save_button.setAccessibleName(tr("Save the reopened check as a shareable report: pseudonyms, no values"))
        self.save_button.setEnabled(False)
        self.results_view = FileResultsView()
        self.results_view.set_result(None, None, tr(OPEN_HINT))
        self.results_view.findings.rule_requested.connect(self.show_rule)
        report_page = QWidget()
        report_layout = QVBoxLayout(report_page)
        note_row = QHBoxLayout()
        note_row.addWidget(self.report_note, 1)
        note_row.addWidget(self.save_button)
        report_layout.addLayout(note_row)
        report_layout.addWidget(self.file_choice)
        report_layout.addWidget(self.results_view, 1)

        self.changes = QTreeWidget()
        self.changes.setAccessibleName(tr("What changed since the previous check"))
        self.changes.setHeaderLabels([tr("Finding"), tr("Column"), tr("Rows before"), tr("Rows now")])
        self.changes.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.show_changes([])

        self.detail = QTabWidget()
        self.detail.addTab(report_page, tr("Report"))
        self.detail.addTab(self.changes, tr("What changed"))

        self.message = QLabel()
        self.message.setWordWrap(True)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(actions)
        top_layout.addWidget(self.message)
        # the reopened report needs the room more than the list
        frame(self, top, self.detail, [230, 530]).setStretchFactor(1, 2)

        self.file_filter.textChanged.connect(self.refresh)
        self.table_filter.currentIndexChanged.connect(self.refresh)
        self.verdict_filter.currentIndexChanged.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(self.open_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.compare_button.clicked.connect(self.compare_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.delete_all_button.clicked.connect(self.delete_all)
        self.save_button.clicked.connect(self.save_shareable)
        self.file_choice.currentIndexChanged.connect(self._show_file)
        self._fill_tables()
        self.refresh()

    # --- the list ---------------------------------------------------------------

    def _fill_tables(self) -> None:
        current = self.table_filter.currentData() or ""
        self.table_filter.blockSignals(True)
        self.table_filter.clear()
        self.table_filter.addItem(tr("Any table"), "")
        for name in self.history.tables():
            self.table_filter.addItem(name, name)
        self.table_filter.setCurrentIndex(max(0, self.table_filter.findData(current)))
        self.table_filter.blockSignals(False)

    def refresh(self) -> None:
        verdict = self.verdict_filter.currentData() or ""
        self.rows = self.history.runs(file=self.file_filter.text().strip(),
                                      table=self.table_filter.currentData() or "", verdict=verdict)
        if verdict:  # a stopped run has no verdict, whatever the history recorded for it
            self.rows = [row for row in self.rows if row.status == "finished"]
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            cells = (when(row.started_at), ", ".join(f.name for f in row.files),
                     ", ".join(dict.fromkeys(f.table for f in row.files)), result_words(row), problem_words(row))
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                if j in (FILES, TABLES):
                    item.setToolTip(text)
                self.table.setItem(i, j, item)
        self.message.setText("" if self.rows else tr("No checks match.") if self._filtered() else tr("No checks yet."))
        self._update_buttons()

    def _filtered(self) -> bool:
        return bool(self.file_filter.text() or self.table_filter.currentData() or self.verdict_filter.currentData())

    def selected(self) -> RunRow | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.rows[indexes[0].row()] if indexes else None

    def select_run(self, run_id: int) -> None:
        for i, row in enumerate(self.rows):
            if row.id == run_id:
                self.table.selectRow(i)

    def _update_buttons(self) -> None:
        row = self.selected()
        self.open_button.setEnabled(row is not None and row.has_report)
        self.compare_button.setEnabled(row is not None and row.status == "finished")
        self.delete_button.setEnabled(row is not None and row.status != "running")
        self.delete_all_button.setEnabled(bool(self.rows) or self.table_filter.count() > 1)

    # --- report and comparison ---------------------------------------------------

    def open_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        detail = self.history.detail(row.id)
        try:
            self.report = detail or self.history.load(row.id)
        except HistoryError as exc:
            self.message.setText(str(exc))
            return
        self.report_has_values = detail is not None
        self.save_button.setEnabled(self.pseudonym is not None or not self.report_has_values)
        kept = (tr("Check of {when}, reopened with the examples.") if detail is not None
                else tr("Check of {when}, reopened without the values (the history keeps none in the clear)."))
        self.report_note.setText(kept.format(when=when(row.started_at)))
        self.file_choice.blockSignals(True)
        self.file_choice.clear()
        for f in self.report.files:
            self.file_choice.addItem(f"{f.path}  ·  {f.table}")
        self.file_choice.blockSignals(False)
        self.file_choice.setVisible(len(self.report.files) > 1)
        self._show_file(0)
        self.detail.setCurrentIndex(0)

    def _show_file(self, index: int) -> None:
        if self.report is None or not 0 <= index < len(self.report.files):
            self.results_view.set_result(None, None, tr(OPEN_HINT))
            return
        f = self.report.files[index]
        self.results_view.set_result(f, self.definitions.tables.get(f.table),
                                     finished=f.finished(self.report.cancelled))

    def show_rule(self, table: str, column: str) -> None:
        dialog = RulesDialog(self.definitions, parent=self)
        dialog.show_rule(table, column)
        dialog.exec()

    def ask_save_path(self, suggested: str) -> str:
        """The file to save: the kind chosen in the dialog gives its ending."""
        kinds = (tr("Web pages (*.html)"), tr("Excel workbooks (*.xlsx)"))
        path, chosen = QFileDialog.getSaveFileName(self, tr("Save a shareable report"), str(Path.home() / suggested),
                                                   ";;".join(kinds))
        if not path:
            return ""
        ending = ".xlsx" if chosen == kinds[1] else ".html"
        return str(Path(path).with_suffix(ending)) if Path(path).suffix.lower() in (".html", ".xlsx") \
            else path + ending

    def save_shareable(self) -> None:
        if self.report is None:
            return
        name = self.ask_save_path("precheck-report-shareable.html")
        if not name:
            return
        # A report reopened without its values already shows pseudonyms in place of patient IDs.
        pseudonym = self.pseudonym if self.report_has_values else str
        write = write_workbook if Path(name).suffix.lower() == ".xlsx" else write_html
        try:
            path = write(self.report, Path(name), shareable=True, pseudonym=pseudonym, definitions=self.definitions)
        except ReportError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(tr("Shareable report saved as {file}: it has no patient IDs or values.").format(
            file=path.name))

    def compare_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            comparisons = self.history.compare_with_previous(row.id)
        except HistoryError as exc:
            self.message.setText(str(exc))
            return
        self.show_changes(comparisons)
        self.detail.setCurrentIndex(1)

    def show_changes(self, comparisons: list[TableComparison]) -> None:
        self.changes.clear()
        if not comparisons:
            hint = QTreeWidgetItem([tr(CHANGES_HINT)])
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.changes.addTopLevelItem(hint)
            self.changes.setFirstColumnSpanned(0, self.changes.rootIndex(), True)
        for cmp in comparisons:
            since = (tr("since the check of {when}").format(when=when(cmp.previous_started_at))
                     if cmp.previous_run is not None else tr("first check of this table"))
            counts = ", ".join(tr(CHANGE_COUNTS[s]).format(count=len(cmp.of(s))) for s in CHANGE_WORDS)
            top = QTreeWidgetItem([f"{cmp.table}: {since} ({counts})"])
            self.changes.addTopLevelItem(top)
            for status, words in CHANGE_WORDS.items():
                group = cmp.of(status)
                if not group:
                    continue
                parent = QTreeWidgetItem([f"{tr(words)} ({len(group)})"])
                top.addChild(parent)
                for change in group:
                    title = _(CODES[change.code].title) if change.code in CODES else change.code
                    parent.addChild(QTreeWidgetItem([title, change.column or "", number(change.before),
                                                     number(change.now)]))
            top.setExpanded(True)
            for i in range(top.childCount()):
                top.child(i).setExpanded(True)

    # --- deleting -----------------------------------------------------------------

    def confirm(self, title: str, text: str) -> bool:
        return yes_or_no(self, title, text)

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None or not self.confirm(
                tr("Delete this check from the history?"),
                tr("The check of {when} will be removed from this computer. This cannot be undone.").format(
                    when=when(row.started_at))):
            return
        self.history.delete(row.id)
        self._forget_shown()
        self._fill_tables()
        self.refresh()

    def delete_all(self) -> None:
        if not self.confirm(tr("Delete the whole history?"),
                            tr("Every earlier check will be removed from this computer. This cannot be undone.")):
            return
        self.history.delete_all()
        self._forget_shown()
        self._fill_tables()
        self.refresh()

    def _forget_shown(self) -> None:
        self.report = None
        self.save_button.setEnabled(False)
        self.report_note.clear()
        self.file_choice.clear()
        self.results_view.set_result(None, None, tr(OPEN_HINT))
        self.show_changes([])
