"""What `naaccord-desktop check` says on a terminal: a cohort it does not know
is refused, offending values are shown but patient IDs never, a closing summary
after the long listing, counts in proper English, a stopped file with no
verdict, and SIGTERM wipes the scratch folder like Ctrl+C."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from naaccord_desktop.cli import main
from naaccord_desktop.commands.check import render
from naaccord_desktop.definitions.cohorts import cohort_names
from naaccord_desktop.definitions.loader import load_bundled
from naaccord_desktop.engine.result import FileResult, Finding, PatientIds, StageRecord, SubmissionResult
from naaccord_desktop.engine.translation import counted
from naaccord_desktop.reports.words import NOT_CHECKED, rows
from naaccord_desktop.sample import write_submission

REPO = Path(__file__).resolve().parents[1]
SCRATCH = Path("NA-ACCORD Desktop Precheck") / "scratch"


@pytest.fixture
def private_home(tmp_path, monkeypatch):
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "home" / name.lower()))
    return tmp_path / "home"


@pytest.fixture
def defective(tmp_path):
    manifest = write_submission(tmp_path / "sub", rows=300, seed=7, defects=True,
                                tables=["patient", "laboratory", "medication"])
    return manifest.paths


def test_an_unknown_cohort_is_refused_with_the_known_ones(defective, capsys, private_home):
    assert main(["check", str(defective["patient"]), "--cohort", "Nowhere Clinic"]) == 2
    err = capsys.readouterr().err
    assert "'Nowhere Clinic'" in err
    assert all(name in err for name in cohort_names())
    assert "definitions --cohorts" in err


def test_a_cohort_matches_in_any_case_and_is_reported_as_spelled(defective, tmp_path, capsys, private_home):
    known = cohort_names()[0]
    out = tmp_path / "r.json"
    main(["check", str(defective["patient"]), "--cohort", f"  {known.upper()} ", "--json", str(out)])
    assert json.loads(out.read_text("utf-8"))["cohort"] == known


def test_help_says_where_the_cohorts_are_listed(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "definitions --cohorts" in " ".join(capsys.readouterr().out.split())


def test_values_are_shown_with_their_lines_but_never_patient_ids(defective, tmp_path, capsys, private_home):
    out = tmp_path / "r.json"
    assert main(["check", *(str(p) for p in defective.values()), "--json", str(out)]) == 1
    text = capsys.readouterr().out
    result = json.loads(out.read_text("utf-8"))
    ids = {i["id"] for f in result["files"] for key in ("unknown", "duplicates")
           for i in f["patient_ids"][key]}
    assert ids, "the sample plants unknown and duplicated patient IDs"
    for f in result["files"]:
        for finding in f["findings"]:
            if finding["column"] == "cohortPatientId":
                ids.update(v for v in finding["values"] if v.strip())
    assert not [i for i in ids if f'"{i}"' in text or f" {i} " in text or f" {i}\n" in text]
    dates = next(x for f in result["files"] for x in f["findings"]
                 if x["code"] == "date.invalid" and f["table"] == "patient")
    assert f'line {dates["lines"][0]}: "{dates["values"][0]}"' in text
    padded = next(v for f in result["files"] for x in f["findings"] if x["code"] == "value.whitespace"
                  and x["column"] != "cohortPatientId" for v in x["values"] if v.startswith("  "))
    assert f'"{padded}"' in text  # spaces around a value stay visible


def test_a_long_listing_ends_with_the_verdict_and_one_line_per_file(defective, capsys, private_home):
    main(["check", *(str(p) for p in defective.values())])
    tail = capsys.readouterr().out.rstrip("\n").splitlines()[-4:]
    assert tail[0] == "Summary: BLOCKED: the depot would reject it"
    by_name = {line.split()[0]: line for line in tail[1:]}
    assert set(by_name) == {"patient.csv", "laboratory.csv", "medication.csv"}
    assert by_name["laboratory.csv"].split()[1] == "laboratory"
    assert "Blocked: 2 blocking, 6 errors, 10 warnings" in by_name["laboratory.csv"]
    assert "Ready to upload: 0 blocking" in by_name["patient.csv"]


def test_counts_of_one_are_singular():
    assert [rows(n) for n in (0, 1, 2, 1000)] == ["0 rows", "1 row", "2 rows", "1,000 rows"]
    assert counted(1, "{n} entry", "{n} entries") == "1 entry" and counted(3, "{n} entry", "{n} entries") == "3 entries"
    lab = FileResult("lab.csv", "laboratory", rows=1, size=1, verdict="blocked",
                     patient_ids=PatientIds(distinct=1, not_in_patient_file=1, rows_with_unknown=1),
                     findings=[Finding("patient_id.unknown", "blocker", "cohortPatientId", 1, [2], "Unknown.")],
                     stages=[StageRecord("rules", "done", 0.1)])
    text = render(SubmissionResult("t", "d", verdict="blocked", files=[lab]), load_bundled(), str)
    assert "1 row, 1 byte" in text and "1 distinct patient, 1 ID not in the patient file (1 row)" in text
    assert "1 warning" not in text and "0 errors" in text and "1 rows" not in text


def test_only_the_patient_file_speaks_of_duplicates():
    patient = FileResult("patient.csv", "patient", patient_ids=PatientIds(distinct=174),
                         stages=[StageRecord("rules", "done", 0.1)])
    lab = FileResult("lab.csv", "laboratory", patient_ids=PatientIds(distinct=174),
                     stages=[StageRecord("rules", "done", 0.1)])
    text = render(SubmissionResult("t", "d", files=[patient, lab]), load_bundled(), str)
    assert text.count("Patient IDs: 174 distinct patients\n") == 2
    assert "duplicat" not in text


def test_a_file_whose_check_was_stopped_has_no_verdict():
    loaded = FileResult("big.csv", "laboratory", verdict="clean",
                        stages=[StageRecord("inspect", "done", 1), StageRecord("load", "cancelled", 3)])
    not_reached = FileResult("meds.csv", "medication", verdict="clean")
    text = render(SubmissionResult("t", "d", cancelled=True, files=[loaded, not_reached]), load_bundled(), str)
    assert "ready to upload" not in text.lower() and "clean" not in text.lower()
    assert text.count(NOT_CHECKED) == 4  # each file's heading and summary line
    assert "No findings" not in text


def test_no_receipt_for_a_stopped_check(tmp_path, capsys, monkeypatch, private_home, defective):
    import naaccord_desktop.commands.check as check

    real = check.check_submission

    def stopped(files, definitions, options, progress, cancel, *, scratch, copies):
        cancel.cancel()
        return real(files, definitions, options, progress, cancel, scratch=scratch, copies=copies)

    monkeypatch.setattr(check, "check_submission", stopped)
    receipt = tmp_path / "receipt.json"
    assert main(["check", str(defective["patient"]), "--receipt", str(receipt)]) == 2
    assert not receipt.exists()
    assert "No receipt" in capsys.readouterr().err


PACED = """
import sys
import time
from pathlib import Path

