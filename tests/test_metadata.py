"""The metadata stage: hash, encoding verdict, line ends, delimiter evidence."""

from __future__ import annotations

import codecs
import hashlib

import pytest

from naaccord_desktop.engine import inspect
from naaccord_desktop.engine.metadata import did_you_mean, read_metadata, value_index

HEADER = "cohortPatientId,testName,units"


def meta_of(tmp_path, data: bytes, **kw):
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    return read_metadata(path, **kw)


def test_size_and_sha256_cover_the_whole_file(tmp_path, monkeypatch):
    monkeypatch.setattr(inspect, "CHUNK", 7)  # the scan metadata uses
    data = (HEADER + "\n" + "P1,CD4,cells/µL\n" * 50).encode()
    m = meta_of(tmp_path, data)
    assert m.size == len(data)
    assert m.sha256 == hashlib.sha256(data).hexdigest()
    assert m.utf8 and m.encoding_title == "UTF-8"  # µ split across chunks is still valid UTF-8


def test_latin1_file_names_line_offset_byte_and_guess(tmp_path):
    data = (HEADER + "\nP1,CD4,mg\r\nP2,CD4,mg\rP3,Cr,µmol/L\n").encode("latin-1")
    m = meta_of(tmp_path, data)
    bad = m.first_bad
    assert (bad.line, bad.offset, bad.byte) == (4, data.index(b"\xb5"), 0xB5)
    assert (bad.guess, bad.char, bad.guess_title) == ("cp1252", "µ", "Windows-1252")
    assert not m.utf8 and m.encoding == "cp1252"


def test_bytes_undefined_in_windows_1252_mean_latin1(tmp_path):
    m = meta_of(tmp_path, (HEADER + "\nP1,\x81,x\n").encode("latin-1"))
    assert m.first_bad.guess == "latin-1" and m.first_bad.line == 2


def test_line_of_first_bad_byte_with_crlf_across_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(inspect, "CHUNK", 4)  # the scan metadata uses
    data = b"ab,c\r\n" * 5 + b"x\xe9y\r\n"
    m = meta_of(tmp_path, data)
    assert m.first_bad.line == 6 and m.first_bad.offset == 31
    assert (m.lf, m.crlf, m.cr) == (0, 6, 0)


def test_utf8_cut_off_at_the_end_is_reported(tmp_path):
    m = meta_of(tmp_path, b"a,b\nc,\xc3")
    assert m.first_bad is not None and m.first_bad.line == 2 and m.first_bad.offset == 6


@pytest.mark.parametrize("codec, title", [("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"),
                                          ("utf-32-le", "UTF-32"), ("utf-32-be", "UTF-32")])
def test_wide_encodings_by_bom(tmp_path, codec, title):
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[codec]
    m = meta_of(tmp_path, bom + (HEADER + "\r\nP1,CD4,µ\r\nP2,CD4,x").encode(codec))
    assert (m.encoding, m.encoding_title, m.wide) == (codec, title, True)
    assert (m.crlf, m.lf, m.cr, m.physical_lines) == (2, 0, 0, 3)
    assert m.header == ["cohortPatientId", "testName", "units"]
    assert m.nul_bytes == 0  # NULs are part of every wide character, not counted


def test_utf8_bom(tmp_path):
    m = meta_of(tmp_path, codecs.BOM_UTF8 + (HEADER + "\nP1,a,b\n").encode())
    assert (m.encoding_title, m.bom_length, m.utf8) == ("UTF-8 with BOM", 3, True)
    assert m.header[0] == "cohortPatientId"


def test_line_end_counts_and_physical_lines(tmp_path):
    m = meta_of(tmp_path, b"a,b\r\n1,2\n3,4\r5,6")
    assert (m.lf, m.crlf, m.cr, m.physical_lines, m.line_endings) == (1, 1, 1, 4, "mixed")
    assert meta_of(tmp_path, b"a,b\r1,2\r").line_endings == "CR"
    assert meta_of(tmp_path, b"").physical_lines == 0


def test_nul_bytes_counted_and_binary_files_named(tmp_path):
    text = (HEADER + "\n" + "P1,a,b\n" * 2000).encode()
    m = meta_of(tmp_path, text + b"P2,a\x00b,c\n")
    assert m.nul_bytes == 1 and not m.not_text  # a NUL far into a text file
    assert "ZIP" in meta_of(tmp_path, b"PK\x03\x04" + b"\x00" * 100).not_text
    assert "binary" in meta_of(tmp_path, bytes(range(256))).not_text


@pytest.mark.parametrize("delim, name", [("\t", "tab"), (";", "semicolon"), ("|", "pipe"), (",", "comma")])
def test_delimiter_with_evidence(tmp_path, delim, name):
    rows = [HEADER.replace(",", delim)] + [delim.join(["P1", "a,b" if delim != "," else "ab", "x"])] * 5
    m = meta_of(tmp_path, ("\n".join(rows) + "\n").encode())
    assert m.delimiter == delim
    assert m.header == ["cohortPatientId", "testName", "units"]
    assert f"The {name} splits the header into 3 values, and 5 of the next 5 lines" in m.dialect_evidence
    assert m.info().delimiter == name


def test_quoted_header_and_quote_evidence(tmp_path):
    m = meta_of(tmp_path, b'"cohortPatientId","test, name"\nP1,"a ""b"""\n')
    assert m.header == ["cohortPatientId", "test, name"]
    assert "2 of the first 2 lines use double quotes" in m.dialect_evidence


def test_did_you_mean():
    known = ["cohortPatientId", "resultDate", "testName"]
    assert did_you_mean("cohort patientID", known) == "cohortPatientId"
    assert did_you_mean("resultDte", known) == "resultDate"
    assert did_you_mean("zebra", known) is None


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(tmp_path, codec):
    # U+0A0D (past the sniffed start) holds the bytes of LF and CR: only decoding counts it right.
    m = meta_of(tmp_path, (HEADER + "\r" + "P1,CD4,x\r" * 300 + "\u0a0d\r").encode(codec))
    assert (m.encoding, m.not_text) == (codec, "")
    assert m.header == ["cohortPatientId", "testName", "units"]
    assert (m.cr, m.lf, m.crlf, m.physical_lines) == (302, 0, 0, 302)


def test_a_scan_of_the_fast_path_is_reused_not_repeated(tmp_path, monkeypatch):
    path = tmp_path / "f.csv"
    path.write_bytes(f"{HEADER}\r\nP1,CD4,\xb5g\rP2,CD4,mg\n".encode("latin-1"))
    whole = inspect.scan_whole_file(path, inspect.CancelToken())
    fresh = read_metadata(path)

    def no_second_pass(*args, **kw):
        raise AssertionError("the file was scanned again")

    monkeypatch.setattr("naaccord_desktop.engine.metadata.scan_whole_file", no_second_pass)
    reused = read_metadata(path, whole=whole)
    assert reused == fresh
    assert (reused.lf, reused.crlf, reused.cr, reused.physical_lines) == (1, 1, 1, 3)
    assert (reused.first_bad.line, reused.first_bad.guess) == (2, "cp1252")


def test_value_index_of_a_byte_counts_delimiters_on_its_line(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"a;b;c\n1;2;\xb5g\n" + b'"x;y";\xb5\n')
    assert value_index(path, path.read_bytes().index(b"\xb5"), ";") == 2
    assert value_index(path, path.read_bytes().rindex(b"\xb5"), ";") is None  # a quote before it
