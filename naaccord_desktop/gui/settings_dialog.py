"""File > Settings: cohort, language, idle wipe, DuckDB memory and threads, where scratch
lives, how long the history and the audit are kept; and, in plain words,
whether the app's key is kept in a keychain."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..engine.translation import LANGUAGES
from ..store.paths import AppPaths
from ..store.secrets import Secrets
from ..store.settings import MAX_IDLE_MINUTES, MAX_KEEP_DAYS, MAX_THREADS, SYSTEM_LANGUAGE, Settings, save_settings
from .language import tr

MAX_PATH_WIDTH = 900  # pixels: a longer folder path scrolls in its field (its tooltip has it whole)


class SettingsDialog(QDialog):
    """On OK the settings are checked and saved; `settings` then holds them."""

    def __init__(self, settings: Settings, paths: AppPaths, secrets: Secrets, cohorts: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Settings"))
        self.settings = settings
        self.paths = paths

        self.cohort = QComboBox()
        self.cohort.setAccessibleName(tr("Cohort"))
        self.cohort.addItem(tr("Other (no column renames)"), "")
        for name in cohorts:
            self.cohort.addItem(name, name)
        self.cohort.setCurrentIndex(max(0, self.cohort.findData(settings.cohort)))

        self.language = QComboBox()
        self.language.setAccessibleName(tr("Language"))
        self.language.setToolTip(tr("The language of the window; it changes the next time the app starts"))
        self.language.addItem(tr("System"), SYSTEM_LANGUAGE)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))

        self.idle_minutes = QSpinBox()
        self.idle_minutes.setAccessibleName(tr("Wipe temporary copies after this many idle minutes"))
        self.idle_minutes.setRange(0, MAX_IDLE_MINUTES)
        self.idle_minutes.setSpecialValueText(tr("Never"))
        self.idle_minutes.setSuffix(" " + tr("min"))
        self.idle_minutes.setValue(settings.idle_wipe_minutes)

        self.memory_limit = QLineEdit(settings.memory_limit)
        self.memory_limit.setAccessibleName(tr("Memory limit for checking"))
        self.memory_limit.setPlaceholderText(tr("for example {limit}").format(limit=Settings().memory_limit))

        self.threads = QSpinBox()
        self.threads.setAccessibleName(tr("Threads for checking"))
        self.threads.setRange(1, MAX_THREADS)
        self.threads.setValue(settings.threads)

        self.scratch = QLineEdit(settings.scratch_location)
        self.scratch.setAccessibleName(tr("Folder for temporary copies"))
        self.scratch.setPlaceholderText(str(paths.scratch_root))
        self.scratch.setToolTip(tr("Empty: the default folder, {folder}").format(folder=paths.scratch_root))
        longest = max(str(paths.scratch_root), settings.scratch_location, key=len)
        self.scratch.setMinimumWidth(min(self.fontMetrics().horizontalAdvance(longest) + 24, MAX_PATH_WIDTH))
        browse = QPushButton(tr("Choose…"))
        browse.setAccessibleName(tr("Choose the folder for temporary copies"))
        browse.clicked.connect(self._choose_scratch)
        default = QPushButton(tr("Default"))
        default.setAccessibleName(tr("Use the default folder for temporary copies"))
        default.clicked.connect(self.scratch.clear)
        scratch_row = QHBoxLayout()
        scratch_row.addWidget(self.scratch, 1)
        scratch_row.addWidget(browse)
        scratch_row.addWidget(default)

        form = QFormLayout()
        form.addRow(tr("&Cohort:"), self.cohort)
        form.addRow(tr("&Language:"), self.language)
        form.addRow(tr("&Wipe temporary copies after:"), self.idle_minutes)
        form.addRow(tr("&Memory limit:"), self.memory_limit)
        form.addRow(tr("&Threads:"), self.threads)
        scratch_label = QLabel(tr("&Temporary copies in:"))
        scratch_label.setBuddy(self.scratch)
        form.addRow(scratch_label, scratch_row)
        hint = QLabel(tr("Temporary copies of your files are made while checking and wiped as soon as the check "
                         "ends or stops, and when the app closes. Copies left behind by a check that crashed "
                         "(in this app, another window or the command line) are wiped when the app starts, "
                         "after the idle time above while the app is open, and with File > Wipe temporary "
                         "copies now. A new folder and a new language are used from the next start of the app."))
        hint.setWordWrap(True)
        form.addRow(hint)

        self.keep_days = QSpinBox()
        self.keep_days.setAccessibleName(tr("Keep the history of checks and the audit for this many days"))
        self.keep_days.setRange(1, MAX_KEEP_DAYS)
        self.keep_days.setSuffix(" " + tr("days"))
        self.keep_days.setValue(settings.keep_days)
        keep_hint = QLabel(tr("Older checks are forgotten, their kept detail first. The audit keeps what became of "
                              "every copy of patient data for as long, and a copy still on this computer for as "
                              "long as it is there."))
        keep_hint.setWordWrap(True)

        privacy = QGroupBox(tr("Privacy"))
        privacy_layout = QVBoxLayout(privacy)
        keep_row = QFormLayout()
        keep_row.addRow(tr("&Keep the history and audit for:"), self.keep_days)
        privacy_layout.addLayout(keep_row)
        privacy_layout.addWidget(keep_hint)
        self.privacy_text = QLabel(secrets.status)
        self.privacy_text.setWordWrap(True)
        privacy_layout.addWidget(self.privacy_text)

        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b00020;")
        self.problems.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(privacy)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

    def edited(self) -> Settings:
        return Settings(
            cohort=self.cohort.currentData() or "",
            idle_wipe_minutes=self.idle_minutes.value(),
            memory_limit=self.memory_limit.text().strip().replace(" ", ""),
            threads=self.threads.value(),
            scratch_location=self.scratch.text().strip(),
            keep_days=self.keep_days.value(),
            language=self.language.currentData() or SYSTEM_LANGUAGE,
        )

    def accept(self) -> None:
        edited = self.edited()
        problems = edited.problems()
        if not problems:
            try:
                save_settings(edited, self.paths)
            except OSError:
                problems = [tr("The settings could not be saved in {folder}. Check that this folder "
                               "can be written to.").format(folder=self.paths.config)]
        if problems:
            self.problems.setText("\n".join(problems))
            self.problems.show()
            return
        self.settings = edited
        super().accept()

    def _choose_scratch(self) -> None:
        start = self.scratch.text() or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, tr("Folder for temporary copies"), start)
        if folder:
            self.scratch.setText(folder)