import naaccord_desktop.commands.check as check

real = check.check_submission
marker = Path(sys.argv[1])


def paced(files, definitions, options, progress, cancel, *, scratch, copies):
    def hold_after_load(event):
        progress(event)
        if event.kind == "done" and event.stage == "load" and not marker.exists():
            partial = marker.with_suffix(".partial")  # renamed whole: the test never reads it half written
            partial.write_text(str(scratch))
            partial.replace(marker)
            for _ in range(6000):  # until cancelled, at most a minute
                if cancel.cancelled:
                    break
                time.sleep(0.01)

    return real(files, definitions, options, hold_after_load, cancel, scratch=scratch, copies=copies)


check.check_submission = paced
from naaccord_desktop.cli import main

sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a POSIX signal")
def test_sigterm_mid_check_wipes_the_scratch_folder(tmp_path, private_home):
    """The real pipeline in a child process, held after its first load (a
    real DuckDB run folder exists then) and sent SIGTERM."""
    lab = write_submission(tmp_path / "big", rows=60_000, seed=3, tables=["laboratory"]).paths["laboratory"]
    assert lab.stat().st_size > 3_000_000
    marker = tmp_path / "loaded"
    child = subprocess.Popen([sys.executable, "-c", PACED, str(marker), "check", str(lab)], cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(600):
            if marker.exists() or child.poll() is not None:
                break
            time.sleep(0.05)
        assert marker.exists(), child.communicate()[1]
        run_folder = Path(marker.read_text())
        assert run_folder.is_dir() and run_folder.parent.name == "scratch"
        child.send_signal(signal.SIGTERM)
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 2, err
    assert "Cancelling" in err and "Check cancelled" in out
    assert not run_folder.exists()
    assert list((private_home / "xdg_cache_home" / SCRATCH).iterdir()) == []


def test_a_file_whose_table_cannot_be_told_says_why(tmp_path, capsys):
    empty = tmp_path / "export.csv"
    empty.write_bytes(b"")
    assert main(["check", str(empty)]) == 2
    err = capsys.readouterr().err
    assert "export.csv is empty" in err and "--table TYPE=" in err


def test_a_cohort_group_name_stands_for_its_cohorts(tmp_path, capsys, private_home):
    patient = tmp_path / "patient.csv"
    patient.write_text("sitePatientId,birthSex,presentSex,birthYear,race,hispanic,enrollDate,"
                       "lastActivityDate\nP1,Male,,1970,White,No,2010-01-01,2020-01-01\n", "utf-8")
    out = tmp_path / "r.json"
    main(["check", "--table", f"patient={patient}", "--cohort", "cnics", "--json", str(out)])
    result = json.loads(out.read_text("utf-8"))
    assert result["cohort"] in cohort_names()
    codes = {f["code"] for f in result["files"][0]["findings"]}
    assert "header.no_patient_id" not in codes  # sitePatientId was renamed to cohortPatientId
