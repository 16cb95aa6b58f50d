"""Patient IDs: distinct values, duplicates in the patient file, and IDs of
other tables that the patient file does not have. IDs are compared after
`normalised_id`, case-sensitively, like the depot.

Each query reads the load scan's distinct raw IDs (`Loaded.ids`: a value, its
row count and first rowids), never the rows: some tens of thousands of values
instead of millions of rows.
"""

from __future__ import annotations

import duckdb

from .rules import first_rows, trimmed

REFERENCE = "patient_ids"

IdRows = tuple[str, int, list[int]]  # (id, rows with it, first rowids in one file)


def normalised_id(col: str) -> str:
    """SQL: the ID as the depot compares it (the one place that says how)."""
    return trimmed(col)


def _ids(ids: str) -> str:
    """SQL: (id, n, rs) of a load scan's distinct raw IDs, normalised; empty IDs left out."""
    return f"(SELECT id, n, rs FROM (SELECT {normalised_id('v')} AS id, n, rs FROM {ids}) WHERE id <> '')"


def distinct_ids(con: duckdb.DuckDBPyConnection, ids: str) -> int:
    return con.execute(f"SELECT count(DISTINCT id) FROM {_ids(ids)}").fetchone()[0]


def make_reference(con: duckdb.DuckDBPyConnection, sources: list[str]) -> None:
    """The patient-ID universe (id, rows) over every patient file (their load scans' tables)."""
    union = " UNION ALL ".join(f"SELECT id, n FROM {_ids(ids)}" for ids in sources)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {REFERENCE} AS "
                f"SELECT id, sum(n) AS n FROM ({union}) GROUP BY id")


def duplicate_ids(con: duckdb.DuckDBPyConnection, ids: str) -> list[IdRows]:
    """IDs that appear more than once over the patient files, with this file's rows."""
    return _grouped(con, f"SELECT i.id, any_value({REFERENCE}.n), {first_rows('i.rs')} AS rs FROM {_ids(ids)} i "
                         f"JOIN {REFERENCE} ON i.id = {REFERENCE}.id WHERE {REFERENCE}.n > 1 GROUP BY i.id")


def unknown_ids(con: duckdb.DuckDBPyConnection, ids: str) -> list[IdRows]:
    return _grouped(con, f"SELECT id, sum(n), {first_rows('rs')} AS rs FROM {_ids(ids)} "
                         f"ANTI JOIN {REFERENCE} USING (id) GROUP BY id")


def _grouped(con: duckdb.DuckDBPyConnection, sql: str) -> list[IdRows]:
    return [(v, int(n), list(rs)) for v, n, rs in con.execute(f"SELECT * FROM ({sql}) ORDER BY rs[1]").fetchall()]
