"""The values scan: every column the rules read, as its distinct values, each
with the number of rows that hold it and the first of those rows.

A DuckDB scan of the file, records numbered in file order, grouped by
GROUPING SETS: one set per column, low-cardinality columns together in one
set (a few thousand combinations cost one hash table instead of several).
A column whose rules look at another column's missingness
(`required_when`, `forbidden_when`) is grouped with that column's missing
flag too. The rules and summaries then run over these values, weighted by
their counts: some tens of thousands of values instead of millions of rows,
with the same exact counts, first lines and examples. The patient-ID column
is grouped too: the load scan counted its values for the verdict, this scan
gives their lines.

Numbering the records keeps a scan on one thread, so with more threads the
sets of a large file are shared out between parts, each its own scan of the
file, joined by UNION ALL in one query: DuckDB runs the parts side by side
(the check about 1.3x sooner at 500 MB and 1.5x at 2 GB on two threads, for
more CPU and memory: README, Performance).

Whether a value holds a double quote (which sends a file to the detailed
check) is read from the distinct values; the columns that are not grouped
are looked at in the same scan, and only when a quote is found are the
records that hold one counted, by a scan of their own. The values scan
checks that it read as many records as the load scan did.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field, replace

import duckdb

from ..definitions.model import Table
from .header import PATIENT_ID
from .progress import CancelToken
from .reader import VALUES_PARTS, Loaded, scan
from .result import MAX_EXAMPLES
from .rules import SPACES, first_rows, lit

SAMPLE_ROWS = 20_000
LOW_CARDINALITY = 64  # distinct values in the sample: a column that shares a set
MAX_COMBINATIONS = 50_000  # product of the shared columns' sample counts
PARTS_FROM = 64 << 20  # bytes: a smaller file is read in one part (the parts' own costs outweigh the gain)
QUOTED = "q"  # the key of the set that says whether a column not grouped holds a double quote


def missing(col: str) -> str:
    """SQL: the cell is empty or spaces only (what Facts calls missing)."""
    return f"({col} IS NULL OR trim({col}, {lit(SPACES)}) = '')"


@dataclass
class Values:
    """What the values scan left: `{name}_groups` (g, the key columns, n, rs)."""

    table: str
    sets: dict[int, int] = field(default_factory=dict)  # file column -> grouping id of its set
    keys: dict[int, list[str]] = field(default_factory=dict)  # grouping id -> its key columns
    columns: list[str] = field(default_factory=list)  # every key column of the table
    quoted_rows: int = 0


@dataclass
class Plan:
    """How the values scan groups a file's columns."""

    flags: dict[int, list[int]]  # file column -> the columns whose missingness its rules read
    alone: set[int]  # columns never in a shared set, whatever their first records look like


def plan(table: Table, columns: dict[str, int]) -> Plan:
    """The plan for a file whose definition columns are at `columns` (the header
    match). Each column is grouped with the missing flags of the columns its
    rules read. IDs, dates and numbers have sets of their own: exports are often
    sorted by them, so their first records would make them look few."""
    out = Plan({}, set())
    for col in table.columns:
        if col.name in columns:
            i = columns[col.name]
            others = [c.column for c in (col.required_when, col.forbidden_when) if c is not None]
            out.flags[i] = sorted({columns[o] for o in others if o in columns} - {i})
            if col.name == PATIENT_ID or col.type in ("id", "date", "year", "numeric"):
                out.alone.add(i)
    return out


