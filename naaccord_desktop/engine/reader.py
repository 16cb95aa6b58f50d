"""Load: one DuckDB reader with an explicit dialect (findings §7-§8), and the
load scan.

Every column is read as text under our own names (c0, c1, ...), so odd or
duplicated header names never reach SQL. No record is stored in a table (only
distinct values and their counts are): each scan reads the file again, its
records numbered in file order (`numbered`).
The load scan reads the patient-ID column alone (the cheapest scan there is,
on every thread) into its distinct values with their row counts, and finds
what the reader cannot take: records that do not fit go to named rejects
tables instead of stopping the scan or vanishing. A value that is not UTF-8
makes every scan read the file as Latin-1.
"""

from __future__ import annotations

import errno
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import duckdb

from .inspect import Head, longest_line
from .progress import Cancelled, CancelToken
from .translation import _

log = logging.getLogger(__name__)
T = TypeVar("T")

SPILL_FOLDER = "spill"  # in the scratch folder: DuckDB's temp_directory
POLL_SECONDS = 0.1
# DuckDB's reject for a record above max_line_size. A record longer than its
# read buffer (_line_options) as well is dropped without a reject: callers pass the
# longest line they know of, and check that every line is accounted for.
LINE_TOO_LONG = "LINE SIZE OVER MAXIMUM"
DEFAULT_MAX_LINE = 2_000_000  # DuckDB's max_line_size when none is given
MIN_BUFFER = 8 << 20  # bytes: read_csv's buffer_size (_line_options)


@dataclass
class Reject:
    byte_position: int  # where DuckDB says the record starts (may point at newlines before it)
    record: int  # 0-based data record (DuckDB's `line` counts records, the header as 1)
    kind: str  # DuckDB's error_type, e.g. "TOO MANY COLUMNS"
    csv_line: str  # the record as DuckDB saw it


@dataclass
class Loaded:
    """A file the reader takes as it is: how to read it again, and what the load scan found."""

    path: Path
    name: str  # stem of its SQL tables: `{name}_ids` holds the ID column's distinct values
    delimiter: str
    width: int  # values per record (the header's)
    encoding: str  # "utf-8" | "latin-1"
    rows: int = 0
    rejects: list[Reject] = field(default_factory=list)
    max_line_size: int = DEFAULT_MAX_LINE  # the longest record the reader was allowed
    parallel: bool = True  # False once DuckDB's parallel reader could not finish a scan
    list_column: int | None = None  # of a patient file whose patient list the depot keeps from another column

    @property
    def columns(self) -> list[str]:
        return [f"c{i}" for i in range(self.width)]

    @property
    def ids(self) -> str:
        """SQL name of the load scan's table: (v raw patient ID, n rows)."""
        return f"{self.name}_ids"

    @property
    def patient_list(self) -> str:
        """SQL name of the load scan's table of the column the depot keeps its patient
        list from: (v raw ID, n rows, and more); `ids` unless it is another column."""
        return f"{self.name}_list" if self.list_column is not None else self.ids

    def csv(self, rejects: str = "", small_buffer: bool = False) -> str:
        """SQL: the file as records of text; `rejects`: the stem of the tables DuckDB
        writes what it could not take to (a record it cannot take is then skipped);
        `small_buffer`: for a scan on one thread (_line_options)."""
        column_types = ", ".join(f"'{c}': 'VARCHAR'" for c in self.columns)
        delim = self.delimiter.replace("'", "''")
        stored = (f", store_rejects=true, rejects_table='{rejects}_rejects', rejects_scan='{rejects}_scans'"
                  if rejects else "")
        parallel = "" if self.parallel else ", parallel=false"
        return (f"read_csv('{sql_string(str(self.path))}', delim='{delim}', quote='\"', escape='\"', header=true, "
                f"auto_detect=false, columns={{{column_types}}}, encoding='{self.encoding}', "
                f"{_line_options(self.max_line_size, small_buffer)}{parallel}{stored})")

    def numbered(self, select: str, rejects: str = "") -> str:
        """SQL: `select` (over c0, c1, ...) of every record the load scan kept, with `r`,
        its 0-based number in file order. `rejects`: as for `csv` (default: thrown away)."""
        # INTEGER: the first-rows lists of a 2 GB file take 120 MiB less than as BIGINT (up to 2^31 records)
        return (f"(SELECT {select}, (row_number() OVER () - 1)::INTEGER AS r "
                f"FROM {self.csv(rejects or f'{self.name}_again', small_buffer=True)})")


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
    cancel: CancelToken,
    on_fraction: Callable[[float], None] | None = None,
    *,
    id_column: int | None,
    list_column: int | None = None,
    longest: int = 0,
    encoding: str = "utf-8",
) -> Loaded:
    """The load scan of `path`: the distinct values of column `id_column` and their
    row counts (None: no patient-ID column, the records are only counted) into `{name}_ids`;
    those of `list_column` too when it is another column (`Loaded.patient_list`). `longest`:
    the longest line known in the file, if any. Raises LoadFailed, Cancelled."""
    if head.size == 0:
        raise LoadFailed(LoadFailure(_("The file is empty.")))
    if head.utf16:
        raise LoadFailed(LoadFailure(
            _("The file is saved as UTF-16. Save it again as CSV UTF-8.")))
    if not head.header:
        raise LoadFailed(LoadFailure(_("The file has no header line.")))
    loaded = Loaded(path, name, head.delimiter, len(head.header), encoding,
                    list_column=None if list_column == id_column else list_column)
    while True:
        _read_every_record(con, loaded, id_column, cancel, on_fraction, longest)
        if loaded.encoding == "latin-1" or not any(r.kind == "INVALID ENCODING" for r in loaded.rejects):
            return loaded
        loaded.encoding = "latin-1"


