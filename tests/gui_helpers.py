"""Shared pieces of the GUI tests: a stand-in engine that speaks the pipeline's
progress protocol, result builders and a window factory (the guards against
threads, timers and windows left behind are in conftest.py)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from naaccord_desktop.definitions.loader import load_bundled
from naaccord_desktop.engine.progress import Cancelled, ProgressEvent, Stage
from naaccord_desktop.engine.result import (
    FileInfo,
    FileResult,
    Finding,
    IdCount,
    PatientIds,
    StageRecord,
    SubmissionResult,
    VariableSummary,
    verdict_of,
    worst,
)
from naaccord_desktop.gui.main_window import MainWindow

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

FAKE_FAST = (Stage("inspect", "Inspect", "Look at the file"), Stage("load", "Load", "Read every row"),
             Stage("rules", "Rules", "Check every value"))
FAKE_DIAGNOSTIC = (Stage("structure", "Structure", "Read line by line"),
                   Stage("rules", "Rules", "Check every value"))
FALLBACK_WORDS = "The file has rows with a different number of columns; checking it line by line instead."


def wait_idle(qtbot, window, timeout: int = 60_000) -> None:
    """Wait until the window's run has ended and been taken in."""
    qtbot.waitUntil(lambda: not window.running, timeout=timeout)


