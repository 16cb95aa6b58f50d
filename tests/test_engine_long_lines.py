"""Records longer than DuckDB's default line limit (2,000,000 bytes) are read
and checked like any other; a record the database still refuses is never
dropped silently."""

from __future__ import annotations

import pytest

from engine_helpers import LAB_HEADER, PATIENT_HEADER, check, csv_text, findings, lab_row, one, patient_row, write
from naaccord_desktop.engine import reader
from naaccord_desktop.engine.inspect import CHUNK, longest_line
from naaccord_desktop.engine.progress import CancelToken

LONG = "X" * 3_000_000  # above DuckDB's default max_line_size


def _submission(tmp_path, lab_rows):
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1")]))
    lab = write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, lab_rows))
    return check(tmp_path, {"patient": patient, "laboratory": lab}).file("laboratory.csv")


def test_a_file_of_one_long_record_is_checked(tmp_path):
    lab = _submission(tmp_path, [lab_row("NOBODY", testName=LONG)])
    assert lab.rows == 1
    unknown = one(lab, "patient_id.unknown")
    assert unknown.lines == [2] and unknown.values == ["NOBODY"]
    assert lab.verdict == "blocked"


@pytest.mark.parametrize("long_value", [LONG, LONG + ",quoted"], ids=["plain", "quoted"])
def test_a_long_record_in_the_middle_keeps_every_line_number(tmp_path, long_value):
    rows = [lab_row("P1") for _ in range(99)] + [lab_row("NOBODY", testName=long_value)]
    rows += [lab_row("P1") for _ in range(100)] + [lab_row("LATER")]
    lab = _submission(tmp_path, rows)
    assert lab.rows == 201
    unknown = one(lab, "patient_id.unknown")
    assert unknown.lines == [101, 202] and unknown.values == ["NOBODY", "LATER"]
    assert not findings(lab, "file.unreadable")


def test_a_record_the_database_refuses_is_a_blocker_with_its_line(tmp_path, monkeypatch):
    """The safety net: pretend the reader cannot raise its limit, so the long
    record stays a reject of the detailed check's load."""
    monkeypatch.setattr(reader, "LINE_TOO_LONG", "no reject is retried")
    rows = [lab_row("P1") for _ in range(99)] + [lab_row("NOBODY", testName=LONG)]
    rows += [lab_row("P1") for _ in range(100)] + [lab_row("LATER")]
    lab = _submission(tmp_path, rows)
    assert lab.rows == 201
    refused = one(lab, "file.unreadable")
    assert refused.severity == "blocker" and refused.lines == [101] and "line 101" in refused.message
    assert one(lab, "patient_id.unknown").lines == [202]  # not 201: the refused record is skipped in the map
    assert lab.verdict == "blocked"


def test_longest_line_is_exact_for_long_lines(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"a,b\n" + b"x" * (3 * CHUNK + 5) + b"\nshort\n")
    assert longest_line(path, CancelToken()) == 3 * CHUNK + 5
    path.write_bytes(b"a,b\n1,2\n")
    assert longest_line(path, CancelToken()) <= CHUNK
