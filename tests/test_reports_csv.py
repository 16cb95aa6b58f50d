"""Offending rows as CSV: whole records copied byte for byte from the source
file under its header, each after its physical line (CRLF, a BOM, quoted
newlines, blank lines, Latin-1, a quote never closed)."""

from __future__ import annotations

import hashlib
import stat

import pytest

from naaccord_desktop.engine.result import FileInfo, FileResult
from naaccord_desktop.reports.csv_export import CsvExportError, write_finding_rows, write_problem_rows

# Physical lines: 1 header, 2-3 one record (quoted newline), 4 blank, 5, 6.
HEADER = b"cohortPatientId,testName,resultDate\r\n"
RECORD_2 = b'P1,"CD4\r\ncount",2020-01-02\r\n'
RECORD_5 = b"P9,HGB,03/12/2015\r\n"
RECORD_6 = b"P2,=SUM(A1),2020-13-01\r\n"
SOURCE = b"\xef\xbb\xbf" + HEADER + RECORD_2 + b"\r\n" + RECORD_5 + RECORD_6


def checked_file(path, data: bytes, **info) -> FileResult:
    path.write_bytes(data)
    return FileResult(path=str(path), table="laboratory", size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                      file_info=FileInfo(**{"encoding": "utf-8", "read_as": "utf-8", "delimiter": "comma", **info}))


@pytest.fixture
def checked(tmp_path):
    return checked_file(tmp_path / "laboratory.csv", SOURCE, bom=True)


def test_a_findings_rows_are_the_sources_bytes_under_its_header(tmp_path, checked):
    out = tmp_path / "rows.csv"
    seen = []
    assert write_finding_rows(checked, out, [6, 2], progress=seen.append) == 2
    assert out.read_bytes() == b"\xef\xbb\xbfline," + HEADER + b"2," + RECORD_2 + b"6," + RECORD_6
    assert seen and seen[-1] == 1.0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # it holds patient IDs


def test_all_problem_rows_name_their_rules_once_per_row(tmp_path, checked):
    out = tmp_path / "all.csv"
    rules = {5: "unknown patient (cohortPatientId); invalid date (resultDate)", 6: 'invalid date, "13"'}
    assert write_problem_rows(checked, out, rules) == 2
    assert out.read_bytes() == (b"\xef\xbb\xbfline,rules," + HEADER
                                + b"5,unknown patient (cohortPatientId); invalid date (resultDate)," + RECORD_5
                                + b'6,"invalid date, ""13""",' + RECORD_6)


def test_a_changed_source_file_is_refused_and_nothing_is_left(tmp_path, checked):
    (tmp_path / "laboratory.csv").write_bytes(SOURCE.replace(b"P9", b"P8"))
    out = tmp_path / "rows.csv"
    with pytest.raises(CsvExportError, match="changed since it was checked"):
        write_finding_rows(checked, out, [5])
    assert list(tmp_path.glob("rows.csv*")) == []


def test_a_line_past_the_end_is_a_changed_file(tmp_path, checked):
    checked.sha256 = ""  # an old result without a hash: the missing line still tells
    with pytest.raises(CsvExportError, match="changed since it was checked"):
        write_finding_rows(checked, tmp_path / "rows.csv", [5, 60])
    assert list(tmp_path.glob("rows.csv*")) == []


def test_a_moved_source_file_says_so(tmp_path, checked):
    (tmp_path / "laboratory.csv").unlink()
    with pytest.raises(CsvExportError, match="cannot be opened"):
        write_finding_rows(checked, tmp_path / "rows.csv", [5])


def test_a_latin1_semicolon_file_keeps_its_bytes_and_its_delimiter(tmp_path):
    data = "id;unit\nP1;µg/L\nP2;mg\n".encode("latin-1")
    result = checked_file(tmp_path / "lab.csv", data, encoding="Windows-1252", read_as="latin-1",
                          delimiter="semicolon")
    out = tmp_path / "rows.csv"
    write_problem_rows(result, out, {2: "value not allowed (unit)"})
    assert out.read_bytes() == "line;rules;id;unit\n2;value not allowed (unit);P1;µg/L\n".encode("latin-1")


def test_a_quote_never_closed_is_its_own_line_and_the_lines_after_it_stay_records(tmp_path):
    data = b"cohortPatientId,testName\nP1,CD4\nP2,\"never closed\n" + b"P3,VL\n" * 3 + b"P4,end"
    result = checked_file(tmp_path / "lab.csv", data)
    out = tmp_path / "rows.csv"
    assert write_finding_rows(result, out, [3, 5, 7]) == 3
    assert out.read_bytes() == (b"line,cohortPatientId,testName\n3,P2,\"never closed\n5,P3,VL\n"
                                b"7,P4,end\n")  # the last line had no end: the header's is added


def test_lone_cr_line_ends_and_a_blank_line_before_the_header(tmp_path):
    data = b"\rcohortPatientId,testName\rP1,CD4\rP2,VL\r"
    result = checked_file(tmp_path / "lab.csv", data, line_endings="CR")
    out = tmp_path / "rows.csv"
    assert write_finding_rows(result, out, [4]) == 1
    assert out.read_bytes() == b"line,cohortPatientId,testName\r4,P2,VL\r"


def test_thirty_thousand_rows(tmp_path):
    data = b"cohortPatientId,resultDate\n" + b"".join(b"P%d,bad-%d\n" % (n, n) for n in range(2, 30_002))
    result = checked_file(tmp_path / "lab.csv", data)
    out = tmp_path / "all.csv"
    assert write_finding_rows(result, out, range(2, 30_002)) == 30_000
    assert out.read_bytes().splitlines()[-1] == b"30001,P30001,bad-30001"
