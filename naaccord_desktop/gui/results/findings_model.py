"""The findings table's model: one row per finding, its words, its sort keys,
and the filter (severity, column, and a search over the rule, the column, the
message and the values)."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

from ...engine.result import Finding
from ...engine.rows_of import has_rows
from ...engine.translation import number
from ...reports.words import SEVERITY_ORDER, rule_title, severity_label
from ..language import tr
from .badges import SEVERITY_STATE, state_icon

HEADERS = (QT_TR_NOOP("Severity"), QT_TR_NOOP("Rule"), QT_TR_NOOP("Column"), QT_TR_NOOP("Rows"),
           QT_TR_NOOP("First lines"), QT_TR_NOOP("What is wrong"))
RULE, ROWS, MESSAGE = 1, 3, 5
ALL = ""
STAR = "★"  # an acknowledged finding
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
NOT_ROWS = "—"  # a finding about the file as a whole counts no rows
NOT_ROWS_TIP = QT_TR_NOOP("About the file as a whole, not about rows")


def first_lines(finding: Finding, limit: int = 3) -> str:
    shown = ", ".join(number(n) for n in finding.lines[:limit])
    return shown + ("…" if len(finding.lines) > limit or finding.count > limit else "")


def counts_rows(f: Finding) -> bool:
    """False for a finding about the file as a whole (its count is not rows)."""
    return has_rows(f) or f.count > 1


def cells(f: Finding) -> tuple[str, ...]:
    rule = f"{STAR} {rule_title(f)}" if f.acknowledged else rule_title(f)
    return (severity_label(f.severity), rule, f.column or tr("(whole file)"),
            number(f.count) if counts_rows(f) else NOT_ROWS, first_lines(f), f.message)


def matches(f: Finding, words: str) -> bool:
    """The search: every word in the rule, the column, the message, the fix, the hint or a value."""
    text = " ".join((rule_title(f), f.code, f.column or "", f.message, f.fix, f.hint, *f.values)).casefold()
    return all(word in text for word in words.casefold().split())


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
            return tr(HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        f = self.findings[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return cells(f)[col]
        if role == SORT_ROLE:
            return (SEVERITY_ORDER.index(f.severity), rule_title(f), f.column or "",
                    f.count if counts_rows(f) else 0, f.lines[0] if f.lines else 0, f.message)[col]
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return state_icon(SEVERITY_STATE[f.severity])
        if role == Qt.ItemDataRole.ToolTipRole and col == RULE and f.acknowledged:
            return tr("{rule}. Acknowledged: {note}").format(rule=rule_title(f), note=f.acknowledged.note)
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text of a cell the table cuts
            return tr(NOT_ROWS_TIP) if col == ROWS and not counts_rows(f) else cells(f)[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col == ROWS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class FindingsFilter(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.severity = ALL
        self.column = ALL
        self.search = ""
        self.setSortRole(SORT_ROLE)

    def set_filter(self, severity: str, column: str, search: str = "") -> None:
        self.beginFilterChange()
        self.severity, self.column, self.search = severity, column, search
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent) -> bool:
        f = self.sourceModel().findings[row]
        return (self.severity in (ALL, f.severity) and self.column in (ALL, f.column or "")
                and matches(f, self.search))
