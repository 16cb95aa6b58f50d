"""Prescriptions, and long-acting injectable ART administrations."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ..universe import TableContext, by_follow_up, csv_field, day, iso_days, safe_log, sorted_days, wheel

LAI_APPROVED = date(2021, 2, 1)  # first long-acting injectable ART


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
            stop = min(last, start + 14 + int(-700 * safe_log(r())))
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
