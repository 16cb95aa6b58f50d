"""The pipeline as a whole: stages and events, header checks, encodings,
summaries, cancel, and files that cannot be read."""

from __future__ import annotations

import hashlib
import threading
import time

import pytest
from engine_helpers import (
    DEFINITIONS,
    LAB_HEADER,
    PATIENT_HEADER,
    check,
    csv_text,
    findings,
    lab_row,
    one,
    patient_row,
    write,
)

from naaccord_desktop.engine.pipeline import DIAGNOSTIC_STAGES, FAST_STAGES
from naaccord_desktop.engine.progress import CancelToken
from naaccord_desktop.engine.propose import propose_table, why_unproposable


def _patient(tmp_path, rows=None, header=PATIENT_HEADER, name="patient.csv"):
    return write(tmp_path / name, csv_text(header, rows or [patient_row("P1")]))


def test_stage_lists_are_data():
    assert [s.key for s in FAST_STAGES] == ["inspect", "load", "patient_ids", "crosscheck", "rules", "summaries"]
    assert [s.key for s in DIAGNOSTIC_STAGES] == [
        "metadata", "structure", "tolerant_load", "patient_ids", "crosscheck", "rules", "summaries"]
    assert all(s.title and s.description for s in FAST_STAGES + DIAGNOSTIC_STAGES)


def test_events_per_file_follow_the_stage_list(tmp_path):
    run = check(tmp_path, {"patient": _patient(tmp_path)})
    events = [e for e in run.events if e.kind != "progress"]
    assert events[0].kind == "path" and events[0].stages == FAST_STAGES
    ends = [(e.stage, e.kind) for e in events[1:] if e.kind != "start"]
    assert ends == [("inspect", "done"), ("load", "done"), ("patient_ids", "done"),
                    ("crosscheck", "skipped"), ("rules", "done"), ("summaries", "done")]
    starts = [e.stage for e in events if e.kind == "start"]
    assert starts == ["inspect", "load", "patient_ids", "rules", "summaries"]
    f = run.file("patient.csv")
    assert [s.key for s in f.stages] == [s.key for s in FAST_STAGES]
    data = (tmp_path / "patient.csv").read_bytes()
    assert f.sha256 == hashlib.sha256(data).hexdigest() and f.size == len(data) and f.rows == 1


def test_header_problems(tmp_path):
    header = ["COHORTPATIENTID", "birthSex", "presentSex", " birthYear ", "race", "race", "hispanic",
              "enrollDate", "lastActivityDate", "deathDate", "deathDateSource", "subSiteID",
              "BirthCountry", "transgendered", "shoeSize"]  # no hivNegative, no LastNDIDate
    row = ["P1", "Male", "", "1970", "White", "White", "No", "2001-01-01", "2020-01-01", "", "", "", "", "No", "42"]
    path = write(tmp_path / "patient.csv", [",".join(header), ",".join(row)])
    f = check(tmp_path, {"patient": path}).file("patient.csv")
    case = findings(f, "header.case_mismatch")
    assert sorted(x.column for x in case) == ["birthYear", "cohortPatientId"]
    assert all(x.severity == "warning" and x.lines == [1] for x in case)
    assert one(f, "header.duplicate_column").column == "race"
    assert one(f, "header.extra_column").column == "shoeSize"
    missing = {x.column: x.severity for x in findings(f, "header.missing_column")}
    assert missing == {"hivNegative": "warning", "LastNDIDate": "warning"}  # optional columns
    assert not findings(f, "header.no_patient_id")
    assert f.patient_ids.distinct == 1  # the case-mismatched ID column is used


def test_missing_required_column_and_patient_id(tmp_path):
    header = [h for h in LAB_HEADER if h not in ("cohortPatientId", "resultDate")]
    lab = write(tmp_path / "laboratory.csv", csv_text(header, [lab_row("P1")]))
    run = check(tmp_path, {"patient": _patient(tmp_path), "laboratory": lab})
    f = run.file("laboratory.csv")
    assert one(f, "header.no_patient_id").severity == "blocker"
    assert one(f, "header.missing_column", "resultDate").severity == "error"
    assert [s.status for s in f.stages if s.key in ("patient_ids", "crosscheck")] == ["skipped", "skipped"]
    assert f.verdict == "blocked"


