"""Property tests: random mutations of valid files never crash the scan or the
engine, always give a verdict, and the structure scan places every record
at the line where Python's csv module (same bytes, newline="") starts it."""

from __future__ import annotations

import csv
import io
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from naaccord_desktop.definitions.loader import load_bundled
from naaccord_desktop.engine.pipeline import CheckOptions, SubmissionFile, check_submission
from naaccord_desktop.engine.progress import CancelToken
from naaccord_desktop.engine.result import VERDICTS
from naaccord_desktop.engine.structure import KINDS, UNCLOSED, scan_structure

csv.field_size_limit(1 << 30)

VALUES = st.sampled_from(["", "a", "1", "x y", '"q,1"', '"say ""hi"""', '"two\nlines"', "µ", " "])
ENDS = st.sampled_from(["\n", "\r\n", "\r"])
NOISE = st.sampled_from([b",", b'"', b"\n", b"\r\n", b"\r", b"", b"x", b"\x00", b"\xb5", b'""', b"\n\n"])


@st.composite
def valid_files(draw) -> bytes:
    width = draw(st.integers(1, 5))
    end = draw(ENDS)
    header = ",".join(f"c{i}" for i in range(width))
    rows = draw(st.lists(st.lists(VALUES, min_size=width, max_size=width), max_size=12))
    text = end.join([header, *(",".join(r) for r in rows)])
    return (text + (end if draw(st.booleans()) else "")).encode("utf-8")


@st.composite
def mutated_files(draw) -> bytes:
    data = bytearray(draw(valid_files()))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data)))
        if draw(st.booleans()) or not data:
            data[at:at] = draw(NOISE)
        else:
            del data[at:at + draw(st.integers(1, 3))]
    return bytes(data)


def csv_records(data: bytes) -> tuple[list[tuple[int, int, bool]], int]:
    """(first physical line, number of values, whether any value past the first is
    filled in) of each record, and the line count."""
    reader = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="latin-1", newline=""))
    out, previous = [], 0
    for row in reader:
        out.append((previous + 1, len(row), [bool(v) for v in row]))
        previous = reader.line_num
    return out, previous


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=mutated_files(), block=st.sampled_from([1, 3, 16, 1 << 20]))
def test_scan_agrees_with_the_csv_module(tmp_path, data, block):
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    rep = scan_structure(path, clean_copy=tmp_path / "clean.csv", block_size=block)
    records, line_count = csv_records(data)
    assert rep.physical_lines == line_count
    for kind in KINDS:
        assert all(1 <= e.line <= max(line_count, 1) for e in rep.tallies[kind].examples)
    if rep.tallies[UNCLOSED].count:
        return  # csv runs an unclosed quote to the end of the file; the scan resumes after its line
    header = next(((line, n) for line, n, _ in records if n > 0), None)
    assert (rep.header_line, rep.header_fields) == (header if header else (0, 0))
    width = header[1] if header else 0
    body = [r for r in records if header and r[0] > header[0]]
    last_start = max((line for line, n, _ in records if n > 0), default=line_count + 1)
    extra_empty = [(line, n) for line, n, filled in body if n > width and not any(filled[width:])]
    expected = {  # blank lines after the last record are harmless and not reported
        "structure.blank_line": [line for line, n, _ in records if n == 0 and line < last_start],
        "structure.too_many_fields": [(line, n) for line, n, filled in body if n > width and any(filled[width:])],
        "structure.too_few_fields": [(line, n) for line, n, _ in body if 0 < n < width],
        "structure.extra_empty_fields": extra_empty,
    }
    assert rep.tallies["structure.blank_line"].count == len(expected["structure.blank_line"])
    assert [e.line for e in rep.tallies["structure.blank_line"].examples] == expected["structure.blank_line"][:20]
    for kind in ("structure.too_many_fields", "structure.too_few_fields", "structure.extra_empty_fields"):
        assert rep.tallies[kind].count == len(expected[kind])
        assert [(e.line, e.fields) for e in rep.tallies[kind].examples] == expected[kind][:20]
    kept = [line for line, n, _ in body if n == width or (line, n) in extra_empty]
    assert rep.line_map.lines(list(range(rep.kept))) == kept


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=mutated_files(), diagnose=st.booleans())
def test_engine_always_gives_a_verdict_and_leaves_no_scratch(tmp_path, data, diagnose):
    path = tmp_path / "laboratory.csv"
    path.write_bytes(data)
    scratch = tmp_path / "scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    result = check_submission([SubmissionFile(path, "laboratory")], DEFINITIONS,
                              CheckOptions(diagnose=diagnose), lambda e: None, CancelToken(), scratch=scratch)
    f = result.files[0]
    assert f.verdict in VERDICTS and result.verdict in VERDICTS
    assert all(finding.message and "Traceback" not in finding.message for finding in f.findings)
    if f.path_taken == "diagnostic":
        lines = {line for finding in f.findings for line in finding.lines}
        assert all(1 <= line <= max(data.count(b"\n") + data.count(b"\r") + 1, 1) for line in lines)
    assert not [p for p in scratch.rglob("*") if p.is_file()]


DEFINITIONS = load_bundled()
