"""What each variable's chart shows, as plain data: the bars of an enum or
boolean column (most frequent first) and the bins of a year or date column
(in order), computed once from a VariableSummary for the window's charts and
the HTML report's SVG alike. No Qt here."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ..engine.translation import N_, _

MAX_BARS = 12  # values charted; the rest are one "all others" bar
MAX_BINS = 16  # wider year spans are grouped into equal bins
MAX_MONTHS = 24  # longer date spans are drawn per year
OTHERS = N_("all others")
EMPTY = "(empty)"


@dataclass(frozen=True)
class Bar:
    label: str  # a value, a year, a span of years ("1990–1994") or a month ("2024-06")
    count: int
    outside: bool = False  # a value outside the allowed list
    tick: str = ""  # the short label under a histogram's axis ("1990"); the label when empty

    @property
    def short(self) -> str:
        return self.tick or self.label


@dataclass(frozen=True)
class Chart:
    title: str  # "Rows per value", "Rows per year", "Rows per month"
    bars: tuple[Bar, ...]
    histogram: bool  # bins in order along an axis (years, months), else values by count

    def ticks(self, most: int) -> list[int]:
        """Which bars of a histogram get a label under the axis: every k-th
        from the first, at most `most` of them."""
        step = max(1, -(-len(self.bars) // max(1, most)))
        return list(range(0, len(self.bars), step))


def chart_for(summary, *, only: Collection[str] | None = None) -> Chart | None:
    """The chart of a variable, or None when none fits (numbers, text without top values, an empty column).

    `only`: chart only these values (the shareable report: the allowed values
    of the definitions, never values from the data). A redacted summary
    (engine/privacy.py) counts dates per year only."""
    if summary.type in ("enum", "boolean", "string"):  # text has top values when its definition charts it
        bars = value_bars(summary, only)
        return Chart(_("Rows per value"), bars, False) if bars else None
    if summary.type == "year":
        years = [(int(float(v)), int(c)) for v, c in summary.top_values if _is_number(v)]
        return Chart(_("Rows per year"), year_bins(years), True) if years else None
    if summary.type == "date" and summary.dates.get("years"):
        return Chart(_("Rows per year"), year_bins([(int(y), int(c)) for y, c in summary.dates["years"]]), True)
    if summary.type == "date" and summary.dates.get("months"):
        months = [(str(m), int(c)) for m, c in summary.dates["months"] if _is_month(str(m))]
        if not months:
            return None
        span = _month_number(max(m for m, _ in months)) - _month_number(min(m for m, _ in months)) + 1
        if span <= MAX_MONTHS:
            return Chart(_("Rows per month"), month_bins(months), True)
        return Chart(_("Rows per year"), year_bins([(int(m[:4]), c) for m, c in months]), True)
    return None


def most_common(summary, shown: int = 5) -> list[tuple[str, int]]:
    """The values the window lists in words instead of charting free text."""
    return [(str(v), int(c)) for v, c in summary.top_values[:shown]]


def value_bars(summary, only: Collection[str] | None = None) -> tuple[Bar, ...]:
    """Most frequent first, values outside the allowed list among them; beyond
    MAX_BARS the rest are added up in one "all others" bar."""
    outside = {str(v) for v, _ in summary.outside_allowed}
    counts: dict[str, int] = {}
    for v, c in (*summary.top_values, *summary.outside_allowed):
        counts.setdefault("" if v is None else str(v), int(c))
    if only is not None:
        counts = {v: c for v, c in counts.items() if v in only}
    ordered = sorted(counts.items(), key=lambda vc: -vc[1])
    bars = [Bar(v or EMPTY, c, v in outside) for v, c in ordered]
    if len(bars) <= MAX_BARS:
        return tuple(bars)
    rest = sum(b.count for b in bars[MAX_BARS - 1:])
    return (*bars[: MAX_BARS - 1], Bar(_(OTHERS), rest))


def year_bins(points: list[tuple[int, int]]) -> tuple[Bar, ...]:
    """Rows per year, every year from the first to the last; a span wider than
    MAX_BINS years is grouped into bins of equal width."""
    low, high = min(p for p, _ in points), max(p for p, _ in points)
    width = max(1, -(-(high - low + 1) // MAX_BINS))
    bins: dict[int, int] = {}
    for year, count in points:
        start = low + (year - low) // width * width
        bins[start] = bins.get(start, 0) + count
    if width == 1:
        return tuple(Bar(str(s), bins.get(s, 0)) for s in range(low, high + 1))
    return tuple(Bar(f"{s}–{min(s + width - 1, high)}", bins.get(s, 0), tick=str(s))
                 for s in range(low, high + 1, width))


def month_bins(months: list[tuple[str, int]]) -> tuple[Bar, ...]:
    """Rows per month ("YYYY-MM"), every month from the first to the last."""
    counts = {m: c for m, c in months}
    first, last = _month_number(min(counts)), _month_number(max(counts))
    names = (f"{n // 12:04d}-{n % 12 + 1:02d}" for n in range(first, last + 1))
    return tuple(Bar(name, counts.get(name, 0)) for name in names)


def _month_number(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def _is_month(text: str) -> bool:
    return len(text) == 7 and text[:4].isdigit() and text[4] == "-" and text[5:].isdigit() and 1 <= int(text[5:]) <= 12


def _is_number(value) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True
