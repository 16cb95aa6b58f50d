"""Offending rows as CSV, with values read back from the source file by
physical line numbers (CRLF, BOM, quoted newlines)."""

from __future__ import annotations

import csv
import hashlib

import pytest

from naaccord_desktop.engine.result import FileInfo, FileResult, Finding
from naaccord_desktop.reports.csv_export import CsvExportError, write_offending_rows

# Physical lines: 1 header, 2-3 one record (quoted newline), 4 blank, 5, 6.
SOURCE = ("\ufeffcohortPatientId,testName,resultDate\r\n"
          'P1,"CD4\r\ncount",2020-01-02\r\n'
          "\r\n"
          "P9,HGB,03/12/2015\r\n"
          "P2,=SUM(A1),2020-13-01\r\n").encode("utf-8")


@pytest.fixture
def checked(tmp_path):
    path = tmp_path / "laboratory.csv"
    path.write_bytes(SOURCE)
    findings = [
        Finding("patient_id.unknown", "blocker", "cohortPatientId", 1, [5], "unknown patient"),
        Finding("date.invalid", "error", "resultDate", 2, [5, 6], "bad dates"),
        Finding("structure.blank_line", "warning", None, 1, [4], "blank line", values=[""]),
    ]
    result = FileResult(path=str(path), table="laboratory", size=len(SOURCE), rows=3,
                        sha256=hashlib.sha256(SOURCE).hexdigest(),
                        file_info=FileInfo(**{"encoding": "UTF-8 with BOM", "read_as": "utf-8", "bom": True,
                                   "delimiter": "comma"}),
                        findings=findings)
    return result, path


def _read(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_whole_file_rows_come_from_the_source_in_line_order(tmp_path, checked):
    result, _ = checked
    out = tmp_path / "rows.csv"
    assert write_offending_rows(result, out) == 4
    assert _read(out) == [
        ["line", "column", "value", "rule", "code"],
        ["4", "", "", "blank line", "structure.blank_line"],
        ["5", "cohortPatientId", "P9", "unknown patient", "patient_id.unknown"],
        ["5", "resultDate", "03/12/2015", "invalid date", "date.invalid"],
        ["6", "resultDate", "2020-13-01", "invalid date", "date.invalid"],
    ]
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8


def test_one_finding_and_formula_values_stay_inert(tmp_path, checked):
    result, _ = checked
    result.findings.append(Finding("enum.invalid", "error", "TestName", 1, [6], "not allowed"))
    out = tmp_path / "rows.csv"
    assert write_offending_rows(result, out, finding=result.findings[-1]) == 1
    assert _read(out)[1] == ["6", "TestName", "'=SUM(A1)", "value not allowed", "enum.invalid"]


def test_a_changed_source_file_is_refused(tmp_path, checked):
    result, path = checked
    path.write_bytes(SOURCE.replace(b"P9", b"P8"))
    out = tmp_path / "rows.csv"
    with pytest.raises(CsvExportError, match="changed since it was checked"):
        write_offending_rows(result, out)
    assert list(tmp_path.glob("rows.csv*")) == []


def test_a_moved_source_file_says_so(tmp_path, checked):
    result, path = checked
    path.unlink()
    with pytest.raises(CsvExportError, match="cannot be opened"):
        write_offending_rows(result, tmp_path / "rows.csv")


def test_rows_given_by_the_caller_are_written_as_is(tmp_path, checked):
    result, _ = checked
    rows = ((line, "resultDate", f"bad-{line}", "date.invalid") for line in range(2, 30_002))
    out = tmp_path / "all.csv"
    assert write_offending_rows(result, out, rows=rows) == 30_000
    assert _read(out)[-1] == ["30001", "resultDate", "bad-30001", "invalid date", "date.invalid"]


def test_latin1_semicolon_file_is_read_as_the_engine_read_it(tmp_path):
    data = "id;unit\nP1;µg/L\nP2;mg\n".encode("latin-1")
    path = tmp_path / "lab.csv"
    path.write_bytes(data)
    result = FileResult(path=str(path), table="laboratory", sha256=hashlib.sha256(data).hexdigest(),
                        file_info=FileInfo(**{"encoding": "Windows-1252", "read_as": "latin-1",
                                   "delimiter": "semicolon"}),
                        findings=[Finding("enum.invalid", "error", "unit", 1, [2], "not allowed")])
    out = tmp_path / "rows.csv"
    write_offending_rows(result, out)
    assert _read(out)[1] == ["2", "unit", "µg/L", "value not allowed", "enum.invalid"]


@pytest.fixture
def default_csv_field_limit():
    """The app runs with csv's default limit; another test module raises it for the process."""
    previous = csv.field_size_limit(131_072)
    yield
    csv.field_size_limit(previous)


def test_an_unclosed_quote_longer_than_a_csv_field_says_so_and_leaves_nothing(tmp_path, default_csv_field_limit):
    """The diagnostic path reports an unclosed quote; reading the rows back then
    runs into csv's field size limit (131,072 characters)."""
    data = ("cohortPatientId,testName\nP1,CD4\nP2,\"never closed\n" + "x" * 140_000 + "\n").encode()
    path = tmp_path / "lab.csv"
    path.write_bytes(data)
    result = FileResult(path=str(path), table="laboratory", sha256=hashlib.sha256(data).hexdigest(),
                        file_info=FileInfo(**{"encoding": "UTF-8", "delimiter": "comma"}),
                        findings=[Finding("enum.invalid", "error", "testName", 1, [2], "not allowed"),
                                  Finding("structure.unclosed_quote", "blocker", None, 1, [3], "quote")])
    with pytest.raises(CsvExportError, match="quote that is never closed"):
        write_offending_rows(result, tmp_path / "rows.csv")
    assert list(tmp_path.glob("rows.csv*")) == []
