"""The window's own state, kept with the app's settings: its size, place and
splitter and the last folder (window.ini), and the history of Qt's own file
dialog (QtProject.conf, written where the system has no file dialog of its
own, as on Linux), both in the app's config folder beside settings.json.
Both hold folder paths, so they are readable by the user only (mode 0600).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings

from ..store.paths import AppPaths, private_file

log = logging.getLogger(__name__)

WINDOW_FILE = "window.ini"
FILE_DIALOG_FILE = "QtProject.conf"  # Qt's own name: QSettings(UserScope, "QtProject"), native format


def window_settings(paths: AppPaths) -> QSettings:
    try:
        for name in (WINDOW_FILE, FILE_DIALOG_FILE):
            private_file(paths.config / name)  # Qt rewrites a file keeping its mode
    except OSError as exc:  # the window says the settings folder is not available
        log.warning("Window settings file not made (%s).", type(exc).__name__)
    # The native format is a file only on Unix; on Windows and macOS the system's
    # own file dialog is used and Qt's keeps no history.
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(paths.config))
    return QSettings(str(paths.config / WINDOW_FILE), QSettings.Format.IniFormat)
