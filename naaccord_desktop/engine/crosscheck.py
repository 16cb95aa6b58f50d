"""Patient IDs: distinct values, duplicates in the patient file, and IDs of
other tables that the patient file does not have. IDs are compared as the
depot compares them (`depot.id_sql`): stripped of every
kind of space, case-sensitively; an empty cell is no ID, and a cell of spaces
only is the ID '' (the patient list the depot keeps never holds it).

Each query reads distinct raw IDs, never the rows: the load scan's (`Loaded.ids`:
a value and its row count), which give the verdict at once, or the values
scan's (a value, its row count and first rowids), which give the lines.
"""

from __future__ import annotations

import duckdb

from .depot import id_sql
from .result import MAX_EXAMPLES
from .rules import first_rows

REFERENCE = "patient_ids"

IdRows = tuple[str, int, list[int]]  # (id, rows with it, first rowids in one file: [] without `rows`)


def _ids(source: str, rows: bool = False, blank: bool = False, carry: str = "") -> str:
    """SQL: (id, n[, rs]) of distinct raw IDs `source` (v, n[, rs]), normalised (`carry`:
    these columns of `source` instead of n[, rs]); no ID '' unless `blank`: then with the
    ID '' of cells of spaces only (InMemoryDuckDBExtractor filters `!= ''` before it strips)."""
    keep = "v <> ''" if blank else "id <> ''"
    carry = carry or ("n, rs" if rows else "n")
    return f"(SELECT id, {carry} FROM (SELECT {id_sql('v')} AS id, * FROM {source}) WHERE {keep})"


def distinct_ids(con: duckdb.DuckDBPyConnection, ids: str) -> int:
    return con.execute(f"SELECT count(DISTINCT id) FROM {_ids(ids)}").fetchone()[0]


def make_reference(con: duckdb.DuckDBPyConnection, sources: list[str]) -> None:
    """The patient list the depot keeps (id, rows) over every patient file it keeps one from
    (their load scans' tables; none: an empty list). PatientIDExtractor._extract_from_duckdb
    keeps the stripped, non-empty IDs."""
    union = " UNION ALL ".join(f"SELECT id, n FROM {_ids(ids)}" for ids in sources) or \
        "SELECT NULL::VARCHAR AS id, 0 AS n WHERE false"
    con.execute(f"CREATE OR REPLACE TEMP TABLE {REFERENCE} AS "
                f"SELECT id, sum(n) AS n FROM ({union}) GROUP BY id")


def duplicate_ids(con: duckdb.DuckDBPyConnection, source: str, rows: bool = False) -> list[IdRows]:
    """IDs that appear more than once over the patient files (with their count there);
    `rows`: with this file's first rows (`source` has them)."""
    return _grouped(con, f"SELECT i.id, any_value({REFERENCE}.n), {_rows(rows, 'i.rs')} AS rs "
                         f"FROM {_ids(source, rows)} i JOIN {REFERENCE} ON i.id = {REFERENCE}.id "
                         f"WHERE {REFERENCE}.n > 1 GROUP BY i.id", rows)


def unknown_ids(con: duckdb.DuckDBPyConnection, source: str, rows: bool = False) -> list[IdRows]:
    """IDs not in the patient list, '' (cells of spaces only) among them
    (FileUploadService.process_file_upload_secure refuses the file for any),
    with their rows here (`rows`: and the first of them)."""
    return _grouped(con, f"SELECT id, sum(n), {_rows(rows, 'rs')} AS rs FROM {_ids(source, rows, blank=True)} "
                         f"ANTI JOIN {REFERENCE} USING (id) GROUP BY id", rows)


def unknown_rowids(con: duckdb.DuckDBPyConnection, records: str, *, blank: bool) -> list[int]:
    """Every row of `records` (v raw ID, r rowid) whose ID the patient list lacks, as
    `unknown_ids` finds them: `blank` the rows of ID '' (cells of spaces only), else the others."""
    test = "id = ''" if blank else "id <> ''"
    return [r for (r,) in con.execute(f"SELECT r FROM {_ids(records, blank=True, carry='r')} "
                                      f"ANTI JOIN {REFERENCE} USING (id) WHERE {test} ORDER BY r").fetchall()]


def blank_cells(con: duckdb.DuckDBPyConnection, source: str) -> list[tuple[int, str]]:
    """(rowid, the cell as the file writes it) of the first rows whose ID is '' (a cell
    of spaces only), in file order; `source` has the first rows."""
    return con.execute(f"SELECT r, v FROM (SELECT v, unnest(rs) AS r FROM {source} "
                       f"WHERE v <> '' AND {id_sql('v')} = '') ORDER BY r LIMIT {MAX_EXAMPLES}").fetchall()


def _rows(rows: bool, lists: str) -> str:
    return first_rows(lists) if rows else "[]::BIGINT[]"


def _grouped(con: duckdb.DuckDBPyConnection, sql: str, rows: bool) -> list[IdRows]:
    order = "rs[1]" if rows else "id"
    return [(v, int(n), list(rs)) for v, n, rs in con.execute(f"SELECT * FROM ({sql}) ORDER BY {order}").fetchall()]
