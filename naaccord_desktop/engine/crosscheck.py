"""Patient IDs: distinct values, duplicates in the patient file, and IDs of
other tables that the patient file does not have. IDs are compared after
trimming, case-sensitively, like the depot.

Several files of one table type are grouped as one: every ID row carries
(source index, rowid) so the caller maps it back to its own file's lines.
"""

from __future__ import annotations

import duckdb

from .result import MAX_EXAMPLES
from .rules import SPACES, trimmed

REFERENCE = "patient_ids"

IdGroup = tuple[str, int, list[tuple[int, int]]]  # (id, rows, first rows as (source, rowid))


def group_ids(con: duckdb.DuckDBPyConnection, name: str, sources: list[tuple[str, int]]) -> int:
    """Create table `name` (v, n, firsts): one row per distinct ID. Returns the distinct count."""
    union = " UNION ALL ".join(
        f"SELECT {k} AS s, rowid AS r, {trimmed(f'c{i}')} AS v FROM {t}"
        for k, (t, i) in enumerate(sources)
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT v, count(*) AS n, "
        f"min(struct_pack(s := s, r := r), {MAX_EXAMPLES}) AS firsts "
        f"FROM ({union}) WHERE v IS NOT NULL AND v <> '' GROUP BY v"
    )
    return con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]


def duplicate_ids(con: duckdb.DuckDBPyConnection, name: str) -> list[IdGroup]:
    return _fetch(con, f"SELECT v, n, firsts FROM {name} WHERE n > 1")


def make_reference(con: duckdb.DuckDBPyConnection, name: str, rejected_ids: list[str]) -> None:
    """The patient-ID universe: the grouped IDs plus IDs read from rejected records."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {REFERENCE} AS SELECT v AS id FROM {name}")
    extra = sorted({i.strip(SPACES) for i in rejected_ids} - {""})
    if extra:
        con.executemany(f"INSERT INTO {REFERENCE} VALUES (?)", [[i] for i in extra])


def unknown_ids(con: duckdb.DuckDBPyConnection, name: str) -> list[IdGroup]:
    return _fetch(
        con, f"SELECT v, n, firsts FROM {name} ANTI JOIN {REFERENCE} ON {name}.v = {REFERENCE}.id"
    )


def _fetch(con: duckdb.DuckDBPyConnection, sql: str) -> list[IdGroup]:
    rows = con.execute(f"{sql} ORDER BY firsts[1].s, firsts[1].r").fetchall()
    return [(v, n, [(x["s"], x["r"]) for x in firsts]) for v, n, firsts in rows]
