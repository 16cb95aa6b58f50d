"""The patient table (one row per patient of the universe) and mortality (patients who died)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date

from ..universe import LAST_DAY, TableContext, day, iso_days, safe_log, wheel

NDI_FROM = date(2008, 1, 1)


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
        age = 18 + min(62, int(-17 * safe_log(r())))
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