VALUES_PARTS = 4  # a values scan reads the file in at most this many parts at once (distinct.py)
TABLES = ("ids", "list", "rejects", "scans", "groups",
          *(f"{scan}{k or ''}_{kind}" for scan in ("again", "ahead") for k in range(VALUES_PARTS)
            for kind in ("rejects", "scans")))


def drop(con: duckdb.DuckDBPyConnection, name: str, tables: tuple[str, ...] = TABLES) -> None:
    """Forget the tables of the file scanned as `name` (`tables`: which of them)."""
    for suffix in tables:
        con.execute(f"DROP TABLE IF EXISTS {name}_{suffix}")


def _read_every_record(con, loaded: Loaded, id_column: int | None, cancel, on_fraction, longest: int) -> None:
    """Read with a line limit above `longest` (twice it, for records spanning
    several lines); while a record is still too long, read again with a limit
    above the file's longest line, raised each time."""
    size = loaded.path.stat().st_size
    loaded.max_line_size = _line_limit(longest, size)
    while True:
        _scan_ids(con, loaded, id_column, cancel, on_fraction)
        if not any(r.kind == LINE_TOO_LONG for r in loaded.rejects):
            return
        higher = _line_limit(max(longest_line(loaded.path, cancel), loaded.max_line_size), size)
        if higher <= loaded.max_line_size:  # as high as the file is long
            return
        loaded.max_line_size = higher


def _line_options(max_line_size: int, small_buffer: bool) -> str:
    """read_csv's line limit and, with `small_buffer`, its read buffer: four times
    the limit, at least MIN_BUFFER, instead of DuckDB's 16 times (32 MB). A scan
    that numbers its records reads on one thread, and values scans run side by
    side, each holding its buffers: with the small ones a 2 GB file peaked at
    364 MiB instead of 515, in the same time. The load scan keeps DuckDB's: on
    every thread, smaller buffers cost it 5-8% (README, Performance)."""
    buffer = f", buffer_size={max(4 * int(max_line_size), MIN_BUFFER)}" if small_buffer else ""
    return f"max_line_size={int(max_line_size)}{buffer}"


