"""The structure scan: exact totals, physical lines, the clean copy and its line map."""

from __future__ import annotations

import csv
import io

import pytest

from naaccord_desktop.engine import structure
from naaccord_desktop.engine.progress import Cancelled, CancelToken
from naaccord_desktop.engine.structure import BLANK, STRAY, TOO_FEW, TOO_MANY, UNCLOSED, scan_structure

HEADER = b"id,name,date"


def scan(tmp_path, data: bytes, **kw):
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    return scan_structure(path, **kw)


def lines_of(report, code):
    return [e.line for e in report.tallies[code].examples]


@pytest.mark.parametrize("end", [b"\n", b"\r\n", b"\r"])
def test_physical_lines_with_every_line_end(tmp_path, end):
    rows = [HEADER, b"1,a,x", b"2,b", b"", b"3,c,y,z", b'4,"multi' + end + b'line",q', b"5,e,x,extra"]
    rep = scan(tmp_path, end.join(rows) + end)
    assert lines_of(rep, TOO_FEW) == [3]
    assert lines_of(rep, BLANK) == [4]
    assert lines_of(rep, TOO_MANY) == [5, 8]  # the record on lines 6-7 is fine
    assert rep.physical_lines == 8
    assert rep.records == 5 and rep.kept == 2


def test_bom_is_skipped_and_lines_stay_right(tmp_path):
    rep = scan(tmp_path, b"\xef\xbb\xbf" + HEADER + b"\n1,a,x\n2,b\n", skip_bytes=3)
    assert rep.header == [b"id", b"name", b"date"]
    assert lines_of(rep, TOO_FEW) == [3]


def test_totals_are_exact_and_examples_capped(tmp_path):
    body = b"".join(b"%d,a\n" % i if i % 3 == 0 else b"%d,a,b\n" % i for i in range(3000))
    rep = scan(tmp_path, HEADER + b"\n" + body, block_size=4096)
    assert rep.tallies[TOO_FEW].count == 1000
    assert lines_of(rep, TOO_FEW) == [2 + 3 * k for k in range(20)]
    assert rep.tallies[TOO_FEW].examples[0].fields == 2
    assert rep.field_counts == {3: 2000, 2: 1000}


def test_block_boundaries_do_not_change_the_answer(tmp_path):
    data = (HEADER + b"\r\n1,\"a\r\nb\",x\r\n2,b\r\n\r\n3,\"c\"\"\",y\r\n4,d,e,f\r\n5,\"q\"x,y\r\n6,e,f")
    reference = scan(tmp_path, data)
    for size in (1, 2, 3, 5, 7, 64):
        rep = scan(tmp_path, data, block_size=size)
        assert {k: lines_of(rep, k) for k in structure.KINDS} == {k: lines_of(reference, k) for k in structure.KINDS}
        assert rep.line_map.lines(list(range(rep.kept))) == reference.line_map.lines(list(range(reference.kept)))
        assert rep.physical_lines == reference.physical_lines == 9


def test_stray_quotes_are_found_and_the_record_is_kept_requoted(tmp_path):
    clean = tmp_path / "clean.csv"
    rep = scan(tmp_path, HEADER + b'\n1,5" tall,x\n2,"ab"c,y\n3,ok,z\n', clean_copy=clean)
    assert lines_of(rep, STRAY) == [2, 3]
    assert rep.kept == 3
    rows = list(csv.reader(io.StringIO(clean.read_text())))
    assert rows == [["c0", "c1", "c2"], ["1", '5" tall', "x"], ["2", "abc", "y"], ["3", "ok", "z"]]


def test_clean_copy_holds_exactly_the_readable_records_with_their_lines(tmp_path):
    clean = tmp_path / "clean.csv"
    data = HEADER + b'\n1,a,x\n2,b\n\n3,"c\nd",y\n4,d,e,f\n5,e,z\n'
    rep = scan(tmp_path, data, clean_copy=clean)
    rows = list(csv.reader(io.StringIO(clean.read_text(), newline="")))
    assert rows[1:] == [["1", "a", "x"], ["3", "c\nd", "y"], ["5", "e", "z"]]
    assert rep.line_map.lines([0, 1, 2]) == [2, 5, 8]


def test_unclosed_quote_at_the_end(tmp_path):
    rep = scan(tmp_path, HEADER + b'\n1,a,x\n2,"b,y\n3,c,z\n')
    assert lines_of(rep, UNCLOSED) == [3]
    # The scan goes on after the opening line, so later lines are still checked.
    assert rep.kept == 2 and rep.line_map.lines([0, 1]) == [2, 4]


def test_a_quote_open_for_too_long_is_unclosed_and_the_scan_resumes(tmp_path, monkeypatch):
    monkeypatch.setattr(structure, "MAX_QUOTED_BYTES", 64)
    body = b'1,"never closed,x\n' + b"".join(b"%d,a,b\n" % i for i in range(2, 60)) + b"99,a\n"
    rep = scan(tmp_path, HEADER + b"\n" + body, block_size=32)
    assert lines_of(rep, UNCLOSED) == [2]
    assert lines_of(rep, TOO_FEW) == [61]
    assert rep.kept == 58


def test_single_column_file_with_blank_lines(tmp_path):
    rep = scan(tmp_path, b"id\n1\n\n2\n\n\n")
    assert lines_of(rep, BLANK) == [3]  # those after the last record are harmless
    assert rep.tallies[BLANK].count == 1 and rep.kept == 2


def test_only_blank_lines_after_the_last_record_are_forgiven(tmp_path):
    data = HEADER + b"\n" + b"\n" * 30 + b"1,a,x\n" + b"\r\n" * 25
    rep = scan(tmp_path, data, block_size=8)
    assert rep.tallies[BLANK].count == 30 and lines_of(rep, BLANK) == list(range(2, 22))


def test_file_without_final_line_end(tmp_path):
    rep = scan(tmp_path, HEADER + b"\n1,a,x\n2,b")
    assert lines_of(rep, TOO_FEW) == [3]
    assert rep.physical_lines == 3


def test_progress_reaches_one_and_cancel_stops(tmp_path):
    seen = []
    scan(tmp_path, HEADER + b"\n" + b"1,a,b\n" * 10_000, progress=seen.append, block_size=4096)
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) > 10
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        scan(tmp_path, HEADER + b"\n1,a,b\n", cancel=token)