def group_values(
    con: duckdb.DuckDBPyConnection,
    loaded: Loaded,
    grouped: Plan,
    cancel: CancelToken,
    on_fraction: Callable[[float], None] | None = None,
    stem: str = "",
) -> Values:
    """The distinct values of the columns `grouped` plans. It may run on a cursor
    of its own, in a thread: it reads nothing the load scan writes. `stem`: of
    its rejects tables. Raises LoadFailed, Cancelled."""
    values = Values(f"{loaded.name}_groups")
    needs = grouped.flags
    others = [i for i in range(loaded.width) if i not in needs]  # only looked at for quotes
    stem = stem or f"{loaded.name}_again"

    def read(con: duckdb.DuckDBPyConnection) -> list[list[str]]:
        sets = _sets(con, loaded, grouped, stem) + ([[QUOTED]] if others else [])
        keys = list(dict.fromkeys(k for s in sets for k in s))
        flags = [int(k[1:]) for k in keys if k.startswith("m")]
        select = [*loaded.columns, *(f"{missing(f'c{j}')} AS m{j}" for j in flags)]
        if others:
            select.append(f"coalesce({_any_quote(others)}, false) AS {QUOTED}")
        if sets:  # a table, not a temporary one: the connection that reads it may be another
            threads = int(con.execute("SELECT current_setting('threads')").fetchone()[0])
            shares = _shares(sets, min(threads, VALUES_PARTS) if loaded.path.stat().st_size >= PARTS_FROM else 1)
            parts = [_part(share, keys, loaded.numbered(", ".join(select), f"{stem}{k or ''}"))
                     for k, share in enumerate(shares)]
            con.execute("SET preserve_insertion_order = false")
            try:
                con.execute(f"CREATE OR REPLACE TABLE {values.table} AS {' UNION ALL BY NAME '.join(parts)}")
            finally:
                con.execute("SET preserve_insertion_order = true")
        return sets

    sets = scan(con, loaded, cancel, on_fraction, read)
    values.columns = list(dict.fromkeys(k for s in sets for k in s))
    for s in sets:
        g = _grouping_id(values.columns, s)
        values.keys[g] = s
        values.sets.update({int(k[1:]): g for k in s if k.startswith("c")})
    return values


def check_values(con: duckdb.DuckDBPyConnection, loaded: Loaded, values: Values, cancel: CancelToken) -> Values:
    """After the values scan: each of its parts read every record the load scan
    did, and the records holding a double quote inside a value, if any, are counted."""
    if values.keys:
        read_again = {n for (n,) in con.execute(f"SELECT sum(n) FROM {values.table} GROUP BY g").fetchall()}
        if read_again != ({loaded.rows} if loaded.rows else set()):  # no record: no group
            raise RuntimeError("The values scan read another number of records than the load scan.")
    if _quote_seen(con, values):
        values.quoted_rows = scan(con, loaded, cancel, None, lambda c: c.execute(
            f"SELECT count(*) FROM {loaded.csv(f'{loaded.name}_again')} "
            f"WHERE {_any_quote(range(loaded.width))}").fetchone()[0])
    return values


class Ahead:
    """A values scan started before its Rules stage (beside the load scan, for the
    file as the load scan first reads it: UTF-8, the default line limit; or beside
    the previous table's rules), on a cursor of its own in a thread of `pool`.
    `take` gives its values when the load kept that reading, else None (and the
    caller scans again)."""

    def __init__(self, pool: ThreadPoolExecutor, con: duckdb.DuckDBPyConnection, loaded: Loaded,
                 grouped: Plan, cancel: CancelToken) -> None:
        self.loaded = replace(loaded)
        self.cursor = con.cursor()
        self.stop = CancelToken()
        self.unlink = cancel.on_cancel(self.stop.cancel)
        self.future: Future = pool.submit(group_values, self.cursor, self.loaded, grouped, self.stop,
                                          stem=f"{loaded.name}_ahead")

    def take(self, loaded: Loaded) -> Values | None:
        """Raises what the scan raised (LoadFailed, Cancelled)."""
        if (loaded.encoding, loaded.max_line_size) != (self.loaded.encoding, self.loaded.max_line_size):
            self.discard()
            return None
        try:
            return self.future.result()
        finally:
            self._close()

    def discard(self) -> None:
        self.stop.cancel()
        with suppress(Exception):
            self.future.result()
        self._close()

    def _close(self) -> None:
        self.unlink()
        with suppress(duckdb.Error):
            self.cursor.close()


def _any_quote(columns) -> str:
    return " OR ".join(f"contains(c{i}, '\"')" for i in columns)


def _quote_seen(con: duckdb.DuckDBPyConnection, values: Values) -> bool:
    """Does a value hold a double quote? The grouped columns say it from their
    distinct values, the other columns from the quote set."""
    quoted = [f"contains({k}, '\"')" if k.startswith("c") else k for k in values.columns if k[0] in "cq"]
    return bool(quoted) and con.execute(
        f"SELECT count(*) FROM {values.table} WHERE {' OR '.join(quoted)}").fetchone()[0] > 0


