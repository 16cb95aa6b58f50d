"""Files that vanish or cannot be opened during a check, and files that are no
text at all: each becomes a plain-words blocker on that file alone."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest
from engine_helpers import LAB_HEADER, PATIENT_HEADER, check, csv_text, findings, lab_row, one, patient_row, write

from naaccord_desktop.engine import reader
from naaccord_desktop.engine.inspect import read_head
from naaccord_desktop.engine.progress import CancelToken

TECHNICAL = ("Error", "Exception", "errno", "No such file", "Parser", "state machine")


def _files(tmp_path, lab_lines=None):
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1"), patient_row("P2")]))
    lab = write(tmp_path / "laboratory.csv", lab_lines or csv_text(LAB_HEADER, [lab_row("P1"), lab_row("NOBODY")]))
    return patient, lab


def _delete_when(target: Path, stage: str, kind: str, counted: str = ""):
    def on_event(event):
        if (Path(event.file) == target and event.stage == stage and event.kind == kind and target.exists()
                and (not counted or counted in event.counts)):
            target.unlink()
    return on_event


def _plain(text: str) -> None:
    assert not any(word in text for word in TECHNICAL), text


@pytest.mark.parametrize(("stage", "kind"), [("inspect", "done"), ("load", "start")])
def test_a_file_deleted_during_the_check_is_a_blocker_and_the_others_keep_their_results(tmp_path, stage, kind):
    patient, lab = _files(tmp_path)
    run = check(tmp_path, {"patient": patient, "laboratory": lab}, on_event=_delete_when(lab, stage, kind))
    gone = one(run.file("laboratory.csv"), "file.unreadable")
    assert gone.severity == "blocker"
    assert gone.message == "laboratory.csv could not be read any more: it was moved or deleted during the check."
    kept = run.file("patient.csv")
    assert kept.rows == 2 and kept.verdict == "clean"
    assert not list((tmp_path / "scratch").iterdir())


def test_a_file_deleted_before_its_blank_lines_are_looked_up(tmp_path):
    lines = csv_text(LAB_HEADER, [lab_row("P1"), "", lab_row("P2")])
    patient, lab = _files(tmp_path, lines)
    run = check(tmp_path, {"patient": patient, "laboratory": lab},
                on_event=_delete_when(lab, "load", "progress", "rows"))
    gone = one(run.file("laboratory.csv"), "file.unreadable")
    assert "moved or deleted during the check" in gone.message
    assert run.file("patient.csv").verdict == "clean"


def test_a_deleted_patient_file_blocks_the_other_tables_in_plain_words(tmp_path):
    patient, lab = _files(tmp_path)
    run = check(tmp_path, {"patient": patient, "laboratory": lab}, on_event=_delete_when(patient, "load", "start"))
    assert "patient.csv could not be read any more" in one(run.file("patient.csv"), "file.unreadable").message
    other = run.file("laboratory.csv")
    assert not findings(other, "file.unreadable")
    assert "The depot would refuse the patient file" in one(other, "table.patient_file_unusable").message
    assert other.verdict == "blocked" and run.result.verdict == "blocked"


def test_a_folder_given_as_a_file(tmp_path):
    patient, _ = _files(tmp_path)
    folder = tmp_path / "laboratory.csv.d"
    folder.mkdir()
    run = check(tmp_path, {"patient": patient, "laboratory": folder})
    assert one(run.file("laboratory.csv.d"), "file.unreadable").message.endswith("it is a folder, not a file.")


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("sheet.xml", "<x/>" * 100)
    return out.getvalue()


@pytest.mark.parametrize(("content", "looks_like"), [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "a PNG image"),
    (_zip(), "a ZIP archive (or an .xlsx workbook)"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 20, "a PDF document"),
    (gzip.compress(b"cohortPatientId,testName\n" * 100), "a gzip archive"),
    (b"cohortPatientId,testName\nP1,\x00\x00CD4\n", "a binary file (it holds NUL bytes, which no text export has)"),
])
def test_a_binary_file_is_named_before_the_database_sees_it(tmp_path, content, looks_like):
    patient, _ = _files(tmp_path)
    lab = tmp_path / "laboratory.csv"
    lab.write_bytes(content)
    events = []
    run = check(tmp_path, {"patient": patient, "laboratory": lab}, on_event=events.append)
    result = run.file("laboratory.csv")
    assert one(result, "file.unreadable").message == f"This is not a text file: it looks like {looks_like}."
    assert result.path_taken == "fast" and not result.fallback_reason
    for text in [e.message for e in events] + [s.note for s in result.stages]:
        _plain(text)


def test_the_readers_refusal_is_plain_words(tmp_path):
    """A file the database cannot parse, given to the reader directly (the
    pipeline would have named it a PNG image first)."""
    path = tmp_path / "a.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    head = read_head(path)
    head.binary, head.header = "", ["a", "b"]
    con = reader.connect(tmp_path / "scratch", "512MB", 1)
    try:
        with pytest.raises(reader.LoadFailed) as refused:
            reader.load_csv(con, path, head, "t", CancelToken(), id_column=0)
    finally:
        con.close()
    _plain(refused.value.failure.reason)
