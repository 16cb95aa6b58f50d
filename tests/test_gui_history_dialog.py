"""The History dialog as the trial used it: a 16-file submission keeps the
Result column on screen, and a stopped run has no verdict, neither in the
list's filter nor when its report is reopened."""

from __future__ import annotations

import pytest
from gui_helpers import blocked_result, clean_result, screenshot
from test_store_support import memory_keyring, use_keyring  # noqa: F401  (fixtures)

from naaccord_desktop.definitions.loader import load_bundled
from naaccord_desktop.engine.result import StageRecord, SubmissionResult
from naaccord_desktop.gui.history_view import COLUMNS, HistoryDialog
from naaccord_desktop.gui.results.badges import BANNER_COLOURS
from naaccord_desktop.reports.words import NOT_CHECKED
from naaccord_desktop.store.history import History
from naaccord_desktop.store.secrets import load_secrets

RESULT = COLUMNS.index("Result")


@pytest.fixture
def history(tmp_path, monkeypatch, memory_keyring):
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    opened = History(tmp_path / "history.sqlite3", load_secrets())
    yield opened
    opened.close()


def record(history: History, result: SubmissionResult) -> int:
    run_id = history.start_run(result.files, cohort="", app_version="t", definitions_version="d")
    history.finish_run(run_id, result)
    return run_id


def sixteen_files() -> SubmissionResult:
    definitions = load_bundled()
    files = []
    for table in sorted(definitions.tables):
        f = blocked_result(f"/data/site_export_2025Q3_{table}_final_version.csv")
        f.table = table
        f.stages = [StageRecord("rules", "done", 0.1)]
        files.append(f)
    assert len(files) == 16
    return SubmissionResult("t", "d", verdict="blocked", files=files)


def test_the_result_column_stays_on_screen_with_sixteen_files(qtbot, history):
    record(history, sixteen_files())
    dialog = HistoryDialog(history, load_bundled())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    viewport = table.viewport().width()
    header = table.horizontalHeader()
    assert header.sectionViewportPosition(RESULT) + header.sectionSize(RESULT) <= viewport
    last = len(COLUMNS) - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= viewport
    assert not table.horizontalScrollBar().isVisible()
    assert table.item(0, RESULT).text() == "Blocked"
    assert "site_export_2025Q3_patient_final_version.csv" in table.item(0, 1).toolTip()
    screenshot(dialog, "history-sixteen-files")


def test_a_stopped_run_has_no_verdict_in_the_history(qtbot, history):
    stopped = clean_result("/data/patient.csv")
    stopped.stages = [StageRecord("inspect", "done", 0.1), StageRecord("load", "cancelled", 2.0)]
    stopped_run = record(history, SubmissionResult("t", "d", cancelled=True, files=[stopped]))
    done = clean_result("/data/patient.csv")
    done.stages = [StageRecord("rules", "done", 0.1)]
    finished_run = record(history, SubmissionResult("t", "d", files=[done]))
    dialog = HistoryDialog(history, load_bundled())
    qtbot.addWidget(dialog)
    dialog.verdict_filter.setCurrentIndex(dialog.verdict_filter.findData("clean"))
    assert [row.id for row in dialog.rows] == [finished_run]
    dialog.verdict_filter.setCurrentIndex(0)
    dialog.select_run(stopped_run)
    assert dialog.table.item(dialog.table.currentRow(), RESULT).text() == "Stopped before the end"
    dialog.open_selected()
    banner = dialog.results_view.banner
    assert banner.headline.text() == NOT_CHECKED
    assert BANNER_COLOURS["neutral"][0] in banner.styleSheet()