def relation(values: Values, column: int, flags: list[int]) -> str:
    """SQL: the distinct values of `column` as c{column}, with the missing flags
    m{j} of `flags`, n (rows) and rs (first rowids)."""
    g = values.sets[column]
    key = values.keys[g]
    flag_sql = [f"m{j}" if f"m{j}" in key else f"{missing(f'c{j}')} AS m{j}" for j in flags]
    if key == [f"c{column}", *(f"m{j}" for j in flags)]:
        return f"(SELECT {', '.join(key)}, n, rs FROM {values.table} WHERE g = {g})"
    return (f"(SELECT c{column}, {''.join(f + ', ' for f in flag_sql)}sum(n) AS n, {first_rows('rs')} AS rs "
            f"FROM {values.table} WHERE g = {g} GROUP BY ALL)")


def _shares(sets: list[list[str]], parts: int) -> list[list[list[str]]]:
    """The sets shared out between at most `parts` scans, each about as many key
    columns (what a set costs grows with them)."""
    shares: list[list[list[str]]] = [[] for _ in range(max(min(parts, len(sets)), 1))]
    for s in sorted(sets, key=len, reverse=True):
        min(shares, key=lambda share: sum(map(len, share))).append(s)
    return shares


def _part(share: list[list[str]], keys: list[str], source: str) -> str:
    """SQL: one scan's sets grouped, each row with `g`, its set's grouping_id among every key of the table."""
    own = list(dict.fromkeys(k for s in share for k in s))
    g = " ".join(f"WHEN {_grouping_id(own, s)} THEN {_grouping_id(keys, s)}" for s in share)
    grouping = ", ".join("(" + ", ".join(s) + ")" for s in share)
    return (f"SELECT CASE grouping_id({', '.join(own)}) {g} END AS g, {', '.join(own)}, count(*) AS n, "
            f"min(r, {MAX_EXAMPLES}) AS rs FROM {source} GROUP BY GROUPING SETS ({grouping})")


def _sets(con: duckdb.DuckDBPyConnection, loaded: Loaded, grouped: Plan, stem: str) -> list[list[str]]:
    """The grouping sets: each column with its flags; the low-cardinality ones in shared sets."""
    needs = grouped.flags
    candidates = [c for c in needs if c not in grouped.alone]
    sample = _sample_counts(con, loaded, candidates, stem) if candidates else {}
    low = sorted((c for c in candidates if sample[c] <= LOW_CARDINALITY), key=lambda c: sample[c])
    out: list[list[str]] = []
    shared: list[int] = []
    product = 1
    for c in low:
        factor = sample[c] * 2 ** len(needs[c])
        if shared and product * factor > MAX_COMBINATIONS:
            out.append(_key(shared, needs))
            shared, product = [], 1
        shared.append(c)
        product *= max(factor, 1)
    if shared:
        out.append(_key(shared, needs))
    out += [_key([c], needs) for c in sorted(needs) if c not in low]
    return out


def _key(columns: list[int], needs: dict[int, list[int]]) -> list[str]:
    """Key columns of a set: its columns, then the flags they need that it does not hold."""
    flags = sorted({j for c in columns for j in needs[c]} - set(columns))
    return [*(f"c{c}" for c in sorted(columns)), *(f"m{j}" for j in flags)]


def _sample_counts(con: duckdb.DuckDBPyConnection, loaded: Loaded, columns: list[int],
                   stem: str) -> dict[int, int]:
    counts = ", ".join(f"approx_count_distinct(c{c})" for c in columns)
    sample = f"(SELECT * FROM {loaded.csv(stem)} LIMIT {SAMPLE_ROWS})"
    row = con.execute(f"SELECT {counts} FROM {sample}").fetchone()
    return dict(zip(columns, row, strict=True))


def _grouping_id(keys: list[str], key: list[str]) -> int:
    """DuckDB's grouping_id of a set: a bit per key column NOT in it, the first column highest."""
    return sum(1 << (len(keys) - 1 - k) for k, name in enumerate(keys) if name not in key)
