"""Inspect: head facts and the one whole-file pass."""

from __future__ import annotations

import hashlib

import pytest

from naaccord_desktop.engine import inspect
from naaccord_desktop.engine.inspect import find_blank_lines, read_head, scan_whole_file
from naaccord_desktop.engine.progress import Cancelled, CancelToken


@pytest.mark.parametrize("delimiter", [",", "\t", "|", ";"])
def test_delimiter_and_header(tmp_path, delimiter):
    rows = [["cohortPatientId", "a b", "c"], ["P1", "x;y|z", "1"], ["P2", "", "2"]]
    text = "\n".join(delimiter.join(r) for r in rows) + "\n"
    if delimiter == ",":
        text = text.replace("x;y|z", '"x;y|z"')
    path = tmp_path / "f.csv"
    path.write_text(text, "utf-8")
    head = read_head(path)
    assert head.delimiter == delimiter
    assert head.header == ["cohortPatientId", "a b", "c"]
    assert not head.bom and head.line_endings == "LF"


def test_bom_and_crlf(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes(b"\xef\xbb\xbfcohortPatientId,b\r\nP1,2\r\n")
    head = read_head(path)
    assert head.bom and head.header == ["cohortPatientId", "b"] and head.line_endings == "CRLF"
    whole = scan_whole_file(path, CancelToken())
    assert (whole.newlines, whole.crlf, whole.line_endings) == (2, 2, "CRLF")


def test_whole_file_facts_across_chunk_boundaries(tmp_path, monkeypatch):
    monkeypatch.setattr(inspect, "CHUNK", 7)  # every pattern will straddle a chunk edge somewhere
    data = "h1,h2\r\n1,é\r\n\r\n2,b\n\n3,ü\n".encode() + b"4,\xb5x\n5,z"
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    whole = scan_whole_file(path, CancelToken())
    assert whole.sha256 == hashlib.sha256(data).hexdigest()
    assert whole.newlines == data.count(b"\n") and whole.crlf == data.count(b"\r\n")
    assert find_blank_lines(path, CancelToken()) == [3, 5]
    assert not whole.utf8_valid
    assert whole.first_bad_byte == (7, data.index(b"\xb5"))
    assert whole.physical_lines == 8 and not whole.ends_with_newline
    assert whole.line_endings == "mixed"
    # the checkpoints let a byte offset be turned into a line without reading from the start
    for offset, before in whole.checkpoints:
        assert data[:offset].count(b"\n") == before


def test_utf8_sequence_cut_by_a_chunk_edge_is_valid(tmp_path, monkeypatch):
    monkeypatch.setattr(inspect, "CHUNK", 4)
    path = tmp_path / "f.csv"
    path.write_bytes("a,b\nµµµ,€€\n".encode())
    assert scan_whole_file(path, CancelToken()).utf8_valid


def test_truncated_utf8_at_the_end_is_reported(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes(b"a,b\n1,\xe2\x82")
    whole = scan_whole_file(path, CancelToken())
    assert whole.first_bad_byte == (2, 6)


def test_scan_stops_when_cancelled(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes(b"a,b\n" * 10)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        scan_whole_file(path, token)
