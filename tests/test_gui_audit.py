"""Privacy ▸ Audit in the window, over the real engine and store: the copies a
check and its exports made, Show in folder and Delete, an export deleted by
hand found gone, the trail by day and as CSV; nothing planted in the audit."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta

from gui_helpers import screenshot
from PySide6.QtCore import QDate
from PySide6.QtGui import QDesktopServices
from test_gui_store_wiring import app_root, checked, in_modal, store, submission, window  # noqa: F401
from test_store_support import files_containing, memory_keyring, use_keyring  # noqa: F401

from naaccord_desktop.engine import copies
from naaccord_desktop.gui.audit_view import AuditDialog
from naaccord_desktop.gui.report_choice import ReportChoiceDialog
from naaccord_desktop.gui.settings_dialog import SettingsDialog
from naaccord_desktop.reports.files import write_atomically
from naaccord_desktop.store.audit import EXPORT_GONE
from naaccord_desktop.store.settings import load_settings


def _column(table, column: int) -> list[str]:
    return [table.item(row, column).text() for row in range(table.rowCount())]


def _save_full_report_and_rows(qtbot, window, out) -> None:
    window.ask_save_path = lambda title, suggested, _filter: str(out / suggested)
    in_modal(qtbot, ReportChoiceDialog, lambda dialog: dialog.accept())  # the full report
    window.save_report_action.trigger()
    key = next(k for k, e in window.list.entries.items() if e.path.name == "laboratory.csv")
    window.list.setCurrentItem(window.list.item_for(key))
    window.ask_save_path = lambda *_args: str(out / "rows.csv")
    window.results_view.findings.export_button.click()
    qtbot.waitUntil(lambda: window.export_worker is None, timeout=30_000)
    assert (out / "precheck-report.html").exists() and (out / "rows.csv").exists()


def test_the_audit_shows_what_a_check_and_its_exports_left_and_deletes_an_export(
        qtbot, window, store, submission, app_root, tmp_path, monkeypatch):
    folder, ids = submission
    checked(qtbot, window, folder)
    out = tmp_path / "out"
    out.mkdir()
    _save_full_report_and_rows(qtbot, window, out)
    if os.name == "posix":
        assert {p.stat().st_mode & 0o777 for p in out.iterdir()} == {0o600}
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))

    def look(dialog: AuditDialog) -> None:
        assert dialog.present_table.rowCount() == 2
        assert sorted(_column(dialog.present_table, 0)) == ["Full report (HTML)", "Rows (CSV)"]
        assert set(_column(dialog.present_table, 1)) == {f"check {store.history.runs()[0].id}"}
        events = list(zip(_column(dialog.trail_table, 1), _column(dialog.trail_table, 2), strict=True))
        assert ("Created", "Scratch folder of a check") in events and ("Wiped", "Scratch folder of a check") in events
        assert events[-2:] == [("Still there", "Rows (CSV)"), ("Still there", "Full report (HTML)")]
        screenshot(dialog, "audit")

        dialog.present_table.selectRow(_column(dialog.present_table, 0).index("Rows (CSV)"))
        dialog.show_button.click()
        assert opened == [str(out)]
        dialog.confirm_delete = lambda _copy: True
        dialog.delete_button.click()
        assert not (out / "rows.csv").exists() and dialog.present_table.rowCount() == 1
        assert dialog.message.text() == "rows.csv was deleted."
        assert ("Deleted from the Audit", "Rows (CSV)") in zip(_column(dialog.trail_table, 1),
                                                                _column(dialog.trail_table, 2), strict=True)

        (out / "precheck-report.html").unlink()  # by hand, outside the app
        dialog.look_button.click()
        assert not dialog.present_table.isVisible() and "Nothing on this computer" in dialog.present_title.text()
        assert EXPORT_GONE in _column(dialog.trail_table, 6)

        shown = dialog.trail_table.rowCount()
        yesterday = date.today() - timedelta(days=1)
        dialog.until.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
        assert dialog.trail_table.rowCount() == 0 and dialog.trail_note.text().startswith("Nothing was made")
        dialog.until.setDate(QDate.currentDate())
        assert dialog.trail_table.rowCount() == shown
        dialog.ask_csv_path = lambda: str(out / "trail.csv")
        dialog.csv_button.click()
        assert len((out / "trail.csv").read_text("utf-8").splitlines()) == shown + 1
        dialog.accept()

    seen = in_modal(qtbot, AuditDialog, look)
    window.audit_action.trigger()
    assert len(seen) == 1
    assert [p.name for p in out.iterdir()] == ["trail.csv"]
    window.close()
    store.close()
    assert files_containing(app_root, ids) == {}
    assert files_containing(out, ids) == {}


def test_the_privacy_menu_and_how_long_the_history_is_kept(qtbot, window, store, monkeypatch):
    assert window.privacy_menu.actions() == [window.audit_action] and window.audit_action.isEnabled()

    def keep_half_a_year(dialog: SettingsDialog) -> None:
        assert dialog.keep_days.value() == 365
        dialog.keep_days.setValue(182)
        dialog.accept()

    in_modal(qtbot, SettingsDialog, keep_half_a_year)
    window.settings_action.trigger()
    assert load_settings(store.paths).keep_days == 182 and window.store_settings.keep_days == 182


def _days_ago(history, path, days: int) -> None:
    """Say the copy at `path` was made (and ended) `days` days ago."""
    when = (datetime.now().astimezone() - timedelta(days=days)).isoformat(timespec="microseconds")
    with history.writing() as db:
        db.execute("UPDATE copies SET created_at = ?, ended_at = CASE ended WHEN '' THEN '' ELSE ? END "
                   "WHERE path = ?", (when, when, str(path)))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def test_the_days_of_the_trail_filter_what_was_read_when_the_dialog_looked(qtbot, store, tmp_path, monkeypatch):
    """Changing the days reads nothing: the records are read when the dialog opens, Look again or
    Delete; the CSV holds the trail shown."""
    audit, today = store.audit, date.today()
    scratch = tmp_path / "run-1"
    audit.made(copies.SCRATCH, scratch, 1)
    with audit.removing(scratch):  # never made on disk: wiped at once
        pass
    _days_ago(store.history, scratch, 3)
    report, rows = tmp_path / "precheck-report.html", tmp_path / "rows.csv"
    write_atomically(report, "<html></html>", copies=audit.for_check(2), kind=copies.FULL_REPORT)
    _days_ago(store.history, report, 1)
    write_atomically(rows, "line,cohortPatientId\n", copies=audit.for_check(3), kind=copies.ROWS_CSV)
    rows.unlink()  # by hand: found gone when the dialog looks
    reads = []
    reading = store.history.reading
    monkeypatch.setattr(store.history, "reading", lambda: reads.append(1) or reading())

    dialog = AuditDialog(audit, store.scratch)
    qtbot.addWidget(dialog)
    dialog.show()
    opened = len(reads)
    assert opened and dialog.since.date() == _qdate(today - timedelta(days=3))
    assert _column(dialog.trail_table, 1) == ["Created", "Wiped", "Created", "Created", "Found gone", "Still there"]
    assert _column(dialog.present_table, 0) == ["Full report (HTML)"]
    screenshot(dialog, "audit-days")

    dialog.until.setDate(_qdate(today - timedelta(days=1)))
    assert _column(dialog.trail_table, 1) == ["Created", "Wiped", "Created"]
    dialog.since.setDate(_qdate(today - timedelta(days=1)))
    assert _column(dialog.trail_table, 2) == ["Full report (HTML)"]
    assert len(reads) == opened, "the trail's days were read from the history again"
    dialog.ask_csv_path = lambda: str(tmp_path / "trail.csv")
    dialog.csv_button.click()
    [line] = (tmp_path / "trail.csv").read_text("utf-8").splitlines()[1:]
    assert line.split(",")[1:] == ["Created", "Full report (HTML)", str(report), "13", "2", ""]
    assert len(reads) == opened

    dialog.look_button.click()
    assert len(reads) > opened
    dialog.close()
