"""Load: one DuckDB reader with an explicit dialect (findings §7-§8).

Every column is read as text under our own names (c0, c1, ...), so odd or
duplicated header names never reach SQL. Records that do not fit go to
named rejects tables instead of stopping the load or vanishing. A file that
is not UTF-8 is loaded again as Latin-1. A file above IN_MEMORY_MAX_BYTES
(or whose table would not fit in DuckDB's memory limit) goes into a
compressed database file in the run's scratch folder. Writing it is slower
than an in-memory table, but every later query reads compressed columns and
runs 3-4 times faster: the whole fast path of a 500 MB laboratory file took
5.0 s instead of 5.5 s with a third of the memory (304 MiB peak instead of
954 MiB); at 100 MB 1.5 s either way (260 instead of 360 MiB).
"""

from __future__ import annotations

import errno
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from .copies import DATABASE, NO_LOG, CopyLog
from .inspect import Head, longest_line
from .progress import Cancelled, CancelToken
from .translation import _

log = logging.getLogger(__name__)

IN_MEMORY_MAX_BYTES = 64 * 1024 * 1024  # small files: no database file to write
TABLE_PER_CSV_BYTE = 2  # an in-memory table takes about twice the CSV's size
SPILL_FOLDER = "spill"  # in the scratch folder: DuckDB's temp_directory
UNITS = {"bytes": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40}
POLL_SECONDS = 0.1
# DuckDB's reject for a record above max_line_size. A record longer than its
# 32 MB read buffer as well is dropped without a reject: callers pass the
# longest line they know of, and check that every line is accounted for.
LINE_TOO_LONG = "LINE SIZE OVER MAXIMUM"
DEFAULT_MAX_LINE = 2_000_000  # DuckDB's max_line_size when none is given


@dataclass
class Reject:
    byte_position: int  # where DuckDB says the record starts (may point at newlines before it)
    record: int  # 0-based data record (DuckDB's `line` counts records, the header as 1)
    kind: str  # DuckDB's error_type, e.g. "TOO MANY COLUMNS"
    csv_line: str  # the record as DuckDB saw it


@dataclass
class Loaded:
    table: str  # SQL name of the loaded table
    rows: int
    columns: list[str]  # c0, c1, ... in header order
    encoding: str  # "utf-8" | "latin-1"
    rejects: list[Reject] = field(default_factory=list)
    quoted_rows: int = 0  # rows with a double quote inside a value (stray, or doubled)
    max_line_size: int = DEFAULT_MAX_LINE  # the longest record the reader was allowed


@dataclass
class LoadFailure:
    """The fast reader could not take the file as it is; `reason` is plain words."""

    reason: str


class LoadFailed(Exception):
    def __init__(self, failure: LoadFailure) -> None:
        super().__init__(failure.reason)
        self.failure = failure


def connect(scratch: Path, memory_limit: str, threads: int) -> duckdb.DuckDBPyConnection:
    scratch.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(
        ":memory:",
        config={
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
        },
    )
    con.execute(f"SET memory_limit = '{sql_string(memory_limit)}'")
    con.execute(f"SET threads = {int(threads)}")
    con.execute(f"SET temp_directory = '{sql_string(str(scratch / SPILL_FOLDER))}'")
    con.execute("SET enable_progress_bar = true")
    con.execute("SET enable_progress_bar_print = false")
    con.execute("SET preserve_insertion_order = true")
    return con


@contextmanager
def watched(
    con: duckdb.DuckDBPyConnection, cancel: CancelToken, on_fraction: Callable[[float], None] | None
) -> Iterator[None]:
    """Run a query block with a progress poller and Cancel wired to interrupt().

    Raises Cancelled when the cancel token fires during the block."""
    cancel.raise_if_cancelled()
    remove = cancel.on_cancel(con.interrupt)
    stop = threading.Event()
    poller = None
    if on_fraction is not None:
        poller = threading.Thread(target=_poll, args=(con, stop, on_fraction), daemon=True)
        poller.start()
    try:
        yield
    except duckdb.InterruptException:
        raise Cancelled() from None
    finally:
        stop.set()
        remove()
        if poller is not None:
            poller.join()
    cancel.raise_if_cancelled()


def _poll(con, stop: threading.Event, on_fraction: Callable[[float], None]) -> None:
    last = -1.0
    while not stop.wait(POLL_SECONDS):
        try:
            percent = con.query_progress()
        except duckdb.Error:
            return
        if percent >= 0 and percent != last:
            last = percent
            on_fraction(min(percent, 100.0) / 100.0)


def load_csv(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    head: Head,
    name: str,
    scratch: Path,
    cancel: CancelToken,
    on_fraction: Callable[[float], None] | None = None,
    longest: int = 0,
    copies: CopyLog = NO_LOG,
) -> Loaded:
    """Load `path` into table `name` (all text). `longest`: the longest line
    known in the file, if any. Raises LoadFailed, Cancelled."""
    if head.size == 0:
        raise LoadFailed(LoadFailure(_("The file is empty.")))
    if head.utf16:
        raise LoadFailed(LoadFailure(
            _("The file is saved as UTF-16. Save it again as CSV UTF-8.")))
    if not head.header:
        raise LoadFailed(LoadFailure(_("The file has no header line.")))
    columns = [f"c{i}" for i in range(len(head.header))]
    target = name
    if head.size > min(IN_MEMORY_MAX_BYTES, _memory_limit(con) // TABLE_PER_CSV_BYTE):
        db_file = scratch / f"{name}.duckdb"
        copies.made(DATABASE, db_file)
        con.execute(f"ATTACH '{sql_string(str(db_file))}' AS {name}_db")
        target = f"{name}_db.main.{name}"
    loaded = None
    for encoding in ("utf-8", "latin-1"):
        rejects, limit = _read_every_record(con, path, head, columns, target, name, encoding, cancel,
                                            on_fraction, longest)
        if any(r.kind == "INVALID ENCODING" for r in rejects) and encoding == "utf-8":
            continue
        # Counted after the load, not during it: over the compressed table this
        # takes 0.1 s for 500 MB, as an extra column of the load 0.4 s.
        any_quote = " OR ".join(f"contains({c}, '\"')" for c in columns)
        rows, quoted = con.execute(
            f"SELECT count(*), count(*) FILTER (WHERE {any_quote}) FROM {target}").fetchone()
        loaded = Loaded(target, rows, columns, encoding, rejects, quoted, limit)
        break
    assert loaded is not None
    return loaded


def _memory_limit(con: duckdb.DuckDBPyConnection) -> int:
    """DuckDB's memory limit in bytes (it reports e.g. '953.6 MiB')."""
    number, _, unit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0].partition(" ")
    return int(float(number) * UNITS.get(unit, 1))


