"""Records longer than DuckDB's default line limit (2,000,000 bytes) are read
and checked like any other; a record the database still refuses is never
dropped silently."""

from __future__ import annotations

import pytest
from engine_helpers import LAB_HEADER, PATIENT_HEADER, check, csv_text, findings, lab_row, one, patient_row, write

from naaccord_desktop.engine import inspect, reader
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


def _blind_to_long_lines(monkeypatch):
    """Pretend the reader cannot raise its limit: long lines go unmeasured and
    a too-long record is not read again."""
    monkeypatch.setattr(inspect._Longest, "bytes", property(lambda self: 0))
    monkeypatch.setattr(reader, "LINE_TOO_LONG", "no reject is read again")


def test_a_record_the_database_refuses_is_a_blocker_with_its_line(tmp_path, monkeypatch):
    _blind_to_long_lines(monkeypatch)
    rows = [lab_row("P1") for _ in range(99)] + [lab_row("NOBODY", testName=LONG)]
    rows += [lab_row("P1") for _ in range(100)] + [lab_row("LATER")]
    lab = _submission(tmp_path, rows)
    assert lab.rows == 201 and lab.path_taken == "diagnostic"
    refused = one(lab, "file.unreadable")
    assert refused.severity == "blocker" and refused.lines == [101] and "line 101" in refused.message
    assert one(lab, "patient_id.unknown").lines == [202]  # not 201: the refused record is skipped in the map
    assert lab.verdict == "blocked"


def test_a_record_the_database_drops_without_a_word_is_still_counted(tmp_path, monkeypatch):
    """Above its 32 MB read buffer DuckDB leaves a record out with no reject at all."""
    _blind_to_long_lines(monkeypatch)
    huge = "X" * 33_000_000
    lab = _submission(tmp_path, [lab_row("P1"), lab_row("NOBODY", testName=huge), lab_row("P1")])
    assert lab.rows == 3 and lab.path_taken == "diagnostic"
    assert "not read by the fast reader" in lab.fallback_reason
    vanished = one(lab, "file.unreadable")
    assert (vanished.severity, vanished.count) == ("blocker", 1)
    assert lab.verdict == "blocked"


def test_a_33_mb_record_is_read(tmp_path):
    huge = "X" * 33_000_000
    lab = _submission(tmp_path, [lab_row("P1"), lab_row("NOBODY", testName=huge), lab_row("LATER")])
    assert lab.rows == 3 and lab.path_taken == "fast"
    assert one(lab, "patient_id.unknown").lines == [3, 4]


def test_longest_line_is_exact_for_long_lines(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"a,b\n" + b"x" * (3 * CHUNK + 5) + b"\nshort\n")
    assert longest_line(path, CancelToken()) == 3 * CHUNK + 5
    path.write_bytes(b"a,b\n1,2\n")
    assert longest_line(path, CancelToken()) <= CHUNK
