"""The Excel workbook: every sheet filled for the defects sample, full and
shareable; text that looks like a formula stays text; the shareable workbook
holds pseudonyms and no cell values (it renders the redacted result)."""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from test_reports_sample import SENTINEL_IDS, SENTINEL_VALUES, sample_result
from test_store_support import files_containing

from naaccord_desktop.cli import main
from naaccord_desktop.definitions import load_bundled
from naaccord_desktop.engine.result import Finding
from naaccord_desktop.reports.html import ReportError
from naaccord_desktop.reports.workbook import write_workbook
from naaccord_desktop.store.secrets import Secrets

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
SHEETS = ["Summary", "Files", "Findings", "Details", "Rules"]
PSEUDONYM = Secrets(bytes(range(32)), remembered=False, backend=None, status="").pseudonym
FORMULAS = ["=HYPERLINK(\"http://example.org\",\"x\")", "+1+2", "-3", "@SUM(A1:A2)"]


def read_sheets(path: Path) -> dict[str, list[list[str]]]:
    """Each sheet's rows as text, read from the .xlsx's XML (no spreadsheet library)."""
    with zipfile.ZipFile(path) as z:
        strings = [("".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")))
                   for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS)]
        rels = {r.get("Id"): r.get("Target") for r in ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
        out = {}
        for sheet in ElementTree.fromstring(z.read("xl/workbook.xml")).find("m:sheets", NS):
            xml = ElementTree.fromstring(z.read("xl/" + rels[sheet.get(RELS)]))
            assert xml.find(".//m:f", NS) is None, "a formula in the workbook"
            rows = []
            for row in xml.find("m:sheetData", NS):
                cells = {}
                for c in row:
                    value = c.find("m:v", NS)
                    text = "" if value is None else value.text
                    cells[_column(c.get("r"))] = strings[int(text)] if c.get("t") == "s" else text
                rows.append([cells.get(i, "") for i in range(max(cells, default=-1) + 1)])
            out[sheet.get("name")] = rows
    return out


def _column(ref: str) -> int:
    letters = re.match(r"[A-Z]+", ref).group()
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def as_dicts(rows: list[list[str]]) -> list[dict[str, str]]:
    head = rows[0]
    return [dict(zip(head, row + [""] * (len(head) - len(row)), strict=True)) for row in rows[1:]]


@pytest.fixture(scope="module")
def defects_books(tmp_path_factory):
    """The defects sample checked from the command line, both workbooks written."""
    root = tmp_path_factory.mktemp("defects")
    assert main(["sample", str(root / "sample"), "--defects"]) == 0
    out = root / "out"
    out.mkdir()
    code = main(["check", str(root / "sample"), "--no-history", "--json", str(out / "full.json"),
                 "--xlsx", str(out / "full.xlsx"), "--shareable-xlsx", str(out / "shareable.xlsx")])
    assert code == 1  # the sample plants unknown patients
    return out


@pytest.mark.parametrize("name", ["full.xlsx", "shareable.xlsx"])
def test_every_sheet_of_the_defects_sample_is_filled(defects_books, name):
    result = json.loads((defects_books / "full.json").read_text(encoding="utf-8"))
    sheets = read_sheets(defects_books / name)
    assert list(sheets) == SHEETS
    summary = dict((row + [""])[:2] for row in sheets["Summary"][1:])
    assert summary["Submission verdict"].startswith("Blocked: ")
    assert summary["Definitions version"] == result["definitions_version"]
    assert summary["App version"] == result["app_version"]
    assert summary["Report"].startswith("Shareable workbook" if name == "shareable.xlsx" else "Full workbook")

    files = as_dicts(sheets["Files"])
    assert [f["File"] for f in files] == [Path(f["path"]).name for f in result["files"]]
    assert [f["SHA-256"] for f in files] == [f["sha256"] for f in result["files"]]
    assert [int(f["Rows"]) for f in files] == [f["rows"] for f in result["files"]]

    findings = as_dicts(sheets["Findings"])
    expected = [x for f in result["files"] for x in f["findings"]]
    assert len(findings) == len(expected) > 50
    assert sorted(int(x["Rows"]) for x in findings) == sorted(x["count"] for x in expected)
    assert all(x["What is wrong"] and x["Severity"] in ("Blocks upload", "Error", "Warning") for x in findings)

    details = sheets["Details"]
    assert len(details) - 1 == sum(max(len(x["lines"]), len(x["values"])) for x in expected)
    values = {row[7] for row in details[1:] if len(row) > 7}
    assert ("2020/01/15" in values) == (name == "full.xlsx")  # a planted date, in the full workbook only

    rules = as_dicts(sheets["Rules"])
    definitions = load_bundled()
    for table in {f["table"] for f in result["files"]}:
        assert {r["Column"] for r in rules if r["Table"] == table} == set(definitions.tables[table].column_names)
    assert any(r["Code"] == "structure.unclosed_quote" for r in rules)


def test_values_that_look_like_formulas_are_text(tmp_path):
    result = sample_result()
    lab = result.files[1]
    lab.findings.append(Finding("enum.invalid", "error", "testName", 4, [5, 6, 7, 8], "=1+1", "@fix", FORMULAS))
    path = write_workbook(result, tmp_path / "book.xlsx", definitions=load_bundled())
    sheets = read_sheets(path)  # fails on any <f> element
    shown = {row[7] for row in sheets["Details"][1:]}
    assert set(FORMULAS) <= shown
    with zipfile.ZipFile(path) as z:
        styles = ElementTree.fromstring(z.read("xl/styles.xml"))
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet4.xml"))
    quoted = {i for i, xf in enumerate(styles.find("m:cellXfs", NS)) if xf.get("quotePrefix") == "1"}
    strings = read_sheets(path)["Details"]
    for row_xml, row in zip(sheet.find("m:sheetData", NS)[1:], strings[1:], strict=True):
        cell = row_xml.findall("m:c", NS)[7]
        assert cell.get("t") == "s"  # text, never a number or a formula
        assert (int(cell.get("s", 0)) in quoted) == row[7].startswith(("=", "+", "-", "@"))


def test_the_shareable_workbook_has_pseudonyms_and_no_values(tmp_path):
    definitions = load_bundled()
    full = write_workbook(sample_result(), tmp_path / "full.xlsx", pseudonym=PSEUDONYM, definitions=definitions)
    shared = write_workbook(sample_result(), tmp_path / "shared.xlsx", shareable=True, pseudonym=PSEUDONYM,
                            definitions=definitions)
    unzipped = tmp_path / "unzipped"
    for path in (full, shared):
        with zipfile.ZipFile(path) as z:
            z.extractall(unzipped / path.stem)
    found = files_containing(unzipped, SENTINEL_IDS + SENTINEL_VALUES)
    assert found and {name.split(os.sep)[0] for name in found} == {"full"}
    pseudonyms = {PSEUDONYM(i) for i in SENTINEL_IDS}
    for path in (full, shared):  # both name the same patients the same way, so they can be matched
        details = as_dicts(read_sheets(path)["Details"])
        assert pseudonyms & {cell for row in details for cell in row.values()}


def test_the_shareable_workbook_needs_the_key_and_a_bad_path_is_said_in_words(tmp_path):
    with pytest.raises(ValueError, match="pseudonym"):
        write_workbook(sample_result(), tmp_path / "book.xlsx", shareable=True)
    with pytest.raises(ReportError, match="The workbook cannot be saved as"):
        write_workbook(sample_result(), tmp_path / "no such folder" / "book.xlsx")
    assert list(tmp_path.iterdir()) == []  # nothing left behind
