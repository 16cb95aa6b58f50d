"""Patient IDs: distinct values, duplicates in the patient file, and IDs of
other tables that the patient file does not have. IDs are compared after
trimming, case-sensitively, like the depot.

Each query touches only the ID column; the per-row work is one hash
probe, and example rows are gathered only for the few IDs reported.
"""

from __future__ import annotations

import duckdb

from .result import MAX_EXAMPLES
from .rules import trimmed

REFERENCE = "patient_ids"

IdRows = tuple[str, int, list[int]]  # (id, rows with it, first rowids in one file)


def _ids(table: str, index: int) -> str:
    return (f"(SELECT rowid AS r, v FROM (SELECT rowid, {trimmed(f'c{index}')} AS v FROM {table}) "
            f"WHERE v <> '')")


def distinct_ids(con: duckdb.DuckDBPyConnection, table: str, index: int) -> int:
    return con.execute(f"SELECT count(DISTINCT v) FROM {_ids(table, index)}").fetchone()[0]


def make_reference(con: duckdb.DuckDBPyConnection, sources: list[tuple[str, int]]) -> None:
    """The patient-ID universe (id, rows) over every patient file."""
    union = " UNION ALL ".join(f"SELECT v FROM {_ids(t, i)}" for t, i in sources)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {REFERENCE} AS "
                f"SELECT v AS id, count(*) AS n FROM ({union}) GROUP BY v")


def duplicate_ids(con: duckdb.DuckDBPyConnection, table: str, index: int) -> list[IdRows]:
    """IDs that appear more than once over the patient files, with this file's rows."""
    return _grouped(con, f"SELECT v, any_value(n), min(r, {MAX_EXAMPLES}) AS rs FROM {_ids(table, index)} "
                         f"JOIN {REFERENCE} ON v = id WHERE n > 1 GROUP BY v")


def unknown_ids(con: duckdb.DuckDBPyConnection, table: str, index: int) -> list[IdRows]:
    return _grouped(con, f"SELECT v, count(*), min(r, {MAX_EXAMPLES}) AS rs FROM {_ids(table, index)} "
                         f"ANTI JOIN {REFERENCE} ON v = id GROUP BY v")


def _grouped(con: duckdb.DuckDBPyConnection, sql: str) -> list[IdRows]:
    return [(v, n, list(rs)) for v, n, rs in con.execute(f"{sql} ORDER BY rs[1]").fetchall()]
