"""Acknowledged findings: kept in the run history by table, code and column
(never a value), they survive a restart and a re-check, show in the JSON,
HTML, workbook, receipt and terminal, can be withdrawn, travel between
machines as a small JSON file, and never change a verdict."""

from __future__ import annotations

import json

import pytest
from engine_helpers import LAB_HEADER, PATIENT_HEADER, csv_text, lab_row, patient_row, write
from test_reports_workbook import as_dicts, read_sheets
from test_store_support import files_containing

from naaccord_desktop.cli import main
from naaccord_desktop.definitions import load_bundled
from naaccord_desktop.engine.acknowledgements import (
    MAX_NOTE,
    Acknowledgement,
    AcknowledgementError,
    acknowledge,
    applied,
    clean_note,
    merged,
)
from naaccord_desktop.engine.privacy import HIDDEN_COLUMN
from naaccord_desktop.engine.result import FileResult, Finding, SubmissionResult
from naaccord_desktop.reports.acknowledgements_file import SCHEMA, read_acknowledgements
from naaccord_desktop.store.history import History
from naaccord_desktop.store.paths import app_paths
from naaccord_desktop.store.secrets import load_secrets

NOTE = "legacy IDs, agreed with the coordinating center on 2026-10-01"
SECRET_HEADER = "ZQSECRETHEADER"


