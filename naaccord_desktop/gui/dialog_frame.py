"""What the window's dialogs share: read-only tables of rows, one selected at
a time, and a frame of two parts in a vertical splitter above a Close button
(History, Audit); a yes/no question whose answer, unless chosen, is No."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from .language import tr


def row_table(columns: tuple[str, ...], name: str) -> QTableWidget:
    """Columns sized to their contents (`columns` in English, marked with QT_TR_NOOP);
    the caller stretches the one that takes the rest."""
    table = QTableWidget(0, len(columns))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels([tr(c) for c in columns])
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def yes_or_no(parent: QWidget, title: str, question: str) -> bool:
    """Ask; Enter or Escape answers No."""
    answer = QMessageBox.question(parent, title, question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def frame(dialog: QDialog, top: QWidget, bottom: QWidget, sizes: list[int]) -> QSplitter:
    """Lay `dialog` out: `top` over `bottom` (heights `sizes`), then Close."""
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.addWidget(top)
    splitter.addWidget(bottom)
    splitter.setSizes(sizes)
    close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    close.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(splitter, 1)
    layout.addWidget(close)
    return splitter
