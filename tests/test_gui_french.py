"""The window in French: chosen by the system's language (LANG=fr_CA.UTF-8) or
by Settings, and with no English left in it. The walk reads every text a
person can meet in the main window over the checked demo (menus and their
tips, buttons, labels, tabs, table headers and cells, tooltips, the stepper,
each finding's details, the Settings dialog) and fails on English words; the
file's own words (names, values, the definitions' column names) are allowed."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from gui_helpers import checked_demo_window, screenshot
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QTextBrowser,
    QWidget,
)

from naaccord_desktop.definitions import load_bundled
from naaccord_desktop.engine.translation import SOURCE_LANGUAGE, language
from naaccord_desktop.gui.language import install_language
from naaccord_desktop.gui.settings_dialog import SettingsDialog
from naaccord_desktop.store.paths import app_paths
from naaccord_desktop.store.secrets import load_secrets
from naaccord_desktop.store.settings import Settings, save_settings

# Words of English that French does not use: any of them in the window is a text left untranslated.
ENGLISH = {
    "the", "and", "of", "to", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these",
    "those", "with", "without", "from", "by", "for", "your", "you", "file", "files", "check", "checks",
    "checked", "checking", "row", "rows", "not", "no", "yes", "all", "add", "remove", "show", "what", "which",
    "where", "when", "how", "will", "would", "can", "could", "must", "should", "finding", "findings", "rule",
    "rules", "upload", "ready", "blocked", "error", "errors", "warning", "warnings", "column", "columns",
    "line", "lines", "save", "export", "settings", "help", "privacy", "history", "about", "submission", "size",
    "done", "waiting", "running", "skipped", "failed", "stopped", "left", "each", "every", "there", "than",
    "more", "only", "new", "none", "in", "at", "or", "an", "any", "first", "see", "here", "why", "select",
    "press", "stop", "quit", "wipe", "copy", "temporary", "disk", "cohort", "definitions", "other", "empty",
    "missing", "invalid", "unknown", "filled", "most", "common", "allowed", "list", "read", "encoding",
    "delimiter", "comma", "separated", "endings", "mark", "byte", "bytes", "records", "record", "problem",
    "problems", "load", "inspect", "summaries", "metadata", "fast", "results", "result", "acknowledge",
    "search", "severity", "whole", "between", "before", "after", "values", "value", "fix", "wrong", "folder",
    "folders", "report", "receipt", "drop", "choose", "nothing", "found", "something", "again", "once",
    "still",
}
WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]+(?:['’][A-Za-z]+)?(?![A-Za-z0-9])")


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def _texts_of(widget: QWidget) -> list[str]:
    """What a person can read on `widget` or have read to them."""
    texts = [widget.toolTip(), widget.statusTip(), widget.accessibleName(), widget.accessibleDescription(),
             widget.windowTitle(), widget.whatsThis()]
    if isinstance(widget, QLabel):
        texts.append(widget.text())
    if isinstance(widget, QAbstractButton):
        texts.append(widget.text())
    if isinstance(widget, QGroupBox):
        texts.append(widget.title())
    if isinstance(widget, QLineEdit):
        texts += [widget.text(), widget.placeholderText()]
    if isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QTabWidget):
        texts += [t for i in range(widget.count()) for t in (widget.tabText(i), widget.tabToolTip(i))]
    if isinstance(widget, QTextBrowser):
        texts.append(widget.toHtml())
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal, role) or "")
                      for c in range(model.columnCount())]
            texts += [str(model.index(r, c).data(role) or "") for r in range(model.rowCount())
                      for c in range(model.columnCount())]
    return texts


def _menu_texts(menu: QMenu) -> list[str]:
    texts = [menu.title()]
    for action in menu.actions():
        texts += [action.text(), action.toolTip(), action.statusTip()]
        if action.menu() is not None:
            texts += _menu_texts(action.menu())
    return texts


def window_texts(window) -> list[str]:
    texts = [window.windowTitle(), window.statusBar().currentMessage()]
    for menu in (window.file_menu, window.recent_menu, window.privacy_menu, window.help_menu):
        menu.aboutToShow.emit()  # Recent submissions is filled as it opens
        texts += _menu_texts(menu)
    for widget in window.findChildren(QWidget):
        if widget.isVisibleTo(window) or isinstance(widget, QMenu):
            texts += _texts_of(widget)
    return texts


def english_words(texts: list[str], allowed: set[str]) -> dict[str, str]:
    """English words in `texts`, each with the first text it was found in."""
    found = {}
    for text in texts:
        plain = _plain(text)
        for word in WORD.findall(plain):
            if word.lower() in ENGLISH and word not in allowed:
                found.setdefault(word, plain[:160])
    return found


def the_files_own_words(window) -> set[str]:
    """Words the window shows as the file has them or the definitions name them."""
    words: set[str] = set()
    definitions = load_bundled()
    for table in definitions.tables.values():
        for column in table.columns:
            words.update(WORD.findall(column.name))
            for allowed in column.values:
                words.update(WORD.findall(allowed.value))
    for result in window.results.values():
        words.update(WORD.findall(result.path))
        for finding in result.findings:
            words.update(WORD.findall(finding.code))  # "(rule date.invalid)"
            for value in finding.values:
                words.update(WORD.findall(value))
        for summary in result.summaries.values():
            for value, _count in summary.top_values:
                words.update(WORD.findall(str(value)))
    return words


@pytest.fixture(scope="module")
def french_demo(qapp, tmp_path_factory):
    """The demo checked by the real engine in a window built after Settings chose French."""
    install_language(qapp, "fr")
    window = checked_demo_window(qapp, tmp_path_factory.mktemp("french-demo"))
    install_language(qapp, SOURCE_LANGUAGE)
    yield window
    window.ask_before_closing = False
    window.close()


@pytest.fixture
def french(qapp):
    """French for one test (conftest switches back to English after each)."""
    install_language(qapp, "fr")


def test_no_english_is_left_in_the_main_window_in_french(french_demo, french, qapp):
    window = french_demo
    assert language() == "fr"
    assert window.windowTitle() == "Prévérification NA-ACCORD"
    allowed = the_files_own_words(window)
    texts = window_texts(window)
    for key in window.list.entries:  # every file of the demo, every finding of it and every tab
        window.list.setCurrentItem(window.list.item_for(key))
        findings = window.results_view.findings
        for row in range(max(findings.proxy.rowCount(), 1)):
            findings.table.selectRow(row)
            qapp.processEvents()
            texts += _texts_of(findings.detail)
        for tab in range(window.results_view.tabs.count()):
            window.results_view.tabs.setCurrentIndex(tab)
            qapp.processEvents()
            texts += window_texts(window)
        window.results_view.tabs.setCurrentIndex(0)
    assert any("Bloqué : 25 lignes utilisent des identifiants de patients" in t for t in texts)
    left = english_words(texts, allowed)
    assert not left, "\n".join(f"{word!r} in: {text}" for word, text in left.items())


def test_the_settings_dialog_offers_the_languages_in_french(french_demo, french):
    paths = app_paths().ensure()
    dialog = SettingsDialog(Settings(), paths, load_secrets(), ["CNICS"], parent=french_demo)
    assert [dialog.language.itemText(i) for i in range(dialog.language.count())] == \
        ["Celle du système", "English", "Français"]
    texts = [t for w in dialog.findChildren(QWidget) for t in _texts_of(w)] + [dialog.windowTitle()]
    allowed = {"CNICS", *WORD.findall(str(paths.scratch_root))}  # a folder's name is the system's
    assert english_words(texts, allowed) == {}
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    dialog.accept()
    assert dialog.settings.language == "fr"
    dialog.deleteLater()


def test_screenshot_in_french(french_demo, french):
    window = french_demo
    key = next(k for k, e in window.list.entries.items() if e.table == "laboratory")
    window.list.setCurrentItem(window.list.item_for(key))
    screenshot(window, "screenshot-blocked-fr")


STARTS_IN = """
import sys
from PySide6.QtWidgets import QApplication
from naaccord_desktop.gui.app import build_window
from naaccord_desktop.gui.language import install_language
from naaccord_desktop.store.paths import app_paths
from naaccord_desktop.store.settings import load_settings
from PySide6.QtCore import QSettings
app = QApplication([])
chosen = install_language(app, load_settings(app_paths()).language)
window = build_window(QSettings(sys.argv[1], QSettings.Format.IniFormat), __import__("pathlib").Path(sys.argv[2]))
print(chosen, window.windowTitle(), window.check_all_button.text(), window.file_menu.title(), sep="|")
"""


def _start(tmp_path, environment: dict[str, str]) -> list[str]:
    """A new process starts the app as gui/app.py does, in `environment`."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(environment)
    done = subprocess.run([sys.executable, "-c", STARTS_IN, str(tmp_path / "s.ini"), str(tmp_path / "scratch")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1].split("|")


def test_the_window_starts_in_french_under_a_french_canadian_locale(tmp_path):
    assert _start(tmp_path, {"LANG": "fr_CA.UTF-8"}) == ["fr", "Prévérification NA-ACCORD", "Tout vérifier",
                                                         "&Fichier"]
    assert _start(tmp_path, {"LANG": "en_CA.UTF-8"}) == ["en", "NA-ACCORD Desktop Precheck", "Check all", "&File"]


def test_settings_override_the_system_language(tmp_path, private_app_folders):
    paths = app_paths().ensure()
    save_settings(Settings(language="fr"), paths)
    assert _start(tmp_path, {"LANG": "en_CA.UTF-8"})[0] == "fr"
    save_settings(Settings(language="en"), paths)
    assert _start(tmp_path, {"LANG": "fr_CA.UTF-8"})[0] == "en"
