"""Finding what matters in a long list, through the window: the search over
the findings, New submission / Remove all, File ▸ Recent submissions (paths
and table types only), the whole text of every cut cell, and empty panes that
say what will appear there; and the smaller words the coordinator met."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import FakeEngine, make_window, screenshot, wait_idle, write_submission
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from test_store_support import app_dirs, no_keyring, use_keyring  # noqa: F401  (fixtures)

from naaccord_desktop.engine.pipeline import check_submission
from naaccord_desktop.engine.propose import propose_table
from naaccord_desktop.gui.history_view import OPEN_HINT, HistoryDialog
from naaccord_desktop.gui.results.findings_model import NOT_ROWS
from naaccord_desktop.gui.settings_dialog import SettingsDialog
from naaccord_desktop.store.history import History
from naaccord_desktop.store.secrets import load_secrets
from naaccord_desktop.store.settings import Settings

TOOLTIP = Qt.ItemDataRole.ToolTipRole


class RealEngine:
    check = staticmethod(check_submission)
    propose = staticmethod(propose_table)


def checked(qtbot, tmp_path, engine=None, names=("patient.csv", "laboratory.csv")):
    window = make_window(qtbot, tmp_path, engine or FakeEngine())
    window.resize(1280, 800)
    window.show()
    window.add_paths(write_submission(tmp_path / "sub", names))
    window.check_all()
    wait_idle(qtbot, window)
    return window


def select(window, name: str) -> None:
    key = next(k for k in window.list.entries if Path(k).name == name)
    window.list.setCurrentItem(window.list.item_for(key))


def test_the_search_finds_findings_by_rule_column_message_or_value(qtbot, tmp_path):
    window = checked(qtbot, tmp_path)
    select(window, "laboratory.csv")
    view = window.results_view.findings
    shown = lambda: [view.proxy.index(r, 1).data() for r in range(view.proxy.rowCount())]  # noqa: E731
    assert view.count_label.text() == "3 findings"
    for words, rules in (("invalid date", ["invalid date"]), ("units", ["value spelled differently"]),
                         ("P-10", ["unknown patient"]), ("YYYY-MM-DD", ["invalid date"]),
                         ("mg/dl spelled", ["value spelled differently"]), ("nothing like it", [])):
        view.search.setText(words)
        assert shown() == rules, words
    assert view.count_label.text() == "0 of 3 findings"
    assert "No finding matches" in view.detail.toPlainText()
    view.search.setText("date")
    assert view.current_finding().code == "date.invalid"  # the first match is shown
    screenshot(window, "findings-search")
    select(window, "patient.csv")
    assert view.search.text() == ""  # another file starts with the whole list


def test_new_submission_and_remove_all_empty_the_list_after_asking(qtbot, tmp_path, monkeypatch):
    window = checked(qtbot, tmp_path)
    answers = iter([False, True])
    monkeypatch.setattr(window, "confirm_remove_all", lambda: next(answers))
    window.remove_all_button.click()
    assert len(window.list.entries) == 2  # "No" keeps them
    window.new_submission_action.trigger()
    assert window.list.entries == {} and window.results == {} and window.steppers == {}
    assert window.right.currentIndex() == 0  # the welcome page
    assert not window.remove_all_action.isEnabled() and not window.new_submission_action.isEnabled()
    window.add_paths(write_submission(tmp_path / "more", ["medication.csv"]))
    window.remove_all_action.trigger()  # nothing checked yet: nothing to ask
    assert window.list.entries == {}


def test_recent_submissions_bring_back_the_files_and_their_table_types_only(qtbot, tmp_path, monkeypatch):
    window = checked(qtbot, tmp_path, names=("patient.csv", "labs_2025.csv"))
    key = next(k for k in window.list.entries if k.endswith("labs_2025.csv"))
    assert window.list.entries[key].table == ""
    window.list.set_table(key, "laboratory")
    window.check_all()
    wait_idle(qtbot, window)
    window.recent_menu.aboutToShow.emit()
    titles = [a.text() for a in window.recent_menu.actions()]
    assert titles[0] == "patient.csv, labs_2025.csv (in sub)" and "Clear this list" in titles
    assert len(window.recent_submissions()) == 1  # the same files checked twice are one entry
    monkeypatch.setattr(window, "confirm_remove_all", lambda: True)
    window.recent_menu.actions()[0].trigger()
    assert {Path(k).name: e.table for k, e in window.list.entries.items()} == \
        {"patient.csv": "patient", "labs_2025.csv": "laboratory"}
    window.settings.sync()
    stored = Path(window.settings.fileName()).read_text(encoding="utf-8")
    assert "labs_2025.csv" in stored and "P-1" not in stored  # paths, never a value from a file
    window.forget_recent()
    window.recent_menu.aboutToShow.emit()
    assert [a.text() for a in window.recent_menu.actions()] == ["No submission checked yet"]


def test_every_cut_cell_has_its_whole_text_in_a_tooltip(qtbot, tmp_path):
    long_name = "laboratory_" + "x" * 80 + ".csv"
    window = checked(qtbot, tmp_path, names=("patient.csv", long_name))
    item = window.list.item_for(next(k for k in window.list.entries if k.endswith(long_name)))
    assert long_name in item.toolTip(0) and "laboratory" in item.toolTip(1)
    select(window, long_name)
    model = window.results_view.findings.proxy
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            assert index.data(TOOLTIP) == index.data(), (row, column)


def test_what_is_wrong_is_never_cut_and_the_examples_fit_the_detail_pane(qtbot, tmp_path):
    window = checked(qtbot, tmp_path, RealEngine())
    select(window, "laboratory.csv")
    view = window.results_view.findings
    table = view.table
    width = table.columnWidth(5) - 8
    metrics = QFontMetrics(table.font())
    for row in range(view.proxy.rowCount()):
        message = view.proxy.index(row, 5).data()
        needed = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, message).height()
        assert table.rowHeight(row) >= needed, message


def test_empty_panes_say_what_will_appear_there(qtbot, tmp_path, app_dirs, no_keyring):
    window = checked(qtbot, tmp_path, RealEngine())
    select(window, "patient.csv")
    ids = window.results_view.patient_ids
    assert ids.summary.text() == "1 different patient ID in this file. None of them appears more than once."
    select(window, "laboratory.csv")
    assert "Every one of them is in the patient file." in ids.summary.text()
    window.add_paths(write_submission(tmp_path / "later", ["medication.csv"]))
    select(window, "medication.csv")
    assert "appear here once it is checked" in ids.summary.text()
    assert "check the file to see them" in window.results_view.variables.widget().text()
    history = History(app_dirs.history_db, load_secrets())
    dialog = HistoryDialog(history, window.definitions)
    qtbot.addWidget(dialog)
    assert dialog.results_view.banner.headline.text() == OPEN_HINT  # English: no translator in the tests
    assert "What changed since the previous check" in dialog.changes.topLevelItem(0).text(0)
    screenshot(dialog, "history-before-a-selection")
    history.close()


def test_an_empty_file_and_whole_file_findings_say_so(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, RealEngine())
    folder = tmp_path / "sub"
    folder.mkdir()
    (folder / "laboratory.csv").write_bytes(b"")
    window.add_paths([folder / "laboratory.csv"])
    window.check_all()
    wait_idle(qtbot, window)
    stepper = window.steppers[next(iter(window.list.entries))]
    found = {k: row.found.text() for k, row in stepper.rows.items()}
    assert found["metadata"].startswith("The file is empty.")
    assert "0 bytes" not in " ".join(found.values())
    view = window.results_view.findings
    rows = {view.proxy.index(r, 1).data(): view.proxy.index(r, 3).data() for r in range(view.proxy.rowCount())}
    assert rows["file is empty"] == NOT_ROWS  # no "Rows 1" for a finding about the whole file
    assert view.proxy.index(0, 3).data(TOOLTIP) == "About the file as a whole, not about rows"


def test_settings_show_the_scratch_folder_whole_and_the_memory_default_check_uses(qtbot, app_dirs, no_keyring):
    dialog = SettingsDialog(Settings(), app_dirs, load_secrets(), [])
    qtbot.addWidget(dialog)
    dialog.show()
    field = dialog.scratch
    assert field.width() >= field.fontMetrics().horizontalAdvance(field.placeholderText())
    assert str(app_dirs.scratch_root) in field.toolTip()
    assert Settings().memory_limit == "1GB" == dialog.edited().memory_limit
