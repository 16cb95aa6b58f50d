"""Where patients live: geography and census figures of a few real places."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..universe import TableContext, iso_days, sorted_days


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
