"""Adding files to the submission: file dialogs, folders, drag and drop, and
keeping one stepper per file in the list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from ..language import tr
from ..stepper import Stepper


class AddingFiles:
    @property
    def last_folder(self) -> str:
        return str(self.settings.value("last_folder", str(Path.home())))

    def _remember_folder(self, path: Path) -> None:
        """The folder a file dialog opens in next time: the one added, or the one holding the file added."""
        try:
            folder = path if path.is_dir() else path.parent
        except OSError:  # a folder this account may not look into
            folder = path.parent
        self.settings.setValue("last_folder", str(folder))

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, tr("Add files to the submission"), self.last_folder,
                                                tr("Data files (*.csv *.tsv *.txt);;All files (*)"))
        if names:
            self.add_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Add every data file of a folder"), self.last_folder)
        if folder:
            self.add_paths([Path(folder)])

    def add_paths(self, paths: list[Path]) -> None:
        added, problems = self.list.add_paths(paths)
        if paths:
            self._remember_folder(paths[0])
        if problems:
            self.tell(tr("Some files could not be added"), "\n".join(problems))
        elif not added:
            self.statusBar().showMessage(tr("No new data files there (.csv, .tsv or .txt)."), 5000)

    def open_from_desktop(self, paths: list[Path]) -> None:
        """Files handed over by the desktop or by a later launch: added, and the window comes to the front."""
        if paths:
            self.add_paths(paths)
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    def _files_changed(self) -> None:
        for key in list(self.steppers):
            entry = self.list.entries.get(key)
            result = self.results.get(key)
            if entry is None or (result is not None and result.table != entry.table):
                # removed, or its table type changed: the old result no longer applies
                self.stepper_stack.removeWidget(self.steppers[key])
                self.steppers.pop(key).deleteLater()
                self.results.pop(key, None)
        for key in self.list.entries:
            if key not in self.steppers:
                self.steppers[key] = Stepper()
                self.stepper_stack.addWidget(self.steppers[key])
        self.right.setCurrentIndex(1 if self.list.entries else 0)
        self._selection_changed()
        self._update_submission_banner()
        self._update_controls()
