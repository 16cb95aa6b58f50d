"""Rules: the definitions compiled to set-based SQL.

Every rule is a boolean condition over one cell (and the missingness of the
other columns its `required_when`/`forbidden_when` name). It is evaluated over
the column's distinct raw values from the values scan (engine/distinct.py),
each standing for `n` rows: per-value facts (the trimmed value, missing or
not, the parsed number, strict date validity) are computed once in a
projection, each rule adds an exact `sum(n) FILTER (...)`, and the summaries'
statistics ride on the same query, one per column. The first rowids and raw
values come from the values that break a rule. Duplicates need a GROUP BY of
their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from ..definitions.model import Column, Severity, Table
from . import messages
from .codes import CODES, NA_TOKENS
from .header import HeaderMatch
from .result import MAX_EXAMPLES
from .translation import N_, _

SPACES = " \t"  # what "leading and trailing spaces" means here
DATE_GLOB = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
YEAR_GLOB = "[0-9][0-9][0-9][0-9]"
NUMBER_RE = r"[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?"
KIND_WORDS = {"date": N_("a date"), "year": N_("a year"), "numeric": N_("a number")}


def lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def edge_space(col: str, tabs: bool = True) -> str:
    """SQL: the value starts or ends with a space (or a tab, unless the file has
    none). LIKE is far cheaper than trim."""
    spaces = f"{col} LIKE ' %' OR {col} LIKE '% '"
    return f"({spaces} OR {col} LIKE '\t%' OR {col} LIKE '%\t')" if tabs else f"({spaces})"


def trimmed(col: str) -> str:
    """SQL: the value without leading and trailing spaces and tabs."""
    return f"(CASE WHEN {edge_space(col)} THEN trim({col}, {lit(SPACES)}) ELSE {col} END)"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    column: str  # definition column name
    cond: str  # SQL over the facts projection
    shows_value: bool  # False when the example value is always empty
    message: str
    fix: str


@dataclass
class RawFinding:
    rule: Rule
    count: int
    rowids: list[int]
    values: list[str]
    hint: str = ""  # e.g. where else a duplicated value is


def _alias(prefix: str):
    def alias(self: Facts, col: str) -> str:
        return f"{prefix}{self.index[col]}"

    return alias


@dataclass
class Facts:
    """SQL names of the per-column facts, by definition column name."""

    index: dict[str, int]  # definition column -> file column index
    types: dict[str, str] = field(default_factory=dict)
    tabs: bool = True  # False when the file holds no tab at all

    # The projection's name for each fact of a definition column.
    raw = _alias("c")  # the cell as read
    val = _alias("t")  # trimmed of edge spaces
    spaced = _alias("w")  # has edge spaces
    missing = _alias("m")  # empty or spaces only
    number = _alias("n")  # as a number, or NULL
    folded = _alias("f")  # case and spaces folded
    date_ok = _alias("d")  # a real YYYY-MM-DD date

    def projection(self, name: str, relation: str) -> str:
        """SQL: the facts of column `name` over `relation` (its distinct raw values
        as c{i}, with n and rs, and the missing flags m{j} its rules read)."""
        i = self.index[name]
        facts = [f"(t{i} IS NULL OR t{i} = '') AS m{i}"]
        kind = self.types.get(name)
        if kind in ("numeric", "year", "range"):
            facts.append(f"try_cast(t{i} AS DOUBLE) AS n{i}")
        if kind in ("enum", "boolean"):
            facts.append(f"lower(replace(t{i}, ' ', '')) AS f{i}")
        if kind == "date":
            facts.append(f"(t{i} GLOB {lit(DATE_GLOB)} AND try_cast(t{i} AS DATE) IS NOT NULL) AS d{i}")
        return (f"(SELECT *, {', '.join(facts)} FROM (SELECT *, CASE WHEN w{i} THEN trim(c{i}, {lit(SPACES)}) "
                f"ELSE c{i} END AS t{i} FROM (SELECT *, {edge_space(f'c{i}', self.tabs)} AS w{i} FROM {relation})))")


def facts_for(table: Table, match: HeaderMatch, tabs: bool = True) -> Facts:
    facts = Facts(index=dict(match.columns), tabs=tabs)
    for col in table.columns:
        if col.name in facts.index:
            facts.types[col.name] = "range" if col.range and col.type not in ("year", "numeric") else col.type
    return facts


def compile_rules(table: Table, facts: Facts) -> list[Rule]:
    rules: list[Rule] = []
    for col in table.columns:
        if col.name in facts.index:
            rules.extend(_column_rules(col, facts))
    return rules


def _column_rules(col: Column, f: Facts) -> list[Rule]:
    name, val, miss = col.name, f.val(col.name), f.missing(col.name)
    out: list[Rule] = []

    def add(code: str, cond: str, detail: str = "", severity: str | None = None,
            example: bool = True) -> None:
        text, fix = messages.value(code, name, detail)
        out.append(Rule(code, severity or CODES[code].severity, name, cond, example, text, fix))

    present = f"NOT {miss}"
    add("value.whitespace", f"{present} AND {f.spaced(name)}")
    if not col.always_optional and not col.presence_is_conditional:
        add("value.missing", miss)  # the cell: empty, or spaces only
    allowed = [v.value for v in col.values if v.value.strip()]  # "" (a boolean's false) means empty
    if col.type in ("enum", "boolean") and allowed:
        exact = ", ".join(lit(v) for v in allowed)
        folded = ", ".join(lit(v.replace(" ", "").lower()) for v in allowed)
        fold = f.folded(name)
        listed = ", ".join(allowed)
        if col.case_sensitive:
            add("enum.invalid", f"{present} AND {val} NOT IN ({exact})", listed)
        else:
            add("enum.case", f"{present} AND {val} NOT IN ({exact}) AND {fold} IN ({folded})", listed)
            add("enum.invalid", f"{present} AND {fold} NOT IN ({folded})", listed)
    elif col.type in ("date", "year", "numeric") or col.range:
        na = f"upper({val}) IN ({', '.join(lit(t) for t in NA_TOKENS)})"
        add("value.na_token", f"{present} AND {na}", _(KIND_WORDS.get(col.type, KIND_WORDS["numeric"])))
        real = f"{present} AND NOT ({na})"
        if col.type == "date":
            add("date.invalid", f"{real} AND NOT {f.date_ok(name)}")
        elif col.type == "year":
            add("year.invalid", f"{real} AND NOT ({val} GLOB {lit(YEAR_GLOB)})")
        elif col.type == "numeric":
            add("numeric.invalid", f"{real} AND NOT regexp_full_match({val}, {lit(NUMBER_RE)})")
        else:
            add("numeric.invalid", f"{real} AND {f.number(name)} IS NULL")
    if col.range:
        lo, hi = col.range
        number = f.number(name)
        valid = {
            "year": f"{val} GLOB {lit(YEAR_GLOB)}",
            "numeric": f"regexp_full_match({val}, {lit(NUMBER_RE)})",
        }.get(col.type, f"{number} IS NOT NULL")
        add("range.out_of_range",
            f"{present} AND {valid} AND ({number} < {lo!r} OR {number} > {hi!r})",
            _("{low} to {high}").format(low=f"{lo:g}", high=f"{hi:g}"))
    for code, cond in (("required_when.missing", col.required_when),
                       ("forbidden_when.present", col.forbidden_when)):
        if cond is None:
            continue
        other = (f"NOT {f.missing(cond.column)}" if cond.when_present else f.missing(cond.column)) \
            if cond.column in f.index else ("FALSE" if cond.when_present else "TRUE")
        detail = (_("{column} is filled in") if cond.when_present else _("{column} is empty")).format(
            column=cond.column)
        target = miss if code == "required_when.missing" else present
        add(code, f"{other} AND {target}", detail, severity=cond.severity,
            example=code != "required_when.missing")
    if col.recommended:
        text, fix = messages.recommended(name, col.recommended)
        out.append(Rule("recommended.missing", CODES["recommended.missing"].severity, name, miss, False, text, fix))
    return out


def aggregate_pass(
    con: duckdb.DuckDBPyConnection,
    facts: Facts,
    rules: list[Rule],
    projections: dict[str, str],
    extra: dict[str, dict[str, str]],
) -> tuple[list[RawFinding], dict]:
    """Exact counts of every rule and the `extra` {alias: aggregate SQL} of each
    column, one query per column over its facts projection (`projections`, by
    column name; every row of it stands for n rows of the file); then the first
    rowids and raw values of the rules that found something."""
    counts: dict[int, int] = {}
    scalars: dict = {}
    for name, source in projections.items():
        wanted = {f"k{k}": f"coalesce(sum(n) FILTER (WHERE {rule.cond}), 0)"
                  for k, rule in enumerate(rules) if rule.column == name}
        wanted.update(extra.get(name, {}))
        if wanted:
            row = _aggregate(con, source, wanted)
            counts.update({int(alias[1:]): row.pop(alias) for alias in list(row) if alias.startswith("k")})
            scalars.update(row)
    found = [RawFinding(rule, int(counts[k]), [], []) for k, rule in enumerate(rules) if counts.get(k)]
    for f in found:
        raw = facts.raw(f.rule.column)
        firsts = con.execute(
            f"SELECT r, coalesce({raw}, '') FROM (SELECT {raw}, unnest(rs) AS r FROM "
            f"{projections[f.rule.column]} WHERE {f.rule.cond}) ORDER BY r LIMIT {MAX_EXAMPLES}").fetchall()
        f.rowids = [r for r, _ in firsts]
        f.values = [v for _, v in firsts] if f.rule.shows_value else [""] * len(firsts)
    return found, scalars


def _aggregate(con: duckdb.DuckDBPyConnection, source: str, wanted: dict[str, str]) -> dict:
    """{alias: value} of one aggregate query; the same SQL is computed once."""
    distinct = list(dict.fromkeys(wanted.values()))
    values = dict(zip(distinct, con.execute(f"SELECT {', '.join(distinct)} FROM {source}").fetchone(),
                      strict=True))
    return {alias: values[sql] for alias, sql in wanted.items()}


def duplicate_rows(
    con: duckdb.DuckDBPyConnection, sources: list[tuple[str, int]]
) -> list[tuple[int, list[int], list[str]]]:
    """Rows whose (trimmed) value appears more than once over the files of one
    type. sources: (relation of the column's distinct raw values, file column
    index) per file. Returns, per source: (exact row count, first rowids, their raw values)."""
    union = " UNION ALL ".join(f"SELECT {trimmed(f'c{i}')} AS v, n FROM {t}" for t, i in sources)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE duplicated AS SELECT v FROM ({union}) "
        f"WHERE v <> '' GROUP BY v HAVING sum(n) > 1"
    )
    out = []
    for t, i in sources:
        held = f"(SELECT * FROM {t} SEMI JOIN duplicated ON {trimmed(f'c{i}')} = duplicated.v)"
        n = con.execute(f"SELECT coalesce(sum(n), 0) FROM {held}").fetchone()[0]
        firsts = con.execute(f"SELECT r, coalesce(c{i}, '') FROM (SELECT c{i}, unnest(rs) AS r FROM {held}) "
                             f"ORDER BY r LIMIT {MAX_EXAMPLES}").fetchall()
        out.append((int(n), [r for r, _ in firsts], [v for _, v in firsts]))
    con.execute("DROP TABLE duplicated")
    return out


def rows_sharing_values(
    con: duckdb.DuckDBPyConnection, this: tuple[str, int], other: tuple[str, int]
) -> tuple[int, list[int]]:
    """Rows of `other` whose (trimmed, non-empty) value is also in `this`:
    (exact count, first rowids). Each is (relation of distinct raw values, file column index)."""
    (t, i), (o, j) = this, other
    n, rowids = con.execute(
        f"SELECT coalesce(sum(n), 0), {first_rows('rs')} FROM {o} WHERE {trimmed(f'c{j}')} <> '' AND "
        f"{trimmed(f'c{j}')} IN (SELECT {trimmed(f'c{i}')} FROM {t})"
    ).fetchone()
    return int(n), list(rowids or [])


def first_rows(lists: str) -> str:
    """SQL aggregate: the first rowids of several groups, merged from their lists `lists`."""
    return f"list_sort(flatten(list({lists})))[1:{MAX_EXAMPLES}]"