@pytest.fixture
def submission(tmp_path):
    folder = tmp_path / "submission"
    folder.mkdir()
    patient = write(folder / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1"), patient_row("P2")]))
    lab_rows = csv_text(LAB_HEADER, [lab_row("P1"), lab_row("ZQUNKNOWN9")])
    lab_rows = [f"{lab_rows[0]},{SECRET_HEADER}", *(f"{line},x" for line in lab_rows[1:])]
    lab = write(folder / "laboratory.csv", lab_rows)
    return ["--table", f"patient={patient}", "--table", f"laboratory={lab}"]


def _history() -> History:
    return History(app_paths().ensure().history_db, load_secrets())


def _check(files, out, *extra) -> tuple[int, dict]:
    out.mkdir(exist_ok=True)
    code = main(["check", *files, "--json", str(out / "result.json"), "--html", str(out / "report.html"),
                 "--xlsx", str(out / "book.xlsx"), "--receipt", str(out / "receipt.json"), *extra])
    return code, json.loads((out / "result.json").read_text(encoding="utf-8"))


def _lab_findings(result: dict) -> dict[str, dict]:
    lab = next(f for f in result["files"] if f["table"] == "laboratory")
    return {x["code"]: x for x in lab["findings"]}


def test_an_acknowledged_blocker_survives_a_restart_and_a_recheck_and_still_blocks(
        tmp_path, submission, capsys, private_app_folders):
    code, first = _check(submission, tmp_path / "first")
    assert code == 1 and first["verdict"] == "blocked"
    unknown = _lab_findings(first)["patient_id.unknown"]
    assert unknown["acknowledged"] is None
    definitions = load_bundled()
    finding = Finding(**{**unknown, "acknowledged": None})
    extra = Finding(**{**_lab_findings(first)["header.extra_column"], "acknowledged": None})
    history = _history()
    history.acknowledge([acknowledge("laboratory", finding, NOTE, definitions),
                         acknowledge("laboratory", extra, "we add a column of our own", definitions)])
    history.close()  # the app closes; the next check opens the history anew

    capsys.readouterr()
    code, second = _check(submission, tmp_path / "second")
    terminal = capsys.readouterr().out
    assert code == 1 and second["verdict"] == "blocked"  # the depot still refuses
    found = _lab_findings(second)
    assert found["patient_id.unknown"]["acknowledged"]["note"] == NOTE
    assert found["patient_id.unknown"]["severity"] == "blocker"
    assert found["header.extra_column"]["acknowledged"]["column"] == HIDDEN_COLUMN
    out = tmp_path / "second"
    assert NOTE in (out / "report.html").read_text(encoding="utf-8")
    assert NOTE in terminal
    receipt = json.loads((out / "receipt.json").read_text(encoding="utf-8"))
    lab_entry = next(e for e in receipt["files"] if e["table"] == "laboratory")
    assert {(a["code"], a["note"]) for a in lab_entry["acknowledged"]} >= {("patient_id.unknown", NOTE)}
    assert lab_entry["verdict"] == "blocked" and NOTE in (out / "receipt.txt").read_text(encoding="utf-8")
    workbook = as_dicts(read_sheets(out / "book.xlsx")["Findings"])
    assert any(NOTE in row["Acknowledged"] and row["Code"] == "patient_id.unknown" for row in workbook)
    assert SECRET_HEADER not in json.dumps([a.__dict__ for a in _history_acks()])

    history = _history()
    (newest, *_rest) = history.runs()
    stored = history.load(newest.id)  # the run history's own report carries it too
    assert any(x.acknowledged and x.acknowledged.note == NOTE for f in stored.files for x in f.findings)
    history.withdraw("laboratory", "patient_id.unknown", "cohortPatientId")
    history.close()
    _code, third = _check(submission, tmp_path / "third")
    assert _lab_findings(third)["patient_id.unknown"]["acknowledged"] is None
    assert _lab_findings(third)["header.extra_column"]["acknowledged"] is not None
    assert files_containing(private_app_folders, [SECRET_HEADER, "ZQUNKNOWN9"]) == {}


def _history_acks() -> list[Acknowledgement]:
    history = _history()
    try:
        return history.acknowledgements()
    finally:
        history.close()


def test_the_shared_file_is_read_added_and_written_back(tmp_path, submission):
    shared = tmp_path / "site-acknowledgements.json"
    shared.write_text(json.dumps({"schema": SCHEMA, "acknowledgements": [
        {"table": "laboratory", "code": "patient_id.unknown", "column": "cohortPatientId", "note": NOTE,
         "since": "2026-10-01T09:30:00+02:00"}]}), encoding="utf-8")
    code, result = _check(submission, tmp_path / "out", "--acknowledgements", str(shared))
    assert code == 1 and _lab_findings(result)["patient_id.unknown"]["acknowledged"]["note"] == NOTE
    assert [a.note for a in _history_acks()] == [NOTE]  # kept on this computer too

    elsewhere = tmp_path / "for-another-machine.json"  # a file that does not exist yet gets this computer's
    _check(submission, tmp_path / "again", "--no-history", "--acknowledgements", str(elsewhere))
    # this computer's acknowledgements, whether or not the check itself is recorded
    assert [a.note for a in read_acknowledgements(elsewhere, load_bundled())] == [NOTE]
    _code, unrecorded = _check(submission, tmp_path / "third", "--no-history")
    assert _lab_findings(unrecorded)["patient_id.unknown"]["acknowledged"]["note"] == NOTE


@pytest.mark.parametrize(("content", "words"), [
    ("not json", "is not an acknowledgements file (it is not JSON)"),
    (json.dumps({"schema": "other", "acknowledgements": []}), "this version can read"),
    (json.dumps({"schema": SCHEMA, "acknowledgements": [{"table": "laboratory"}]}), "needs the texts"),
    (json.dumps({"schema": SCHEMA, "acknowledgements": [
        {"table": "laboratory", "code": "date.invalid", "column": "ZQ-VALUE-42", "note": "n", "since": ""}]}),
     "the laboratory table has no column 'ZQ-VALUE-42'"),
    (json.dumps({"schema": SCHEMA, "acknowledgements": [
        {"table": "labs", "code": "date.invalid", "column": "", "note": "n", "since": ""}]}),
     "there is no table type 'labs'"),
])
def test_a_bad_shared_file_is_said_in_words_before_the_check(tmp_path, submission, capsys, content, words):
    shared = tmp_path / "acks.json"
    shared.write_text(content, encoding="utf-8")
    assert main(["check", *submission, "--acknowledgements", str(shared)]) == 2
    assert words in capsys.readouterr().err
    assert shared.read_text(encoding="utf-8") == content  # left as it was


def test_notes_are_short_single_lines_and_keys_hold_no_values():
    assert clean_note("  legacy IDs,\n agreed\twith the center ") == "legacy IDs, agreed with the center"
    with pytest.raises(AcknowledgementError, match="Write a short note"):
        clean_note(" \n ")
    with pytest.raises(AcknowledgementError, match="keep it under"):
        clean_note("x" * (MAX_NOTE + 1))
    definitions = load_bundled()
    extra = Finding("header.extra_column", "warning", SECRET_HEADER, 1, [1], "m", values=[SECRET_HEADER])
    whole = Finding("table.no_patient_file", "blocker", None, 1, [], "m")
    assert acknowledge("laboratory", extra, "ours", definitions).key == ("laboratory", "header.extra_column",
                                                                          HIDDEN_COLUMN)
    assert acknowledge("laboratory", whole, "ours", definitions).key == ("laboratory", "table.no_patient_file", "")


def test_applying_marks_findings_and_changes_no_verdict():
    definitions = load_bundled()
    blocker = Finding("patient_id.unknown", "blocker", "cohortPatientId", 3, [2], "m")
    result = SubmissionResult("0", "1", verdict="blocked")
    result.files = [FileResult("lab.csv", "laboratory", verdict="blocked", findings=[blocker])]
    ack = acknowledge("laboratory", blocker, NOTE, definitions, since="2026-10-01T09:00:00+00:00")
    marked = applied(result, [ack], definitions)
    assert marked.verdict == "blocked" and marked.files[0].verdict == "blocked"
    assert marked.files[0].findings[0].acknowledged.note == NOTE
    assert result.files[0].findings[0].acknowledged is None  # the original is not changed
    assert applied(marked, [], definitions).files[0].findings[0].acknowledged is None  # withdrawn
    newer = Acknowledgement(*ack.key, "newer words", "2026-11-01T09:00:00+00:00")
    assert [a.note for a in merged([newer], [ack])] == ["newer words"]  # the later one wins
    assert SubmissionResult.from_dict(marked.to_dict()).files[0].findings[0].acknowledged == \
        marked.files[0].findings[0].acknowledged
