"""Clean synthetic NA-ACCORD data: all 16 tables from one shared patient universe.

Everything is deterministic for a seed: every table draws from its own
`random.Random` seeded with text (stable across runs and machines). Rows are
produced one at a time and streamed to disk, so a multi-GB file needs no more
memory than a small one. Values that need quoting are quoted when the value
pools are built, so the hot loop only joins strings.

Size: `rows` is the number of laboratory rows (the biggest table). The
universe has `patients` patients (default: one per ten laboratory rows,
between 20 and 200,000) and every other table has a realistic number of rows
per patient. Dates of a patient's events fall between enrolment and last
activity; mortality rows exist only for patients who died.
"""

from __future__ import annotations

import csv
import io
import random
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from math import exp, log
from pathlib import Path

from ..definitions.model import Column, Table

FIRST_DAY = date(1990, 1, 1)
ENROLL_FROM = date(1996, 1, 1)
ENROLL_TO = date(2024, 6, 30)
LAST_DAY = date(2025, 12, 31)
LAI_APPROVED = date(2021, 2, 1)  # first long-acting injectable ART
NDI_FROM = date(2008, 1, 1)

MAX_DEFAULT_PATIENTS = 200_000
MIN_PATIENTS = 20
FLUSH_ROWS = 20_000

# Rows per patient, averaged over all patients (laboratory is sized by `rows`).
MEAN_ROWS = {
    "diagnosis": 3.0,
    "medication": 4.0,
    "medication_administration": 0.4,
    "mortality": 0.16,
    "geography": 1.3,
    "encounter": 6.0,
    "insurance": 1.5,
    "hospitalization": 0.3,
    "substance_survey": 2.5,
    "mental_health_survey": 2.5,
    "procedure": 1.5,
    "risk_factor": 1.2,
    "census": 1.3,
}


def day(d: date) -> int:
    return d.toordinal() - FIRST_DAY.toordinal()


@lru_cache(maxsize=1)
def iso_days() -> tuple[str, ...]:
    """`YYYY-MM-DD` of every day from FIRST_DAY to one year after LAST_DAY, by day number."""
    count = day(LAST_DAY) + 366
    return tuple((FIRST_DAY + timedelta(days=i)).isoformat() for i in range(count))


def csv_field(value: str) -> str:
    """One CSV field, quoted only when it must be."""
    if "," in value or '"' in value or "\n" in value or "\r" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_value(field: str) -> str:
    """The value a quoted or plain field written by `csv_field` holds."""
    if len(field) >= 2 and field[0] == '"' and field[-1] == '"':
        return field[1:-1].replace('""', '"')
    return field


