"""Privacy ▸ Audit: what on this computer holds patient data from this app
right now (exports with Show in folder and Delete), and the trail of every
copy made and wiped, by day, saved as CSV for a privacy officer. Opening it,
and Look again, look at every copy once more (store/audit.py: recheck) and
read the audit's records; the days of the trail only filter what was read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TR_NOOP, QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..engine.translation import counted
from ..reports.files import write_atomically
from ..reports.words import human_size
from ..store.audit import CREATED, Audit, Copy, Event, csv_of, trail_of, when_words
from ..store.scratch import ScratchManager
from .dialog_frame import frame, row_table, yes_or_no
from .language import tr

PRESENT_COLUMNS = (QT_TR_NOOP("Kind"), QT_TR_NOOP("Made by"), QT_TR_NOOP("Size"), QT_TR_NOOP("Made"),
                   QT_TR_NOOP("Where"))
TRAIL_COLUMNS = (QT_TR_NOOP("When"), QT_TR_NOOP("What happened"), QT_TR_NOOP("Kind"), QT_TR_NOOP("Made by"),
                 QT_TR_NOOP("Size"), QT_TR_NOOP("Where"), QT_TR_NOOP("Why"))
WHERE, WHY = 5, 6
WHY_WIDTH = 360  # the reason is read in full in its tooltip; the path takes the rest
NOTHING_HELD = QT_TR_NOOP("Nothing on this computer holds patient data from this app right now (as far as it "
                          "recorded).")
SCRATCH_NOTE = QT_TR_NOOP("Temporary copies are wiped by the app when their check ends; File ▸ Wipe temporary "
                          "copies now wipes those a stopped check left behind.")


def _table(columns: tuple[str, ...], name: str, stretch: int) -> QTableWidget:
    table = row_table(columns, name)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a path keeps its start and its name
    table.setWordWrap(False)
    return table


def _fill_row(table: QTableWidget, row: int, cells: tuple[str, ...]) -> None:
    for column, text in enumerate(cells):
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        table.setItem(row, column, item)


class AuditDialog(QDialog):
    def __init__(self, audit: Audit, scratch: ScratchManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Audit of patient data"))
        self.resize(1100, 720)
        self.audit = audit
        self.scratch = scratch
        self.copies: list[Copy] = []  # every record, oldest first, as read when last looked at
        self.present: list[Copy] = []
        self.trail: list[Event] = []

        self.present_title = QLabel()
        self.present_table = _table(PRESENT_COLUMNS, tr("Copies of patient data on this computer now"), 4)
        self.show_button = QPushButton(tr("&Show in folder"))
        self.show_button.setAccessibleName(tr("Show the folder of the selected copy"))
        self.delete_button = QPushButton(tr("&Delete…"))
        self.delete_button.setAccessibleName(tr("Delete the selected export from this computer"))
        self.look_button = QPushButton(tr("&Look again"))
        self.look_button.setAccessibleName(tr("Look again at every copy on this computer"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        present_buttons = QHBoxLayout()
        for button in (self.show_button, self.delete_button):
            present_buttons.addWidget(button)
        present_buttons.addStretch(1)
        present_buttons.addWidget(self.look_button)

        self.since = QDateEdit(QDate.currentDate())
        self.until = QDateEdit(QDate.currentDate())
        for edit, name in ((self.since, tr("Trail from this day")), (self.until, tr("Trail up to this day"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
        self.csv_button = QPushButton(tr("Save as &CSV…"))
        self.csv_button.setAccessibleName(tr("Save the trail shown as a CSV file for a privacy officer"))
        filters = QHBoxLayout()
        filters.addWidget(QLabel(tr("<b>Trail</b>: every copy made and how it ended")))
        filters.addStretch(1)
        for text, edit in ((tr("&From:"), self.since), (tr("&To:"), self.until)):
            caption = QLabel(text)
            caption.setBuddy(edit)
            filters.addWidget(caption)
            filters.addWidget(edit)
        filters.addWidget(self.csv_button)
        self.trail_table = _table(TRAIL_COLUMNS, tr("Trail of copies made and wiped"), WHERE)
        self.trail_table.horizontalHeader().setSectionResizeMode(WHY, QHeaderView.ResizeMode.Interactive)
        self.trail_table.setColumnWidth(WHY, WHY_WIDTH)
        self.trail_note = QLabel()

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.present_title)
        top_layout.addWidget(self.present_table, 1)
        top_layout.addLayout(present_buttons)
        top_layout.addWidget(self.message)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addLayout(filters)
        bottom_layout.addWidget(self.trail_table, 1)
        bottom_layout.addWidget(self.trail_note)
        frame(self, top, bottom, [200, 480])

        self.present_table.itemSelectionChanged.connect(self._update_buttons)
        self.show_button.clicked.connect(self.show_in_folder)
        self.delete_button.clicked.connect(self.delete_selected)
        self.look_button.clicked.connect(self.look_again)
        self.since.dateChanged.connect(self.refresh_trail)
        self.until.dateChanged.connect(self.refresh_trail)
        self.csv_button.clicked.connect(self.save_csv)
        self.look_again()
        first = date.fromisoformat(self.copies[0].created_at[:10]) if self.copies else date.today()
        self.since.setDate(QDate(first.year, first.month, first.day))

    # --- what is there now ----------------------------------------------------------

    def look_again(self) -> None:
        self.audit.recheck(self.scratch.live_folders())
        self.refresh()
        if self.audit.problem:
            self.message.setText(self.audit.problem)

    def refresh(self) -> None:
        self.copies = self.audit.copies()
        self.present = [c for c in reversed(self.copies) if not c.ended]  # newest first
        self.present_title.setText(
            counted(len(self.present), "<b>On this computer now</b>: {n} copy of patient data from this app",
                    "<b>On this computer now</b>: {n} copies of patient data from this app") if self.present
            else f"<b>{tr(NOTHING_HELD)}</b>")
        self.present_table.setRowCount(len(self.present))
        for i, copy in enumerate(self.present):
            _fill_row(self.present_table, i, (copy.kind_words, copy.check_words, human_size(copy.size),
                                              when_words(copy.created_at), copy.path))
        self.present_table.setVisible(bool(self.present))
        self._update_buttons()
        self.refresh_trail()

    def selected(self) -> Copy | None:
        rows = self.present_table.selectionModel().selectedRows()
        return self.present[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        copy = self.selected()
        self.show_button.setEnabled(copy is not None)
        self.delete_button.setEnabled(copy is not None and copy.is_export)
        self.delete_button.setToolTip(tr(SCRATCH_NOTE) if copy is not None and not copy.is_export else "")

    def show_in_folder(self) -> None:
        copy = self.selected()
        if copy is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(copy.path).parent)))

    def confirm_delete(self, copy: Copy) -> bool:
        question = tr("{file} holds patient IDs or values. Delete it from this computer? This cannot be undone.")
        return yes_or_no(self, tr("Delete this export?"), question.format(file=Path(copy.path).name))

    def delete_selected(self) -> None:
        copy = self.selected()
        if copy is None or not copy.is_export or not self.confirm_delete(copy):
            return
        try:
            self.audit.delete(copy)
        except OSError as exc:
            self.message.setText(tr("{file} could not be deleted: {reason}.").format(
                file=Path(copy.path).name, reason=exc.strerror or exc))
        else:
            self.message.setText(tr("{file} was deleted.").format(file=Path(copy.path).name))
        self.refresh()

    # --- the trail --------------------------------------------------------------------

    def days(self) -> tuple[date, date]:
        return self.since.date().toPython(), self.until.date().toPython()

    def refresh_trail(self) -> None:
        self.trail = trail_of(self.copies, *self.days())
        self.trail_table.setRowCount(len(self.trail))
        for i, e in enumerate(self.trail):
            size = "" if e.event == CREATED else human_size(e.copy.size)
            _fill_row(self.trail_table, i, (when_words(e.when), e.words, e.copy.kind_words, e.copy.check_words,
                                            size, e.copy.path, e.reason))
        self.trail_table.scrollToBottom()
        self.trail_note.setText(counted(len(self.trail), "{n} event between these days.",
                                        "{n} events between these days.")
                                if self.trail else tr("Nothing was made or wiped between these days."))

    def ask_csv_path(self) -> str:
        since, until = self.days()
        suggested = Path.home() / f"precheck-audit-{since}-{until}.csv"
        path, _ = QFileDialog.getSaveFileName(self, tr("Save the trail as CSV"), str(suggested),
                                              tr("CSV files (*.csv)"))
        return path

    def save_csv(self) -> None:
        name = self.ask_csv_path()
        if not name:
            return
        try:
            write_atomically(Path(name), csv_of(self.trail), newline="")
        except OSError as exc:
            self.message.setText(tr("The trail could not be saved as {file}: {reason}.").format(
                file=name, reason=exc.strerror or exc))
            return
        self.message.setText(tr("Trail saved as {file}.").format(file=Path(name).name))
