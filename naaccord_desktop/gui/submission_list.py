"""The submission: its files with the proposed table type (editable in place),
size and status. Files arrive by drag and drop, a file dialog or a folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
)

from ..engine.propose import gather, why_unproposable
from ..reports.words import human_size
from .language import tr
from .results.badges import state_icon, state_words

DROP_HINT = QT_TR_NOOP("Drop the files of your submission here\n(.csv, .tsv or .txt, or a whole folder)")
NO_TABLE = ""
NO_TABLE_WORDS = QT_TR_NOOP("choose a type…")
CHANGE_TABLE = QT_TR_NOOP("Double-click or press F2 to change the table type")
FILE, TABLE, SIZE = range(3)
PATH_ROLE = Qt.ItemDataRole.UserRole


@dataclass
class Entry:
    path: Path
    table: str
    size: int
    state: str = "new"


class TableTypeDelegate(QStyledItemDelegate):
    """Edits the table type with a drop-down of the known types."""

    def __init__(self, table_names: list[str], parent=None) -> None:
        super().__init__(parent)
        self.table_names = table_names

    def createEditor(self, parent, option, index):
        if index.column() != TABLE:
            return None
        box = QComboBox(parent)
        box.setAccessibleName(tr("Table type"))
        box.addItem(tr(NO_TABLE_WORDS), NO_TABLE)
        for name in self.table_names:
            box.addItem(name, name)
        box.activated.connect(lambda _index: self._choose(box))
        return box

    def _choose(self, box: QComboBox) -> None:
        """A pick from the list (mouse or keyboard) takes effect at once."""
        self.commitData.emit(box)
        self.closeEditor.emit(box)

    def setEditorData(self, editor, index) -> None:
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.UserRole) or NO_TABLE)))

    def setModelData(self, editor, model, index) -> None:
        table = editor.currentData()
        model.setData(index, table, Qt.ItemDataRole.UserRole)
        model.setData(index, table or tr(NO_TABLE_WORDS), Qt.ItemDataRole.DisplayRole)


def table_tip(table: str) -> str:
    return f"{table or tr(NO_TABLE_WORDS)}. {tr(CHANGE_TABLE)}."


def _ignore(*_args) -> None:
    pass


class SubmissionList(QTreeWidget):
    """Calls `on_changed()` when files are added or removed or a type changes, and
    `on_dropped(paths)` when files are dropped on it (plain callbacks: see worker.py
    on Python-emitted signals)."""

    def __init__(self, table_names: list[str], propose: Callable[[Path], str | None], parent=None) -> None:
        super().__init__(parent)
        self.propose = propose
        self.table_names = table_names
        self.on_changed: Callable[[], None] = _ignore
        self.on_dropped: Callable[[list[Path]], None] = _ignore
        self.entries: dict[str, Entry] = {}
        self.setColumnCount(3)
        self.setHeaderLabels([tr("File"), tr("Table type"), tr("Size")])
        self.setRootIsDecorated(False)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.SelectedClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setItemDelegateForColumn(TABLE, TableTypeDelegate(table_names, self))
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setAccessibleName(tr("Submission files"))
        self.setAccessibleDescription(tr("The files of this submission. Press F2 to change a file's table type."))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Stretch)
        for col in (TABLE, SIZE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.itemChanged.connect(self._item_changed)

    # --- adding and removing -------------------------------------------------

    def add_paths(self, paths: list[Path]) -> tuple[int, list[str]]:
        """Add files (a folder adds the data files in it): how many were new, and
        the paths that could not be looked at, in plain words."""
        added = 0
        found = gather(paths)
        problems = list(found.problems)
        for file in found.files:
            key = str(file.resolve())
            if key in self.entries:
                continue
            try:
                size = file.stat().st_size
            except OSError:  # gone since it was listed
                problems.append(tr("File not found: {path}").format(path=file))
                continue
            entry = Entry(Path(key), self.propose(file) or NO_TABLE, size)
            self.entries[key] = entry
            self._add_item(entry)
            added += 1
        if added:
            if self.currentItem() is None:
                self.setCurrentItem(self.topLevelItem(0))
            self.on_changed()
        return added, problems

    def remove_selected(self) -> None:
        item = self.currentItem()
        if item is None:
            return
        del self.entries[item.data(FILE, PATH_ROLE)]
        self.takeTopLevelItem(self.indexOfTopLevelItem(item))
        self.on_changed()

    def remove_all(self) -> None:
        self.entries.clear()
        self.clear()
        self.on_changed()

    def set_table(self, key: str, table: str) -> None:
        """The table type chosen for the file `key` (a known type; anything else is ignored)."""
        item = self.item_for(key)
        if item is not None and table in self.table_names and table != self.entries[key].table:
            item.setData(TABLE, Qt.ItemDataRole.UserRole, table)
            item.setText(TABLE, table)  # itemChanged takes it in

    def _add_item(self, entry: Entry) -> None:
        item = QTreeWidgetItem()
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setData(FILE, PATH_ROLE, str(entry.path))
        item.setText(FILE, entry.path.name)
        item.setData(TABLE, Qt.ItemDataRole.UserRole, entry.table)
        item.setText(TABLE, entry.table or tr(NO_TABLE_WORDS))
        item.setToolTip(TABLE, table_tip(entry.table) if entry.table else
                        f"{why_unproposable(entry.path)} {tr(CHANGE_TABLE)}.")
        item.setText(SIZE, human_size(entry.size))
        item.setTextAlignment(SIZE, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.addTopLevelItem(item)
        self._show_state(item, entry.state)

    def edit(self, index, *how) -> bool:
        """Only a file's table type is edited (a file's name and size are what the disk
        says): F2 anywhere on its row opens the table type; a click, only on it."""
        if index.isValid() and index.column() != TABLE:
            if how and how[0] != QAbstractItemView.EditTrigger.EditKeyPressed:
                return False
            index = index.siblingAtColumn(TABLE)
        return super().edit(index, *how)

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column != TABLE:
            return
        entry = self.entries[item.data(FILE, PATH_ROLE)]
        table = item.data(TABLE, Qt.ItemDataRole.UserRole) or NO_TABLE
        if table != entry.table:
            entry.table = table
            item.setToolTip(TABLE, table_tip(table))
            self.set_state(str(entry.path), "new")
            self.on_changed()

    # --- state -----------------------------------------------------------------

    def item_for(self, key: str) -> QTreeWidgetItem | None:
        return next((self.topLevelItem(i) for i in range(self.topLevelItemCount())
                     if self.topLevelItem(i).data(FILE, PATH_ROLE) == key), None)

    def set_state(self, key: str, state: str) -> None:
        item = self.item_for(key)
        if item is not None:
            self.entries[key].state = state
            self._show_state(item, state)

    def _show_state(self, item: QTreeWidgetItem, state: str) -> None:
        self.blockSignals(True)
        item.setIcon(FILE, state_icon(state))
        item.setToolTip(FILE, f"{item.data(FILE, PATH_ROLE)}\n{state_words(state)}")
        item.setData(FILE, Qt.ItemDataRole.AccessibleDescriptionRole, state_words(state))
        self.blockSignals(False)

    def current_key(self) -> str | None:
        item = self.currentItem()
        return item.data(FILE, PATH_ROLE) if item else None

    def untyped(self) -> list[Entry]:
        return [e for e in self.entries.values() if not e.table]

    # --- drag and drop ----------------------------------------------------------

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self.entries:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect().adjusted(16, 16, -16, -16),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, tr(DROP_HINT))
            painter.end()

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.on_dropped(paths)
        else:
            super().dropEvent(event)