def default_patients(rows: int) -> int:
    return max(MIN_PATIENTS, min(MAX_DEFAULT_PATIENTS, rows // 10))


class Universe:
    """The patients every table refers to: IDs and the span of their follow-up."""

    def __init__(self, size: int, seed: int) -> None:
        if size < 1:
            raise ValueError("A submission needs at least one patient.")
        self.size = size
        self.enroll = array("i")
        self.last = array("i")
        self.death = array("i")  # -1: alive
        rng = random.Random(f"{seed}/universe")
        lo, hi, end = day(ENROLL_FROM), day(ENROLL_TO), day(LAST_DAY)
        for _ in range(size):
            enrolled = lo + int(rng.random() * (hi - lo + 1))
            last = enrolled + 30 + int(rng.expovariate(1 / 2200))
            recent = end - int(rng.random() * 180)  # still in care: seen in the last months
            dies, after = rng.random() < 0.09, int(rng.random() * 45)
            last = min(last, max(recent, enrolled))
            self.enroll.append(enrolled)
            self.last.append(last)
            self.death.append(min(end, last + after) if dies else -1)

    def patient_id(self, p: int) -> str:
        # A bijection of 0..9,999,999: distinct IDs that do not look sequential.
        return f"C017-{(p * 3_141_593 + 2_718_281) % 10_000_000:07d}"

    def unknown_id(self, k: int) -> str:
        """An ID of the same form that is not in the universe."""
        return self.patient_id(self.size + k)


@dataclass
class TableContext:
    """What a table's row source draws from."""

    table: Table
    universe: Universe
    seed: int
    rows: int  # rows to produce (ignored by tables whose size follows another table)
    rng: random.Random

    def column(self, name: str) -> Column:
        column = self.table.column(name)
        if column is None:
            raise ValueError(f"The {self.table.name} definition has no column {name!r}.")
        return column

    def allowed_wheel(self, name: str, weights: dict[str, float], blank: float = 0.0) -> tuple[str, ...]:
        """A wheel over the definition's allowed values (weights by value, default 1)."""
        spread = {v.value: weights.get(v.value, 1.0) for v in self.column(name).values if v.value}
        if blank:
            spread[""] = blank
        return wheel(spread)

    def spread(self, weight: Callable[[int, random.Random], float], total: int | None = None,
               key: str = "") -> Iterator[tuple[int, int]]:
        """(patient, rows) for each patient with rows; exactly `total` rows in all.

        `weight(p, rng)` must draw the same numbers on every call for a patient,
        because the weights are drawn twice (sum first, then the split) rather
        than kept in memory."""
        total = self.rows if total is None else total
        key = f"{self.seed}/{key or self.table.name}/spread"

        def weights() -> Iterator[float]:
            rng = random.Random(key)
            for p in range(self.universe.size):
                yield weight(p, rng)

        grand = 0.0
        for w in weights():
            grand += w
        if total <= 0 or grand <= 0:
            return
        done, running = 0, 0.0
        for p, w in enumerate(weights()):
            if w <= 0:
                continue
            running += w
            upto = round(total * running / grand)
            if upto > done:
                yield p, upto - done
                done = upto


def wheel(weights: dict[str, float], size: int = 1000) -> tuple[str, ...]:
    """Values (CSV-encoded) repeated in proportion to their weights: pick one with one random()."""
    total = sum(weights.values())
    out: list[str] = []
    for value, w in weights.items():
        if w > 0:
            out.extend([csv_field(value)] * max(1, round(size * w / total)))
    return tuple(out)


def by_follow_up(u: Universe) -> Callable[[int, random.Random], float]:
    """Patients followed longer have more rows; some have many more."""
    return lambda p, rng: (u.last[p] - u.enroll[p] + 30) * rng.expovariate(1.0)


def sorted_days(r: Callable[[], float], lo: int, hi: int, k: int) -> list[int]:
    span = hi - lo + 1
    return sorted(lo + int(r() * span) for _ in range(k))


# --------------------------------------------------------------------------- patient

BIRTH_COUNTRIES = {
    "United States": 48, "Canada": 10, "México": 4, "Haïti": 2, "Jamaica": 2,
    "Dominican Republic": 1.5, "El Salvador": 1.5, "Guatemala": 1, "Brazil": 1,
    "Korea, Republic of": 0.8, "Congo, Democratic Republic of the": 0.6, "Ethiopia": 0.8,
    "Somalia": 0.6, "Nigeria": 1, "Viet Nam": 0.8, "Philippines": 1, "Puerto Rico": 2,
    "": 22,
}
DEATH_SOURCES = {
    "1": 10, "2": 15, "3": 6, "4": 4, "Clinic Reported": 12, "Death certificate": 20,
    "NDI+": 6, "SSDI": 3, "Medical Record Review": 8, "9": 2,
}


def patient_rows(ctx: TableContext) -> Iterator[list[str]]:
    u, r = ctx.universe, ctx.rng.random
    dates = iso_days()
    sex = ctx.allowed_wheel("birthSex", {"Male": 72, "Female": 27, "Intersexed": 0.6})
    race = ctx.allowed_wheel("race", {
        "Black": 40, "White": 36, "Asian": 3, "American Indian": 1, "Pacific Islander": 0.5,
        "Asian/Pacific Islander": 1, "Multiracial": 3, "Other": 6, "Unknown": 8})
    hispanic = ctx.allowed_wheel("hispanic", {"Yes": 15, "No": 78, "Unknown": 7})
    hiv_negative = ctx.allowed_wheel("hivNegative", {"Y": 3, "S": 0.5}, blank=96.5)
    transgender = ctx.allowed_wheel("transgendered", {"Yes": 2, "No": 60}, blank=38)
    country = wheel(BIRTH_COUNTRIES)
    source = wheel(DEATH_SOURCES)
    ndi_from = day(NDI_FROM)
    for p in range(u.size):
        s = sex[int(r() * len(sex))]
        birth, present = (s, "") if r() < 0.85 else ("", s)
        enrolled, last, died = u.enroll[p], u.last[p], u.death[p]
        age = 18 + min(62, int(-17 * _log(r())))
        sub_site = f"{1 + int(r() * 12):03d}" if r() < 0.6 else ""
        ndi = ""
        if r() < 0.4:
            lo = max(enrolled, ndi_from)
            ndi = dates[lo + int(r() * (day(LAST_DAY) - lo + 1))]
        yield [
            u.patient_id(p), birth, present, str(int(dates[enrolled][:4]) - age),
            race[int(r() * len(race))], hispanic[int(r() * len(hispanic))],
            dates[enrolled], dates[last],
            dates[died] if died >= 0 else "",
            source[int(r() * len(source))] if died >= 0 else "",
            sub_site, hiv_negative[int(r() * len(hiv_negative))],
            country[int(r() * len(country))], transgender[int(r() * len(transgender))], ndi,
        ]


def _log(x: float) -> float:
    return log(x) if x > 0 else -50.0


# --------------------------------------------------------------------------- laboratory


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


# --------------------------------------------------------------------------- medication


@dataclass(frozen=True)
class Drug:
    name: str
    strength: str
    units: str
    form: str
    route: str
    weight: float


DRUGS = (
    Drug("bictegravir/emtricitabine/tenofovir alafenamide", "50/200/25", "mg", "tablet", "po", 14),
    Drug("DOLUTEGRAVIR", "50", "mg", "tablet", "PO", 12),
    Drug("emtricitabine/tenofovir alafenamide", "200/25", "mg", "tablet", "po", 9),
    Drug("EMTRICITABINE", "200", "mg", "capsule", "po", 4),
    Drug("tenofovir disoproxil fumarate", "300", "mg", "tablet", "by mouth", 5),
    Drug("abacavir/lamivudine", "600/300", "mg", "tablet", "po", 4),
    Drug("LAMIVUDINE", "150", "mg", "tablet", "po", 3),
    Drug("zidovudine", "300", "mg", "tablet", "po", 2),
    Drug("EFAVIRENZ", "600", "mg", "tablet", "po", 4),
    Drug("rilpivirine", "25", "mg", "tablet", "po", 2),
    Drug("DARUNAVIR", "800", "mg", "tablet", "po", 4),
    Drug("ritonavir", "100", "mg", "tablet", "po", 4),
    Drug("atazanavir", "300", "mg", "capsule", "po", 2),
    Drug("raltegravir", "400", "mg", "tablet", "po", 2),
    Drug("nevirapine", "200", "mg", "tablet", "po", 1),
    Drug("sulfamethoxazole/trimethoprim", "800/160", "mg", "tablet", "po", 4),
    Drug("azithromycin", "600", "mg", "tablet", "po", 2),
    Drug("atorvastatin", "20", "mg", "tablet", "po", 4),
    Drug("metformin", "500", "mg", "tablet", "po", 3),
    Drug("lisinopril", "10", "mg", "tablet", "po", 3),
    Drug("buprenorphine", "8", "mg", "film", "SL", 1.5),
    Drug("methadone", "10", "mg/ml", "liquid", "po", 1.5),
    Drug("ESTRADIOL", "0.1", "mg", "patch", "transdermal", 1),
    Drug("testosterone cypionate", "200", "mg/ml", "injection", "IM", 1),
    Drug("Hx ARV Treatment, Med unknown", "", "", "", "", 1.5),
    Drug("Hx NRTI Treatment, Med unknown", "", "", "", "", 0.6),
    Drug("Hx PI Treatment, Med unknown", "", "", "", "", 0.4),
)
SIGS = {
    "1 tab PO daily": 30, "QD": 12, "BID": 10, "2BID": 3, "TID": 2, "Q8H": 1,
    "Take 1 tablet by mouth once daily": 14, "Take 2 pills twice a day": 3,
    "Take 1 tablet daily, with food": 4, "Apply 1 patch twice weekly": 1,
    "Take 1 tablet by mouth daily.\nDo not skip doses.": 0.2,
    "As directed": 2,
}
MED_SOURCES = {"M1": 60, "M2": 25, "M3": 10, "M4": 5}


def medication_rows(ctx: TableContext) -> Iterator[list[str]]:
    u, r = ctx.universe, ctx.rng.random
    dates = iso_days()
    drugs = [tuple(csv_field(v) for v in (d.name, d.form, d.strength, d.units, d.route))
             for d in DRUGS for _ in range(max(1, round(d.weight * 4)))]
    sigs, sources = wheel(SIGS), wheel(MED_SOURCES)
    for p, k in ctx.spread(by_follow_up(u)):
        pid, last = u.patient_id(p), u.last[p]
        for start in sorted_days(r, u.enroll[p], last, k):
            name, form, strength, units, route = drugs[int(r() * len(drugs))]
            stop = min(last, start + 14 + int(-700 * _log(r())))
            if r() < 0.08:
                form = ""
            if r() < 0.08:
                route = ""
            yield [pid, name, dates[start], dates[stop], form, strength, units, route,
                   sigs[int(r() * len(sigs))], sources[int(r() * len(sources))]]


LAI_REGIMENS = (
    (("CABENUVA", "600/900", "mg"), ("cabotegravir", "600", "mg"), ("rilpivirine", "900", "mg")),
    (("cabotegravir", "400", "mg"), ("rilpivirine", "600", "mg")),
    (("LENACAPAVIR INJECT", "927", "mg"), ("Lenacapavir injectable (Sunlenca)", "927", "mg")),
    (("CABENUVA", "3", "ml"),),
)
LAI_SOURCES = {
    "Medication administration record": 50, "Pharmacy dispensing record": 30,
    "Chart review": 12, "Procedure code": 8,
}


def medication_administration_rows(ctx: TableContext) -> Iterator[list[str]]:
    u, r = ctx.universe, ctx.rng.random
    dates = iso_days()
    first = day(LAI_APPROVED)
    sources = wheel(LAI_SOURCES)

    def weight(p: int, rng: random.Random) -> float:
        chosen, w = rng.random() < 0.12, rng.random()
        return (0.5 + w) if chosen and u.last[p] >= first + 60 else 0.0

    for p, k in ctx.spread(weight):
        regimen = LAI_REGIMENS[int(r() * len(LAI_REGIMENS))]
        pid = u.patient_id(p)
        for d in sorted_days(r, max(first, u.enroll[p]), u.last[p], k):
            name, strength, units = regimen[int(r() * len(regimen))]
            yield [pid, csv_field(name), dates[d], sources[int(r() * len(sources))], strength, units]


# --------------------------------------------------------------------------- diagnosis, procedures

DIAGNOSES = {
    "Hypertension": 14, "I10": 10, "Hyperlipidemia, unspecified": 6, "E78.5": 6,
    "Diabetes Type 2": 6, "E11.9": 5, "F32.9": 5, "Depression": 3, "B18.2": 3,
    "Chronic hepatitis C": 2, "PCP": 2, "MAC": 1, "KS": 1, "CMV retinitis": 0.5,
    "Esophageal candidiasis": 1.5, "112": 1, "I21.01": 0.6, "J18.9": 3, "N18.3": 2,
    "F17.210": 4, "F11.20": 2, "Z21": 8, "B20": 6, "042": 3, "Anal dysplasia, high grade": 0.8,
}
DIAGNOSIS_SOURCES = {"D1": 40, "D2": 30, "D3": 15, "D4": 10, "D5": 5}
PROCEDURES = {
    "99213": 20, "99214": 15, "90471": 8, "Z23": 6, "87.44": 3, "71046": 6, "G0475": 3,
    "88142": 4, "46600": 2, "76705": 3, "91200": 2,
}
PROCEDURE_RESULTS = {
    "Normal": 35, "Abnormal": 10, "Negative": 15, "Positive": 3, "3.9 KPa": 1, "7.2 KPa": 1,
    "12.5 KPa": 0.5, "No acute cardiopulmonary process": 5, "LSIL": 1, "HSIL": 0.5,
    "Normal\nNo follow-up needed": 0.5, "Done": 8,
}
PROCEDURE_SOURCES = {"P1": 60, "P2": 30, "P3": 10}


def diagnosis_rows(ctx: TableContext) -> Iterator[list[str]]:
    u, r = ctx.universe, ctx.rng.random
    dates = iso_days()
    codes, sources = wheel(DIAGNOSES), wheel(DIAGNOSIS_SOURCES)
    for p, k in ctx.spread(by_follow_up(u)):
        pid = u.patient_id(p)
        for d in sorted_days(r, u.enroll[p], u.last[p], k):
            yield [pid, codes[int(r() * len(codes))], dates[d], sources[int(r() * len(sources))]]


def procedure_rows(ctx: TableContext) -> Iterator[list[str]]:
    u, r = ctx.universe, ctx.rng.random
    dates = iso_days()
    codes, results, sources = wheel(PROCEDURES), wheel(PROCEDURE_RESULTS), wheel(PROCEDURE_SOURCES)
    for p, k in ctx.spread(by_follow_up(u)):
        pid = u.patient_id(p)
        for d in sorted_days(r, u.enroll[p], u.last[p], k):
            yield [pid, codes[int(r() * len(codes))], dates[d], results[int(r() * len(results))],
                   sources[int(r() * len(sources))]]


def risk_factor_rows(ctx: TableContext) -> Iterator[list[str]]:
    u, r = ctx.universe, ctx.rng.random
    risk = ctx.allowed_wheel("risk", {
        "Men who have sex with men": 45, "Injection drug use": 9,
        "Men who have sex with men and are an injection drug user": 3,
        "Hemophilia/coagulation disorder": 0.3, "Heterosexual contact - Unspecified": 18,
        "Heterosexual contact - Sex with injection drug user": 3,
        "Heterosexual contact - Sex with bisexual male": 1.5,
        "Heterosexual contact - Sex with person with hemophilia": 0.1,
        "Heterosexual contact - Sex with transfusion recipient with HIV infection": 0.1,
        "Heterosexual contact - Sex with HIV-infected person, risk not specified": 4,
        "Receipt of blood transfusion, blood components, or tissue": 0.5,
        "Worked in health care or laboratory setting": 0.1, "Perinatal": 1, "Other": 2,
        "Unknown": 10,
    })
    for p, k in ctx.spread(lambda p, rng: 0.2 + rng.random()):
        pid = u.patient_id(p)
        for _ in range(k):
            yield [pid, risk[int(r() * len(risk))]]


# --------------------------------------------------------------------------- mortality

CAUSES = {
    "Cardiopulmonary arrest": 10, "HCV with liver failure": 4, "Chronic alcohol abuse": 3,
    "PCP": 2, "ESLD": 4, "Upper GI Bleed": 2, "Sepsis": 8, "Myocardial infarction": 8,
    "Lung cancer": 5, "Drug overdose": 9, "AIDS, unspecified": 5, "Non-Hodgkin lymphoma": 3,
    "Pneumonia": 6, "Respiratory failure\ndue to pneumonia": 1, "Unknown": 6,
}
DEATH_TYPES = {"1": 25, "2": 20, "3": 20, "4": 5, "5": 5, "6": 2, "": 23}
CAUSE_SOURCES = {
    "1": 15, "2": 20, "Medical Record Review": 20, "Death certificate": 25,
    "NDI+ Record Axis": 10, "4": 5, "Provincial Death Index": 3, "9": 2,
}


def mortality_rows(ctx: TableContext) -> Iterator[list[str]]:
    u, r = ctx.universe, ctx.rng.random
    causes, types, sources = wheel(CAUSES), wheel(DEATH_TYPES), wheel(CAUSE_SOURCES)

    def weight(p: int, rng: random.Random) -> float:
        w = rng.random()
        return 0.5 + w if u.death[p] >= 0 else 0.0

    for p, k in ctx.spread(weight):
        pid = u.patient_id(p)
        for _ in range(k):
            yield [pid, causes[int(r() * len(causes))], types[int(r() * len(types))],
                   sources[int(r() * len(sources))]]


# --------------------------------------------------------------------------- where patients live


@dataclass(frozen=True)
class Place:
    state_code: str
    post_code: str
    county: str
    state: str
    tract: str
    income: int  # median household income of the county


PLACES = (
    Place("MD", "21201", "Baltimore City", "Maryland", "1702.00", 54_124),
    Place("MD", "21093", "Baltimore", "Maryland", "4087.04", 81_477),
    Place("CA", "94110", "San Francisco", "California", "0228.01", 126_187),
    Place("CA", "90027", "Los Angeles", "California", "1891.00", 76_367),
    Place("WA", "98104", "King", "Washington", "0081.00", 110_586),
    Place("NY", "10027", "New York", "New York", "0209.01", 93_956),
    Place("GA", "30308", "Fulton", "Georgia", "0019.00", 81_236),
    Place("FL", "33136", "Miami-Dade", "Florida", "0028.00", 64_215),
    Place("TX", "77030", "Harris", "Texas", "4112.00", 65_788),
    Place("AL", "35233", "Jefferson", "Alabama", "0045.00", 61_618),
    Place("NC", "27710", "Durham", "North Carolina", "0017.07", 72_600),
    Place("AB", "T2B", "", "", "", 0),
    Place("ON", "M5B", "", "", "", 0),
    Place("BC", "V6Z", "", "", "", 0),
    Place("QC", "H2X", "", "", "", 0),
    Place("XX", "", "", "", "", 0),
)
STATE_INCOME = {"Maryland": 98_461, "California": 91_905, "Washington": 90_325,
                "New York": 79_557, "Georgia": 71_355, "Florida": 67_917, "Texas": 73_035,
                "Alabama": 59_609, "North Carolina": 66_186}


def geography_rows(ctx: TableContext) -> Iterator[list[str]]:
    u, r = ctx.universe, ctx.rng.random
    dates = iso_days()
    for p, k in ctx.spread(lambda p, rng: 0.3 + rng.random()):
        pid = u.patient_id(p)
        for d in sorted_days(r, u.enroll[p], u.last[p], k):
            place = PLACES[int(r() * len(PLACES))]
            post = place.post_code if r() < 0.92 else ("ZZZ" if r() < 0.3 else "")
            yield [pid, place.state_code, post, dates[d] if r() < 0.75 else "",
                   "Y" if place.state_code != "XX" and r() < 0.04 else ""]


def census_rows(ctx: TableContext) -> Iterator[list[str]]:
    u, r = ctx.universe, ctx.rng.random
    dates = iso_days()
    us = [place for place in PLACES if place.state]
    for p, k in ctx.spread(lambda p, rng: 0.3 + rng.random()):
        pid = u.patient_id(p)
        for d in sorted_days(r, u.enroll[p], u.last[p], k):
            place = us[int(r() * len(us))]
            tract_income = int(place.income * (0.45 + r() * 1.1))
            zcta_income = int(place.income * (0.6 + r() * 0.8))
            row = [pid, dates[d], place.tract, place.post_code, place.county, place.state,
                   str(tract_income), str(zcta_income), str(place.income),
                   str(STATE_INCOME[place.state])]
            for base in (0.58, 0.36):  # employed, college
                tract = min(0.98, base * (0.6 + r() * 0.8))
                zcta = min(0.98, base * (0.75 + r() * 0.5))
                row.extend(f"{x:.3f}" for x in (tract, zcta, base * 1.02, base))
            # GENERATE leaves figures empty where it could not place the address.
            placed = r()
            unplaced = (range(2, 18) if placed < 0.01 else (2, 6, 10, 14) if placed < 0.07
                        else (3, 7, 11, 15) if placed < 0.09 else ())
            for i in unplaced:
                row[i] = ""
            yield row


# --------------------------------------------------------------------------- encounters, insurance

ENCOUNTER_TYPES = {
    "HIV Primary Care": 72, "Telemedicine – Video": 10, "Telemedicine – Phone": 8,
    "Interview visit – in-person": 10,
}
INSURANCE_CODES = {
    "1": 20, "2": 12, "3": 5, "4": 2, "5": 2, "6": 4, "7": 22, "8": 8, "9": 0.3, "99": 3,
    "Medicaid": 6, "Medicare": 5, "Private or commercial health insurance": 6,
    "Self pay/none": 2, "Veteran's Administration Medical Benefits": 1,
}


def encounter_rows(ctx: TableContext) -> Iterator[list[str]]:
    u, r = ctx.universe, ctx.rng.random
    dates = iso_days()
    kinds, ins = wheel(ENCOUNTER_TYPES), wheel(INSURANCE_CODES)
    n_ins = len(ins)
    filled = (0.9, 0.35, 0.3, 0.3, 0.3)  # each slot given the one before it is filled
    for p, k in ctx.spread(by_follow_up(u)):
        pid = u.patient_id(p)
        for d in sorted_days(r, u.enroll[p], u.last[p], k):
            row = [pid, dates[d], kinds[int(r() * len(kinds))]]
            more = True
            for share in filled:
                more = more and r() < share
                row.append(ins[int(r() * n_ins)] if more else "")
            yield row


def insurance_rows(ctx: TableContext) -> Iterator[list[str]]:
    u, r = ctx.universe, ctx.rng.random
    dates = iso_days()
    ins = wheel(INSURANCE_CODES)
    for p, k in ctx.spread(lambda p, rng: 0.3 + rng.random()):
        pid, last = u.patient_id(p), u.last[p]
        for start in sorted_days(r, u.enroll[p], last, k):
            stop = "" if r() < 0.45 else dates[min(last, start + 30 + int(r() * 1500))]
            yield [pid, ins[int(r() * len(ins))], dates[start], stop]


# --------------------------------------------------------------------------- hospital stays

DISCHARGE_DX = {
    "481": 6, "486": 5, "518.83": 3, "V08": 8, "070.70": 3, "491.21": 3, "V46.2": 1,
    "J18.9": 8, "A41.9": 6, "N17.9": 5, "I50.9": 4, "B20": 8, "F10.239": 2, "K72.90": 2,
    "E87.1": 3, "D64.9": 4,
}
DISCHARGE_SOURCES = {"Data collected at NA-ACCORD site": 70, "Hospital discharge abstract": 30}


def hospital_stays(ctx: TableContext) -> Iterator[tuple[int, str, int, int]]:
    """(patient, encounterID, admit day, discharge day); the same for every table that asks."""
    u = ctx.universe
    r = random.Random(f"{ctx.seed}/hospitalization/stays").random
    rows = round(MEAN_ROWS["hospitalization"] * u.size)
    stay = 0
    end = day(LAST_DAY)
    for p, k in ctx.spread(by_follow_up(u), total=rows, key="hospitalization"):
        for admit in sorted_days(r, u.enroll[p], u.last[p], k):
            stay += 1
            # A bijection of 0..8,999,999,999: unique 10-digit IDs.
            encounter = str(1_000_000_000 + (stay * 2_654_435_761) % 9_000_000_000)
            yield p, encounter, admit, min(end, admit + 1 + int(-4 * _log(r())))


def hospitalization_rows(ctx: TableContext) -> Iterator[list[str]]:
    dates = iso_days()
    for p, encounter, admit, discharge in hospital_stays(ctx):
        yield [ctx.universe.patient_id(p), encounter, dates[admit], dates[discharge]]


def discharge_dx_rows(ctx: TableContext) -> Iterator[list[str]]:
    r = ctx.rng.random
    dates = iso_days()
    codes, sources = wheel(DISCHARGE_DX), wheel(DISCHARGE_SOURCES)
    for p, encounter, _admit, discharge in hospital_stays(ctx):
        pid, source = ctx.universe.patient_id(p), sources[int(r() * len(sources))]
        for rank in range(1, 2 + int(r() * 5)):
            yield [pid, codes[int(r() * len(codes))], dates[discharge], str(rank), source, encounter]


# --------------------------------------------------------------------------- surveys

SUBSTANCE_QUESTIONS = (
    ("tobacco_use", "Do you use tobacco?", (("1", "Yes"), ("0", "No"), ("2", "Former"))),
    ("smoke1", "Have you ever smoked?", (("yes", "Yes"), ("no", "No"))),
    ("alcohol_freq", "How often do you have a drink containing alcohol?",
     (("never", "Never"), ("1", "Monthly or less"), ("2", "2-4 times a month"),
      ("3", "2-3 times a week"), ("4", "4 or more times a week"))),
    ("drinksday", "How many drinks per day?", (("1-3", "1-3 drinks per day"), ("5", "5"),
                                               ("0", "None"), ("7+", "7 or more"))),
    ("cocaine_30d", "Cocaine or crack use, past 30 days?", (("0", "Never"), ("1", "Sometimes"),
                                                            ("2", "Daily"))),
    ("meth_30d", "Methamphetamine use, past 30 days?", (("0", "Never"), ("1", "Sometimes"),
                                                        ("2", "Daily"))),
    ("opioid_30d", "Non-prescribed opioid use, past 30 days?", (("0", "Never"), ("1", "Sometimes"),
                                                               ("2", "Daily"))),
    ("marijuana_freq", "How often have you used marijuana?", (("never", "Never"),
                                                              ("monthly", "Monthly"),
                                                              ("weekly", "Weekly"),
                                                              ("daily", "Daily"))),
)

MENTAL_HEALTH_RESPONSES = (("0", "Not at all"), ("1", "Several days"),
                           ("2", "More than half the days"), ("3", "Nearly every day"))
MENTAL_HEALTH_INSTRUMENTS = (
    ("PHQ-9", "phq9_", (
        "Little interest or pleasure in doing things?", "Feeling down, depressed, or hopeless?",
        "Trouble falling or staying asleep, or sleeping too much?",
        "Feeling tired or having little energy?", "Poor appetite or overeating?",
        "Feeling bad about yourself, or that you are a failure?",
        "Trouble concentrating on things?", "Moving or speaking slowly, or being restless?",
        "Thoughts that you would be better off dead?")),
    ("PHQ-2", "phq2_", ("Little interest or pleasure in doing things?",
                        "Feeling down, depressed, or hopeless?")),
    ("GAD-7", "gad7_", (
        "Feeling nervous, anxious, or on edge?", "Not being able to stop or control worrying?",
        "Worrying too much about different things?", "Trouble relaxing?",
        "Being so restless that it is hard to sit still?",
        "Becoming easily annoyed or irritable?", "Feeling afraid, as if something awful might happen?")),
)
ADMINISTRATION = {
    "Self-administered, tablet or computer": 55, "Self-administered, paper": 15,
    "Interviewer-administered, face-to-face": 15,
    "Interviewer-administered, phone or video call": 8, "Audio Computer-Assisted Self-Interviews": 7,
}


def substance_survey_rows(ctx: TableContext) -> Iterator[list[str]]:
    u, r = ctx.universe, ctx.rng.random
    dates = iso_days()
    questions = [(csv_field(q), csv_field(label), tuple((csv_field(a), csv_field(b)) for a, b in answers))
                 for q, label, answers in SUBSTANCE_QUESTIONS]
    n = len(questions)
    for p, k in ctx.spread(by_follow_up(u)):
        pid = u.patient_id(p)
        surveys = sorted_days(r, u.enroll[p], u.last[p], (k + n - 1) // n)
        for i in range(k):
            q, label, answers = questions[i % n]
            code, meaning = answers[int(r() * len(answers))]
            keep_labels = r() < 0.8
            yield [pid, q, code, dates[surveys[i // n]], label if keep_labels else "",
                   meaning if keep_labels else ""]


def mental_health_survey_rows(ctx: TableContext) -> Iterator[list[str]]:
    u, r = ctx.universe, ctx.rng.random
    dates = iso_days()
    how = wheel(ADMINISTRATION)
    answers = [(csv_field(a), csv_field(b)) for a, b in MENTAL_HEALTH_RESPONSES]
    instruments = [(name, [(f"{prefix}{i + 1}", csv_field(label)) for i, label in enumerate(labels)])
                   for name, prefix, labels in MENTAL_HEALTH_INSTRUMENTS]
    for p, k in ctx.spread(by_follow_up(u)):
        pid = u.patient_id(p)
        name, items = instruments[int(r() * len(instruments))]
        n = len(items)
        surveys = sorted_days(r, u.enroll[p], u.last[p], (k + n - 1) // n)
        method = how[int(r() * len(how))]
        for i in range(k):
            question, label = items[i % n]
            code, meaning = answers[min(3, int(-1.1 * _log(r())))]
            yield [pid, question, code, dates[surveys[i // n]], label, meaning, name, method]


# --------------------------------------------------------------------------- the table registry


@dataclass(frozen=True)
class TableSource:
    columns: tuple[str, ...]  # the order the row source writes
    rows: Callable[[TableContext], Iterator[list[str]]]


SOURCES: dict[str, TableSource] = {
    "patient": TableSource(
        ("cohortPatientId", "birthSex", "presentSex", "birthYear", "race", "hispanic", "enrollDate",
         "lastActivityDate", "deathDate", "deathDateSource", "subSiteID", "hivNegative",
         "BirthCountry", "transgendered", "LastNDIDate"), patient_rows),
    "diagnosis": TableSource(("cohortPatientId", "diagnosis", "diagnosisDate", "source"),
                             diagnosis_rows),
    "laboratory": TableSource(
        ("cohortPatientId", "testName", "result", "units", "normalMin", "normalMax",
         "interpretation", "resultDate", "source"), laboratory_rows),
    "medication": TableSource(
        ("cohortPatientId", "medicationName", "startDate", "stopDate", "form", "strength", "units",
         "route", "sig", "source"), medication_rows),
    "medication_administration": TableSource(
        ("cohortPatientId", "medicationName", "administrationDate", "source", "strength", "units"),
        medication_administration_rows),
    "mortality": TableSource(("cohortPatientId", "cause", "type", "source"), mortality_rows),
    "geography": TableSource(
        ("cohortPatientId", "stateProv", "postCode", "resDate", "stateProvApprox"), geography_rows),
    "encounter": TableSource(
        ("cohortPatientId", "encounterDate", "encounterType", "encounterInsType1",
         "encounterInsType2", "encounterInsType3", "encounterInsType4", "encounterInsType5"),
        encounter_rows),
    "insurance": TableSource(
        ("cohortPatientId", "insurance", "insuranceStartDate", "insuranceStopDate"), insurance_rows),
    "hospitalization": TableSource(
        ("cohortPatientId", "encounterID", "admitDate", "dischargeDate"), hospitalization_rows),
    "substance_survey": TableSource(
        ("cohortPatientId", "question", "response", "responseDate", "questionLabel",
         "responseLabel"), substance_survey_rows),
    "mental_health_survey": TableSource(
        ("cohortPatientId", "question", "response", "responseDate", "questionLabel",
         "responseLabel", "instrument", "administration"), mental_health_survey_rows),
    "procedure": TableSource(
        ("cohortPatientId", "siteProcedure", "procedureDate", "procedureResult", "source"),
        procedure_rows),
    "discharge_dx": TableSource(
        ("cohortPatientId", "dischargeDx", "dischargeDxDate", "ranking", "source", "encounterID"),
        discharge_dx_rows),
    "risk_factor": TableSource(("cohortPatientId", "risk"), risk_factor_rows),
    "census": TableSource(
        ("cohortPatientId", "resDate", "censusTract", "zcta", "county", "state", "mTractIncome",
         "mZCTAIncome", "mCountyIncome", "mStateIncome", "pTractEmployed", "pZCTAEmployed",
         "pCountyEmployed", "pStateEmployed", "pTractCollege", "pZCTACollege", "pCountyCollege",
         "pStateCollege"), census_rows),
}


def table_rows(table: Table, universe: Universe, seed: int, lab_rows: int) -> Iterator[list[str]]:
    """Every row of one table, each a list of CSV-encoded fields in the definition's order."""
    source = SOURCES.get(table.name)
    if source is None:
        raise ValueError(f"The sample generator does not know the table type {table.name!r}.")
    if source.columns != table.column_names:
        raise ValueError(
            f"The sample generator writes the {table.name} columns "
            f"{', '.join(source.columns)}, but the definitions list {', '.join(table.column_names)}.")
    rows = lab_rows if table.name == "laboratory" else round(MEAN_ROWS.get(table.name, 1) * universe.size)
    ctx = TableContext(table, universe, seed, rows, random.Random(f"{seed}/{table.name}"))
    return source.rows(ctx)


def count_rows(table: Table, universe: Universe, seed: int, lab_rows: int) -> int:
    """How many rows `table_rows` gives (by producing them: sizes of linked tables vary)."""
    if table.name == "laboratory":
        return lab_rows
    return sum(1 for _ in table_rows(table, universe, seed, lab_rows))


# --------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class FileFormat:
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"

    @property
    def label(self) -> str:
        parts = [self.encoding.upper()]
        if self.bom:
            parts.append("BOM")
        parts.append("CRLF" if self.newline == "\r\n" else "LF")
        return ", ".join(parts)


@dataclass(frozen=True)
class Expected:
    """One finding a correct checker reports for a record the writer wrote."""

    code: str
    column: str | None
    value: str
    note: str = ""
    severity: str = ""  # empty: the code's default


@dataclass(frozen=True)
class Record:
    text: str  # the physical text of one record (or "" for a blank line)
    expected: tuple[Expected, ...] = ()


@dataclass(frozen=True)
class Located:
    line: int
    expected: Expected
    byte: int | None = None


@dataclass(frozen=True)
class Written:
    path: Path
    records: int  # data records (blank lines excluded)
    lines: int  # physical lines, header included
    size: int
    found: tuple[Located, ...]


class RowShaper:
    """How a row becomes text. The clean shape joins the fields; a defect plan
    (see `defects.py`) subclasses it to change a header or a few rows."""

    special: frozenset[int] | dict = frozenset()  # row indexes `records` must see

    def header(self, table: Table) -> list[str]:
        return list(table.column_names)

    def header_expected(self) -> tuple[Expected, ...]:
        return ()

    def records(self, index: int, fields: list[str]) -> list[Record]:
        return [Record(",".join(fields))]

    def plain(self, fields: list[str]) -> str:
        return ",".join(fields)


def write_table(path: Path, table: Table, rows: Iterator[list[str]],
                fmt: FileFormat = FileFormat(), shaper: RowShaper | None = None) -> Written:
    """Stream `rows` to `path`, noting the physical line of every expected finding.

    Lines are counted from the text itself, so quoted values with embedded
    newlines move every later line number, as they do in the file."""
    shaper = shaper or RowShaper()
    nl = fmt.newline
    found: list[Located] = [Located(1, e) for e in shaper.header_expected()]
    names = shaper.header(table)
    header = ",".join(csv_field(name) for name in names)
    line, records = 2, 0
    # Only a non-UTF-8 file can have a first bad byte; find it while it is near.
    looking = fmt.encoding.replace("-", "").lower() not in ("utf8", "utf8sig")
    byte = len(header) + len(nl)
    special, plain = shaper.special, shaper.plain
    buffer: list[str] = [header]
    with open(path, "w", encoding=fmt.encoding, newline="") as out:
        if fmt.bom:
            out.write("\ufeff")
        for index, fields in enumerate(rows):
            if index not in special and not looking:  # the hot path: a plain row
                text = plain(fields)
                buffer.append(text)
                line += 1 + text.count("\n")
                records += 1
                if len(buffer) >= FLUSH_ROWS:
                    out.write(nl.join(buffer) + nl)
                    buffer.clear()
                continue
            written = shaper.records(index, fields) if index in special else [Record(plain(fields))]
            for record in written:
                text = record.text
                for expected in record.expected:
                    found.append(Located(line, expected))
                if looking:
                    if text.isascii():
                        byte += len(text) + len(nl)
                    else:
                        found.append(_first_bad_byte(text, line, byte, names, fmt))
                        looking = False
                buffer.append(text)
                line += 1 + text.count("\n")
                records += 1 if text else 0
            if len(buffer) >= FLUSH_ROWS:
                out.write(nl.join(buffer) + nl)
                buffer.clear()
        if buffer:
            out.write(nl.join(buffer) + nl)
    return Written(path, records, line - 1, path.stat().st_size, tuple(found))


def _first_bad_byte(text: str, line: int, byte: int, names: list[str], fmt: FileFormat) -> Located:
    """The file-level encoding finding: its value is the cell holding the first bad byte."""
    at = next(i for i, ch in enumerate(text) if not ch.isascii())
    values = next(csv.reader(io.StringIO(text)))
    i = next(i for i, v in enumerate(values) if not v.isascii())
    where = f"in column {names[i]}" if i < len(names) else "after the last column"
    note = f"first byte that is not UTF-8 ({fmt.encoding} file), {where}"
    return Located(line + text[:at].count("\n"), Expected("file.encoding", None, values[i], note),
                   byte + len(text[:at].encode(fmt.encoding)))
