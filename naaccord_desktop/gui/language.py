"""The window's language: Qt's translator for the window's own words (`tr`),
and the same language for the engine's and reports' words (gettext,
engine/translation.py). Chosen by the system locale, or by Settings.

Plural forms come from the gettext catalogue (words.rows, counted): Qt's own
numerus forms would need an English catalogue as well."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..engine.translation import LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE, number, use_language

log = logging.getLogger(__name__)

SYSTEM = "system"  # the Settings value that follows the system's language
CATALOGUE = "naaccord_{language}"  # naaccord_fr.qm, beside the gettext catalogue
QT_CATALOGUE = "qtbase_{language}"  # Qt's own words: the buttons of standard dialogs
_installed: list[QTranslator] = []


def tr(text: str) -> str:
    """One of the window's words in the chosen language. pyside6-lupdate finds
    every tr("...") call (one context for the whole window)."""
    return QCoreApplication.translate("", text)


def system_language() -> str:
    """The first of the system's languages that the app has, else English."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def install_language(app: QCoreApplication, choice: str = SYSTEM) -> str:
    """Translate the window and the engine into `choice` (a LANGUAGES code, or
    SYSTEM) from now on; the code in use is returned. Widgets built before
    keep their words: the window is built after this."""
    code = choice if choice in LANGUAGES else system_language()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    use_language(code)
    if code != SOURCE_LANGUAGE:
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in ((CATALOGUE, str(LOCALE_DIR)), (QT_CATALOGUE, qt_folder)):
            translator = QTranslator(app)
            if translator.load(name.format(language=code), folder):
                app.installTranslator(translator)
                _installed.append(translator)
            else:
                log.warning("Translation %s not found.", name.format(language=code))
    QLocale.setDefault(QLocale(code))
    return code


def duration(seconds: float) -> str:
    """'0.3 s', '42 s', '3 min', with the language's decimal mark."""
    if seconds < 10:
        return tr("{seconds} s").format(seconds=number(seconds, 1))
    if seconds < 90:
        return tr("{seconds} s").format(seconds=number(seconds))
    return tr("{minutes} min").format(minutes=number(seconds / 60))
