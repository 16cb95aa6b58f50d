"""Summaries per variable, as data the GUI and reports chart.

The statistics ride on the rules' query of each column (`scalar_aggregates`),
over its distinct values weighted by their row counts: missing, distinct,
min/max/mean, the date range. The charted counts (top values of enum,
boolean and charted text, the valid years, the valid dates by month) and the
median come from the same values (`value_counts`). `complete` only turns
them into `VariableSummary` objects. Numbers and dates are taken only from
values that pass the column's type rule, so `NA` and friends are counted as
invalid, never a crash.
"""

from __future__ import annotations

import duckdb

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


def scalar_aggregates(table: Table, facts: Facts, known_distinct: set[str]) -> dict[str, dict[str, str]]:
    """{column: {alias: aggregate SQL}} for the rules' query of each column (its rows
    stand for `n` rows each); `known_distinct` columns need no distinct count."""
    out: dict[str, dict[str, str]] = {}
    for col in table.columns:
        if col.name not in facts.index:
            continue
        i = facts.index[col.name]
        miss, val = facts.missing(col.name), facts.val(col.name)
        wanted = out[col.name] = {f"s_missing_{i}": _rows(miss)}
        if col.name not in known_distinct and not charted(col):
            wanted[f"s_distinct_{i}"] = f"count(DISTINCT {val}) FILTER (WHERE NOT {miss})"
        if col.type in ("numeric", "year"):
            ok, num = _numeric_ok(facts, col.name, col.type), facts.number(col.name)
            wanted[f"s_min_{i}"] = f"min({num}) FILTER (WHERE {ok})"
            wanted[f"s_max_{i}"] = f"max({num}) FILTER (WHERE {ok})"
            wanted[f"s_mean_{i}"] = f"sum({num} * n) FILTER (WHERE {ok}) / sum(n) FILTER (WHERE {ok})"
            wanted[f"s_invalid_{i}"] = _rows(f"NOT {miss} AND NOT ({ok})")
        elif col.type == "date":
            ok = facts.date_ok(col.name)
            wanted[f"s_dmin_{i}"] = f"min({val}) FILTER (WHERE {ok})"
            wanted[f"s_dmax_{i}"] = f"max({val}) FILTER (WHERE {ok})"
            wanted[f"s_invalid_{i}"] = _rows(f"NOT {miss} AND NOT {ok}")
    return out


def _rows(cond: str) -> str:
    return f"coalesce(sum(n) FILTER (WHERE {cond}), 0)"


def value_counts(con: duckdb.DuckDBPyConnection, table: Table, facts: Facts, projections: dict[str, str]) -> dict:
    """{alias: value}: the charted counts (s_hist_i: {value: rows}) and the medians (s_median_i)."""
    out: dict = {}
    for col in table.columns:
        if col.name not in projections:
            continue
        i, source = facts.index[col.name], projections[col.name]
        histogram = _histogram(col, facts)
        if histogram:
            key, cond = histogram
            out[f"s_hist_{i}"] = dict(con.execute(
                f"SELECT {key}, sum(n) FROM {source} WHERE {cond} GROUP BY ALL").fetchall())
        if col.type in ("numeric", "year"):
            num = facts.number(col.name)
            pairs = con.execute(f"SELECT {num}, sum(n) FROM {source} WHERE {_numeric_ok(facts, col.name, col.type)} "
                                f"GROUP BY ALL ORDER BY 1").fetchall()
            out[f"s_median_{i}"] = _median(pairs)
    return out


def _median(pairs: list[tuple[float, int]]) -> float | None:
    """DuckDB's median (the mean of the two middle values, interpolated as it does)
    of the values `pairs` gives with their row counts, in ascending order."""
    total = sum(n for _, n in pairs)
    if not total:
        return None
    position = (total - 1) / 2
    low, high = int(position), -(-int(2 * position) // 2)
    seen, lo_value, hi_value = 0, None, None
    for value, n in pairs:
        if lo_value is None and low < seen + n:
            lo_value = value
        if high < seen + n:
            hi_value = value
            break
        seen += n
    return lo_value if lo_value == hi_value else lo_value + (hi_value - lo_value) * (position - low)


def _histogram(col: Column, facts: Facts) -> tuple[str, str] | None:
    """(key SQL, which values) of the counts charted for a column: {value: rows}
    of a charted column, {YYYY: rows} of the valid years of a year column,
    {YYYY-MM: rows} of the valid dates of a date column."""
    miss, val = facts.missing(col.name), facts.val(col.name)
    if charted(col):
        return val, f"NOT {miss}"
    if col.type == "year":
        return val, f"NOT {miss} AND {val} GLOB {lit(YEAR_GLOB)}"
    if col.type == "date":
        return f"substr({val}, 1, 7)", facts.date_ok(col.name)
    return None


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