def _line_limit(longest: int, size: int) -> int:
    if 2 * longest < DEFAULT_MAX_LINE:
        return DEFAULT_MAX_LINE
    return min(2 * longest, size) + 1024


def _scan_ids(con, loaded: Loaded, id_column: int | None, cancel, on_fraction) -> None:
    name = loaded.name
    drop(con, name, TABLES[:4])  # the values scan may be writing the others already
    # DuckDB fills the rejects tables once the result is read to the end, so the table is made first.
    # No row numbers: row_number() would keep the scan on one thread.
    column = f"c{id_column}" if id_column is not None else "NULL::VARCHAR"
    if loaded.list_column is None:
        sql = [f"CREATE TEMP TABLE {loaded.ids} AS SELECT {column} AS v, count(*) AS n "
               f"FROM {loaded.csv(rejects=name)} GROUP BY ALL"]
    else:  # a patient file's both ID columns (a patient file has about one row per ID)
        sql = [f"CREATE TEMP TABLE {loaded.patient_list} AS SELECT c{loaded.list_column} AS v, {column} AS i, "
               f"count(*) AS n FROM {loaded.csv(rejects=name)} GROUP BY ALL",
               f"CREATE TEMP TABLE {loaded.ids} AS SELECT i AS v, sum(n) AS n FROM {loaded.patient_list} GROUP BY i"]

    def read(con: duckdb.DuckDBPyConnection) -> list[tuple]:
        for query in sql:
            con.execute(query)
        loaded.rows = int(con.execute(f"SELECT coalesce(sum(n), 0) FROM {loaded.ids}").fetchone()[0])
        return con.execute(f"SELECT line_byte_position, line, error_type::VARCHAR, csv_line "
                           f"FROM {name}_rejects ORDER BY line_byte_position").fetchall()

    found = scan(con, loaded, cancel, on_fraction, read)
    seen: dict[int, Reject] = {}
    for position, line, kind, csv_line in found:
        seen.setdefault(position, Reject(position, line - 2, kind, csv_line or ""))
    loaded.rejects = list(seen.values())


def scan(con: duckdb.DuckDBPyConnection, loaded: Loaded, cancel: CancelToken,
         on_fraction: Callable[[float], None] | None, read: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """`read(con)`: queries that read the file, watched for progress and Cancel.
    When DuckDB's parallel reader cannot finish them (it says so for some files
    with very long records), they run again with the single-threaded reader.
    Raises LoadFailed, Cancelled, OSError."""
    with read_errors(loaded.path):
        while True:
            try:
                with watched(con, cancel, on_fraction):
                    return read(con)
            except duckdb.NotImplementedException:
                if not loaded.parallel:
                    raise
                loaded.parallel = False


@contextmanager
def read_errors(path: Path) -> Iterator[None]:
    """A scan of `path` that DuckDB could not finish raises LoadFailed (plain words),
    or the OSError of a file that went away; a full scratch disk and Cancel go through."""
    try:
        yield
    except duckdb.IOException as exc:
        if disk_full(exc):  # spilling to the scratch folder
            raise
        with path.open("rb"):  # the real reason (moved, deleted, not allowed) as an OSError
            pass
        raise LoadFailed(LoadFailure(_("The file could not be read to the end."))) from None
    except duckdb.InterruptException:
        raise
    except duckdb.Error as exc:  # its text may quote the file's values: only the kind is logged
        log.info("The fast reader refused a file (%s); the detailed check takes over.", type(exc).__name__)
        raise LoadFailed(LoadFailure(
            _("The fast reader could not take this file as it is, so the detailed check reads it."))) from None


DISK_FULL_WORDS = ("No space left on device", "There is not enough space on the disk", "Disk quota exceeded")


def disk_full(exc: Exception) -> bool:
    """Did a write to the scratch folder fail for want of space? (DuckDB reports it
    in the text of an IOException; the text is only searched, never shown.)"""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    return isinstance(exc, duckdb.IOException) and any(w in str(exc) for w in DISK_FULL_WORDS)


def sql_string(text: str) -> str:
    return text.replace("'", "''")