def drop(con: duckdb.DuckDBPyConnection, loaded: Loaded | None, name: str, copies: CopyLog = NO_LOG) -> None:
    """Forget the table loaded as `name`, and delete its database file, if any."""
    con.execute(f"DROP TABLE IF EXISTS {loaded.table if loaded else name}")
    for db, path in con.execute(
            "SELECT database_name, path FROM duckdb_databases() WHERE database_name = ?", [f"{name}_db"]
    ).fetchall():
        con.execute(f"DETACH {db}")
        with copies.removing(Path(path)):
            for leftover in (Path(path), Path(f"{path}.wal")):
                leftover.unlink(missing_ok=True)


def _read_every_record(con, path, head, columns, target, name, encoding, cancel, on_fraction,
                       longest: int) -> tuple[list[Reject], int]:
    """Read with a line limit above `longest` (twice it, for records spanning
    several lines); while a record is still too long, read again with a limit
    above the file's longest line, raised each time. Returns the rejects and the limit used."""
    limit = _line_limit(longest, head.size)
    while True:
        rejects = _read_into(con, path, head, columns, target, name, encoding, cancel, on_fraction, limit)
        if not any(r.kind == LINE_TOO_LONG for r in rejects):
            return rejects, limit
        higher = _line_limit(max(longest_line(path, cancel), limit), head.size)
        if higher <= limit:  # as high as the file is long
            return rejects, limit
        limit = higher


def _line_limit(longest: int, size: int) -> int:
    if 2 * longest < DEFAULT_MAX_LINE:
        return DEFAULT_MAX_LINE
    return min(2 * longest, size) + 1024


def _read_into(con, path, head, columns, target, name, encoding, cancel, on_fraction,
               max_line_size: int) -> list[Reject]:
    rejects_table, rejects_scan = f"{name}_rejects", f"{name}_scans"
    for t in (rejects_table, rejects_scan):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    column_types = ", ".join(f"'{c}': 'VARCHAR'" for c in columns)
    delim = head.delimiter.replace("'", "''")
    sql = (
        f"CREATE OR REPLACE TABLE {target} AS SELECT * FROM read_csv("
        f"'{sql_string(str(path))}', delim='{delim}', quote='\"', escape='\"', header=true, "
        f"auto_detect=false, columns={{{column_types}}}, encoding='{encoding}', "
        f"store_rejects=true, rejects_table='{rejects_table}', rejects_scan='{rejects_scan}', "
        f"max_line_size={int(max_line_size)})"
    )
    try:
        with watched(con, cancel, on_fraction):
            con.execute(sql)
            found = con.execute(
                f"SELECT line_byte_position, line, error_type::VARCHAR, csv_line "
                f"FROM {rejects_table} ORDER BY line_byte_position"
            ).fetchall()
    except duckdb.IOException as exc:
        if disk_full(exc):  # writing the database file or spilling to the scratch folder
            raise
        with path.open("rb"):  # the real reason (moved, deleted, not allowed) as an OSError
            pass
        raise LoadFailed(LoadFailure(_("The file could not be read to the end."))) from None
    except duckdb.Error as exc:  # its text may quote the file's values: only the kind is logged
        log.info("The fast reader refused a file (%s); the detailed check takes over.", type(exc).__name__)
        raise LoadFailed(LoadFailure(
            _("The fast reader could not take this file as it is, so the detailed check reads it."))) from None
    seen: dict[int, Reject] = {}
    for position, line, kind, csv_line in found:
        seen.setdefault(position, Reject(position, line - 2, kind, csv_line or ""))
    return list(seen.values())


DISK_FULL_WORDS = ("No space left on device", "There is not enough space on the disk", "Disk quota exceeded")


def values_cut_at_line_break(con: duckdb.DuckDBPyConnection, loaded: Loaded, rowids: list[int]) -> list[str]:
    """For each row, its first value holding a line break, as the depot stores it:
    the opening quote, then the value up to the break."""
    spanning = " ".join(f"WHEN regexp_matches({c}, '[\\r\\n]') THEN {c}" for c in loaded.columns)
    found = dict(con.execute(f"SELECT rowid, CASE {spanning} END FROM {loaded.table} "
                             f"WHERE rowid IN ({', '.join(map(str, rowids))})").fetchall())
    return ['"' + (found.get(r) or "").replace("\r", "\n").split("\n")[0] for r in rowids]


def disk_full(exc: Exception) -> bool:
    """Did a write to the scratch folder fail for want of space? (DuckDB reports it
    in the text of an IOException; the text is only searched, never shown.)"""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    return isinstance(exc, duckdb.IOException) and any(w in str(exc) for w in DISK_FULL_WORDS)


def sql_string(text: str) -> str:
    return text.replace("'", "''")