def test_cohort_rename_applies_before_anything_else(tmp_path):
    header = ["sitePatientId" if h == "cohortPatientId" else h for h in PATIENT_HEADER]
    path = write(tmp_path / "patient.csv", csv_text(header, [{**patient_row("P1"), "sitePatientId": "P1"}]))
    plain = check(tmp_path, {"patient": path}).file("patient.csv")
    assert one(plain, "header.no_patient_id")
    mapped = check(tmp_path, {"patient": path}, cohort="CWRU").file("patient.csv")
    assert not findings(mapped, "header.no_patient_id") and mapped.patient_ids.distinct == 1


def test_latin1_file_is_read_and_blocked(tmp_path):
    rows = [patient_row("P1"), patient_row("P2", BirthCountry="México", race="Whte")]
    path = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, rows), encoding="latin-1")
    f = check(tmp_path, {"patient": path}).file("patient.csv")
    enc = one(f, "file.encoding")
    assert (enc.severity, enc.lines, enc.values) == ("blocker", [3], ["0xE9 (é)"])
    assert enc.message.startswith("This file is not UTF-8: line 3, in the BirthCountry column, has the byte "
                                  "0xE9 (probably 'é' in Windows-1252).")
    assert one(f, "enum.invalid", "race").lines == [3]  # every record still checked
    assert f.summaries["BirthCountry"].count == 2


def test_summaries(tmp_path):
    rows = [patient_row("P1", birthYear="1970", enrollDate="2001-01-05", race="White"),
            patient_row("P2", birthYear="1980", enrollDate="2001-01-20", race="White"),
            patient_row("P3", birthYear="NA", enrollDate="2001-03-01", race="Black"),
            patient_row("P4", birthYear="2000", enrollDate="01/03/2001", race="")]
    f = check(tmp_path, {"patient": _patient(tmp_path, rows)}).file("patient.csv")
    year = f.summaries["birthYear"]
    assert (year.count, year.missing) == (4, 0)
    assert year.top_values == [["1970", 1], ["1980", 1], ["2000", 1]]  # valid years only, for the histogram
    assert year.numeric == {"min": 1970, "max": 2000, "mean": 1983.333333, "median": 1980, "invalid": 1}
    dates = f.summaries["enrollDate"].dates
    assert dates == {"min": "2001-01-05", "max": "2001-03-01", "invalid": 1,
                     "months": [["2001-01", 2], ["2001-03", 1]]}
    race = f.summaries["race"]
    assert (race.missing, race.distinct, race.top_values) == (1, 2, [["White", 2], ["Black", 1]])
    assert f.summaries["hispanic"].outside_allowed == []


def test_unreadable_and_empty_files(tmp_path):
    empty = tmp_path / "laboratory.csv"
    empty.write_bytes(b"")
    run = check(tmp_path, {"patient": tmp_path / "missing.csv", "laboratory": empty})
    gone = run.file("missing.csv")
    assert one(gone, "file.unreadable").severity == "blocker"
    assert gone.stages[0].status == "failed" and {s.status for s in gone.stages[1:]} == {"skipped"}
    assert findings(run.file("laboratory.csv"), "file.empty")
    assert run.result.verdict == "blocked"


def test_cancel_stops_within_a_second(tmp_path):
    rows = [lab_row(f"P{i % 500}", resultDate=f"2020-01-{i % 28 + 1:02d}") for i in range(300_000)]
    lab = write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, rows))
    token = CancelToken()
    fired: list[float] = []

    def on_event(event):
        if event.kind == "start" and event.stage == "load" and not fired:
            fired.append(time.monotonic())
            threading.Timer(0.05, token.cancel).start()

    run = check(tmp_path, {"patient": _patient(tmp_path), "laboratory": lab}, cancel=token, on_event=on_event)
    assert run.result.cancelled
    assert time.monotonic() - fired[0] < 1.0
    assert any(e.kind == "cancelled" for e in run.events)
    assert not list((tmp_path / "scratch").glob("*.duckdb"))


