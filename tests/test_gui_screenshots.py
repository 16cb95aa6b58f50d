"""The states a coordinator sees, over the real engine: the empty window, a run
in progress, and the demo's blocked file, file with errors and file that took
the diagnostic path. The PNGs go to test-artifacts/ (resources/screenshots/
holds the reviewed ones, which the README shows)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from gui_helpers import ARTIFACTS, checked_demo_window, screenshot, wait_idle
from PySide6.QtCore import QSettings

from naaccord_desktop.gui.app import build_window

PATIENT = ("cohortPatientId,birthSex,presentSex,birthYear,race,hispanic,enrollDate,lastActivityDate,deathDate,"
           "deathDateSource,subSiteID,hivNegative,BirthCountry,transgendered,LastNDIDate")
LAB = "cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source"
RACES = ("White", "Black", "Asian", "American Indian", "Pacific Islander")


def patients(n: int, rng: random.Random) -> list[str]:
    return [f"P{i:05d},{rng.choice(('Female', 'Male'))},,{rng.randint(1940, 2000)},{rng.choice(RACES)},"
            f"{rng.choice(('Yes', 'No'))},{rng.randint(2000, 2015)}-{rng.randint(1, 12):02d}-15,"
            f"2023-{rng.randint(1, 12):02d}-01,,,001,,,No,"
            for i in range(1, n + 1)]


def labs(n: int, known: int, rng: random.Random) -> list[str]:
    rows = []
    for _ in range(n):
        pid = f"P{rng.randint(1, known):05d}"
        test, unit, low, high = rng.choice((("CD4", "cells/uL", 500, 1500), ("HIV RNA", "copies/mL", 0, 20),
                                            ("Glucose", "mg/dL", 70, 110)))
        rows.append(f"{pid},{test},{rng.randint(low, high * 2)},{unit},{low},{high},"
                    f"{rng.choice(('Normal', 'High', 'Low'))},{rng.randint(2012, 2024)}-{rng.randint(1, 12):02d}-"
                    f"{rng.randint(1, 28):02d},Clinic lab")
    return rows


def write(folder: Path, lab_rows: int) -> Path:
    """A patient file and a laboratory file big enough to watch the stepper move."""
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "patient.csv").write_text("\n".join([PATIENT, *patients(300, rng)]) + "\n", encoding="utf-8")
    (folder / "laboratory.csv").write_text("\n".join([LAB, *labs(lab_rows, 300, rng)]) + "\n",
                                           encoding="utf-8")
    return folder


def window_for(qtbot, tmp_path):
    window = build_window(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), tmp_path / "scratch")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


def select(window, table: str) -> None:
    key = next(k for k, e in window.list.entries.items() if e.table == table)
    window.list.setCurrentItem(window.list.item_for(key))


def test_screenshot_empty(qtbot, tmp_path):
    window = window_for(qtbot, tmp_path)
    screenshot(window, "screenshot-empty")


@pytest.fixture(scope="module")
def demo_checked(qapp, tmp_path_factory):
    """The demo (`--demo`), checked once by the real engine."""
    window = checked_demo_window(qapp, tmp_path_factory.mktemp("demo-window"))
    yield window
    window.close()


def test_the_demo_submission_is_blocked_by_its_laboratory_file(demo_checked):
    window = demo_checked
    assert window.submission_banner.headline.text() == \
        "Blocked: 1 file of 16 cannot be uploaded yet (laboratory.csv)"
    select(window, "laboratory")
    assert window.results_view.result.verdict == "blocked"
    assert window.results_view.banner.headline.text() == \
        "Blocked: 25 rows use patient IDs that are not in the patient file"
    screenshot(window, "screenshot-blocked")


def test_the_demo_patient_file_has_errors_in_dates_and_enums(demo_checked):
    window = demo_checked
    select(window, "patient")
    result = window.results_view.result
    assert result.verdict == "ready"
    assert window.results_view.banner.headline.text().startswith("Ready to upload, with ")
    assert {f.code for f in result.findings} >= {"date.invalid", "enum.invalid"}
    screenshot(window, "screenshot-errors")


def test_the_demo_diagnosis_file_takes_the_diagnostic_path_and_says_why(demo_checked):
    window = demo_checked
    select(window, "diagnosis")
    stepper = window.steppers[window.list.current_key()]
    assert window.results_view.result.path_taken == "diagnostic"
    assert stepper.reason.isVisible() and "double quote inside a value" in stepper.reason.text()
    assert list(stepper.rows)[:3] == ["metadata", "structure", "tolerant_load"]
    screenshot(window, "screenshot-fallback")  # not the File tab: it shows where the app is installed


def test_screenshot_running(qtbot, tmp_path):
    window = window_for(qtbot, tmp_path)
    window.add_paths([write(tmp_path / "big", 900_000)])
    select(window, "laboratory")
    lab = window.steppers[window.list.current_key()]
    shots = []

    def shoot_while_running() -> bool:  # grabbed between two event-loop passes, so the run cannot end in between
        rows = list(lab.rows.values())
        laid_out = len(rows) > 1 and rows[-1].title.y() > rows[0].title.y()  # the path's rows are in place
        measured = any(r.state == "running" and r.fraction for r in rows)  # a bar with its share and time
        if lab.running and laid_out and measured and window.stop_button.isVisible():
            shots.append(window.grab())
        return bool(shots)

    window.check_all()
    qtbot.waitUntil(shoot_while_running, timeout=30_000)
    ARTIFACTS.mkdir(exist_ok=True)
    assert shots[0].save(str(ARTIFACTS / "screenshot-running.png"))
    window.stop()
    wait_idle(qtbot, window, 5_000)
