"""The declared pipeline is the pipeline that runs: a stage added to a list
runs and shows in the stepper and on the command line; a stage that breaks
fails that stage of that file only, on either path; a check from the command
line is in the window's History with what changed."""

from __future__ import annotations

import dataclasses

import pytest
from engine_helpers import LAB_HEADER, PATIENT_HEADER, check, csv_text, lab_row, one, patient_row, write
from PySide6.QtCore import Qt

from naaccord_desktop.cli import main
from naaccord_desktop.definitions.loader import load_bundled
from naaccord_desktop.engine import messages, pipeline
from naaccord_desktop.engine.progress import Stage
from naaccord_desktop.engine.run import Done
from naaccord_desktop.gui.history_view import HistoryDialog
from naaccord_desktop.gui.stepper import Stepper
from naaccord_desktop.store.history import History
from naaccord_desktop.store.paths import app_paths
from naaccord_desktop.store.secrets import load_secrets


def _submission(tmp_path, lab_rows=None):
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1"), patient_row("P2")]))
    lab = write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, lab_rows or [lab_row("P1"), lab_row("P2")]))
    return patient, lab


def _with_extra_stage(monkeypatch) -> list[str]:
    ran = []

    def count_rows(run):
        ran.append(run.file.path.name)
        return Done(f"{run.loaded.rows} rows counted again")

    extra = Stage("row_count", "Row count", "Counts the loaded rows again", run=count_rows)
    fast = pipeline.FAST_STAGES
    monkeypatch.setattr(pipeline, "FAST_STAGES", (*fast[:-1], extra, fast[-1]))
    return ran


def test_a_stage_added_to_the_list_runs_and_shows_in_the_stepper(tmp_path, monkeypatch, qtbot):
    ran = _with_extra_stage(monkeypatch)
    patient, lab = _submission(tmp_path)
    stepper = Stepper()
    qtbot.addWidget(stepper)
    stepper.begin_run("laboratory")

    def to_stepper(event):
        if event.file == str(lab):
            stepper.apply(event)

    run = check(tmp_path, {"patient": patient, "laboratory": lab}, on_event=to_stepper)
    assert sorted(ran) == ["laboratory.csv", "patient.csv"]
    f = run.file("laboratory.csv")
    record = next(s for s in f.stages if s.key == "row_count")
    assert (record.status, record.note) == ("done", "2 rows counted again")
    assert [s.key for s in f.stages][-2:] == ["row_count", "summaries"]
    assert stepper.states()["row_count"] == "done"


def test_a_stage_added_to_the_list_shows_on_the_command_line(tmp_path, monkeypatch, capsys):
    _with_extra_stage(monkeypatch)
    patient, _lab = _submission(tmp_path)
    assert main(["check", "--no-history", str(patient)]) == 0
    assert "patient.csv: row count done" in capsys.readouterr().err


def _boom_for_the_lab_file(real):
    def boom(arg):
        runs = arg if isinstance(arg, list) else [arg]
        if any(r.file.path.name == "laboratory.csv" for r in runs):
            raise RuntimeError("an unforeseen bug")
        return real(arg) if real is not None else None
    return boom


def _broken(stages: tuple[Stage, ...], key: str, part: str) -> tuple[Stage, ...]:
    return tuple(dataclasses.replace(s, **{part: _boom_for_the_lab_file(getattr(s, part))}) if s.key == key else s
                 for s in stages)


CASES = [(False, s.key, "run") for s in pipeline.FAST_STAGES] + \
        [(True, s.key, "run") for s in pipeline.DIAGNOSTIC_STAGES] + \
        [(diagnose, s.key, "prepare") for diagnose in (False, True) for s in pipeline.FAST_STAGES if s.prepare]


@pytest.mark.parametrize(("diagnose", "key", "part"), CASES,
                         ids=[f"{'diagnostic' if d else 'fast'}-{k}-{p}" for d, k, p in CASES])
def test_a_stage_that_breaks_fails_that_stage_of_that_file_only(tmp_path, monkeypatch, diagnose, key, part):
    listed = "DIAGNOSTIC_STAGES" if diagnose else "FAST_STAGES"
    monkeypatch.setattr(pipeline, listed, _broken(getattr(pipeline, listed), key, part))
    patient, lab = _submission(tmp_path)
    run = check(tmp_path, {"patient": patient, "laboratory": lab}, diagnose=diagnose)
    assert not run.result.cancelled
    broken = run.file("laboratory.csv")
    statuses = {s.key: s.status for s in broken.stages}
    assert statuses[key] == "failed"
    later = [s.key for s in getattr(pipeline, listed)][[s.key for s in getattr(pipeline, listed)].index(key) + 1:]
    assert all(statuses[k] == "skipped" for k in later)
    assert one(broken, "file.unreadable").message == messages.app_problem()[0]
    kept = run.file("patient.csv")
    assert kept.verdict == "clean" and "failed" not in {s.status for s in kept.stages}
    assert kept.summaries  # the patient file was checked to the end


def test_a_check_from_the_command_line_is_in_the_windows_history(tmp_path, qtbot, capsys):
    patient, lab = _submission(tmp_path, [lab_row("P1"), lab_row("P2", resultDate="2020-13-01")])
    assert main(["check", str(patient), str(lab)]) == 0
    write(lab, csv_text(LAB_HEADER, [lab_row("P1"), lab_row("NOBODY")]))
    assert main(["check", str(patient), str(lab)]) == 1
    assert main(["check", "--no-history", str(patient), str(lab)]) == 1
    capsys.readouterr()

    history = History(app_paths().history_db, load_secrets())
    try:
        dialog = HistoryDialog(history, load_bundled())
        qtbot.addWidget(dialog)
        assert dialog.table.rowCount() == 2  # the --no-history check is not there
        assert dialog.table.item(0, 3).text() == "Blocked"
        latest = dialog.rows[0].id
        dialog.select_run(latest)
        qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
        texts = []
        for i in range(dialog.changes.topLevelItemCount()):
            top = dialog.changes.topLevelItem(i)
            texts.append(top.text(0))
            texts.extend(top.child(k).text(0) for k in range(top.childCount()))
        assert any(t.startswith("laboratory: since the check of") for t in texts)
        assert "New (1)" in texts and "Fixed (1)" in texts  # the unknown ID came, the bad date went
    finally:
        history.close()