def test_propose_table_by_name_then_header(tmp_path):
    assert propose_table(tmp_path / "site_medication_administration_2024.csv", DEFINITIONS) == \
        "medication_administration"
    assert propose_table(tmp_path / "LABORATORY.csv", DEFINITIONS) == "laboratory"
    anon = write(tmp_path / "export1.csv", csv_text(LAB_HEADER, [lab_row("P1")]))
    assert propose_table(anon, DEFINITIONS) == "laboratory"
    odd = write(tmp_path / "export2.csv", ["a,b,c", "1,2,3"])
    assert propose_table(odd, DEFINITIONS) is None
    assert why_unproposable(odd) == ("Neither the name nor the header of export2.csv matches a table: fewer "
                                     "than half of any table's columns are in its header. Choose its table "
                                     "type yourself.")


@pytest.mark.parametrize("bom", ["\ufeff", ""], ids=["bom", "no-bom"])
def test_propose_table_reads_a_utf16_header(tmp_path, bom):
    text = bom + "\r\n".join(csv_text(LAB_HEADER, [lab_row("P1")])) + "\r\n"
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode("utf-16-le"))
    assert propose_table(path, DEFINITIONS) == "laboratory"


def test_why_a_table_cannot_be_proposed(tmp_path):
    empty = tmp_path / "export_a.csv"
    empty.write_bytes(b"")
    folder = tmp_path / "export_b.csv"
    folder.mkdir()
    image = tmp_path / "export_c.csv"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    for path in (empty, folder, image, tmp_path / "gone.csv"):
        assert propose_table(path, DEFINITIONS) is None
    assert why_unproposable(empty) == "export_a.csv is empty, so its header cannot tell which table it holds."
    assert why_unproposable(folder) == "export_b.csv could not be read: it is a folder, not a file."
    assert why_unproposable(image) == "export_c.csv is not a text file: it looks like a PNG image."
    assert why_unproposable(tmp_path / "gone.csv") == "gone.csv could not be read: it was moved or deleted."


def test_no_table_is_stored_and_scratch_is_left_empty(tmp_path):
    """The scans keep distinct values only: after a check the scratch folder
    holds no database file and no copy, on both paths."""
    lab = write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, [lab_row("P1"), lab_row("X", resultDate="x")]))
    for diagnose in (False, True):
        run = check(tmp_path / str(diagnose), {"patient": _patient(tmp_path), "laboratory": lab}, diagnose=diagnose)
        f = run.file("laboratory.csv")
        assert [(x.code, x.lines) for x in f.findings] == [("patient_id.unknown", [3]), ("date.invalid", [3])]
        assert [p for p in (tmp_path / str(diagnose) / "scratch").rglob("*") if p.is_file()] == []


def test_header_without_rows_is_a_warning_on_both_paths(tmp_path):
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1")]))
    lab = write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, []))
    for diagnose in (False, True):
        f = check(tmp_path / str(diagnose), {"patient": patient, "laboratory": lab},
                  diagnose=diagnose).file("laboratory.csv")
        empty = one(f, "file.no_rows")
        assert (empty.severity, f.rows, f.verdict) == ("warning", 0, "clean")  # a warning never blocks
        assert "no data rows" in empty.message


def test_diagnose_goes_straight_to_the_diagnostic_path(tmp_path):
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1")]))
    run = check(tmp_path, {"patient": patient}, diagnose=True)
    f = run.file("patient.csv")
    assert f.path_taken == "diagnostic" and f.fallback_reason == "A detailed check was asked for."
    assert [s.key for s in f.stages] == [s.key for s in DIAGNOSTIC_STAGES]
    paths = [e for e in run.events if e.kind == "path"]
    assert len(paths) == 1 and paths[0].stages == DIAGNOSTIC_STAGES
    assert not {"inspect", "load"} & {e.stage for e in run.events}
    assert f.sha256 and f.rows == 1 and f.findings == []


def test_cancel_after_the_crosscheck_leaves_no_copy_behind(tmp_path):
    """The detailed check's clean copy stays until the rules have read it; a
    cancel after the cross-check still deletes it."""
    lab = write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, [lab_row("P1"), lab_row("P1")]))
    token = CancelToken()

    def on_event(event):
        if event.stage == "crosscheck" and event.kind == "done":
            assert list((tmp_path / "scratch").glob("*.clean.csv"))
            token.cancel()

    run = check(tmp_path, {"patient": _patient(tmp_path), "laboratory": lab}, cancel=token, on_event=on_event,
                diagnose=True)
    assert run.result.cancelled
    assert [p for p in (tmp_path / "scratch").rglob("*") if p.is_file()] == []
