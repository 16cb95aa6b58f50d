"""`naaccord-desktop check`: exit codes, the JSON shape, human output, scratch wiped."""

from __future__ import annotations

import json

import pytest
from engine_helpers import LAB_HEADER, PATIENT_HEADER, csv_text, lab_row, patient_row, write

from naaccord_desktop.cli import main


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _files(tmp_path, lab_ids=("P1",)):
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1")]))
    lab = write(tmp_path / "lab_export.csv", csv_text(LAB_HEADER, [lab_row(i) for i in lab_ids]))
    return patient, lab


def test_clean_submission_exits_0_and_writes_the_json_shape(tmp_path, capsys, private_cache):
    patient, lab = _files(tmp_path)
    out = tmp_path / "result.json"
    code = main(["check", str(patient), "--table", f"laboratory={lab}", "--json", str(out)])
    assert code == 0
    data = json.loads(out.read_text("utf-8"))
    assert data["schema"] == "naaccord-precheck/1" and data["verdict"] == "clean"
    assert {"app_version", "definitions_version", "files"} <= data.keys()
    f = next(f for f in data["files"] if f["table"] == "laboratory")
    assert {"path", "table", "sha256", "size", "rows", "path_taken", "verdict", "patient_ids",
            "findings", "summaries"} <= f.keys()
    assert f["table"] == "laboratory" and f["path_taken"] == "fast" and f["rows"] == 1
    assert {"distinct", "duplicates", "not_in_patient_file"} <= f["patient_ids"].keys()
    captured = capsys.readouterr()
    assert "Verdict: clean" in captured.out
    assert "load done" in captured.err
    scratch = private_cache / "NA-ACCORD Desktop Precheck" / "scratch"
    assert list(scratch.iterdir()) == []


def test_blocked_submission_exits_1_and_names_lines(tmp_path, capsys):
    patient, lab = _files(tmp_path, lab_ids=("P1", "X1"))
    out = tmp_path / "result.json"
    assert main(["check", str(patient), "--table", f"laboratory={lab}", "--json", str(out)]) == 1
    lab_result = next(f for f in json.loads(out.read_text("utf-8"))["files"] if f["table"] == "laboratory")
    finding = lab_result["findings"][0]
    assert {"code", "severity", "column", "count", "lines", "message"} <= finding.keys()
    assert (finding["code"], finding["count"], finding["lines"]) == ("patient_id.unknown", 1, [3])
    text = capsys.readouterr().out
    assert "BLOCKED" in text and "Line 3." in text
    assert "X1" not in text  # no patient IDs on screen or in logs


def test_usage_errors_exit_2(tmp_path, capsys):
    patient, _ = _files(tmp_path)
    assert main(["check"]) == 2
    assert main(["check", "--table", f"nosuchtable={patient}"]) == 2
    odd = write(tmp_path / "export.csv", ["a,b", "1,2"])
    assert main(["check", str(odd)]) == 2
    assert "--table" in capsys.readouterr().err


def test_unreadable_input_exits_2(tmp_path):
    assert main(["check", "--table", f"patient={tmp_path / 'nothing.csv'}"]) == 2
