"""The four states a coordinator sees, on a realistic small submission over the
real engine: empty, a run in progress, a blocked result, a clean result.
The PNGs go to test-artifacts/ (resources/screenshots/ holds the reviewed ones)."""

from __future__ import annotations

import random
from pathlib import Path

from gui_helpers import ARTIFACTS, screenshot, wait_idle
from PySide6.QtCore import QSettings

from naaccord_desktop.gui.app import build_window, open_demo
from naaccord_desktop.sample import write_submission as write_sample

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


def test_screenshot_blocked(qtbot, tmp_path):
    window = window_for(qtbot, tmp_path)
    write_sample(tmp_path / "defects", defects=True, tables=["patient", "laboratory", "diagnosis", "medication"],
                 answer=False)
    window.add_paths([tmp_path / "defects"])
    window.check_all()
    wait_idle(qtbot, window)
    select(window, "laboratory")
    assert window.results_view.result.verdict == "blocked"
    assert window.submission_banner.headline.text().startswith("Blocked:")
    screenshot(window, "screenshot-blocked")


def test_screenshot_clean(qtbot, tmp_path):
    window = window_for(qtbot, tmp_path)
    open_demo(window)
    window.check_all()
    wait_idle(qtbot, window, 120_000)
    assert window.submission_banner.headline.text().startswith("Ready to upload")
    select(window, "patient")
    window.results_view.tabs.setCurrentWidget(window.results_view.variables)
    screenshot(window, "screenshot-clean")


def test_screenshot_running(qtbot, tmp_path):
    window = window_for(qtbot, tmp_path)
    window.add_paths([write(tmp_path / "big", 900_000)])
    select(window, "laboratory")
    lab = window.steppers[window.list.current_key()]
    shots = []

    def shoot_while_running() -> bool:  # grabbed between two event-loop passes, so the run cannot end in between
        if lab.running and window.stop_button.isVisible():
            shots.append(window.grab())
        return bool(shots)

    window.check_all()
    qtbot.waitUntil(shoot_while_running, timeout=30_000)
    ARTIFACTS.mkdir(exist_ok=True)
    assert shots[0].save(str(ARTIFACTS / "screenshot-running.png"))
    window.stop()
    wait_idle(qtbot, window, 5_000)
