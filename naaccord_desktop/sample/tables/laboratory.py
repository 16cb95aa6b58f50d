"""Laboratory results: tests in panels, a pool of pre-formatted results per test."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from math import exp

from ..universe import TableContext, by_follow_up, csv_field, iso_days, sorted_days, wheel


@dataclass(frozen=True)
class LabTest:
    name: str
    units: str
    low: float  # normal range
    high: float
    mean: float  # typical result in an HIV clinic population
    spread: float  # log-normal sigma
    decimals: int
    weight: float


LAB_TESTS = (
    LabTest("Abs CD4", "cells/uL", 500, 1500, 480, 0.6, 0, 14),
    LabTest("CD4 %", "%", 30, 60, 26, 0.4, 0, 8),
    LabTest("HIV-1 RNA RT-PCR Ultra", "copies/mL", 0, 20, 0, 0, 0, 14),
    LabTest("Hemoglobin", "g/dL", 12.0, 17.5, 13.8, 0.1, 1, 5),
    LabTest("Hematocrit", "%", 36, 52, 41, 0.1, 1, 3),
    LabTest("WBC", "THOU/uL", 4.0, 11.0, 6.2, 0.3, 1, 5),
    LabTest("Platelets", "THOU/uL", 150, 400, 230, 0.3, 0, 4),
    LabTest("Albumin", "g/dL", 3.5, 5.0, 4.1, 0.1, 1, 3),
    LabTest("ALT", "U/L", 7, 56, 28, 0.5, 0, 4),
    LabTest("AST", "U/L", 10, 40, 27, 0.45, 0, 4),
    LabTest("Alkaline Phosphatase", "U/L", 44, 147, 85, 0.3, 0, 2),
    LabTest("Total Bilirubin", "mg/dL", 0.1, 1.2, 0.6, 0.5, 1, 2),
    LabTest("Creatinine", "mg/dL", 0.6, 1.3, 0.98, 0.25, 2, 4),
    LabTest("eGFR", "mL/min/1.73m2", 60, 120, 88, 0.2, 0, 3),
    LabTest("Glucose", "mg/dL", 70, 99, 98, 0.2, 0, 3),
    LabTest("Hemoglobin A1c", "%", 4.0, 5.6, 5.7, 0.12, 1, 1.5),
    LabTest("Total Cholesterol", "mg/dL", 125, 200, 180, 0.2, 0, 1.5),
    LabTest("HDL Cholesterol", "mg/dL", 40, 60, 46, 0.25, 0, 1.5),
    LabTest("LDL Cholesterol", "mg/dL", 0, 100, 105, 0.3, 0, 1.5),
    LabTest("Triglycerides", "mg/dL", 0, 150, 140, 0.5, 0, 1.5),
    LabTest("Potassium", "mMol/L", 3.5, 5.1, 4.2, 0.08, 1, 2),
    LabTest("Sodium", "mMol/L", 135, 145, 139, 0.015, 0, 2),
    LabTest("HCV Antibody", "S/CO", 0.0, 0.9, 0.15, 1.0, 2, 1),
    LabTest("HCV RNA PCR", "IU/mL", 0, 15, 0, 0, 0, 0.5),
)

CREATININE_SI = LabTest("Creatinine", "µmol/L", 53, 115, 87, 0.25, 0, 0.6)  # Canadian sites
LAB_SOURCES = {"L1": 55, "L2": 25, "L3": 10, "L4": 6, "L5": 4}
# Rare multi-line comments in the interpretation, as some laboratory systems export them.
LAB_COMMENTS = tuple(csv_field(c) for c in (
    "Abnormal\nRepeat specimen requested", "High\nCritical value called to clinic"))
LAB_COMMENT_SHARE = 0.0002
VARIANTS_PER_WEIGHT = 25


def _number(x: float, decimals: int) -> str:
    return f"{x:.{decimals}f}" if decimals else str(int(round(x)))


def _viral_load(rng: random.Random, limit: int, first: bool) -> tuple[str, str]:
    """(result, interpretation) of a viral load: mostly suppressed; the first variant is
    the quoted value above the upper limit that every large file should contain."""
    u = 1.0 if first else rng.random()
    if u < 0.62:
        return rng.choice((f"<{limit}", "BLQ", "Not detected", f"<{limit}")), "BLQ"
    if u < 0.985:
        return str(int(10 ** rng.uniform(1.4, 6.2))), rng.choice(("", "High", ""))
    if u < 0.995:
        return f"{int(10 ** rng.uniform(5, 6.9)):,}", "High"
    return ">10,000,000", "ALQ"


def lab_pool(rng: random.Random) -> tuple[tuple[str, ...], ...]:
    """Pre-formatted (testName, result, units, normalMin, normalMax, interpretation)."""
    pool = []
    for test in LAB_TESTS + (CREATININE_SI,):
        for j in range(max(1, round(test.weight * VARIANTS_PER_WEIGHT))):
            if test.name.startswith("HIV-1 RNA"):
                result, interp = _viral_load(rng, rng.choice((20, 50, 40)), j == 0)
            elif test.name == "HCV RNA PCR":
                result, interp = ("<15", "BLQ") if rng.random() < 0.9 else (
                    str(int(10 ** rng.uniform(3, 6.5))), "High")
            else:
                value = test.mean * exp(rng.gauss(0, test.spread))
                result = _number(value, test.decimals)
                shown = float(result)
                interp = "Low" if shown < test.low else "High" if shown > test.high else "Normal"
                if rng.random() < 0.35:
                    interp = ""
                elif test.name == "Abs CD4" and rng.random() < 0.03:
                    interp = "nadir"
            units = test.units if rng.random() >= 0.03 else ""  # some sites leave units out
            pool.append(tuple(csv_field(v) for v in (
                test.name, result, units,
                _number(test.low, test.decimals), _number(test.high, test.decimals), interp)))
    return tuple(pool)


def laboratory_rows(ctx: TableContext) -> Iterator[list[str]]:
    u, r = ctx.universe, ctx.rng.random
    dates = iso_days()
    pool, sources = lab_pool(ctx.rng), wheel(LAB_SOURCES)
    n_pool, n_src = len(pool), len(sources)
    for p, k in ctx.spread(by_follow_up(u)):
        pid = u.patient_id(p)
        # Tests come in panels: about three results share a collection date.
        visits = sorted_days(r, u.enroll[p], u.last[p], (k + 2) // 3)
        for i in range(k):
            t = pool[int(r() * n_pool)]
            interp = t[5] if r() >= LAB_COMMENT_SHARE else LAB_COMMENTS[i % 2]
            yield [pid, t[0], t[1], t[2], t[3], t[4], interp, dates[visits[i // 3]],
                   sources[int(r() * n_src)]]
