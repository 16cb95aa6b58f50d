"""The findings table (sortable, filterable by severity and column) and the
detail pane of the selected finding: where it is, how to fix it, what its
rule means (a link to Help > Rules), and whether it is acknowledged (★, with
the coordinator's note; Acknowledge… / Withdraw when the window keeps them)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...definitions.model import Table
from ...engine.copies import NO_LOG, CopyLog
from ...engine.result import FileResult, Finding
from ...reports.csv_export import CsvExportError, write_offending_rows
from ...reports.words import SEVERITY_LABEL, SEVERITY_ORDER, plural, rule_title
from .badges import SEVERITY_STATE, state_icon

HEADERS = ("Severity", "Rule", "Column", "Rows", "First lines", "What is wrong")
ALL = ""
STAR = "★"
RULE_LINK = "rule:meaning"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def first_lines(finding: Finding, limit: int = 3) -> str:
    shown = ", ".join(f"{n:,}" for n in finding.lines[:limit])
    return shown + ("…" if len(finding.lines) > limit or finding.count > limit else "")


ROOT = QModelIndex()  # the parent of top-level rows

class FindingsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.findings: list[Finding] = []

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self.findings = list(findings)
        self.endResetModel()

    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        f = self.findings[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            rule = f"{STAR} {rule_title(f)}" if f.acknowledged else rule_title(f)
            return (SEVERITY_LABEL[f.severity], rule, f.column or "(whole file)",
                    f"{f.count:,}", first_lines(f), f.message)[col]
        if role == SORT_ROLE:
            return (SEVERITY_ORDER.index(f.severity), rule_title(f), f.column or "",
                    f.count, f.lines[0] if f.lines else 0, f.message)[col]
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return state_icon(SEVERITY_STATE[f.severity])
        if role == Qt.ItemDataRole.ToolTipRole and col == 5:
            return f.message
        if role == Qt.ItemDataRole.ToolTipRole and col == 1 and f.acknowledged:
            return f"Acknowledged: {f.acknowledged.note}"
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class FindingsFilter(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.severity = ALL
        self.column = ALL
        self.setSortRole(SORT_ROLE)

    def set_filter(self, severity: str, column: str) -> None:
        self.beginFilterChange()
        self.severity, self.column = severity, column
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent) -> bool:
        f = self.sourceModel().findings[row]
        return (self.severity in (ALL, f.severity)) and (self.column in (ALL, f.column or ""))


class FindingsView(QWidget):
    """`rule_requested(table, column)`: "What does this rule mean?" was clicked.
    `desk` (gui/acknowledge.py), when set, offers Acknowledge… and Withdraw."""

    rule_requested = Signal(str, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.desk = None
        self.table_definition: Table | None = None
        self.finished = True  # False while showing what a stopped check found
        self.copies: CopyLog = NO_LOG  # the audit of the check shown: exported rows are recorded in it
        self.model = FindingsModel(self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)

        self.severity_box = QComboBox()
        self.severity_box.setAccessibleName("Show severity")
        self.severity_box.addItem("All severities", ALL)
        for s in SEVERITY_ORDER:
            self.severity_box.addItem(SEVERITY_LABEL[s], s)
        self.column_box = QComboBox()
        self.column_box.setAccessibleName("Show column")
        self.count_label = QLabel()
        for box in (self.severity_box, self.column_box):
            box.currentIndexChanged.connect(self._filter_changed)

        self.table = QTableView()
        self.table.setAccessibleName("Findings")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for col in range(5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)

        self.detail = QTextBrowser()
        self.detail.setAccessibleName("Finding details")
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._link_clicked)
        self.acknowledge_button = QPushButton("Acknowledge…")
        self.acknowledge_button.setToolTip("Mark this finding as known, with a short note that every later check "
                                           "of this table shows; it changes no verdict")
        self.acknowledge_button.clicked.connect(self.acknowledge_current)
        self.acknowledge_button.hide()
        self.copy_button = QPushButton("Copy line numbers")
        self.copy_button.setAccessibleName("Copy the line numbers of this finding")
        self.copy_button.clicked.connect(self.copy_line_numbers)
        self.copy_button.setEnabled(False)
        self.export_button = QPushButton("Export these rows…")
        self.export_button.setAccessibleName("Export the rows of this finding as CSV")
        self.export_button.setToolTip("Save the line, column and value of every row this finding shows, "
                                      "as a CSV file that stays on this computer")
        self.export_button.clicked.connect(self.export_rows)
        self.export_button.setEnabled(False)
        self.export_note = QLabel()
        self.export_note.setWordWrap(True)
        self.file_result: FileResult | None = None

        filters = QHBoxLayout()
        filters.addWidget(QLabel("Show"))
        filters.addWidget(self.severity_box)
        filters.addWidget(QLabel("in"))
        filters.addWidget(self.column_box)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_note, 1)
        buttons.addWidget(self.acknowledge_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.copy_button)
        detail_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
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
        self.column_box.addItem("all columns", ALL)
        for name in columns:
            self.column_box.addItem(name or "(whole file)", name)
        self.column_box.blockSignals(False)
        self.severity_box.setCurrentIndex(0)
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
        self.proxy.set_filter(self.severity_box.currentData() or ALL, self.column_box.currentData() or ALL)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown} of {plural(total, 'finding')}" if shown != total
                                 else plural(total, "finding"))

    def current_finding(self) -> Finding | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.findings[self.proxy.mapToSource(index).row()]

    def _show_current(self, current, _previous) -> None:
        self._show(self.model.findings[self.proxy.mapToSource(current).row()] if current.isValid() else None)

    def _show(self, finding: Finding | None) -> None:
        self.copy_button.setEnabled(bool(finding and finding.lines))
        self.export_button.setEnabled(bool(finding and finding.lines and self.file_result))
        can_acknowledge = bool(finding and self.desk is not None and self.table_definition and self.finished)
        self.acknowledge_button.setVisible(can_acknowledge)
        if can_acknowledge:
            self.acknowledge_button.setEnabled(self.desk.available)
            self.acknowledge_button.setText("Withdraw acknowledgement" if finding.acknowledged else "Acknowledge…")
            if not self.desk.available:
                self.acknowledge_button.setToolTip("The history of checks is not available in this session, so "
                                                   "acknowledgements cannot be kept.")
        if finding is None:
            if self.model.findings:
                text = "Select a finding to see where it is and how to fix it."
            elif self.finished:
                text = "No problems found in this file."
            else:
                text = "Nothing was found before the check was stopped; the rest of this file was not checked."
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


    def ask_export_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, "Export the rows of this finding", suggested, "CSV files (*.csv)")
        return path

    def export_rows(self) -> None:
        finding = self.current_finding()
        if finding is None or self.file_result is None:
            return
        source = Path(self.file_result.path)
        name = self.ask_export_path(str(source.with_name(f"{source.stem}-{finding.code.replace('.', '-')}.csv")))
        if not name:
            return
        try:
            written = write_offending_rows(self.file_result, Path(name), finding, copies=self.copies)
        except CsvExportError as exc:
            self.export_note.setText(str(exc))
            return
        self.export_note.setText(f"Saved {plural(written, 'row')} to {Path(name).name}.")


def finding_html(f: Finding, table: Table | None) -> str:
    parts = [f"<h3>{escape(SEVERITY_LABEL[f.severity])}: {escape(rule_title(f))}</h3>",
             f"<p>{escape(f.message)}</p>"]
    if f.acknowledged:
        parts.append(f"<p style='background-color:#f3eefc'><b>{STAR} Acknowledged</b> since "
                     f"{escape(f.acknowledged.since[:10])}: {escape(f.acknowledged.note)}<br>"
                     "<i>This changes no verdict: the depot treats the finding as before.</i></p>")
    if f.fix:
        parts.append(f"<p><b>How to fix it:</b> {escape(f.fix)}</p>")
    if f.hint:
        parts.append(f"<p><i>{escape(f.hint)}</i></p>")
    if f.lines:
        more = f" (the first {len(f.lines)} of {f.count:,} rows)" if f.count > len(f.lines) else ""
        parts.append(f"<p><b>Where{escape(more)}:</b></p><table cellpadding='2'>"
                     "<tr><th align='left'>Line</th><th align='left'>Value</th></tr>")
        for i, line in enumerate(f.lines):
            value = f.values[i] if i < len(f.values) else ""
            shown = escape(value) if value else "<i>(empty)</i>"
            parts.append(f"<tr><td align='right'>{line:,}</td><td><code>{shown}</code></td></tr>")
        parts.append("</table>")
    column = table.column(f.column) if table and f.column else None
    if column:
        parts.append(f"<p><b>The column {escape(column.name)}</b> ({escape(column.type)}): "
                     f"{escape(column.description)}</p>")
        if column.values:
            allowed = ", ".join(f"<code>{escape(v.value)}</code>"
                                + (f" ({escape(v.meaning)})" if v.meaning else "") for v in column.values)
            parts.append(f"<p>Allowed values: {allowed}</p>")
    parts.append(f"<p><a href='{RULE_LINK}'>What does this rule mean?</a> <span style='color:#5b6576'>"
                 f"(rule {escape(f.code)})</span></p>")
    return "".join(parts)
