"""The Patient IDs tab: how many IDs, which are not in the patient file, which repeat."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...engine.result import IdCount, PatientIds
from ...engine.translation import counted, number
from ...reports.words import rows
from ..language import tr

MAX_SHOWN = 500


def id_table(name: str) -> QTableWidget:
    table = QTableWidget(0, 3)
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels([tr("Patient ID"), tr("Rows"), tr("First lines")])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSortingEnabled(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    return table


def fill(table: QTableWidget, ids: list[IdCount]) -> None:
    table.setSortingEnabled(False)
    table.setRowCount(min(len(ids), MAX_SHOWN))
    for row, item in enumerate(ids[:MAX_SHOWN]):
        count = QTableWidgetItem()
        count.setData(0, item.count)
        cells = (QTableWidgetItem(item.id), count, QTableWidgetItem(", ".join(number(n) for n in item.lines[:10])))
        for column, cell in enumerate(cells):
            cell.setToolTip(cell.text())  # the whole text of a cell the table cuts
            table.setItem(row, column, cell)
    table.setSortingEnabled(True)


class PatientIdsView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.unknown = id_table(tr("Patient IDs not in the patient file"))
        self.duplicates = id_table(tr("Patient IDs that appear more than once"))
        self.unknown_box = QGroupBox(tr("Not in the patient file"))
        QVBoxLayout(self.unknown_box).addWidget(self.unknown)
        self.duplicates_box = QGroupBox(tr("Appear more than once in the patient file"))
        QVBoxLayout(self.duplicates_box).addWidget(self.duplicates)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.unknown_box)
        layout.addWidget(self.duplicates_box)
        layout.addStretch(1)  # the words stay at the top when there is no list to show
        self.set_ids(None)

    def set_ids(self, ids: PatientIds | None, table: str = "", compared: bool = False) -> None:
        """`table`: the file's table type (only the patient file's IDs can repeat); `compared`:
        its IDs were compared with the patient file's."""
        if ids is None:
            self.summary.setText(tr("The patient IDs of this file appear here once it is checked: how many there "
                                    "are, those the patient file does not have, and those the patient file "
                                    "holds more than once."))
            self.unknown_box.hide()
            self.duplicates_box.hide()
            return
        lines = [counted(ids.distinct, "{n} different patient ID in this file.",
                         "{n} different patient IDs in this file.")]
        if ids.not_in_patient_file:
            lines.append(counted(ids.not_in_patient_file, "Not in the patient file: {n} ID ({rows}).",
                                 "Not in the patient file: {n} IDs ({rows}).", rows=rows(ids.rows_with_unknown)))
        elif compared and ids.distinct:
            lines.append(tr("Every one of them is in the patient file."))
        if ids.duplicates:
            lines.append(counted(len(ids.duplicates), "More than once in this file: {n} ID.",
                                 "More than once in this file: {n} IDs."))
        elif table == "patient" and ids.distinct:
            lines.append(tr("None of them appears more than once."))
        if len(ids.unknown) > MAX_SHOWN:
            lines.append(tr("The list shows the first {count}.").format(count=number(MAX_SHOWN)))
        self.summary.setText(" ".join(lines))
        fill(self.unknown, ids.unknown)
        fill(self.duplicates, ids.duplicates)
        self.unknown_box.setVisible(bool(ids.unknown))
        self.duplicates_box.setVisible(bool(ids.duplicates))
