"""Physical line numbers: CRLF, BOM, quoted newlines, blank lines, rejected records."""

from __future__ import annotations

import random

import pytest
from engine_helpers import LAB_HEADER, PATIENT_HEADER, check, csv_text, lab_row, one, patient_row, write

from naaccord_desktop.engine.lines import LineMap


def test_line_map_shifts_past_embedded_newlines_and_blank_lines():
    # header line 1; record 0 spans lines 2-3; blank 4; record 1 on 5; blank 6; record 2 on 7
    m = LineMap(1, blank_lines=[4, 6], embedded=[(0, 1)])
    assert m.lines([2, 0, 1]) == [7, 2, 5]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", [False, True])
def test_bad_dates_at_their_physical_lines(tmp_path, newline, bom):
    rows = [
        lab_row("P1"),                                               # 2
        lab_row("P1", result="multi\nline\nresult"),                 # 3-5
        lab_row("P1", resultDate="2020-13-01"),                      # 6
        lab_row("P1", units="say, hi\nthere"),                       # 7-8
        lab_row("P1", resultDate="bad"),                             # 9
    ]
    lab = write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, rows), newline=newline, bom=bom)
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1")]))
    f = check(tmp_path, {"patient": patient, "laboratory": lab}).file("laboratory.csv")
    bad = one(f, "date.invalid", "resultDate")
    assert (bad.count, bad.lines, bad.values) == (2, [6, 9], ["2020-13-01", "bad"])
    assert f.path_taken == "fast"
    assert f.file_info.bom is bom
    assert f.file_info.line_endings == ("CRLF" if newline == "\r\n" else "LF")
    assert not [x for x in f.findings if x.code.startswith("header.")]


def test_quotes_inside_values_take_the_detailed_path_with_the_same_lines(tmp_path):
    rows = [lab_row("P1", units='say "hi"\nthere'), lab_row("P1", resultDate="bad")]  # 2-3, 4
    lab = write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, rows), newline="\r\n")
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1")]))
    f = check(tmp_path, {"patient": patient, "laboratory": lab}).file("laboratory.csv")
    assert f.path_taken == "diagnostic" and "double quote" in f.fallback_reason
    assert one(f, "date.invalid", "resultDate").lines == [4]
    assert not [x for x in f.findings if x.code.startswith("structure.")]  # correctly doubled


def test_rejected_records_and_blank_lines_shift_later_lines(tmp_path):
    lines = csv_text(LAB_HEADER, [lab_row("P1")])                    # 1, 2
    lines.append(",".join(lab_row("P1").values()) + ",extra")        # 3: too many fields
    lines.append("")                                                 # 4: blank
    lines.extend(csv_text(LAB_HEADER, [lab_row("P1", resultDate="x")])[1:])  # 5
    lines.append("P1,CD4,500")                                       # 6: too few fields
    lines.extend(csv_text(LAB_HEADER, [lab_row("P1", result="a\nb"), lab_row("P1", resultDate="y")])[1:])  # 7-8, 9
    lab = write(tmp_path / "laboratory.csv", lines, newline="\r\n")
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1")]))
    f = check(tmp_path, {"patient": patient, "laboratory": lab}).file("laboratory.csv")
    assert f.path_taken == "diagnostic" and f.fallback_reason
    assert one(f, "structure.too_many_fields").lines == [3]
    assert one(f, "structure.too_few_fields").lines == [6]
    assert one(f, "structure.too_many_fields").severity == "blocker"
    assert one(f, "date.invalid", "resultDate").lines == [5, 9]
    assert f.verdict == "blocked"


def _random_file(rng: random.Random) -> tuple[list[str], list[int], list[int]]:
    """Lines of a lab file with random quoted newlines and blank lines, the
    physical lines of the rows planted with a bad date, and of the blank lines."""
    lines = [",".join(LAB_HEADER)]
    planted, blanks = [], []
    for i in range(rng.randint(5, 60)):
        if rng.random() < 0.1:
            blanks.append(1 + sum(line.count("\n") + 1 for line in lines))
            lines.append("")
        over = {}
        if rng.random() < 0.3:
            over["result"] = "x" + "\n" * rng.randint(1, 3) + "y"
        if rng.random() < 0.2:
            over["interpretation"] = "one, two\nthree"
        bad = rng.random() < 0.3
        if bad:
            over["resultDate"] = f"2020-02-{30 + i % 2}"
            planted.append(1 + sum(line.count("\n") + 1 for line in lines))
        lines.append(csv_text(LAB_HEADER, [lab_row("P1", **over)])[1])
    return lines, planted, blanks


@pytest.mark.parametrize("seed", range(12))
def test_random_files_map_every_planted_line(tmp_path, seed):
    rng = random.Random(seed)
    lines, planted, blanks = _random_file(rng)
    newline = rng.choice(["\n", "\r\n"])
    lab = write(tmp_path / "laboratory.csv", lines, newline=newline, bom=rng.random() < 0.5)
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1")]))
    f = check(tmp_path, {"patient": patient, "laboratory": lab}).file("laboratory.csv")
    found = [(x.count, x.lines) for x in f.findings if x.code == "date.invalid"]
    assert found == ([(len(planted), planted[:20])] if planted else [])
    assert f.path_taken == "fast"
    empty = [(x.count, x.lines, x.severity) for x in f.findings if x.code == "structure.blank_line"]
    assert empty == ([(len(blanks), blanks[:20], "warning")] if blanks else [])
