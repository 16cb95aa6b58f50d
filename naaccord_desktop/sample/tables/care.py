"""Diagnoses, procedures, risk factors, encounters, insurance and hospital stays."""

from __future__ import annotations

import random
from collections.abc import Iterator

from ..universe import (
    LAST_DAY,
    MEAN_ROWS,
    TableContext,
    by_follow_up,
    day,
    iso_days,
    safe_log,
    sorted_days,
    wheel,
)

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
            yield p, encounter, admit, min(end, admit + 1 + int(-4 * safe_log(r())))


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
