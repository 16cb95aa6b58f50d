"""Patient IDs: distinct values, duplicates in the patient file, and IDs of
other tables that the patient file does not have. IDs are compared as the
depot compares them (engine/depot.py): stripped of every kind of space,
case-sensitively; an empty cell is no ID, and a cell of spaces only is the
ID '' (the patient list the depot keeps never holds it).

Each query touches only the ID column; the per-row work is one hash
probe, and example rows are gathered only for the few IDs reported.
"""

from __future__ import annotations

import duckdb

from .depot import id_sql
from .result import MAX_EXAMPLES

REFERENCE = "patient_ids"

IdRows = tuple[str, int, list[int]]  # (id, rows with it, first rowids in one file)


def _ids(table: str, index: int, blank: bool = False) -> str:
    """Rows and their IDs; `blank`: with the ID '' of cells of spaces only
    (InMemoryDuckDBExtractor filters `!= ''` before it strips)."""
    keep = f"c{index} <> ''" if blank else "v <> ''"
    return f"(SELECT rowid AS r, {id_sql(f'c{index}')} AS v FROM {table} WHERE {keep})"


def distinct_ids(con: duckdb.DuckDBPyConnection, table: str, index: int) -> int:
    return con.execute(f"SELECT count(DISTINCT v) FROM {_ids(table, index)}").fetchone()[0]


def make_reference(con: duckdb.DuckDBPyConnection, sources: list[tuple[str, int]]) -> None:
    """The patient list the depot keeps (id, rows) over every patient file it keeps one from
    (none: an empty list). PatientIDExtractor._extract_from_duckdb keeps the stripped,
    non-empty IDs."""
    union = " UNION ALL ".join(f"SELECT v FROM {_ids(t, i)}" for t, i in sources) or \
        "SELECT NULL::VARCHAR AS v WHERE false"
    con.execute(f"CREATE OR REPLACE TEMP TABLE {REFERENCE} AS "
                f"SELECT v AS id, count(*) AS n FROM ({union}) GROUP BY v")


def duplicate_ids(con: duckdb.DuckDBPyConnection, table: str, index: int) -> list[IdRows]:
    """IDs that appear more than once over the patient files, with this file's rows."""
    return _grouped(con, f"SELECT v, any_value(n), min(r, {MAX_EXAMPLES}) AS rs FROM {_ids(table, index)} "
                         f"JOIN {REFERENCE} ON v = id WHERE n > 1 GROUP BY v")


def unknown_ids(con: duckdb.DuckDBPyConnection, table: str, index: int) -> list[IdRows]:
    """IDs not in the patient list, '' (cells of spaces only) among them
    (FileUploadService.process_file_upload_secure refuses the file for any)."""
    return _grouped(con, f"SELECT v, count(*), min(r, {MAX_EXAMPLES}) AS rs FROM {_ids(table, index, blank=True)} "
                         f"ANTI JOIN {REFERENCE} ON v = id GROUP BY v")


def unknown_rowids(con: duckdb.DuckDBPyConnection, table: str, index: int, *, blank: bool) -> list[int]:
    """Every row whose ID the patient list lacks, as `unknown_ids` finds them:
    `blank` the rows of ID '' (cells of spaces only), else the others."""
    test = "v = ''" if blank else "v <> ''"
    return [r for (r,) in con.execute(f"SELECT r FROM {_ids(table, index, blank=True)} ANTI JOIN {REFERENCE} "
                                      f"ON v = id WHERE {test} ORDER BY r").fetchall()]


def _grouped(con: duckdb.DuckDBPyConnection, sql: str) -> list[IdRows]:
    return [(v, n, list(rs)) for v, n, rs in con.execute(f"{sql} ORDER BY rs[1]").fetchall()]


def cells(con: duckdb.DuckDBPyConnection, table: str, index: int, rowids: list[int]) -> list[str]:
    """The ID cells of these rows as the file writes them, in the order given."""
    found = dict(con.execute(f"SELECT rowid, c{index} FROM {table} WHERE rowid IN "
                             f"({', '.join(map(str, rowids))})").fetchall()) if rowids else {}
    return [found.get(r) or "" for r in rowids]
