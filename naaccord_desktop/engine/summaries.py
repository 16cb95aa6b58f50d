"""Summaries per variable, as data the GUI and reports chart.

Scalar statistics (missing, distinct, min/max/mean/median, date range) ride
on the rules' single aggregate pass (`scalar_aggregates`); top values and
monthly histograms need one GROUP BY per column (`complete`). Numbers and
dates are taken only from values that pass the column's type rule, so
`NA` and friends are counted as invalid, never a crash.
"""

from __future__ import annotations

import duckdb

from ..definitions.model import Column, Table
from .result import VariableSummary
from .rules import DATE_GLOB, NUMBER_RE, YEAR_GLOB, Facts, lit, trimmed

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
    return dict(out)


def complete(
    con: duckdb.DuckDBPyConnection, table_sql: str, table: Table, facts: Facts, rows: int,
    scalars: dict, known_distinct: dict[str, int],
) -> dict[str, VariableSummary]:
    summaries: dict[str, VariableSummary] = {}
    for col in table.columns:
        if col.name not in facts.index:
            continue
        i = facts.index[col.name]
        distinct = known_distinct.get(col.name, scalars.get(f"s_distinct_{i}", 0))
        s = VariableSummary(col.name, col.type, rows, scalars[f"s_missing_{i}"], distinct)
        value = trimmed(f"c{i}")
        if charted(col):
            top = con.execute(f"SELECT v, n, count(*) OVER () FROM (SELECT {value} AS v, count(*) AS n "
                              f"FROM {table_sql} WHERE nullif({value}, '') IS NOT NULL GROUP BY v) "
                              f"ORDER BY n DESC, v LIMIT {TOP_VALUES}").fetchall()
            s.top_values = [[v, n] for v, n, _ in top]
            s.distinct = top[0][2] if top else 0
        if col.type in ("enum", "boolean") and col.values:
            allowed = ", ".join(lit(v.value) for v in col.values)
            s.outside_allowed = _grouped(
                con, f"SELECT {value} AS v, count(*) AS n FROM {table_sql} "
                     f"WHERE nullif({value}, '') IS NOT NULL AND {value} NOT IN ({allowed}) "
                     f"GROUP BY v ORDER BY n DESC, v LIMIT {TOP_VALUES}")
        if col.type in ("numeric", "year"):
            s.numeric = {k: _plain_number(scalars[f"s_{k}_{i}"])
                         for k in ("min", "max", "mean", "median")}
            s.numeric["invalid"] = scalars[f"s_invalid_{i}"]
        elif col.type == "date":
            months = _grouped(
                con, f"SELECT substr({value}, 1, 7) AS v, count(*) AS n FROM {table_sql} "
                     f"WHERE {value} GLOB {lit(DATE_GLOB)} AND try_cast({value} AS DATE) IS NOT NULL "
                     f"GROUP BY v ORDER BY v")
            s.dates = {"min": scalars[f"s_dmin_{i}"], "max": scalars[f"s_dmax_{i}"],
                       "invalid": scalars[f"s_invalid_{i}"], "months": months}
        summaries[col.name] = s
    return summaries


def _grouped(con: duckdb.DuckDBPyConnection, sql: str) -> list[list]:
    return [[v, n] for v, n in con.execute(sql).fetchall()]


def _plain_number(x):
    if x is None:
        return None
    x = float(x)
    return int(x) if x.is_integer() else round(x, 6)
