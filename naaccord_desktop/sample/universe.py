"""The patient universe every table of a synthetic submission refers to, and
what the row sources share: day numbers and their ISO dates, CSV fields,
weighted value wheels and the spread of rows over patients.

Everything is deterministic for a seed: every table draws from its own
`random.Random` seeded with text (stable across runs and machines).
Values that need quoting are quoted when the value pools are built, so the
hot loop only joins strings.

Size: `rows` is the number of laboratory rows (the biggest table). The
universe has `patients` patients (default: one per ten laboratory rows,
between 20 and 200,000) and every other table has a realistic number of rows
per patient (MEAN_ROWS). Dates of a patient's events fall between enrolment
and last activity.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from math import log

from ..definitions.model import Column, Table

FIRST_DAY = date(1990, 1, 1)
ENROLL_FROM = date(1996, 1, 1)
ENROLL_TO = date(2024, 6, 30)
LAST_DAY = date(2025, 12, 31)

MAX_DEFAULT_PATIENTS = 200_000
MIN_PATIENTS = 20

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


def safe_log(x: float) -> float:
    return log(x) if x > 0 else -50.0
