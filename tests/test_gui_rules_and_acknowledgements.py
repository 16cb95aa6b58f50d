"""The window's Help > Rules (every column of every table reachable, checked
against the definitions), a finding's "What does this rule mean?", saving the
workbook from File > Save report, and acknowledging a finding: it survives a
restart and a re-check, shows in the window, the reports and the receipt, and
the blocker still blocks."""

from __future__ import annotations

import json

from gui_helpers import screenshot
from PySide6.QtCore import QSettings, QUrl
from test_gui_store_wiring import app_root, checked, in_modal, store, submission  # noqa: F401  (fixtures)
from test_reports_workbook import as_dicts, read_sheets
from test_store_support import memory_keyring, use_keyring  # noqa: F401  (fixtures)

from naaccord_desktop.definitions import load_bundled
from naaccord_desktop.gui.acknowledge import AcknowledgeDialog
from naaccord_desktop.gui.app import build_window
from naaccord_desktop.gui.report_choice import ReportChoiceDialog
from naaccord_desktop.gui.results.findings import RULE_LINK, STAR
from naaccord_desktop.gui.rules_dialog import WHERE, RulesDialog
from naaccord_desktop.reports.rules_reference import column_rules, presence, type_words
from naaccord_desktop.store import logs
from naaccord_desktop.store.paths import app_paths
from naaccord_desktop.store.session import open_local_state

NOTE = "legacy IDs, agreed with the coordinating center on 2026-10-01"


def test_every_column_of_every_table_is_reachable_in_help_rules(qtbot):
    definitions = load_bundled()
    dialog = RulesDialog(definitions)
    qtbot.addWidget(dialog)
    dialog.show()
    reached = set()
    for i in range(dialog.tree.topLevelItemCount()):
        top = dialog.tree.topLevelItem(i)
        for k in range(top.childCount()):
            dialog.tree.setCurrentItem(top.child(k))
            table, name = top.child(k).data(0, WHERE)
            column = definitions.tables[table].column(name)
            text = dialog.page.toPlainText()
            assert name in text and type_words(column) in text and presence(column) in text
            assert column.description in text
            for value in column.values:
                assert value.value in text and value.meaning in text
            for rule in column_rules(definitions.tables[table], column):
                assert rule.meaning in text
            reached.add((table, name))
    assert reached == {(t.name, c.name) for t in definitions.tables.values() for c in t.columns}
    dialog.show_rule("patient", "birthSex")
    assert dialog.tree.currentItem().data(0, WHERE) == ("patient", "birthSex")
    assert dialog.page.verticalScrollBar().value() > 0  # scrolled down to the column
    screenshot(dialog, "rules-dialog")
    dialog.show_rule("no such table", "x")  # a finding of a table the definitions lack: the rules of every file
    assert dialog.tree.currentItem().data(0, WHERE) == ("", "")
    assert "quote never closed" in dialog.page.toPlainText()


def _window(qtbot, tmp_path, state, name="window.ini"):
    w = build_window(QSettings(str(tmp_path / name), QSettings.Format.IniFormat), state.scratch.root, state)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    return w


def _select_unknown_ids(window):
    key = next(k for k, e in window.list.entries.items() if e.path.name == "laboratory.csv")
    window.list.setCurrentItem(window.list.item_for(key))
    findings = window.results_view.findings
    findings.table.selectRow(findings._row_of(next(f for f in findings.model.findings
                                                   if f.code == "patient_id.unknown")))
    assert findings.current_finding().code == "patient_id.unknown"
    return findings


def test_an_acknowledged_finding_follows_the_table_and_changes_no_verdict(qtbot, tmp_path, store, submission,
                                                                          app_root):
    folder, _ids = submission
    window = _window(qtbot, tmp_path, store)
    assert window.rules_action in window.help_menu.actions()
    checked(qtbot, window, folder)
    findings = _select_unknown_ids(window)
    assert findings.acknowledge_button.isVisible() and findings.acknowledge_button.text() == "Acknowledge…"

    def write_note(dialog: AcknowledgeDialog) -> None:
        dialog.accept()  # an empty note is refused, in words
        assert dialog.isVisible() and "Write a short note" in dialog.problem.text()
        dialog.field.setText(NOTE)
        screenshot(dialog, "acknowledge-dialog")
        dialog.accept()

    seen = in_modal(qtbot, AcknowledgeDialog, write_note)
    findings.acknowledge_button.click()
    assert len(seen) == 1
    finding = findings.current_finding()  # the same finding stays selected
    assert finding.code == "patient_id.unknown" and finding.acknowledged.note == NOTE
    assert findings.model.data(findings.model.index(findings.model.findings.index(finding), 1)).startswith(STAR)
    assert NOTE in findings.detail.toPlainText() and findings.acknowledge_button.text() == "Withdraw acknowledgement"
    assert window.list.entries[window.list.current_key()].state == "blocked"  # still blocks
    screenshot(window, "window-acknowledged")

    # "What does this rule mean?" opens Help > Rules at the finding's column
    rules = in_modal(qtbot, RulesDialog, lambda d: d.accept())
    findings.detail.anchorClicked.emit(QUrl(RULE_LINK))
    assert len(rules) == 1 and rules[0].tree.currentItem().data(0, WHERE) == ("laboratory", "cohortPatientId")

    # The reports and the receipt carry it; the workbook is chosen in the Save report dialog
    out = tmp_path / "out"
    out.mkdir()
    window.ask_save_path = lambda _title, suggested, _filter: str(out / suggested)
    in_modal(qtbot, ReportChoiceDialog, lambda d: (d.workbook.click(), d.accept()))
    window.save_report_action.trigger()
    book = as_dicts(read_sheets(out / "precheck-report.xlsx")["Findings"])
    assert any(NOTE in row["Acknowledged"] for row in book if row["Code"] == "patient_id.unknown")
    in_modal(qtbot, ReportChoiceDialog, lambda d: d.accept())  # the full web page
    window.save_report_action.trigger()
    assert NOTE in (out / "precheck-report.html").read_text(encoding="utf-8")
    window.ask_save_path = lambda *_args: str(out / "receipt.json")
    window.save_receipt_action.trigger()
    receipt = json.loads((out / "receipt.json").read_text(encoding="utf-8"))
    assert receipt["verdict"] == "blocked"
    assert any(a["note"] == NOTE for f in receipt["files"] for a in f["acknowledged"])
    window.close()
    store.close()

    # A restart: the history is opened anew, the same files checked again
    again = open_local_state(app_paths().ensure())
    try:
        window = _window(qtbot, tmp_path, again, "again.ini")
        checked(qtbot, window, folder)
        findings = _select_unknown_ids(window)
        assert findings.current_finding().acknowledged.note == NOTE
        assert window.list.entries[window.list.current_key()].state == "blocked"
        findings.acknowledge_button.click()  # withdraw
        assert findings.current_finding().acknowledged is None
        assert STAR not in findings.detail.toPlainText()
        assert again.history.acknowledgements() == []
        window.close()
    finally:
        again.close()
        logs.close_logging()
