"""The HTML report's Variables section: one card per column with its fill
rate, facts and chart. The shareable report renders a redacted result
(engine/privacy.py: no min/max/median, no date range, dates per year) and
charts only the definitions' allowed values; values outside the allowed list
are counted."""

from __future__ import annotations

from ..definitions.model import DefinitionSet
from ..engine.result import FileResult, VariableSummary
from .chart_data import chart_for
from .markup import e, n
from .svg import bar_chart, histogram

OUTSIDE_LEGEND = '<p class="legend"><span class="key bad"></span> not in the allowed list</p>'


def variables_section(f: FileResult, shareable: bool, definitions: DefinitionSet | None) -> str:
    if not f.summaries:
        return ""
    cards = "".join(_card(f, s, shareable, definitions) for s in f.summaries.values())
    return f'<h3>Variables ({len(f.summaries)})</h3><div class="cards">{cards}</div>'


def _card(f: FileResult, s: VariableSummary, shareable: bool, definitions: DefinitionSet | None) -> str:
    filled = s.count - s.missing
    share = filled / s.count if s.count else 0.0
    percent = f"{share:.0%}" if filled in (0, s.count) else f"{min(max(share, 0.001), 0.999):.1%}"
    facts = [f"{n(filled)} of {n(s.count)} filled ({percent})", f"{n(s.distinct)} distinct"]
    if s.numeric:
        facts += _numeric_facts(s.numeric, s.type == "year")
    if s.dates:
        facts += _date_facts(s.dates)
    allowed = _allowed_values(definitions, f.table, s.column) if shareable else None
    return (f'<div class="card"><p class="head"><code>{e(s.column)}</code> '
            f'<span class="type">{e(s.type)}</span></p>'
            f'<div class="fill"><span style="width:{share * 100:.1f}%"></span></div>'
            f"<p>{' · '.join(facts)}</p>{_chart(s, allowed)}</div>")


def _numeric_facts(numeric: dict, years: bool) -> list[str]:
    stats = ("min", "median", "max") if years else ("min", "median", "mean", "max")
    facts = [f"{k} {e(_year(numeric[k]) if years else _short(numeric[k]))}"
             for k in stats if numeric.get(k) is not None]
    if numeric.get("invalid"):
        facts.append(f'<span class="bad">{n(numeric["invalid"])} not a number</span>')
    return facts


def _date_facts(dates: dict) -> list[str]:
    facts = []
    if dates.get("min"):
        facts.append(f"from {e(dates['min'])} to {e(dates.get('max', ''))}")
    if dates.get("invalid"):
        facts.append(f'<span class="bad">{n(dates["invalid"])} not a valid date</span>')
    return facts


def _chart(s: VariableSummary, allowed: set[str] | None) -> str:
    """The same bars and bins as the window's chart; `allowed` (the shareable
    report) keeps only those values."""
    shareable = allowed is not None
    chart = chart_for(s, only=allowed)
    label = f"{s.column}: {chart.title.lower()}" if chart else ""
    if chart and chart.histogram:
        return histogram(chart, label)
    drawn = bar_chart(chart, label) if chart else ""
    if shareable:
        return drawn + _outside_count(s)
    return drawn + (OUTSIDE_LEGEND if chart and any(b.outside for b in chart.bars) else "")


def _outside_count(s: VariableSummary) -> str:
    """Values outside the allowed list come from the data: the shareable report only counts them."""
    if not s.outside_allowed:
        return ""
    rows = sum(int(c) for _, c in s.outside_allowed)
    return (f'<p class="bad">{n(len(s.outside_allowed))} value'
            f"{'s' if len(s.outside_allowed) != 1 else ''} outside the allowed list "
            f"({n(rows)} rows; not shown here).</p>")


def _allowed_values(definitions: DefinitionSet | None, table: str, column: str) -> set[str]:
    if not definitions or table not in definitions.tables:
        return set()
    col = definitions.tables[table].column(column)
    return {v.value for v in col.values} if col else set()


def _short(value) -> str:
    return f"{value:,.4g}" if isinstance(value, float) else str(value)


def _year(value) -> str:
    return str(round(value)) if isinstance(value, (int, float)) else str(value)
