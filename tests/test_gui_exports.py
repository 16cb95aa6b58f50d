"""Exports of rows through the real window and engine: every row of a finding
(more than the result lists), byte for byte as the source holds them, at the
lines the generator's answer file names; every problem row of a file once,
with its rules; a file changed since its check is refused; Stop saves nothing."""

from __future__ import annotations

import json
import stat
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from gui_helpers import make_window, wait_idle

from naaccord_desktop.engine.pipeline import check_submission
from naaccord_desktop.engine.progress import CancelToken
from naaccord_desktop.engine.propose import propose_table
from naaccord_desktop.gui.results.findings import FindingsView
from naaccord_desktop.gui.worker import TaskWorker
from naaccord_desktop.sample import write_bundled_sample


class RealEngine:
    check = staticmethod(check_submission)
    propose = staticmethod(propose_table)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The bundled demo, written again with its answer file."""
    folder = tmp_path_factory.mktemp("demo")
    manifest = write_bundled_sample(folder, answer=True)
    answers = json.loads(manifest.answer_file.read_text(encoding="utf-8"))["defects"]
    return manifest, answers


def checked_window(qtbot, tmp_path, manifest, tables):
    window = make_window(qtbot, tmp_path, RealEngine())
    window.add_paths([manifest.paths[t] for t in tables])
    window.check_all()
    wait_idle(qtbot, window)
    return window


def export(qtbot, window, monkeypatch, path: Path, action) -> str:
    monkeypatch.setattr(window, "ask_save_path", lambda *args: str(path))
    action()
    qtbot.waitUntil(lambda: window.export_worker is None, timeout=30_000)
    return window.results_view.findings.export_note.text()


def physical_lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def test_every_row_of_a_finding_is_exported_byte_for_byte(qtbot, tmp_path, monkeypatch, demo):
    manifest, answers = demo
    window = checked_window(qtbot, tmp_path, manifest, ["patient", "laboratory"])
    lab = manifest.paths["laboratory"]
    window.list.setCurrentItem(window.list.item_for(str(lab)))
    view = window.results_view.findings
    finding = view.current_finding()
    assert finding.code == "patient_id.unknown" and finding.count > len(finding.lines) == 20
    out = tmp_path / "unknown.csv"
    note = export(qtbot, window, monkeypatch, out, view.export_button.click)
    assert note.startswith(f"Saved {finding.count} rows to unknown.csv")
    planted = sorted(a["line"] for a in answers if a["file"] == "laboratory.csv"
                     and a["code"] == "patient_id.unknown")
    assert len(planted) == finding.count
    source = physical_lines(lab)
    exported = physical_lines(out)
    assert exported[0] == b"line," + source[0]
    assert exported[1:] == [b"%d," % line + source[line - 1] for line in planted]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_every_problem_row_of_a_file_once_with_its_rules(qtbot, tmp_path, monkeypatch, demo):
    manifest, answers = demo
    window = checked_window(qtbot, tmp_path, manifest, ["patient"])
    patient = manifest.paths["patient"]
    result = window.results[str(patient)]
    out = tmp_path / "patient-rows.csv"
    assert window.export_rows_action.isEnabled()
    export(qtbot, window, monkeypatch, out, window.export_rows_action.trigger)
    source = physical_lines(patient)
    rows = physical_lines(out)[1:]
    lines = [int(r.split(b",", 1)[0]) for r in rows]
    planted = {a["line"] for a in answers if a["file"] == "patient.csv"}
    assert lines == sorted(planted)  # each row once, in line order
    assert sum(f.count for f in result.findings) >= len(lines)
    for row, line in zip(rows, lines, strict=True):
        assert row.endswith(b"," + source[line - 1])
    assert physical_lines(out)[0] == b"line,rules," + source[0]
    assert b"invalid date (enrollDate)" in out.read_bytes()


def test_a_whole_file_finding_has_no_rows_to_export(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, RealEngine())
    folder = tmp_path / "sub"
    folder.mkdir()
    lab = folder / "laboratory.csv"
    lab.write_text("cohortPatientId,testName\nP1,CD4\n", encoding="utf-8")
    window.add_paths([lab])
    window.check_all()
    wait_idle(qtbot, window)
    view = window.results_view.findings
    assert {f.code for f in view.model.findings} >= {"table.no_patient_file", "header.missing_column"}
    for row in range(view.proxy.rowCount()):
        view.table.selectRow(row)
        assert not view.export_button.isEnabled()
        assert "whole" in view.export_button.toolTip()
    assert not view.export_all_button.isEnabled()


def test_a_file_changed_since_its_check_is_refused(qtbot, tmp_path, monkeypatch, demo):
    manifest, _ = demo
    window = checked_window(qtbot, tmp_path, manifest, ["patient", "laboratory"])
    lab = manifest.paths["laboratory"]
    window.list.setCurrentItem(window.list.item_for(str(lab)))
    original = lab.read_bytes()
    told = []
    monkeypatch.setattr(window, "tell", lambda title, message: told.append((title, message)))
    try:
        lab.write_bytes(original.replace(b"\n", b"\n ", 1))
        out = tmp_path / "rows.csv"
        export(qtbot, window, monkeypatch, out, window.results_view.findings.export_button.click)
    finally:
        lab.write_bytes(original)
    assert told and told[0][0] == "The rows were not exported"
    assert "changed since it was checked" in told[0][1]
    assert list(tmp_path.glob("rows.csv*")) == []


def test_stop_ends_an_export_and_its_job_hears_it(qtbot):
    started = threading.Event()

    def job(progress, cancel: CancelToken):
        started.set()
        while True:
            cancel.raise_if_cancelled()  # the job hears Stop through its token
            progress(0.5)  # may come from DuckDB's poller thread: it never raises

    worker = TaskWorker(job, "export", (ValueError,))
    worker.start()
    assert started.wait(5)
    worker.cancel()
    assert worker.wait(5000)
    assert worker.cancelled and worker.result is None and not worker.problem and worker.crash is None


def test_no_export_while_a_check_runs(qtbot, tmp_path, monkeypatch, demo):
    """One DuckDB job at a time: while a check runs, the export buttons are off and an export asked for anyway
    does not start."""
    manifest, _answers = demo
    window = checked_window(qtbot, tmp_path, manifest, ["patient", "laboratory"])
    window.list.setCurrentItem(window.list.item_for(str(manifest.paths["laboratory"])))
    findings = window.results_view.findings
    assert findings.export_all_button.isEnabled()
    window.worker = SimpleNamespace(cancel_requested=False)  # a check running, as the window sees it
    try:
        window._update_controls()
        assert not findings.export_all_button.isEnabled() and not findings.export_button.isEnabled()
        monkeypatch.setattr(window, "ask_save_path", lambda *args: pytest.fail("no export while a check runs"))
        window.export_all_rows()
        assert window.export_worker is None
    finally:
        window.worker = None
        window._update_controls()
    assert findings.export_all_button.isEnabled()


def test_a_findings_view_without_an_exporter_offers_no_export(qtbot):
    """A report reopened from History: its rows are not exported from there."""
    view = FindingsView()
    qtbot.addWidget(view)
    view.show()
    assert not view.export_button.isVisible() and not view.export_all_button.isVisible()
    asked = []
    view.set_exporter(asked.append)
    assert view.export_button.isVisible() and view.export_all_button.isVisible()
