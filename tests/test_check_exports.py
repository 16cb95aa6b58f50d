"""`check --html/--shareable-html/--receipt/--json` write their exports; the
receipt verifies the checked files and fails on a changed byte."""

from __future__ import annotations

import json

import pytest

from naaccord_desktop.cli import main
from naaccord_desktop.commands.check import render
from naaccord_desktop.definitions.loader import load_bundled
from naaccord_desktop.engine.result import FileResult, StageRecord, SubmissionResult
from naaccord_desktop.sample import write_submission
from naaccord_desktop.store.paths import app_paths
from naaccord_desktop.store.settings import Settings, save_settings


def _submission(tmp_path):
    manifest = write_submission(tmp_path / "sub", rows=300, seed=7, defects=True,
                                tables=["patient", "laboratory"])
    return manifest.paths["patient"], manifest.paths["laboratory"]


def test_check_writes_every_export_and_the_receipt_verifies(tmp_path, capsys):
    patient, lab = _submission(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    code = main(["check", str(patient), str(lab), "--json", str(out / "r.json"),
                 "--html", str(out / "full.html"), "--shareable-html", str(out / "share.html"),
                 "--receipt", str(out / "receipt.json")])
    assert code == 1  # planted unknown patient IDs block the upload
    result = json.loads((out / "r.json").read_text("utf-8"))
    unknown = [i["id"] for f in result["files"] for i in f["patient_ids"]["unknown"]]
    assert unknown
    full = (out / "full.html").read_text("utf-8")
    shareable = (out / "share.html").read_text("utf-8")
    assert all(i in full for i in unknown)
    assert not any(i in shareable for i in unknown)
    assert "Receipt:" in capsys.readouterr().out
    assert (out / "receipt.txt").is_file()

    assert main(["verify-receipt", str(out / "receipt.json"), str(patient), str(lab)]) == 0
    data = bytearray(lab.read_bytes())
    data[-2] ^= 1
    lab.write_bytes(bytes(data))
    assert main(["verify-receipt", str(out / "receipt.json"), str(patient), str(lab)]) == 1


def test_an_export_that_cannot_be_written_exits_2_in_plain_words(tmp_path, capsys):
    patient, lab = _submission(tmp_path)
    missing_folder = tmp_path / "no" / "such" / "folder" / "r.html"
    assert main(["check", str(patient), str(lab), "--html", str(missing_folder)]) == 2
    err = capsys.readouterr().err
    assert "cannot be saved" in err and "Traceback" not in err


def test_a_scratch_location_that_cannot_be_made_exits_2_in_plain_words(tmp_path, capsys):
    patient, lab = _submission(tmp_path)
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x")
    save_settings(Settings(scratch_location=str(not_a_folder)), app_paths().ensure())
    assert main(["check", str(patient), str(lab)]) == 2
    err = capsys.readouterr().err
    assert "could not start" in err and "scratch location" in err and "Traceback" not in err


def test_a_missing_file_is_said_to_be_missing(tmp_path, capsys):
    assert main(["check", str(tmp_path / "patient.csv")]) == 2
    err = capsys.readouterr().err
    assert "File not found: " in err and "patient.csv" in err and "which table" not in err
    assert main(["check", "--table", f"laboratory={tmp_path / 'lab.csv'}"]) == 2
    assert "File not found: " in capsys.readouterr().err


@pytest.mark.parametrize("option, value, words", [
    ("--memory-limit", "0KB", "at least 128MB"),
    ("--memory-limit", "lots", "number with a unit"),
    ("--memory-limit", "100MB", "at least 128MB"),
    ("--threads", "0", "between 1 and 64"),
    ("--threads", "many", "between 1 and 64"),
])
def test_unusable_duckdb_settings_are_refused_before_the_check(tmp_path, capsys, option, value, words):
    patient, _ = _submission(tmp_path)
    with pytest.raises(SystemExit) as usage:
        main(["check", str(patient), option, value])
    assert usage.value.code == 2
    err = capsys.readouterr().err
    assert words in err and "Exception" not in err


def test_progress_and_failed_steps_name_the_stages_in_words(tmp_path, capsys):
    patient, lab = _submission(tmp_path)
    main(["check", str(patient), str(lab), "--memory-limit", "0.5GB"])
    err = capsys.readouterr().err
    assert "patient IDs done" in err and "cross-check done" in err
    assert "patient_ids" not in err and "crosscheck" not in err


def test_a_failed_step_is_named_by_its_title():
    result = SubmissionResult("0.1.0", "2025.1", files=[FileResult(
        path="lab.csv", table="laboratory",
        stages=[StageRecord("patient_ids", "failed", 0.1, "the IDs could not be read")])])
    assert "Step Patient IDs failed: the IDs could not be read" in render(result, load_bundled(), str)
