"""PRIVACY, whatever the header looks like: a stray quote that swallows the
rest of the file into one "column name", a file without its header row, an ID
column under another name. Planted patient IDs and values are in the full
report and the JSON (the check did see them) and nowhere else: not in the run
history, the logs, the settings, the shareable report (from the command line
and from a reopened history run), the shareable workbook, the receipt or the
terminal. The full workbook holds them (searched in its unzipped XML)."""

from __future__ import annotations

import zipfile

import pytest
from engine_helpers import LAB_HEADER, PATIENT_HEADER, csv_text, lab_row, patient_row, write
from test_store_support import files_containing

from naaccord_desktop.cli import main
from naaccord_desktop.definitions import load_bundled
from naaccord_desktop.reports.html import write_html
from naaccord_desktop.store import logs
from naaccord_desktop.store.history import History
from naaccord_desktop.store.paths import app_paths
from naaccord_desktop.store.secrets import load_secrets

IDS = ("ZQPAT0001SENTINEL", "ZQPAT0002SENTINEL", "ZQUNK0003SENTINEL")
VALUES = ("QQRESULT4SENTINEL", "QQTEST5SENTINEL", "1811-03-17")


def _header_quote(folder):
    """The patient header ends `...,"LastNDIDate`: the quote never closes, so
    every following line is part of the last column's name."""
    rows = [patient_row(IDS[0], enrollDate=VALUES[2]), patient_row(IDS[1])]
    lines = csv_text(PATIENT_HEADER, rows)
    lines[0] = lines[0].replace("LastNDIDate", '"LastNDIDate')
    return write(folder / "patient.csv", lines)


def _no_header(folder):
    return write(folder / "patient.csv", csv_text(PATIENT_HEADER, [patient_row(IDS[0], enrollDate=VALUES[2]),
                                                                   patient_row(IDS[1])])[1:])


def _renamed_id_column(folder):
    header = ["PatientNumber", *PATIENT_HEADER[1:]]
    lines = csv_text(PATIENT_HEADER, [patient_row(IDS[0], enrollDate=VALUES[2]), patient_row(IDS[1])])
    return write(folder / "patient.csv", [",".join(header), *lines[1:]])


@pytest.mark.parametrize("patient_file", [_header_quote, _no_header, _renamed_id_column])
def test_planted_ids_and_values_reach_the_full_outputs_only(tmp_path, private_app_folders, capsys, patient_file):
    source = tmp_path / "submission"
    source.mkdir()
    patient = patient_file(source)
    lab = write(source / "laboratory.csv", csv_text(LAB_HEADER, [
        lab_row(IDS[0], result=VALUES[0], testName=VALUES[1], resultDate="2020/01/15"),
        lab_row(IDS[2], resultDate=VALUES[2])]))
    out = tmp_path / "out"
    out.mkdir()
    paths = app_paths().ensure()
    logs.setup_logging(paths)
    try:
        code = main(["check", "--table", f"patient={patient}", "--table", f"laboratory={lab}",
                     "--json", str(out / "full.json"), "--html", str(out / "full.html"),
                     "--shareable-html", str(out / "shareable.html"), "--receipt", str(out / "receipt.json"),
                     "--xlsx", str(out / "full.xlsx"), "--shareable-xlsx", str(out / "shareable.xlsx")])
        history = History(paths.history_db, load_secrets())
        (run,) = history.runs()
        write_html(history.load(run.id), out / "reopened-shareable.html", shareable=True, pseudonym=str,
                   definitions=load_bundled())
        history.close()
    finally:
        logs.close_logging()
    terminal = capsys.readouterr()
    needles = IDS + VALUES
    assert code in (0, 1)
    full = files_containing(out, needles)
    assert set(full) == {"full.json", "full.html"}
    assert {VALUES[1], VALUES[2]} <= set(full["full.json"])  # the check saw what was planted
    assert files_containing(private_app_folders, needles) == {}  # history, logs, settings, scratch
    assert set(files_containing(out, needles)) - {"full.json", "full.html"} == set()
    leaked = [n for n in needles if n in terminal.out + terminal.err]
    assert leaked == []
    unzipped = tmp_path / "unzipped"
    for book in ("full.xlsx", "shareable.xlsx"):
        with zipfile.ZipFile(out / book) as z:
            z.extractall(unzipped / book)
    in_books = files_containing(unzipped, needles)
    assert {name.split("/")[0] for name in in_books} <= {"full.xlsx"}  # the full one has what its findings show
