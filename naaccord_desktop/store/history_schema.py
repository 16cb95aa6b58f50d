"""The run history's SQLite schema: each version's migration step, and the
rows of a report in the files and finding-count tables. `History` runs the
steps under its lock, after a backup of the file (see `history.py`)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import PurePath


def _v1(db: sqlite3.Connection) -> None:
    """The first schema: one row per run, the report as JSON."""
    db.execute(
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            ended_at TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL,
            verdict TEXT NOT NULL DEFAULT '',
            cohort TEXT NOT NULL DEFAULT '',
            app_version TEXT NOT NULL DEFAULT '',
            definitions_version TEXT NOT NULL DEFAULT '',
            seconds REAL NOT NULL DEFAULT 0,
            file_names TEXT NOT NULL DEFAULT '',
            tables TEXT NOT NULL DEFAULT '',
            report TEXT
        )"""
    )


def _v2(db: sqlite3.Connection) -> None:
    """Files and finding counts get their own tables (filter by file and table,
    compare runs); encrypted detail and a plain-words note per run."""
    db.execute(
        """CREATE TABLE run_files (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            table_name TEXT NOT NULL,
            size INTEGER NOT NULL DEFAULT 0,
            sha256 TEXT NOT NULL DEFAULT '',
            rows INTEGER NOT NULL DEFAULT 0,
            verdict TEXT NOT NULL DEFAULT '',
            path_taken TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (run_id, position)
        )"""
    )
    db.execute(
        """CREATE TABLE finding_counts (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            code TEXT NOT NULL,
            column_name TEXT,
            severity TEXT NOT NULL,
            count INTEGER NOT NULL,
            lines TEXT NOT NULL DEFAULT '[]'
        )"""
    )
    db.execute("CREATE INDEX run_files_table ON run_files(table_name, run_id)")
    db.execute("CREATE INDEX finding_counts_run ON finding_counts(run_id)")
    db.execute("ALTER TABLE runs ADD COLUMN detail BLOB")
    db.execute("ALTER TABLE runs ADD COLUMN note TEXT NOT NULL DEFAULT ''")
    for run_id, file_names, tables, report in db.execute(
        "SELECT id, file_names, tables, report FROM runs"
    ).fetchall():
        if report:
            insert_report_rows(db, run_id, json.loads(report))
        else:
            names = file_names.split("\n") if file_names else []
            kinds = tables.split("\n") if tables else []
            db.executemany(
                "INSERT INTO run_files (run_id, position, name, table_name) VALUES (?, ?, ?, ?)",
                [(run_id, i, n, t) for i, (n, t) in enumerate(zip(names, kinds, strict=False))],
            )
    db.execute("ALTER TABLE runs DROP COLUMN file_names")
    db.execute("ALTER TABLE runs DROP COLUMN tables")


def _v3(db: sqlite3.Connection) -> None:
    """The audit of copies of patient data (store/audit.py): one row per copy,
    from its creation to its wipe. `run_id` is no foreign key: a pruned run's
    copies keep the number of the check that made them."""
    db.execute(
        """CREATE TABLE copies (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            path TEXT NOT NULL,
            run_id INTEGER,
            pid INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            size INTEGER NOT NULL DEFAULT 0,
            saving INTEGER NOT NULL DEFAULT 0,
            seen_at TEXT NOT NULL DEFAULT '',
            ended TEXT NOT NULL DEFAULT '',
            ended_at TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX copies_open ON copies(ended, path)")
    db.execute("CREATE INDEX copies_created ON copies(created_at)")


def _v4(db: sqlite3.Connection) -> None:
    """Findings a coordinator marked as known: kept by table, rule code and column
    (a column the definitions name, never a value), with their note (the
    coordinator's own words); not tied to a run."""
    db.execute(
        """CREATE TABLE acknowledgements (
            table_name TEXT NOT NULL,
            code TEXT NOT NULL,
            column_name TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL,
            since TEXT NOT NULL,
            PRIMARY KEY (table_name, code, column_name)
        )"""
    )


MIGRATIONS = (_v1, _v2, _v3, _v4)  # MIGRATIONS[n] takes the schema from version n to n + 1
SCHEMA_VERSION = len(MIGRATIONS)


def insert_report_rows(db: sqlite3.Connection, run_id: int, report: dict) -> None:
    """A report's files and finding counts (its scrubbed JSON form) as rows of
    run_files and finding_counts."""
    for position, f in enumerate(report["files"]):
        db.execute(
            "INSERT OR REPLACE INTO run_files (run_id, position, name, table_name, size, sha256, rows, verdict, "
            "path_taken) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                run_id,
                position,
                PurePath(f["path"]).name,
                f["table"],
                f.get("size", 0),
                f.get("sha256", ""),
                f.get("rows", 0),
                f.get("verdict", ""),
                f.get("path_taken", ""),
            ),
        )
        db.executemany(
            "INSERT INTO finding_counts (run_id, position, code, column_name, severity, count, lines) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (run_id, position, x["code"], x["column"], x["severity"], x["count"], json.dumps(x["lines"]))
                for x in f.get("findings", [])
            ],
        )
