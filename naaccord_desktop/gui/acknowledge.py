"""Acknowledging a finding from the window: the coordinator writes a short note,
the run history keeps it by table, rule code and column, and the window marks
the finding ★ acknowledged on this and every later check of that table
(engine/acknowledgements.py). Withdrawing removes it. A blocker still blocks."""

from __future__ import annotations

import logging
import sqlite3
from html import escape

from PySide6.QtCore import QT_TR_NOOP, QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ..definitions.model import DefinitionSet
from ..engine.acknowledgements import (
    MAX_NOTE,
    Acknowledgement,
    AcknowledgementError,
    acknowledge,
    applied_to_file,
    clean_note,
    key_of,
)
from ..engine.result import FileResult, Finding
from ..reports.words import rule_title, severity_label
from ..store.history import History, HistoryError
from .language import tr

log = logging.getLogger(__name__)

EXAMPLE = QT_TR_NOOP("e.g. legacy IDs, agreed with the coordinating center on 2026-10-01")
NOT_KEPT = QT_TR_NOOP("The history of checks could not keep this change, so it is not saved.")


class AcknowledgeDialog(QDialog):
    """Asks for the note; `note` is the cleaned note once accepted."""

    def __init__(self, finding: Finding, table: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Acknowledge a finding"))
        self.note = ""
        rule = (tr("{rule} in {column}").format(rule=rule_title(finding), column=finding.column) if finding.column
                else rule_title(finding))
        what = QLabel(tr("<p>Mark <b>{rule}</b> ({severity}) of the <b>{table}</b> table as known.</p><p>Your note "
                         "is kept on this computer with the rule and the column. Write no patient ID or value in it: "
                         "the shareable reports and the receipt show it (with any ID or value the check knows "
                         "taken out). "
                         "Every later check of this table shows the finding as acknowledged with your note, and so "
                         "do the reports and the receipt.</p><p><b>It changes no verdict:</b> a finding that blocks "
                         "the upload still blocks it.</p>").format(
            rule=escape(rule), severity=escape(severity_label(finding.severity)), table=escape(table)))
        what.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setMaxLength(MAX_NOTE)
        self.field.setPlaceholderText(tr(EXAMPLE))
        self.field.setAccessibleName(tr("Why this finding is known"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Acknowledge"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(QLabel(tr("Why is it known?")))
        layout.addWidget(self.field)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def accept(self) -> None:
        try:
            self.note = clean_note(self.field.text())
        except AcknowledgementError as exc:
            self.problem.setText(str(exc))
            return
        super().accept()


class AcknowledgementDesk(QObject):
    """The window's acknowledgements, kept in `history`; `changed` when one is
    added or withdrawn."""

    changed = Signal()

    def __init__(self, history: History | None, definitions: DefinitionSet, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.definitions = definitions
        self.acknowledgements: list[Acknowledgement] = self._read()

    @property
    def available(self) -> bool:
        return self.history is not None

    def ask(self, table: str, finding: Finding, parent: QWidget) -> None:
        dialog = AcknowledgeDialog(finding, table, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._change(parent, lambda h: h.acknowledge([acknowledge(table, finding, dialog.note, self.definitions)]))

    def withdraw(self, table: str, finding: Finding, parent: QWidget) -> None:
        self._change(parent, lambda h: h.withdraw(*key_of(table, finding, self.definitions)))

    def apply(self, f: FileResult) -> FileResult:
        return applied_to_file(f, {a.key: a for a in self.acknowledgements}, self.definitions)

    def _change(self, parent: QWidget, write) -> None:
        try:
            write(self.history)
        except (HistoryError, sqlite3.Error) as exc:
            log.error("Acknowledgement not kept (%s).", type(exc).__name__)
            QMessageBox.warning(parent, tr("Not saved"), tr(NOT_KEPT))
            return
        self.acknowledgements = self._read()
        self.changed.emit()

    def _read(self) -> list[Acknowledgement]:
        if self.history is None:
            return []
        try:
            return self.history.acknowledgements()
        except (HistoryError, sqlite3.Error) as exc:
            log.error("Acknowledgements not read (%s).", type(exc).__name__)
            return []
