"""The findings table (sortable, filterable by severity and column, searchable)
and the detail pane of the selected finding: where it is, how to fix it, what
its rule means (a link to Help > Rules), and whether it is acknowledged (★,
with the coordinator's note; Acknowledge… / Withdraw when the window keeps
them)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QT_TR_NOOP, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...definitions.model import Table
from ...engine.result import FileResult, Finding
from ...engine.rows_of import has_rows
from ...engine.translation import SOURCE_LANGUAGE, counted, language, number
from ...reports.rules_reference import type_words
from ...reports.words import SEVERITY_ORDER, findings_count, rule_title, severity_label
from ..language import tr
from .findings_model import ALL, MESSAGE, STAR, FindingsFilter, FindingsModel

EXPORT_TIP = QT_TR_NOOP("Save every row of this finding, as the file holds it, under the file's header and after "
                        "its line number: a CSV file that stays on this computer")
WHOLE_FILE_TIP = QT_TR_NOOP("This finding is about the file as a whole: it has no rows to export")
RULE_LINK = "rule:meaning"


class FindingsView(QWidget):
    """`rule_requested(table, column)`: "What does this rule mean?" was clicked.
    `desk` (gui/acknowledge.py), when set, offers Acknowledge… and Withdraw."""

    rule_requested = Signal(str, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.desk = None
        self.table_definition: Table | None = None
        self.finished = True  # False while showing what a stopped check found
        self.model = FindingsModel(self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)

        self.severity_box = QComboBox()
        self.severity_box.setAccessibleName(tr("Show severity"))
        self.severity_box.addItem(tr("All severities"), ALL)
        for s in SEVERITY_ORDER:
            self.severity_box.addItem(severity_label(s), s)
        self.column_box = QComboBox()
        self.column_box.setAccessibleName(tr("Show column"))
        self.search = QLineEdit()
        self.search.setAccessibleName(tr("Search the findings"))
        self.search.setPlaceholderText(tr("Search: rule, column, message or value"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_changed)
        self.count_label = QLabel()
        for box in (self.severity_box, self.column_box):
            box.currentIndexChanged.connect(self._filter_changed)

        self.table = QTableView()
        self.table.setAccessibleName(tr("Findings"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)  # "What is wrong" is read whole, on as many lines as it needs
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for col in range(MESSAGE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)

        self.detail = QTextBrowser()
        self.detail.setAccessibleName(tr("Finding details"))
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._link_clicked)
        self.acknowledge_button = QPushButton(tr("Acknowledge…"))
        self.acknowledge_button.setToolTip(tr("Mark this finding as known, with a short note that every later check "
                                              "of this table shows; it changes no verdict"))
        self.acknowledge_button.clicked.connect(self.acknowledge_current)
        self.acknowledge_button.hide()
        self.copy_button = QPushButton(tr("Copy line numbers"))
        self.copy_button.setAccessibleName(tr("Copy the line numbers of this finding"))
        self.copy_button.clicked.connect(self.copy_line_numbers)
        self.copy_button.setEnabled(False)
        self.exports_paused = False
        self.export_button = QPushButton(tr("Export these rows…"))
        self.export_button.setAccessibleName(tr("Export every row of this finding as CSV"))
        self.export_button.setToolTip(tr(EXPORT_TIP))
        self.export_button.clicked.connect(self._export_current)
        self.export_button.setEnabled(False)
        self.export_all_button = QPushButton(tr("Export all problem rows…"))
        self.export_all_button.setAccessibleName(tr("Export every problem row of this file as CSV"))
        self.export_all_button.setToolTip(tr("Save every row of this file that any finding is about, each once, "
                                             "with the rules it breaks, as a CSV file that stays on this computer"))
        self.export_all_button.clicked.connect(lambda: self._export(None))
        self.export_all_button.setEnabled(False)
        self.on_export: Callable[[Finding | None], None] | None = None  # set_exporter
        for button in (self.export_button, self.export_all_button):
            button.hide()  # a view without an exporter (a report reopened from History) offers no export
        self.export_note = QLabel()
        self.export_note.setWordWrap(True)
        self.file_result: FileResult | None = None

        filters = QHBoxLayout()
        filters.addWidget(QLabel(tr("Show")))
        filters.addWidget(self.severity_box)
        filters.addWidget(QLabel(tr("in")))
        filters.addWidget(self.column_box)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.count_label)

        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_note, 1)
        buttons.addWidget(self.acknowledge_button)
        buttons.addWidget(self.export_all_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.copy_button)
        detail_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(splitter)

    def set_findings(self, findings: list[Finding], table_definition: Table | None,
                     file_result: FileResult | None = None, finished: bool = True) -> None:
        """`finished` False: the check of this file was stopped, so no finding is not good news."""
        shown = self.current_finding()
        same_file = bool(file_result and self.file_result and file_result.path == self.file_result.path)
        self.table_definition = table_definition
        self.file_result = file_result
        self.finished = finished
        self.export_note.clear()
        self.model.set_findings(findings)
        columns = sorted({f.column or "" for f in findings})
        self.column_box.blockSignals(True)
        self.column_box.clear()
        self.column_box.addItem(tr("all columns"), ALL)
        for name in columns:
            self.column_box.addItem(name or tr("(whole file)"), name)
        self.column_box.blockSignals(False)
        self.severity_box.setCurrentIndex(0)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._filter_changed()
        if self.proxy.rowCount():
            self.table.selectRow(self._row_of(shown) if same_file and shown else 0)
        else:
            self._show(None)

    def _row_of(self, finding: Finding) -> int:
        """The row now showing the finding of this code and column (0 when none)."""
        for row in range(self.proxy.rowCount()):
            f = self.model.findings[self.proxy.mapToSource(self.proxy.index(row, 0)).row()]
            if (f.code, f.column) == (finding.code, finding.column):
                return row
        return 0

    def _filter_changed(self) -> None:
        self.proxy.set_filter(self.severity_box.currentData() or ALL, self.column_box.currentData() or ALL,
                              self.search.text())
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(tr("{shown} of {findings}").format(shown=number(shown), findings=findings_count(total))
                                 if shown != total else findings_count(total))
        if shown and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        elif not shown:
            self._show(None)

    def current_finding(self) -> Finding | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.findings[self.proxy.mapToSource(index).row()]

    def _show_current(self, current, _previous) -> None:
        self._show(self.model.findings[self.proxy.mapToSource(current).row()] if current.isValid() else None)

    def _show(self, finding: Finding | None) -> None:
        self.copy_button.setEnabled(bool(finding and finding.lines))
        rows = bool(finding and has_rows(finding) and self.file_result)
        self.export_button.setEnabled(rows and not self.exports_paused)
        self.export_button.setToolTip(tr(EXPORT_TIP if rows or finding is None else WHOLE_FILE_TIP))
        self.export_all_button.setEnabled(bool(self.file_result) and any(map(has_rows, self.model.findings))
                                          and not self.exports_paused)
        can_acknowledge = bool(finding and self.desk is not None and self.table_definition and self.finished)
        self.acknowledge_button.setVisible(can_acknowledge)
        if can_acknowledge:
            self.acknowledge_button.setEnabled(self.desk.available)
            self.acknowledge_button.setText(tr("Withdraw acknowledgement") if finding.acknowledged
                                            else tr("Acknowledge…"))
            if not self.desk.available:
                self.acknowledge_button.setToolTip(tr("The history of checks is not available in this session, so "
                                                      "acknowledgements cannot be kept."))
        if finding is None:
            if self.proxy.rowCount() == 0 and self.model.findings:
                text = tr("No finding matches what you chose to show.")
            elif self.model.findings:
                text = tr("Select a finding to see where it is and how to fix it.")
            elif self.finished:
                text = tr("No problems found in this file.")
            else:
                text = tr("Nothing was found before the check was stopped; the rest of this file was not checked.")
            self.detail.setHtml(f"<p>{text}</p>")
            return
        self.detail.setHtml(finding_html(finding, self.table_definition))

    def acknowledge_current(self) -> None:
        finding = self.current_finding()
        if finding is None or self.desk is None or self.table_definition is None:
            return
        if finding.acknowledged:
            self.desk.withdraw(self.table_definition.name, finding, self)
        else:
            self.desk.ask(self.table_definition.name, finding, self)

    def _link_clicked(self, url) -> None:
        finding = self.current_finding()
        if url.toString() == RULE_LINK and finding is not None:
            table = self.table_definition.name if self.table_definition else ""
            self.rule_requested.emit(table, finding.column or "")

    def copy_line_numbers(self) -> None:
        finding = self.current_finding()
        if finding:
            QGuiApplication.clipboard().setText(", ".join(str(n) for n in finding.lines))

    def pause_exports(self, paused: bool) -> None:
        """While a check runs, rows are not exported (one DuckDB job at a time)."""
        self.exports_paused = paused
        self._show(self.current_finding())

    def set_exporter(self, export: Callable[[Finding | None], None]) -> None:
        """`export(finding)` saves every row of a finding (None: every problem row of the file)."""
        self.on_export = export
        for button in (self.export_button, self.export_all_button):
            button.show()

    def _export_current(self) -> None:
        finding = self.current_finding()
        if finding is not None:
            self._export(finding)

    def _export(self, finding: Finding | None) -> None:
        if self.on_export is not None:
            self.on_export(finding)


def finding_html(f: Finding, table: Table | None) -> str:
    heading = tr("{severity}: {rule}").format(severity=severity_label(f.severity), rule=rule_title(f))
    parts = [f"<h3>{escape(heading)}</h3>",
             f"<p>{escape(f.message)}</p>"]
    if f.lines:  # on flowing lines, so that many fit before the pane scrolls
        where = (counted(f.count, "Where (the first {shown} of {n} row):", "Where (the first {shown} of {n} rows):",
                         shown=len(f.lines)) if f.count > len(f.lines) else tr("Where:"))
        with_value = escape(tr("line {line}: {value}")).replace(" ", "&nbsp;")
        places = [with_value.format(line=number(line), value=f"<code>{_value(f.values[i])}</code>")
                  if i < len(f.values) else tr("line {line}").format(line=number(line)).replace(" ", "&nbsp;")
                  for i, line in enumerate(f.lines)]
        parts.append(f"<p><b>{escape(where)}</b> {' &nbsp;·&nbsp; '.join(places)}</p>")
    if f.acknowledged:
        acknowledged, no_verdict = tr("Acknowledged"), tr("This changes no verdict: the depot treats the finding "
                                                          "as before.")
        since = tr("since {day}: {note}").format(day=f.acknowledged.since[:10], note=f.acknowledged.note)
        parts.append(f"<p style='background-color:#f3eefc'><b>{STAR} {escape(acknowledged)}</b> {escape(since)}"
                     f"<br><i>{escape(no_verdict)}</i></p>")
    if f.fix:
        how = tr("How to fix it:")
        parts.append(f"<p><b>{escape(how)}</b> {escape(f.fix)}</p>")
    if f.hint:
        parts.append(f"<p><i>{escape(f.hint)}</i></p>")
    column = table.column(f.column) if table and f.column else None
    if column:
        parts.append(_column_html(column))
    rule = escape(tr("(rule {code})")).format(code=escape(f.code))
    meaning = tr("What does this rule mean?")
    parts.append(f"<p><a href='{RULE_LINK}'>{escape(meaning)}</a> "
                 f"<span style='color:#5b6576'>{rule}</span></p>")
    return "".join(parts)


def _column_html(column) -> str:
    """The definition of a finding's column. The definitions describe their columns in
    English only: in another language the description and the values' meanings are left out."""
    english = language() == SOURCE_LANGUAGE
    name = escape(tr("The column {column}")).format(column=escape(column.name))
    described = f": {escape(column.description)}" if english else "."
    text = f"<p><b>{name}</b>, {escape(type_words(column.type))}{described}</p>"
    if column.values:
        allowed = ", ".join(f"<code>{escape(v.value)}</code>"
                            + (f" ({escape(v.meaning)})" if v.meaning and english else "") for v in column.values)
        allowed_words = tr("Allowed values:")
        text += f"<p>{escape(allowed_words)} {allowed}</p>"
    return text


def _value(value: str) -> str:
    return escape(value) if value else "<i>" + escape(tr("(empty)")) + "</i>"
