"""Run history: one SQLite file in the data folder.

A run row is written when a check starts and completed when it ends
(finished, cancelled, failed) or found dead at the next start (interrupted).
What is kept in the clear: file names, sizes, SHA-256, table types, cohort,
versions, path taken, stage timings, verdicts, counts per finding code and
line numbers. Cell values and patient IDs are never kept in the clear: the
report is the result as `engine/privacy.py` redacts it. With a secure
keychain the full result is also kept, encrypted, as "detail"; without one no
detail is stored.

One connection, used by one writer at a time (a lock), WAL journal, file
mode 0600, schema migrations by `PRAGMA user_version` with a backup copy of
the file before migrating (the schema and its steps: `history_schema.py`).

Longer than our ~400 lines: `History` (one connection, one lock) is kept
whole.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Protocol

from ..definitions.model import DefinitionSet
from ..engine.acknowledgements import Acknowledgement
from ..engine.privacy import redacted
from ..engine.result import SubmissionResult
from .history_schema import MIGRATIONS, SCHEMA_VERSION, insert_report_rows
from .secrets import DetailUnavailable, Secrets

log = logging.getLogger(__name__)

IDS_KEPT = 200  # IDs kept per list of unknown or duplicate IDs (as the reports show); counts stay exact
SEVERITIES = ("blocker", "error", "warning")
BUSY_MS = 5000  # how long a writer waits for another process holding the file


class HistoryError(Exception):
    """Something the coordinator can read: the history cannot do what was asked."""


class CheckedFile(Protocol):
    """A file about to be checked (the engine's SubmissionFile, or a FileResult)."""

    path: Path | str
    table: str


@dataclass
class RunFile:
    name: str
    table: str
    size: int = 0
    sha256: str = ""
    rows: int = 0
    verdict: str = ""
    path_taken: str = ""


@dataclass
class RunRow:
    id: int
    started_at: str
    ended_at: str
    status: str  # "running" | "finished" | "cancelled" | "failed" | "interrupted"
    verdict: str  # "" until the run finished
    cohort: str
    app_version: str
    definitions_version: str
    seconds: float
    note: str  # why it failed / was interrupted, in plain words
    has_report: bool
    has_detail: bool
    files: list[RunFile] = field(default_factory=list)
    findings_by_severity: dict[str, int] = field(default_factory=dict)


@dataclass
class FindingChange:
    code: str
    column: str | None
    severity: str
    status: str  # "new" | "still" | "fixed"
    before: int  # rows in the previous run
    now: int


@dataclass
class TableComparison:
    table: str
    previous_run: int | None  # None: this table was never checked before
    previous_started_at: str
    changes: list[FindingChange] = field(default_factory=list)

    def of(self, status: str) -> list[FindingChange]:
        return [c for c in self.changes if c.status == status]


# --- the store ------------------------------------------------------------------


class History:
    """The run history. Safe to call from worker threads: one lock, one writer."""

    def __init__(self, path: Path, secrets: Secrets) -> None:
        self.path = path
        self._secrets = secrets
        self._lock = threading.RLock()  # re-entrant: the exit wipe records in the audit, maybe in a signal handler
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        try:
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            _use_wal(self._db)
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA secure_delete = ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            log.error("Run history unreadable (%s).", type(exc).__name__)
            raise HistoryError(
                f"The run history file cannot be read, so this session's checks will not be "
                f"remembered. The file was left as it was: {path}"
            ) from exc
        except HistoryError:
            self._db.close()
            raise
        _make_private(path)

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One writer at a time, in one transaction (taken at once, so another
        process holding the file waits here rather than failing halfway)."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """The connection, for a store module that keeps its own tables in this
        file (the audit): one transaction, as the history's own writes."""
        with self._write():
            yield self._db

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._db

    def close(self) -> None:
        with self._lock:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.close()

    # -- writing

    def start_run(
        self,
        files: Sequence[CheckedFile],
        *,
        cohort: str,
        app_version: str,
        definitions_version: str,
        started_at: str = "",
    ) -> int:
        """Record that a check starts; returns the run's id."""
        started_at = started_at or datetime.now().astimezone().isoformat(timespec="seconds")
        with self._write():
            run_id = self._db.execute(
                "INSERT INTO runs (started_at, status, cohort, app_version, definitions_version) "
                "VALUES (?, 'running', ?, ?, ?)",
                (started_at, cohort, app_version, definitions_version),
            ).lastrowid
            self._db.executemany(
                "INSERT INTO run_files (run_id, position, name, table_name, size) VALUES (?, ?, ?, ?, ?)",
                [(run_id, i, Path(f.path).name, f.table, _size(f.path)) for i, f in enumerate(files)],
            )
        _make_private(self.path)
        return run_id

    def finish_run(self, run_id: int, result: SubmissionResult, definitions: DefinitionSet | None = None) -> None:
        """Complete a run with its result: "cancelled" if it was, else "finished".
        `definitions`: the set the check used (the bundled one when not given)."""
        result = _with_fewer_ids(result)
        detail = None
        if self._secrets.can_store_detail:
            detail = self._secrets.encrypt(json.dumps(result.to_dict()).encode("utf-8"))
        report = redacted(result, self._secrets.pseudonym, definitions).to_dict()
        for f, kept in zip(result.files, report["files"], strict=True):
            if not f.finished(result.cancelled):
                kept["verdict"] = ""  # a check cut short has no verdict
        with self._write():
            updated = self._db.execute(
                "UPDATE runs SET status = ?, ended_at = ?, verdict = ?, seconds = ?, report = ?, detail = ?, "
                "cohort = ?, app_version = ?, definitions_version = ? WHERE id = ?",
                (
                    "cancelled" if result.cancelled else "finished",
                    _now(),
                    "" if result.cancelled else result.verdict,
                    result.seconds,
                    json.dumps(report, ensure_ascii=False),
                    detail,
                    result.cohort,
                    result.app_version,
                    result.definitions_version,
                    run_id,
                ),
            ).rowcount
            if not updated:
                log.info("Run %d was deleted while it ran; its result is not recorded.", run_id)
                return
            if report["files"]:
                self._db.execute("DELETE FROM run_files WHERE run_id = ?", (run_id,))
            self._db.execute("DELETE FROM finding_counts WHERE run_id = ?", (run_id,))
            insert_report_rows(self._db, run_id, report)

    def fail_run(self, run_id: int, reason: str) -> None:
        """The check stopped on an unexpected error. `reason`: plain words, no values."""
        self._end(run_id, "failed", reason)

    def mark_interrupted(self, run_ids: Iterable[int]) -> None:
        for run_id in run_ids:
            self._end(run_id, "interrupted", "The app stopped during this check (it was closed or crashed).")

    def record(self, result: SubmissionResult, definitions: DefinitionSet | None = None) -> int:
        """Start and finish a run in one go (a check that ran without the history)."""
        run_id = self.start_run(
            result.files,
            cohort=result.cohort,
            app_version=result.app_version,
            definitions_version=result.definitions_version,
            started_at=result.started_at,
        )
        self.finish_run(run_id, result, definitions)
        return run_id

    def delete(self, run_id: int) -> None:
        with self._write():
            self._db.execute("DELETE FROM runs WHERE id = ?", (run_id,))
        self._checkpoint()

    def delete_all(self) -> None:
        with self._write():
            self._db.execute("DELETE FROM runs")
        self._checkpoint()

    def prune(self, before: datetime) -> int:
        """Forget the runs that started before `before` (not one still running):
        their encrypted detail first, in a transaction of its own, then the rest.
        Returns how many runs were forgotten."""
        old = "datetime(started_at) < datetime(?) AND status != 'running'"
        cutoff = before.astimezone().isoformat(timespec="seconds")
        with self._write():
            self._db.execute(f"UPDATE runs SET detail = NULL WHERE detail IS NOT NULL AND {old}", (cutoff,))
        with self._write():
            forgotten = self._db.execute(f"DELETE FROM runs WHERE {old}", (cutoff,)).rowcount
        if forgotten:
            self._checkpoint()
        return forgotten

    # -- reading

    def running(self) -> list[int]:
        """Ids of runs still marked running (by this or another process)."""
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT id FROM runs WHERE status = 'running'")]

    def tables(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT DISTINCT table_name FROM run_files ORDER BY 1")]

    def runs(self, *, file: str = "", table: str = "", verdict: str = "") -> list[RunRow]:
        """Newest first. `file`: part of a file name (any case); `table`, `verdict`: exact."""
        where, args = [], []
        if file:
            escaped = file.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append(
                "id IN (SELECT run_id FROM run_files WHERE name LIKE ? ESCAPE '\\')"
            )
            args.append(f"%{escaped}%")
        if table:
            where.append("id IN (SELECT run_id FROM run_files WHERE table_name = ?)")
            args.append(table)
        if verdict:
            where.append("verdict = ?")
            args.append(verdict)
        sql = (
            "SELECT id, started_at, ended_at, status, verdict, cohort, app_version, definitions_version, "
            "seconds, note, report IS NOT NULL, detail IS NOT NULL FROM runs"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        with self._lock:
            found = self._db.execute(sql + " ORDER BY id DESC", args)
            rows = [RunRow(*r[:10], bool(r[10]), bool(r[11])) for r in found]
            for row in rows:
                row.files = self._files(row.id)
                row.findings_by_severity = self._severity_counts(row.id)
        return rows

    def load(self, run_id: int) -> SubmissionResult:
        """The run's report as a SubmissionResult, without values (patient IDs as pseudonyms)."""
        with self._lock:
            row = self._db.execute("SELECT status, report FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise HistoryError("This run is no longer in the history.")
        status, report = row
        if report is None:
            raise HistoryError(
                "This check is still running."
                if status == "running"
                else "This check did not finish, so there is no report to open."
            )
        return SubmissionResult.from_dict(json.loads(report))

    def detail(self, run_id: int) -> SubmissionResult | None:
        """The full result, values included, when it was stored (secure keychain)
        and this install's key still opens it; else None."""
        with self._lock:
            row = self._db.execute("SELECT detail FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None or row[0] is None:
            return None
        try:
            return SubmissionResult.from_dict(json.loads(self._secrets.decrypt(row[0])))
        except DetailUnavailable:
            log.info("Stored detail of run %d cannot be opened with this key.", run_id)
            return None

    def compare_with_previous(self, run_id: int) -> list[TableComparison]:
        """For each table of this run: findings new, still there and fixed since
        the previous finished run that checked the same table (by code and column)."""
        with self._lock:
            row = self._db.execute("SELECT status FROM runs WHERE id = ?", (run_id,)).fetchone()
            if row is None:
                raise HistoryError("This run is no longer in the history.")
            if row[0] != "finished":
                raise HistoryError("Only a check that finished can be compared with an earlier one.")
            out = []
            for (table,) in self._db.execute(
                "SELECT table_name FROM run_files WHERE run_id = ? GROUP BY table_name ORDER BY MIN(position)",
                (run_id,),
            ).fetchall():
                previous = self._db.execute(
                    "SELECT r.id, r.started_at FROM runs r JOIN run_files f ON f.run_id = r.id "
                    "WHERE f.table_name = ? AND r.id < ? AND r.status = 'finished' ORDER BY r.id DESC LIMIT 1",
                    (table, run_id),
                ).fetchone()
                now = self._table_findings(run_id, table)
                if previous is None:
                    changes = [FindingChange(c, col, sev, "new", 0, n) for (c, col), (sev, n) in now.items()]
                    out.append(TableComparison(table, None, "", _ordered(changes)))
                    continue
                before = self._table_findings(previous[0], table)
                changes = []
                for key in now.keys() | before.keys():
                    sev_now, n_now = now.get(key, ("", 0))
                    sev_before, n_before = before.get(key, ("", 0))
                    status = "still" if key in now and key in before else "new" if key in now else "fixed"
                    changes.append(FindingChange(key[0], key[1], sev_now or sev_before, status, n_before, n_now))
                out.append(TableComparison(table, previous[0], previous[1], _ordered(changes)))
        return out

    # -- acknowledged findings (engine/acknowledgements.py)

    def acknowledgements(self) -> list[Acknowledgement]:
        with self._lock:
            return [Acknowledgement(*row) for row in self._db.execute(
                "SELECT table_name, code, column_name, note, since FROM acknowledgements ORDER BY 1, 2, 3")]

    def acknowledge(self, acks: Iterable[Acknowledgement]) -> None:
        """Keep `acks`, each replacing any earlier one of the same table, code and column."""
        with self._write():
            self._db.executemany("INSERT OR REPLACE INTO acknowledgements VALUES (?, ?, ?, ?, ?)",
                                 [(a.table, a.code, a.column, a.note, a.since) for a in acks])

    def withdraw(self, table: str, code: str, column: str) -> None:
        with self._write():
            self._db.execute("DELETE FROM acknowledgements WHERE table_name = ? AND code = ? AND column_name = ?",
                             (table, code, column))

    # -- internals

    def _files(self, run_id: int) -> list[RunFile]:
        return [
            RunFile(*r)
            for r in self._db.execute(
                "SELECT name, table_name, size, sha256, rows, verdict, path_taken FROM run_files "
                "WHERE run_id = ? ORDER BY position",
                (run_id,),
            )
        ]

    def _severity_counts(self, run_id: int) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITIES, 0)
        for severity, n in self._db.execute(
            "SELECT severity, COUNT(*) FROM finding_counts WHERE run_id = ? GROUP BY severity", (run_id,)
        ):
            counts[severity] = n
        return counts

    def _table_findings(self, run_id: int, table: str) -> dict[tuple[str, str | None], tuple[str, int]]:
        out: dict[tuple[str, str | None], tuple[str, int]] = {}
        for code, column, severity, count in self._db.execute(
            "SELECT c.code, c.column_name, c.severity, c.count FROM finding_counts c "
            "JOIN run_files f ON f.run_id = c.run_id AND f.position = c.position "
            "WHERE c.run_id = ? AND f.table_name = ?",
            (run_id, table),
        ):
            previous_severity, previous_count = out.get((code, column), (severity, 0))
            worse = min(previous_severity, severity, key=SEVERITIES.index)
            out[(code, column)] = (worse, previous_count + count)
        return out

    def _end(self, run_id: int, status: str, note: str) -> None:
        with self._write():
            self._db.execute(
                "UPDATE runs SET status = ?, ended_at = ?, note = ? WHERE id = ? AND status = 'running'",
                (status, _now(), note, run_id),
            )

    def _checkpoint(self) -> None:
        with self._lock:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _migrate(self) -> None:
        """Two first starts at once (two windows, a window and the command line)
        must migrate once: the version is read again under the write lock, so
        the second waits for the first and finds nothing left to do. The backup
        is taken under the same lock, before any step runs."""
        if self._version() == SCHEMA_VERSION:
            return
        with self._write():
            version = self._version()
            if version == SCHEMA_VERSION:
                return
            if version > 0:
                self._backup(version)
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](self._db)
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        log.info("Run history schema moved from version %d to %d.", version, SCHEMA_VERSION)

    def _version(self) -> int:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise HistoryError(
                "The run history was saved by a newer version of this app. "
                "Update the app to see it; the history was not changed."
            )
        return version

    def _backup(self, version: int) -> Path:
        """Copied through a second connection: the one holding the write lock
        cannot be read by a backup, a reader can (and sees the file as it was
        before the migration's first step)."""
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.v{version}-{stamp}.bak")
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT, 0o600))
        source, copy = sqlite3.connect(self.path, timeout=BUSY_MS / 1000), sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        _make_private(target)
        return target


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch a new file to WAL. SQLite answers "locked" at once, without
    waiting, while another process does the same to the same new file: try
    again for as long as a writer would wait."""
    deadline = time.monotonic() + BUSY_MS / 1000
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _with_fewer_ids(result: SubmissionResult) -> SubmissionResult:
    """A shallow copy whose lists of unknown and duplicate IDs stop at IDS_KEPT."""

    def fewer(f):
        ids = f.patient_ids
        kept = replace(ids, duplicates=ids.duplicates[:IDS_KEPT], unknown=ids.unknown[:IDS_KEPT])
        return replace(f, patient_ids=kept)

    return replace(result, files=[fewer(f) for f in result.files])


def _ordered(changes: list[FindingChange]) -> list[FindingChange]:
    order = {"new": 0, "still": 1, "fixed": 2}
    return sorted(changes, key=lambda c: (order[c.status], SEVERITIES.index(c.severity), c.code, c.column or ""))


def _size(path: Path) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _make_private(path: Path) -> None:
    if os.name != "posix":
        return
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if p.exists():
            p.chmod(0o600)
