"""Files the system hands to the running app (macOS: dropped on its Dock icon,
or opened with it from the Finder, as the document types of its Info.plist
allow) join the submission as if added by hand."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject


class FileOpenFilter(QObject):
    """Install on the QApplication; `add_paths` is the window's."""

    def __init__(self, add_paths: Callable[[list[Path]], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._add_paths = add_paths

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and event.file():
            self._add_paths([Path(event.file())])
            return True
        return super().eventFilter(watched, event)
