"""File > Save report: which report to save, the full one or the shareable one,
as a web page or an Excel workbook."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TR_NOOP
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..store.secrets import Secrets
from .language import tr

FULL = QT_TR_NOOP("Full report - stays on this computer (patient IDs and values)")
SHAREABLE = QT_TR_NOOP("Shareable report - pseudonyms, no values")
FULL_NOTE = QT_TR_NOOP("For you: every patient ID and offending value, to find and fix the rows.")
SHAREABLE_NOTE = QT_TR_NOOP("To send to the data manager: patient IDs are replaced by pseudonyms and no cell "
                            "value is shown.")
NO_KEY_NOTE = QT_TR_NOOP("The shareable report needs the app's key, which is not available in this window.")
FLEETING_PSEUDONYMS_NOTE = QT_TR_NOOP(
    "This computer has no keychain to keep the app's key in, so the pseudonyms change each time the app "
    "starts: two shareable reports show a patient under the same pseudonym only if both were saved without "
    "closing the app in between.")
HTML = QT_TR_NOOP("Web page (.html) - opens in any browser, with charts")
WORKBOOK = QT_TR_NOOP("Excel workbook (.xlsx) - one row per finding, to sort, filter and annotate")


@dataclass(frozen=True)
class ReportChoice:
    shareable: bool
    workbook: bool  # False: the HTML report

    @property
    def suffix(self) -> str:
        return ".xlsx" if self.workbook else ".html"


class ReportChoiceDialog(QDialog):
    """`secrets`: the app's key (None: no shareable report). `choice` tells what
    was chosen once the dialog was accepted."""

    def __init__(self, secrets: Secrets | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Save the report"))
        self.full = QRadioButton(tr(FULL))
        self.share = QRadioButton(tr(SHAREABLE))
        self.full.setChecked(True)
        self.share.setEnabled(secrets is not None)
        if secrets is None:
            share_note = tr(NO_KEY_NOTE)
        else:
            share_note = tr(SHAREABLE_NOTE)
            if not secrets.remembered:
                share_note += " " + tr(FLEETING_PSEUDONYMS_NOTE)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Which report do you want to save?")))
        self.share_note = QLabel(share_note)
        for button, words in ((self.full, QLabel(tr(FULL_NOTE))), (self.share, self.share_note)):
            note = words.text()
            words.setWordWrap(True)
            words.setIndent(24)
            button.setAccessibleDescription(note)
            layout.addWidget(button)
            layout.addWidget(words)
        self.html = QRadioButton(tr(HTML))
        self.workbook = QRadioButton(tr(WORKBOOK))
        self.html.setChecked(True)
        kinds = QButtonGroup(self)  # the two questions are answered apart
        formats = QButtonGroup(self)
        for group, members in ((kinds, (self.full, self.share)), (formats, (self.html, self.workbook))):
            for button in members:
                group.addButton(button)
        layout.addWidget(QLabel(tr("As what?")))
        layout.addWidget(self.html)
        layout.addWidget(self.workbook)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Choose where to save…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @property
    def choice(self) -> ReportChoice:
        return ReportChoice(shareable=self.share.isChecked(), workbook=self.workbook.isChecked())
