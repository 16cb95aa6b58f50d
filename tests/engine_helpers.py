"""Tiny submissions written in tmp_path, and a one-call way to check them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from naaccord_desktop.definitions import load_bundled
from naaccord_desktop.engine.pipeline import check_submission
from naaccord_desktop.engine.progress import CancelToken, ProgressEvent
from naaccord_desktop.engine.result import CheckOptions, FileResult, Finding, SubmissionResult
from naaccord_desktop.engine.run import SubmissionFile

DEFINITIONS = load_bundled()

PATIENT_HEADER = [
    "cohortPatientId", "birthSex", "presentSex", "birthYear", "race", "hispanic", "enrollDate",
    "lastActivityDate", "deathDate", "deathDateSource", "subSiteID", "hivNegative", "BirthCountry",
    "transgendered", "LastNDIDate",
]
LAB_HEADER = ["cohortPatientId", "testName", "result", "units", "normalMin", "normalMax",
              "interpretation", "resultDate", "source"]


def patient_row(pid: str, **over: str) -> dict[str, str]:
    row = {
        "cohortPatientId": pid, "birthSex": "Male", "presentSex": "", "birthYear": "1970",
        "race": "White", "hispanic": "No", "enrollDate": "2001-01-01",
        "lastActivityDate": "2020-01-01", "deathDate": "", "deathDateSource": "", "subSiteID": "",
        "hivNegative": "", "BirthCountry": "", "transgendered": "No", "LastNDIDate": "",
    }
    row.update(over)
    return row


def lab_row(pid: str, **over: str) -> dict[str, str]:
    row = {
        "cohortPatientId": pid, "testName": "CD4", "result": "500", "units": "cells/uL",
        "normalMin": "400", "normalMax": "1600", "interpretation": "Normal",
        "resultDate": "2020-01-15", "source": "L1",
    }
    row.update(over)
    return row


def csv_text(header: list[str], rows: list[dict[str, str] | str], delimiter: str = ",") -> list[str]:
    """Lines of a CSV (without line ends); a str row is written as is."""
    out = [delimiter.join(header)]
    for row in rows:
        out.append(row if isinstance(row, str) else delimiter.join(_cell(row[h], delimiter) for h in header))
    return out


def _cell(value: str, delimiter: str) -> str:
    if any(ch in value for ch in (delimiter, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


def write(path: Path, lines: list[str], *, newline: str = "\n", bom: bool = False,
          encoding: str = "utf-8") -> Path:
    text = newline.join(line.replace("\n", newline) for line in lines) + newline
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return path


@dataclass
class Run:
    result: SubmissionResult
    events: list[ProgressEvent] = field(default_factory=list)

    def file(self, name: str) -> FileResult:
        return next(f for f in self.result.files if Path(f.path).name == name)


def check(tmp_path: Path, files: dict[str, Path], *, cohort: str = "", cancel: CancelToken | None = None,
          on_event=None, diagnose: bool = False) -> Run:
    """Check {table: path} (or {table: [paths]}) with a fresh scratch folder."""
    events: list[ProgressEvent] = []

    def progress(event: ProgressEvent) -> None:
        events.append(event)
        if on_event is not None:
            on_event(event)

    submission = []
    for table, paths in files.items():
        for p in paths if isinstance(paths, list) else [paths]:
            submission.append(SubmissionFile(p, table))
    options = CheckOptions(cohort=cohort, diagnose=diagnose)
    result = check_submission(submission, DEFINITIONS, options, progress, cancel or CancelToken(),
                              scratch=tmp_path / "scratch")
    return Run(result, events)


def findings(result: FileResult, code: str, column: str | None = None) -> list[Finding]:
    return [f for f in result.findings if f.code == code and (column is None or f.column == column)]


def one(result: FileResult, code: str, column: str | None = None) -> Finding:
    found = findings(result, code, column)
    assert len(found) == 1, f"expected one {code} on {column}, got {found} among {result.findings}"
    return found[0]
