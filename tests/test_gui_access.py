"""Keyboard and screen-reader basics, and a look at dark mode."""

from __future__ import annotations

from gui_helpers import FakeEngine, make_window, screenshot, wait_idle, write_submission
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from naaccord_desktop.gui.dialog_frame import yes_or_no


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


def test_only_the_table_type_opens_an_editor(qtbot, tmp_path):
    """Tabbing into the list lands on the file name: F2 there opens the table type, and
    a click on the selected file's name opens nothing (the name is the file's own)."""
    window = make_window(qtbot, tmp_path, FakeEngine())
    window.show()
    window.add_paths(write_submission(tmp_path, ["mystery.csv"]))
    item = window.list.topLevelItem(0)
    window.list.setFocus()
    window.list.setCurrentItem(item, 0)
    name = window.list.indexFromItem(item, 0)
    # what the view asks on a click on the selected file's name (offscreen, mouse clicks do not select it first)
    window.list.edit(name, QAbstractItemView.EditTrigger.SelectedClicked, None)
    qtbot.wait(QApplication.doubleClickInterval() + 100)  # Qt opens that editor after a double click's time
    assert window.list.findChild(QLineEdit) is None and window.list.findChild(QComboBox) is None
    assert item.text(0) == "mystery.csv"
    window.list.setCurrentItem(item, 0)
    qtbot.keyClick(window.list, Qt.Key.Key_F2)
    editor = window.list.findChild(QComboBox)
    assert editor is not None and editor.accessibleName() == "Table type"


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


def test_a_yes_or_no_question_answers_no_unless_yes_is_chosen(qtbot):
    """Every question that deletes or stops something (closing during a check, a new submission, deleting an
    export or the history) is asked this way: Enter or Escape keeps things as they are."""
    parent = QWidget()
    qtbot.addWidget(parent)

    def answer(act) -> bool:
        def when_asked() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(10, when_asked)
                return
            assert (box.windowTitle(), box.text()) == ("Delete it?", "It cannot be undone.")
            act(box)

        QTimer.singleShot(0, when_asked)
        return yes_or_no(parent, "Delete it?", "It cannot be undone.")

    assert answer(lambda box: qtbot.keyClick(box, Qt.Key.Key_Return)) is False
    assert answer(lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape)) is False
    assert answer(lambda box: box.button(QMessageBox.StandardButton.Yes).click()) is True
