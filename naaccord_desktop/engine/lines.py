"""Physical line numbers (findings §6-§7).

Every scan numbers the records in file order, so a rowid is the index of a
record. On the fast path every record was accepted, and its physical line is

    header lines + 1 + rowid
    + newlines inside quoted values of earlier records
    + blank lines before it (DuckDB skips them silently).

Only the rows a finding reports are ever mapped. Rejected records (which
send a file to the diagnostic path) are placed exactly from the byte where
DuckDB says they start: 1 + the number of newline bytes before it.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import duckdb

from .inspect import WholeFile, find_blank_lines
from .progress import CancelToken
from .reader import Loaded, Reject, scan
from .result import MAX_EXAMPLES


@dataclass(frozen=True)
class PlacedReject:
    line: int  # physical line where the record starts
    span: int  # physical lines it takes
    reject: Reject


class LineMap:
    def __init__(self, header_lines: int, blank_lines: list[int], embedded: list[tuple[int, int]],
                 cut: list[str] | None = None) -> None:
        """blank_lines: empty lines between records (not inside quoted values);
        embedded: (rowid, newlines inside its values), sorted by rowid; `cut`: of the
        first MAX_EXAMPLES of those records, what the depot stores of their value with a line break."""
        self.blank_lines = sorted(blank_lines)
        self._first = header_lines + 1
        self._rowids = [r for r, _ in embedded]
        self._before = [0, *accumulate(n for _, n in embedded)]
        self.cut = cut or []

    def multi_line_records(self) -> list[int]:
        """Rowids of the records that hold a line break inside quotes."""
        return list(self._rowids)

    def lines_read(self, rows: int) -> int:
        """Physical lines that `rows` accepted records, the header and the blank lines take."""
        return self._first - 1 + rows + self._before[-1] + len(self.blank_lines)

    def line(self, rowid: int) -> int:
        return self.lines([rowid])[0]

    def lines(self, rowids: list[int]) -> list[int]:
        """Physical lines of accepted records, in the order given."""
        order = sorted(range(len(rowids)), key=rowids.__getitem__)
        out = [0] * len(rowids)
        k = 0
        for i in order:
            r = rowids[i]
            line = self._first + r + self._before[bisect_left(self._rowids, r)] + k
            while k < len(self.blank_lines) and self.blank_lines[k] <= line:
                k += 1
                line += 1
            out[i] = line
        return out


def place_rejects(path: Path, rejects: list[Reject], whole: WholeFile) -> list[PlacedReject]:
    """The physical line and span of each rejected record, from its byte position."""
    if not rejects:
        return []
    starts = _record_starts(path, [r.byte_position for r in rejects], whole)
    placed = []
    for reject in rejects:
        body = reject.csv_line.lstrip("\r\n").rstrip("\r\n")
        placed.append(PlacedReject(starts[reject.byte_position], body.count("\n") + 1, reject))
    return placed


def build_line_map(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    loaded: Loaded,
    header_lines: int,
    whole: WholeFile,
    cancel: CancelToken,
) -> LineMap:
    """The line map of a file whose every record was accepted. The usual case,
    one line per record, costs nothing; otherwise blank lines are looked up in
    the file and, when lines are still left over, quoted newlines in a scan of the records."""
    if whole.physical_lines <= header_lines + loaded.rows:
        return LineMap(header_lines, [], [])
    blanks = [b for b in find_blank_lines(path, cancel) if b > header_lines]
    if whole.physical_lines <= header_lines + loaded.rows + len(blanks):
        return LineMap(header_lines, blanks, [])
    embedded, cut = scan(con, loaded, cancel, None, lambda c: _embedded_newlines(c, loaded))
    return LineMap(header_lines, _true_blanks(header_lines, blanks, embedded), embedded, cut)


def _true_blanks(header_lines: int, blanks: list[int], embedded: list[tuple[int, int]]) -> list[int]:
    """The blank lines that are not inside a quoted value.

    One sweep in file order: each multi-line record is placed from the blank
    lines accepted so far, and a blank line inside it belongs to a value."""
    out: list[int] = []
    k = newlines = 0
    inside = (0, 0)  # lines of the latest multi-line record after its first line

    def take_until(line: int) -> int:
        nonlocal k
        while k < len(blanks) and blanks[k] <= line:
            if not inside[0] <= blanks[k] < inside[1]:
                out.append(blanks[k])
                line += 1
            k += 1
        return line

    for rowid, n in embedded:
        start = take_until(header_lines + 1 + rowid + newlines + len(out))
        inside = (start + 1, start + 1 + n)
        newlines += n
    take_until(1 << 62)
    return out


def _embedded_newlines(con: duckdb.DuckDBPyConnection, loaded: Loaded) -> tuple[list[tuple[int, int]], list[str]]:
    """(rowid, newlines inside its values) of the records that hold a line break, and
    for the first MAX_EXAMPLES of them what the depot stores of the first such value:
    its opening quote, then the value up to its first line break."""
    has = " OR ".join(f"contains({c}, chr(10))" for c in loaded.columns)
    count = " + ".join(
        f"coalesce(length({c}) - length(replace({c}, chr(10), '')), 0)" for c in loaded.columns
    )
    spanning = " ".join(f"WHEN regexp_matches({c}, '[\\r\\n]') THEN {c}" for c in loaded.columns)
    rowids, counts, values = con.execute(
        f"SELECT list(r ORDER BY r), list(n ORDER BY r), arg_min(v, r, {MAX_EXAMPLES}) FROM "
        f"(SELECT r, {count} AS n, CASE {spanning} END AS v FROM {loaded.numbered(', '.join(loaded.columns))} "
        f"WHERE {has})"
    ).fetchone()
    cut = ['"' + (v or "").replace("\r", "\n").split("\n")[0] for v in values or []]
    return list(zip(rowids or [], counts or [], strict=True)), cut


def _record_starts(path: Path, positions: list[int], whole: WholeFile) -> dict[int, int]:
    """Physical line of the first byte at or after each position that is not a line break.

    One forward sweep: newlines are counted from the nearest checkpoint of the
    whole-file scan or from the previous position, whichever is closer."""
    offsets = [o for o, _ in whole.checkpoints] or [0]
    counts = [n for _, n in whole.checkpoints] or [0]
    out: dict[int, int] = {}
    cursor, count = 0, 0
    with path.open("rb") as fh:
        for pos in sorted(set(positions)):
            k = bisect_left(offsets, pos + 1) - 1
            if offsets[k] > cursor:
                cursor, count = offsets[k], counts[k]
            fh.seek(cursor)
            count += fh.read(pos - cursor).count(b"\n")
            cursor = pos
            lead = fh.read(64)
            skip = len(lead) - len(lead.lstrip(b"\r\n"))
            out[pos] = count + lead.count(b"\n", 0, skip) + 1
    return out
