"""Help > About: versions (app, definitions, Qt, DuckDB), where the app keeps
its data and whether its key is kept in a keychain."""

from __future__ import annotations

from html import escape
from pathlib import Path

import duckdb
import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from .. import __version__
from ..definitions.model import DefinitionSet
from ..store.paths import AppPaths, app_paths
from ..store.secrets import Secrets


def about_rows(definitions: DefinitionSet, paths: AppPaths, secrets: Secrets | None = None,
               scratch_root: Path | None = None) -> list[tuple[str, str]]:
    """`scratch_root`: where this session keeps its temporary copies (Settings may move them)."""
    rows = [
        ("App", __version__),
        ("Definitions", f"{definitions.version} ({definitions.source})"),
        ("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})"),
        ("DuckDB", duckdb.__version__),
        ("Run history", str(paths.data)),
        ("Settings", str(paths.config)),
        ("Temporary copies (wiped after each check)", str(scratch_root or paths.scratch_root)),
        ("Log", str(paths.logs)),
    ]
    if secrets is not None:
        rows.append(("Privacy", secrets.status))
    return rows


class AboutDialog(QDialog):
    def __init__(self, definitions: DefinitionSet, paths: AppPaths | None = None, secrets: Secrets | None = None,
                 scratch_root: Path | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About NA-ACCORD Desktop Precheck")
        rows = "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
                       for k, v in about_rows(definitions, paths or app_paths(), secrets, scratch_root))
        text = QLabel(
            "<h3>NA-ACCORD Desktop Precheck</h3>"
            "<p>Checks a data submission on this computer before you upload it. "
            "Your files never leave this computer and are only ever read, never changed.</p>"
            f"<table cellspacing='6'>{rows}</table>"
        )
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
