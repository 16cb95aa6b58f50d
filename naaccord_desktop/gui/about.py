"""Help > About: versions (app, definitions, Qt, DuckDB), where the app keeps
its data, whether its key is kept in a keychain, and the licences (the app's,
every bundled package's, and Qt's LGPL with how to replace the Qt libraries)."""

from __future__ import annotations

from html import escape
from pathlib import Path

import duckdb
import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QPlainTextEdit, QVBoxLayout

from .. import __version__
from ..definitions.model import DefinitionSet
from ..licences import licence_text
from ..store.paths import AppPaths, app_paths
from ..store.secrets import Secrets
from .language import tr


def about_rows(definitions: DefinitionSet, paths: AppPaths, secrets: Secrets | None = None,
               scratch_root: Path | None = None) -> list[tuple[str, str]]:
    """`scratch_root`: where this session keeps its temporary copies (Settings may move them)."""
    rows = [
        (tr("App"), __version__),
        (tr("Definitions"), f"{definitions.version} ({definitions.source})"),
        ("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})"),
        ("DuckDB", duckdb.__version__),
        (tr("Run history"), str(paths.data)),
        (tr("Settings"), str(paths.config)),
        (tr("Temporary copies (wiped after each check)"), str(scratch_root or paths.scratch_root)),
        (tr("Log"), str(paths.logs)),
        (tr("Licence"), tr("MIT; the libraries it uses have their own licences (Licences…)")),
    ]
    if secrets is not None:
        rows.append((tr("Privacy"), secrets.status))
    return rows


class AboutDialog(QDialog):
    def __init__(self, definitions: DefinitionSet, paths: AppPaths | None = None, secrets: Secrets | None = None,
                 scratch_root: Path | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("About NA-ACCORD Desktop Precheck"))
        rows = "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
                       for k, v in about_rows(definitions, paths or app_paths(), secrets, scratch_root))
        text = QLabel(
            tr("<h3>NA-ACCORD Desktop Precheck</h3>")
            + tr("<p>Checks a data submission on this computer before you upload it. "
                 "Your files never leave this computer and are only ever read, never changed.</p>")
            + f"<table cellspacing='6'>{rows}</table>"
        )
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.licences_button = buttons.addButton(tr("&Licences…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.licences_button.clicked.connect(self.show_licences)
        buttons.addButton(tr("About &Qt…"), QDialogButtonBox.ButtonRole.ActionRole).clicked.connect(self.show_about_qt)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)

    def show_licences(self) -> None:
        LicencesDialog(self).exec()

    def show_about_qt(self) -> None:
        QMessageBox.aboutQt(self)


class LicencesDialog(QDialog):
    """The licence texts, to read and copy."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Licences"))
        self.text = QPlainTextEdit(licence_text())
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName(tr("Licence texts"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(760, 600)
