"""Summaries per variable, as data the GUI and reports chart.

Every statistic rides on the rules' single aggregate pass
(`scalar_aggregates`): missing, distinct, min/max/mean/median, the date
range, and DuckDB `histogram` maps for the top values (enum, boolean, charted
text), the valid years and the valid dates by month. `complete` only turns
them into `VariableSummary` objects. Numbers and dates are taken only from
values that pass the column's type rule, so `NA` and friends are counted as
invalid, never a crash.
"""

from __future__ import annotations

from ..definitions.model import Column, Table
from .result import VariableSummary
from .rules import NUMBER_RE, YEAR_GLOB, Facts, lit

TOP_VALUES = 20


def _numeric_ok(facts: Facts, col: str, kind: str) -> str:
    val = facts.val(col)
    if kind == "year":
        return f"NOT {facts.missing(col)} AND {val} GLOB {lit(YEAR_GLOB)}"
    return f"NOT {facts.missing(col)} AND regexp_full_match({val}, {lit(NUMBER_RE)})"


def charted(col: Column) -> bool:
    """Columns whose top values are listed (their distinct count comes with them)."""
    return col.type in ("enum", "boolean") or (col.type == "string" and "bar_chart" in col.summaries)


def scalar_aggregates(table: Table, facts: Facts, known_distinct: set[str]) -> dict[str, str]:
    """{alias: aggregate SQL} for the rules pass; `known_distinct` columns need no distinct count."""
    out: list[tuple[str, str]] = []
    for col in table.columns:
        if col.name not in facts.index:
            continue
        i = facts.index[col.name]
        miss, val = facts.missing(col.name), facts.val(col.name)
        out.append((f"s_missing_{i}", f"count(*) FILTER (WHERE {miss})"))
        if col.name not in known_distinct and not charted(col):
            out.append((f"s_distinct_{i}", f"count(DISTINCT {val}) FILTER (WHERE NOT {miss})"))
        if col.type in ("numeric", "year"):
            ok, num = _numeric_ok(facts, col.name, col.type), facts.number(col.name)
            for stat, fn in (("min", "min"), ("max", "max"), ("mean", "avg"), ("median", "median")):
                out.append((f"s_{stat}_{i}", f"{fn}({num}) FILTER (WHERE {ok})"))
            out.append((f"s_invalid_{i}", f"count(*) FILTER (WHERE NOT {miss} AND NOT ({ok}))"))
        elif col.type == "date":
            ok = facts.date_ok(col.name)
            out.append((f"s_dmin_{i}", f"min({val}) FILTER (WHERE {ok})"))
            out.append((f"s_dmax_{i}", f"max({val}) FILTER (WHERE {ok})"))
            out.append((f"s_invalid_{i}", f"count(*) FILTER (WHERE NOT {miss} AND NOT {ok})"))
        histogram = _histogram(col, facts)
        if histogram:
            out.append((f"s_hist_{i}", histogram))
    return dict(out)


def _histogram(col: Column, facts: Facts) -> str:
    """SQL: {value: rows} of a charted column, {YYYY: rows} of the valid years
    of a year column, {YYYY-MM: rows} of the valid dates of a date column."""
    miss, val = facts.missing(col.name), facts.val(col.name)
    if charted(col):
        return f"histogram({val}) FILTER (WHERE NOT {miss})"
    if col.type == "year":
        return f"histogram({val}) FILTER (WHERE NOT {miss} AND {val} GLOB {lit(YEAR_GLOB)})"
    if col.type == "date":
        return f"histogram(substr({val}, 1, 7)) FILTER (WHERE {facts.date_ok(col.name)})"
    return ""


def complete(
    table: Table, facts: Facts, rows: int, scalars: dict, known_distinct: dict[str, int],
) -> dict[str, VariableSummary]:
    present = [c for c in table.columns if c.name in facts.index]
    summaries: dict[str, VariableSummary] = {}
    counts = {c.name: scalars.get(f"s_hist_{facts.index[c.name]}") or {} for c in present}
    for col in present:
        i = facts.index[col.name]
        distinct = known_distinct.get(col.name, scalars.get(f"s_distinct_{i}", 0))
        s = VariableSummary(col.name, col.type, rows, scalars[f"s_missing_{i}"], distinct)
        if charted(col):
            by_count = sorted(counts[col.name].items(), key=lambda kv: (-kv[1], kv[0]))
            s.distinct = len(by_count)
            s.top_values = [[v, n] for v, n in by_count[:TOP_VALUES]]
            if col.type in ("enum", "boolean") and col.values:
                allowed = {v.value for v in col.values}
                s.outside_allowed = [[v, n] for v, n in by_count if v not in allowed][:TOP_VALUES]
        if col.type == "year":  # every valid year, for the histogram
            s.top_values = [[v, n] for v, n in sorted(counts[col.name].items(), key=lambda kv: (-kv[1], kv[0]))]
        if col.type in ("numeric", "year"):
            s.numeric = {k: _plain_number(scalars[f"s_{k}_{i}"])
                         for k in ("min", "max", "mean", "median")}
            s.numeric["invalid"] = scalars[f"s_invalid_{i}"]
        elif col.type == "date":
            s.dates = {"min": scalars[f"s_dmin_{i}"], "max": scalars[f"s_dmax_{i}"],
                       "invalid": scalars[f"s_invalid_{i}"],
                       "months": [[m, n] for m, n in sorted(counts[col.name].items())]}
        summaries[col.name] = s
    return summaries


def _plain_number(x):
    if x is None:
        return None
    x = float(x)
    return int(x) if x.is_integer() else round(x, 6)
