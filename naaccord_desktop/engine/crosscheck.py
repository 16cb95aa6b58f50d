"""Patient IDs: distinct values, duplicates in the patient file, and IDs of
other tables that the patient file does not have. IDs are compared after
`normalised_id`, case-sensitively, like the depot.

Each query reads distinct raw IDs, never the rows: the load scan's (`Loaded.ids`:
a value and its row count), which give the verdict at once, or the values
scan's (a value, its row count and first rowids), which give the lines.
"""

from __future__ import annotations

import duckdb

from .rules import first_rows, trimmed

REFERENCE = "patient_ids"

IdRows = tuple[str, int, list[int]]  # (id, rows with it, first rowids in one file: [] without `rows`)


def normalised_id(col: str) -> str:
    """SQL: the ID as the depot compares it (the one place that says how)."""
    return trimmed(col)


def _ids(source: str, rows: bool = False) -> str:
    """SQL: (id, n[, rs]) of distinct raw IDs `source` (v, n[, rs]), normalised; empty IDs left out."""
    return (f"(SELECT * FROM (SELECT {normalised_id('v')} AS id, n{', rs' if rows else ''} FROM {source}) "
            f"WHERE id <> '')")


def distinct_ids(con: duckdb.DuckDBPyConnection, ids: str) -> int:
    return con.execute(f"SELECT count(DISTINCT id) FROM {_ids(ids)}").fetchone()[0]


def make_reference(con: duckdb.DuckDBPyConnection, sources: list[str]) -> None:
    """The patient-ID universe (id, rows) over every patient file (their load scans' tables)."""
    union = " UNION ALL ".join(f"SELECT id, n FROM {_ids(ids)}" for ids in sources)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {REFERENCE} AS "
                f"SELECT id, sum(n) AS n FROM ({union}) GROUP BY id")


def duplicate_ids(con: duckdb.DuckDBPyConnection, source: str, rows: bool = False) -> list[IdRows]:
    """IDs that appear more than once over the patient files (with their count there);
    `rows`: with this file's first rows (`source` has them)."""
    return _grouped(con, f"SELECT i.id, any_value({REFERENCE}.n), {_rows(rows, 'i.rs')} AS rs "
                         f"FROM {_ids(source, rows)} i JOIN {REFERENCE} ON i.id = {REFERENCE}.id "
                         f"WHERE {REFERENCE}.n > 1 GROUP BY i.id", rows)


def unknown_ids(con: duckdb.DuckDBPyConnection, source: str, rows: bool = False) -> list[IdRows]:
    """IDs the patient file does not have, with their rows here (`rows`: and the first of them)."""
    return _grouped(con, f"SELECT id, sum(n), {_rows(rows, 'rs')} AS rs FROM {_ids(source, rows)} "
                         f"ANTI JOIN {REFERENCE} USING (id) GROUP BY id", rows)


def _rows(rows: bool, lists: str) -> str:
    return first_rows(lists) if rows else "[]::BIGINT[]"


def _grouped(con: duckdb.DuckDBPyConnection, sql: str, rows: bool) -> list[IdRows]:
    order = "rs[1]" if rows else "id"
    return [(v, int(n), list(rs)) for v, n, rs in con.execute(f"SELECT * FROM ({sql}) ORDER BY {order}").fetchall()]
