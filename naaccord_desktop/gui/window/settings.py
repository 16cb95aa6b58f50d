"""What the window remembers (geometry, splitter, cohort) and the dialogs of
its menus: Settings, History, Privacy > Audit, Help > Rules, About, the log
folder, and plain messages."""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QMessageBox

from ...store.logs import log_folder
from ...store.session import forget_old
from ...store.settings import save_settings
from ..about import AboutDialog
from ..audit_view import AuditDialog
from ..history_view import HistoryDialog
from ..language import tr
from ..rules_dialog import RulesDialog
from ..settings_dialog import SettingsDialog

log = logging.getLogger(__name__)


class SettingsAndDialogs:
    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        splitter = self.settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        self._show_cohort()
        self.cohort_box.currentIndexChanged.connect(self._cohort_chosen)

    def _save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()

    def _show_cohort(self) -> None:
        self.cohort_box.blockSignals(True)
        self.cohort_box.setCurrentIndex(max(0, self.cohort_box.findData(self.store_settings.cohort)))
        self.cohort_box.blockSignals(False)

    def _cohort_chosen(self) -> None:
        self.store_settings = dataclasses.replace(self.store_settings, cohort=self.cohort_box.currentData() or "")
        self._save_store_settings()

    def _save_store_settings(self) -> None:
        if self.paths is None:
            return
        try:
            save_settings(self.store_settings, self.paths)
        except OSError as exc:
            log.warning("Settings not saved (%s).", type(exc).__name__)
            self.statusBar().showMessage(tr("Your settings could not be saved in {folder}.").format(
                folder=self.paths.config), 10000)

    def tell(self, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Close, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_about(self) -> None:
        _shown(AboutDialog(self.definitions, self.paths, self.secrets, self.scratch.root, parent=self))

    def show_history(self) -> None:
        pseudonym = self.secrets.pseudonym if self.secrets is not None else None
        _shown(HistoryDialog(self.history, self.definitions, pseudonym, parent=self))

    def show_audit(self) -> None:
        _shown(AuditDialog(self.audit, self.scratch, parent=self))
        self._show_held()

    def show_rules(self, table: str = "", column: str = "") -> None:
        """Help > Rules, at `column` of `table` when given (a finding's "What does this rule mean?")."""
        dialog = RulesDialog(self.definitions, parent=self)
        if table:
            dialog.show_rule(table, column)
        _shown(dialog)

    def show_settings(self) -> None:
        dialog = SettingsDialog(self.store_settings, self.paths, self.secrets, self.cohorts, parent=self)
        if _shown(dialog) != SettingsDialog.DialogCode.Accepted:
            return
        self.store_settings = dialog.settings
        self.idle_wipe.set_minutes(self.store_settings.idle_wipe_minutes)
        if self.history is not None and self.audit is not None:
            forget_old(self.history, self.audit, self.store_settings.keep_days)
        self._show_cohort()

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_folder(self.paths))))


def _shown(dialog: QDialog) -> int:
    """Run a modal dialog, then let it go: a History dialog may hold a reopened check's values."""
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()