def screenshot(widget, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    QApplication.processEvents()  # let pending layout requests run, as the event loop would
    path = ARTIFACTS / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


def unknown_ids_finding(count: int = 50) -> Finding:
    return Finding("patient_id.unknown", "blocker", "cohortPatientId", count, [12, 88, 140],
                   f"{count} rows use patient IDs that are not in patient.csv.",
                   "Add these patients to patient.csv, or correct the IDs.", ["P-9", "P-10", "P-11"])


def blocked_result(path: str = "/data/laboratory.csv") -> FileResult:
    findings = [
        unknown_ids_finding(),
        Finding("date.invalid", "error", "resultDate", 40, [56439, 56440],
                "resultDate must be a date written YYYY-MM-DD. 40 rows differ.",
                "Write dates as YYYY-MM-DD in your export.", ["03/12/2015", "2015-13-01"]),
        Finding("enum.case", "warning", "units", 3, [7, 9, 11], "3 values are spelled differently.",
                "", ["mg/dl", "mg/dl", "mg/dl"]),
    ]
    return FileResult(
        path=path, table="laboratory", sha256="ab" * 32, size=2048, rows=1000, verdict=verdict_of(findings),
        file_info=FileInfo(**{"encoding": "utf-8", "bom": False, "delimiter": "comma", "line_endings": "LF"}),
        patient_ids=PatientIds(distinct=120, not_in_patient_file=3, rows_with_unknown=50,
                               unknown=[IdCount("P-9", 30, [12]), IdCount("P-10", 15, [88]),
                                        IdCount("P-11", 5, [140])]),
        findings=findings,
        summaries={
            "testName": VariableSummary("testName", "string", 1000, 0, 4,
                                        top_values=[["CD4", 600], ["VL", 400]]),
            "interpretation": VariableSummary("interpretation", "enum", 1000, 100, 3,
                                              top_values=[["N", 700], ["H", 150], ["L", 50]],
                                              outside_allowed=[["high", 20]]),
            "resultDate": VariableSummary("resultDate", "date", 1000, 0, 300,
                                          dates={"min": "2010-01-04", "max": "2024-12-30", "invalid": 40,
                                                 "months": [[f"{y}-06", 40 + y % 7] for y in range(2010, 2025)]}),
        },
        stages=[StageRecord("inspect", "done", 0.1), StageRecord("load", "done", 0.4)],
    )


def clean_result(path: str = "/data/patient.csv") -> FileResult:
    return FileResult(path=path, table="patient", size=512, rows=120, verdict="clean",
                      patient_ids=PatientIds(distinct=120),
                      summaries={"birthYear": VariableSummary("birthYear", "year", 120, 0, 30,
                                                              top_values=[[str(1950 + i), 4] for i in range(30)])})


class FakeEngine:
    """Checks files the way the pipeline reports them: a "path" event, then each
    stage's start / progress / done. A file whose name contains "ragged" falls
    back to the diagnostic path; `hold` keeps the rules stage running until
    cancelled; `explode` raises in the middle. Calls `progress` from a helper
    thread too, as the real DuckDB poller does."""

    def __init__(self, hold: bool = False, explode: bool = False) -> None:
        self.hold = hold
        self.explode = explode
        self.started = threading.Event()
        self.scratch_seen: list[Path] = []

    def propose(self, path: Path, definitions) -> str | None:
        stem = path.stem.lower()
        return stem if stem in definitions.tables else None

    def check(self, files, definitions, options, progress, cancel, *, scratch, copies) -> SubmissionResult:
        self.scratch_seen.append(scratch)
        assert scratch.is_dir()
        out = SubmissionResult(app_version="test", definitions_version=definitions.version)
        # like the pipeline: every file has a result from the start, a stopped one keeps what it had
        out.files = [FileResult(path=str(f.path), table=f.table) for f in files]
        try:
            for i in range(len(files)):
                out.files[i] = self._check_file(out.files[i], progress, cancel)
        except Cancelled:
            out.cancelled = True
        out.verdict = worst(r.verdict for r in out.files)
        return out

    def _stage(self, file: FileResult, stage: Stage, progress, cancel, hold: bool = False) -> None:
        progress(ProgressEvent(file.path, "start", stage.key))
        self.started.set()
        for step in range(1, 5):
            if cancel.cancelled:
                self._cancelled(file, stage, progress)
            poller = threading.Thread(target=progress, args=(
                ProgressEvent(file.path, "progress", stage.key, fraction=step / 5, counts={"rows": step * 100}),))
            poller.start()
            poller.join()
            time.sleep(0.01)
        while hold and not cancel.cancelled:
            time.sleep(0.01)
        if cancel.cancelled:
            self._cancelled(file, stage, progress)
        if self.explode:
            raise RuntimeError("secret value 'P-123' could not be parsed")
        progress(ProgressEvent(file.path, "done", stage.key, seconds=0.05, counts={"rows": 500}))
        file.stages.append(StageRecord(stage.key, "done", 0.05))

    @staticmethod
    def _cancelled(file: FileResult, stage: Stage, progress) -> None:
        progress(ProgressEvent(file.path, "cancelled", stage.key, seconds=0.05))
        file.stages.append(StageRecord(stage.key, "cancelled", 0.05))
        raise Cancelled()

    def _check_file(self, partial: FileResult, progress, cancel) -> FileResult:
        file = partial.path
        progress(ProgressEvent(file, "path", stages=FAKE_FAST))
        stages = FAKE_FAST
        reason = ""
        if "ragged" in Path(file).name:
            self._stage(partial, FAKE_FAST[0], progress, cancel)
            progress(ProgressEvent(file, "failed", "load", message="Line 3 has 4 values; the header has 3."))
            partial.stages.append(StageRecord("load", "failed", 0.01))
            reason = FALLBACK_WORDS
            progress(ProgressEvent(file, "path", stages=FAKE_DIAGNOSTIC, message=reason))
            stages = FAKE_DIAGNOSTIC
        for stage in stages:
            self._stage(partial, stage, progress, cancel, hold=self.hold and stage.key == "rules")
        result = blocked_result(file) if partial.table == "laboratory" else clean_result(file)
        result.table = partial.table
        result.path_taken = "diagnostic" if reason else "fast"
        result.fallback_reason = reason
        result.stages = partial.stages
        return result


def make_window(qtbot, tmp_path: Path, engine: FakeEngine, **kwargs) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(load_bundled(), check=engine.check, propose=engine.propose, scratch_root=tmp_path / "scratch",
                        settings=settings, cohorts=kwargs.pop("cohorts", ["CNICS"]), **kwargs)
    qtbot.addWidget(window)
    return window


def write_submission(folder: Path, names=("patient.csv", "laboratory.csv")) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        path = folder / name
        path.write_text("cohortPatientId,a,b\nP-1,1,2\n", encoding="utf-8")
        paths.append(path)
    return paths


def checked_demo_window(qapp, folder: Path):
    """The demo (`--demo`) in a window of its own, checked to the end by the real engine."""
    from naaccord_desktop.gui.app import build_window, open_demo

    window = build_window(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat), folder / "scratch")
    window.resize(1280, 800)
    window.show()
    open_demo(window)
    window.check_all()
    deadline = time.monotonic() + 120
    while window.running and time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.01)
    return window

