"""The bad-file corpus: files a coordinator's export tool may really produce,
each with what the engine must say about it.

`build(folder)` writes every file and returns {name: Case}. Laboratory-table
files, small except the 10 MB single line."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HEADER = "cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source"


def lab_row(i: int, units: str = "mg/dL") -> str:
    return f"P{i:04d},Glucose,{90 + i % 50},{units},70,110,Normal,2020-01-{1 + i % 28:02d},Lab1"


def lab_rows(n: int, start: int = 1) -> list[str]:
    return [lab_row(i) for i in range(start, start + n)]


@dataclass
class Case:
    name: str
    data: bytes
    codes: set[str]  # finding codes the check must report (at least these)
    lines: dict[str, list[int]] = field(default_factory=dict)  # code -> expected first lines
    readable_rows: int | None = None  # data rows the tolerant load must keep


def _text(lines: list[str], end: str = "\n", final: bool = True) -> str:
    return end.join(lines) + (end if final else "")


def cases() -> list[Case]:
    ok = [HEADER, *lab_rows(5)]
    ragged = [HEADER, *lab_rows(3), lab_row(4) + ",extra", *lab_rows(2, 5), lab_row(7).rsplit(",", 2)[0],
              *lab_rows(2, 8)]
    mixed = (HEADER + "\r\n" + lab_row(1) + "\n" + lab_row(2) + "\r" + lab_row(3) + "\r\n"
             + lab_row(4) + ",x\n").encode()
    latin1 = _text([HEADER, *lab_rows(2), lab_row(3, "µmol/L"), *lab_rows(2, 4)]).encode("latin-1")
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("lab.csv", _text(ok))
    wide_header = ",".join(f"col{i}" for i in range(5000))
    wide_row = ",".join(str(i % 10) for i in range(5000))
    return [
        Case("empty.csv", b"", {"file.empty"}, readable_rows=0),
        Case("header_only.csv", _text([HEADER]).encode(), set(), readable_rows=0),
        Case("blank_lines_only.csv", b"\n\n\r\n\n", {"file.empty"}, readable_rows=0),
        Case("binary.csv", bytes(range(256)) * 40, {"file.unreadable"}, readable_rows=0),
        Case("zip_renamed.csv", zipped.getvalue(), {"file.unreadable"}, readable_rows=0),
        Case("utf16.csv", b"\xff\xfe" + _text(ok, "\r\n").encode("utf-16-le"), {"file.encoding"},
             readable_rows=5),
        Case("latin1.csv", latin1, {"file.encoding"}, {"file.encoding": [4]}, readable_rows=5),
        Case("bom.csv", b"\xef\xbb\xbf" + _text([HEADER, *lab_rows(2), lab_row(3) + ",x"]).encode(),
             {"structure.too_many_fields"}, {"structure.too_many_fields": [4]}, readable_rows=2),
        Case("cr_only.csv", _text([HEADER, *lab_rows(2), "", lab_row(3) + ",x", lab_row(4)], "\r").encode(),
             {"structure.too_many_fields", "structure.blank_line"},
             {"structure.too_many_fields": [5], "structure.blank_line": [4]}, readable_rows=3),
        Case("mixed_line_endings.csv", mixed, {"structure.too_many_fields"},
             {"structure.too_many_fields": [5]}, readable_rows=3),
        Case("ragged.csv", _text(ragged).encode(), {"structure.too_many_fields", "structure.too_few_fields"},
             {"structure.too_many_fields": [5], "structure.too_few_fields": [8]}, readable_rows=7),
        Case("unclosed_quote_at_end.csv",
             _text([HEADER, *lab_rows(3)]).encode() + lab_row(4).replace(",Lab1", ',"Lab1').encode(),
             {"structure.unclosed_quote"}, {"structure.unclosed_quote": [5]}, readable_rows=3),
        Case("single_line_10mb.csv", b"x" * (10 * 1024 * 1024), {"header.no_patient_id"}, readable_rows=0),
        Case("columns_5000.csv", _text([wide_header, wide_row, wide_row]).encode(), {"header.no_patient_id"},
             readable_rows=2),
        Case("duplicate_headers.csv",
             _text([HEADER + ",testName", *[r + ",x" for r in lab_rows(3)]]).encode(),
             {"header.duplicate_column"}, readable_rows=3),
        Case("quoted_newlines_crlf.csv",
             _text([HEADER, lab_row(1), lab_row(2).replace(",Lab1", ',"Lab\r\n1"'), lab_row(3) + ",x"],
                   "\r\n").encode(),
             {"structure.too_many_fields"}, {"structure.too_many_fields": [5]}, readable_rows=2),
    ]


def build(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for case in cases():
        path = folder / case.name
        path.write_bytes(case.data)
        out[case.name] = path
    return out


@dataclass
class Planted:
    """A laboratory file with structural and rule defects at known lines, and
    the same readable records alone (a file the fast path reads whole: no
    quote inside a value, so the stray quotes are left out there)."""

    data: bytes
    readable: bytes
    structure: dict[str, list[int]]  # code -> physical lines in `data`
    line_in_data: dict[int, int]  # line in `readable` -> line in `data`
    patient: bytes  # a patient file that knows most of the IDs


def planted(rows: int = 300, end: str = "\n") -> Planted:
    structure: dict[str, list[int]] = {"structure.too_many_fields": [], "structure.too_few_fields": [],
                                       "structure.blank_line": [], "structure.stray_quote": []}
    out, good = [HEADER], [HEADER]
    line, good_line = 1, 1
    mapping = {1: 1}
    for i in range(1, rows + 1):
        cells = lab_row(i).split(",")
        if i % 17 == 0:
            cells[7] = "2020/01/15"  # date.invalid
        if i % 23 == 0:
            cells[0] = "Z9999"  # not in the patient file
        if i % 29 == 0:
            cells[1] = ""  # testName is required
        row = ",".join(cells)
        if i % 40 == 0:
            line += 1
            out.append(row + ",extra")
            structure["structure.too_many_fields"].append(line)
            continue
        if i % 40 == 20:
            line += 1
            out.append(row.rsplit(",", 1)[0])
            structure["structure.too_few_fields"].append(line)
            continue
        if i % 50 == 5:
            line += 1
            out.append("")
            structure["structure.blank_line"].append(line)
        if i % 50 == 30:  # a stray quote, read as part of a value no rule looks at
            good_row = row
            row = row.replace(",Lab1", ',La"b1')
            structure["structure.stray_quote"].append(line + 1)
        elif i % 50 == 45:  # a quoted value with a line break: one record on two lines
            row = good_row = row.replace(",Lab1", f',"Lab{end}1"')
        else:
            good_row = row
        out.append(row)
        good.append(good_row)
        line += 1
        good_line += 1
        mapping[good_line] = line
        if i % 50 == 45:
            line += 1
            good_line += 1
    patients = "cohortPatientId" + end + end.join(f"P{i:04d}" for i in range(1, rows + 1)) + end
    return Planted(_text(out, end).encode(), _text(good, end).encode(), structure, mapping, patients.encode())
