"""Keyboard and screen-reader basics, and a look at dark mode."""

from __future__ import annotations

from gui_helpers import FakeEngine, make_window, screenshot, wait_idle, write_submission
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit


def test_every_control_has_a_name_and_takes_focus(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, FakeEngine())
    window.show()
    window.add_paths(write_submission(tmp_path))
    window.check_all()
    wait_idle(qtbot, window)
    controls = [w for w in window.findChildren(QAbstractButton) + window.findChildren(QComboBox)
                if w.isVisibleTo(window) and not isinstance(w.parent(), QLineEdit)]
    assert len(controls) > 8
    unnamed = [type(w).__name__ + ":" + (getattr(w, "text", lambda: "")() or w.objectName())
               for w in controls if not (w.accessibleName() or getattr(w, "text", lambda: "")())]
    assert unnamed == []
    for widget in (window.list, window.results_view.findings.table, window.cohort_box, window.check_all_button):
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, widget


def test_table_type_is_editable_from_the_keyboard(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, FakeEngine())
    window.show()
    window.add_paths(write_submission(tmp_path, ["mystery.csv"]))
    window.list.setFocus()
    window.list.setCurrentItem(window.list.topLevelItem(0), 1)
    qtbot.keyClick(window.list, Qt.Key.Key_F2)
    editor = window.list.findChild(QComboBox)
    assert editor is not None and editor.accessibleName() == "Table type"
    qtbot.keyClicks(editor, "lab")  # type-ahead picks "laboratory"
    assert next(iter(window.list.entries.values())).table == "laboratory"


def test_dark_mode_screenshot(qtbot, tmp_path):
    app = QApplication.instance()
    original = app.palette()
    dark = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                         (QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.AlternateBase, "#262626"),
                         (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.Button, "#353535"),
                         (QPalette.ColorRole.ButtonText, "#e6e6e6"), (QPalette.ColorRole.Highlight, "#2f6fbf"),
                         (QPalette.ColorRole.HighlightedText, "#ffffff"),
                         (QPalette.ColorRole.PlaceholderText, "#9a9a9a")):
        dark.setColor(role, QColor(colour))
    app.setPalette(dark)
    try:
        window = make_window(qtbot, tmp_path, FakeEngine())
        window.resize(1280, 800)
        window.show()
        window.add_paths(write_submission(tmp_path))
        window.check_all()
        wait_idle(qtbot, window)
        window.list.setCurrentItem(window.list.item_for(str(tmp_path / "laboratory.csv")))
        banner = window.results_view.banner
        style = banner.styleSheet()  # the banner sets its text colour together with its background
        assert "background:" in style and "color:" in style
        screenshot(window, "window-dark")
        window.results_view.tabs.setCurrentWidget(window.results_view.variables)
        screenshot(window, "window-dark-variables")
    finally:
        app.setPalette(original)
