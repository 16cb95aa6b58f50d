"""The precheck receipt: written from a result, read back, and verified against
the files (one changed byte fails); the verify-receipt command's exit codes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from test_reports_sample import SENTINEL_IDS, SENTINEL_VALUES, sample_result

from naaccord_desktop.cli import main
from naaccord_desktop.engine.result import CheckOptions, FileResult, Finding, SubmissionResult
from naaccord_desktop.reports.receipt import (
    RECEIPT_SCHEMA,
    ReceiptError,
    read_receipt,
    verify_receipt,
    write_receipt,
)


@pytest.fixture
def checked(tmp_path):
    """Two real files and the result of a check of them."""
    patient = tmp_path / "patient.csv"
    patient.write_bytes(b"cohortPatientId,birthSex\r\nP1,Male\r\nP2,Female\r\n")
    lab = tmp_path / "laboratory.csv"
    lab.write_bytes(b"cohortPatientId,testName,resultDate\nP1,CD4,2020-01-02\nP9,CD4,2020-13-01\n")
    files = []
    for path, table, findings in (
        (patient, "patient", []),
        (lab, "laboratory", [
            Finding("patient_id.unknown", "blocker", "cohortPatientId", 1, [3], "unknown", values=["P9"]),
            Finding("date.invalid", "error", "resultDate", 1, [3], "bad date", values=["2020-13-01"]),
        ]),
    ):
        f = FileResult(path=str(path), table=table, size=path.stat().st_size, rows=2,
                       sha256=hashlib.sha256(path.read_bytes()).hexdigest(), findings=findings)
        f.verdict = "blocked" if findings else "clean"
        files.append(f)
    result = SubmissionResult("0.1.0", "2025.1", options=CheckOptions(cohort="CNICS"), verdict="blocked",
                              started_at="2026-11-28T14:02:11+01:00", seconds=1.5, files=files)
    return result, patient, lab


def test_receipt_round_trip(tmp_path, checked):
    result, patient, lab = checked
    json_path, text_path = write_receipt(result, tmp_path / "receipt.json")
    receipt = read_receipt(json_path)
    assert receipt["schema"] == RECEIPT_SCHEMA and receipt["verdict"] == "blocked"
    assert receipt["complete"] is True
    entry = receipt["files"][1]
    assert entry == {
        "name": "laboratory.csv", "size": lab.stat().st_size,
        "sha256": hashlib.sha256(lab.read_bytes()).hexdigest(), "table": "laboratory",
        "cohort": "CNICS", "definitions_version": "2025.1", "app_version": "0.1.0",
        "verdict": "blocked", "findings": {"blocker": 1, "error": 1, "warning": 0}, "rows": 2,
        "checked_at": "2026-11-28T14:02:11+01:00", "acknowledged": [],
    }
    text = text_path.read_text(encoding="utf-8")
    assert entry["sha256"] in text and "BLOCKED" in text and "1 blocking, 1 error, " in text
    checks = verify_receipt(json_path, [patient, lab])
    assert [c.status for c in checks] == ["match", "match"]
    assert checks[1].entry == entry
    assert "(as laboratory, verdict Blocked, definitions 2025.1)" in checks[1].message


def test_one_changed_byte_fails(tmp_path, checked):
    result, patient, lab = checked
    json_path, _ = write_receipt(result, tmp_path / "receipt.json")
    data = bytearray(lab.read_bytes())
    data[-3] ^= 0x01
    lab.write_bytes(bytes(data))
    checks = verify_receipt(json_path, [patient, lab])
    assert [c.status for c in checks] == ["match", "changed"]
    assert "changed since it was checked" in checks[1].message


def test_renamed_file_still_matches_and_unknown_file_does_not(tmp_path, checked):
    result, patient, lab = checked
    json_path, _ = write_receipt(result, tmp_path / "receipt.json")
    renamed = tmp_path / "lab_upload.csv"
    renamed.write_bytes(lab.read_bytes())
    other = tmp_path / "medication.csv"
    other.write_bytes(b"cohortPatientId\nP1\n")
    checks = verify_receipt(json_path, [renamed, other])
    assert [c.status for c in checks] == ["match", "not_in_receipt"]
    assert "laboratory.csv" in checks[0].message


def test_receipt_holds_no_ids_or_values(tmp_path):
    json_path, text_path = write_receipt(sample_result(), tmp_path / "receipt.json")
    for path in (json_path, text_path):
        text = path.read_text(encoding="utf-8")
        for planted in SENTINEL_IDS + SENTINEL_VALUES:
            assert planted not in text
        assert "/data/cohort" not in text  # names only, not where the files live


def test_cancelled_check_is_marked_and_unhashed_files_refused(tmp_path, checked, capsys):
    result, _, _ = checked
    result.cancelled = True
    json_path, text_path = write_receipt(result, tmp_path / "r.json")
    assert read_receipt(json_path)["complete"] is False
    assert "CANCELLED" in text_path.read_text(encoding="utf-8")
    assert main(["verify-receipt", str(json_path), result.files[0].path]) == 0
    assert "cancelled before it finished" in capsys.readouterr().out
    result.files[1].sha256 = ""
    with pytest.raises(ReceiptError, match="laboratory.csv"):
        write_receipt(result, tmp_path / "r2.json")
    assert not (tmp_path / "r2.json").exists()


def test_a_txt_name_still_gets_a_json_receipt(tmp_path, checked):
    json_path, text_path = write_receipt(checked[0], tmp_path / "receipt.txt")
    assert json_path.name == "receipt.json" and text_path.name == "receipt.txt"
    assert json.loads(json_path.read_text(encoding="utf-8"))["schema"] == RECEIPT_SCHEMA


def test_not_a_receipt(tmp_path):
    bad = tmp_path / "receipt.json"
    bad.write_text('{"schema": "something else"}', encoding="utf-8")
    with pytest.raises(ReceiptError, match="not a precheck receipt"):
        read_receipt(bad)
    bad.write_text("NA-ACCORD precheck receipt\n", encoding="utf-8")
    with pytest.raises(ReceiptError, match="not a precheck receipt"):
        read_receipt(bad)


@pytest.mark.parametrize("files", ['"patient.csv"', '["patient.csv"]', "[1, 2]", "{}", "null", "[{}, 3]"])
def test_a_receipt_whose_files_are_not_entries_is_refused(tmp_path, checked, capsys, files):
    result, patient, _ = checked
    bad = tmp_path / "receipt.json"
    bad.write_text(f'{{"schema": "{RECEIPT_SCHEMA}", "files": {files}}}', encoding="utf-8")
    with pytest.raises(ReceiptError, match="not a precheck receipt"):
        read_receipt(bad)
    assert main(["verify-receipt", str(bad), str(patient)]) == 2
    captured = capsys.readouterr()
    assert "not a precheck receipt" in captured.out and "Traceback" not in captured.err


def test_verify_receipt_command_exit_codes(tmp_path, checked, capsys):
    result, patient, lab = checked
    json_path, text_path = write_receipt(result, tmp_path / "receipt.json")
    assert main(["verify-receipt", str(json_path), str(patient), str(lab)]) == 0
    assert "All files are the ones that were checked." in capsys.readouterr().out
    assert main(["verify-receipt", str(json_path), str(patient)]) == 0
    assert "also lists laboratory.csv, which was not given" in capsys.readouterr().out
    lab.write_bytes(lab.read_bytes() + b"\n")
    assert main(["verify-receipt", str(json_path), str(patient), str(lab)]) == 1
    out = capsys.readouterr().out
    assert "CHANGED laboratory.csv has changed" in out and "OK      patient.csv" in out
    assert main(["verify-receipt", str(json_path), str(tmp_path / "missing.csv")]) == 2
    assert main(["verify-receipt", str(text_path), str(patient)]) == 2
    assert "not a precheck receipt" in capsys.readouterr().out
    with pytest.raises(SystemExit) as usage:
        main(["verify-receipt", str(json_path)])
    assert usage.value.code == 2


def test_receipt_matches_its_documented_schema(tmp_path, checked):
    schema_file = (Path(__file__).resolve().parents[1] / "naaccord_desktop" / "reports" / "schema"
                   / "naaccord-precheck-receipt-1.schema.json")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema"]["const"] == RECEIPT_SCHEMA
    json_path, _ = write_receipt(checked[0], tmp_path / "receipt.json")
    receipt = read_receipt(json_path)
    assert list(Draft202012Validator(schema).iter_errors(receipt)) == []
    receipt["files"][0]["sha256"] = "not a hash"
    assert list(Draft202012Validator(schema).iter_errors(receipt)) != []
