"""Physical line numbers (findings §6-§7).

DuckDB keeps file order in the loaded table, so `rowid` is the index of a
record among the *accepted* records. Its physical line is

    header lines + 1 + rowid
    + newlines inside quoted values of earlier accepted records
    + lines taken by rejected records and blank lines before it.

Rejected records are placed exactly from the byte where DuckDB says they
start (1 + the number of newline bytes before it). Blank lines come from the
whole-file scan. Only the rows a finding reports are ever mapped.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import duckdb

from .inspect import WholeFile, find_blank_lines
from .progress import CancelToken
from .reader import Loaded, Reject


@dataclass(frozen=True)
class PlacedReject:
    line: int  # physical line where the record starts
    span: int  # physical lines it takes
    reject: Reject


class LineMap:
    def __init__(self, header_lines: int, skipped: list[tuple[int, int]],
                 embedded: list[tuple[int, int]], blank_lines: list[int] | None = None) -> None:
        """skipped: (physical line, span) of lines that are not accepted records;
        embedded: (rowid, newlines inside its values), sorted by rowid;
        blank_lines: the empty lines among `skipped` (outside quoted values)."""
        self.blank_lines = blank_lines or []
        self._first = header_lines + 1
        self._skipped = sorted(skipped)
        self._rowids = [r for r, _ in embedded]
        self._before = [0, *accumulate(n for _, n in embedded)]

    def line(self, rowid: int) -> int:
        return self.lines([rowid])[0]

    def lines(self, rowids: list[int]) -> list[int]:
        """Physical lines of accepted records, in the order given."""
        order = sorted(range(len(rowids)), key=rowids.__getitem__)
        out = [0] * len(rowids)
        k = shift = 0
        for i in order:
            r = rowids[i]
            line = self._first + r + self._before[bisect_left(self._rowids, r)] + shift
            while k < len(self._skipped) and self._skipped[k][0] <= line:
                shift += self._skipped[k][1]
                line += self._skipped[k][1]
                k += 1
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
    placed: list[PlacedReject],
    whole: WholeFile,
    cancel: CancelToken,
) -> LineMap:
    rejects = [(p.line, p.span) for p in placed]
    if whole.physical_lines <= header_lines + loaded.rows + sum(s for _, s in rejects):
        return LineMap(header_lines, rejects, [])  # every line is a record
    inside_rejects = [(p.line, p.line + p.span) for p in placed if p.span > 1]
    blanks = [
        b for b in find_blank_lines(path, cancel)
        if b > header_lines and not any(lo <= b < hi for lo, hi in inside_rejects)
    ]
    accounted = header_lines + loaded.rows + sum(s for _, s in rejects) + len(blanks)
    if whole.physical_lines <= accounted:
        return LineMap(header_lines, rejects + [(b, 1) for b in blanks], [], blanks)
    embedded = _embedded_newlines(con, loaded)
    skipped, blanks = _true_skips(header_lines, rejects, blanks, embedded)
    return LineMap(header_lines, skipped, embedded, blanks)


def _true_skips(header_lines: int, rejects: list[tuple[int, int]], blanks: list[int],
                embedded: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[int]]:
    """Rejected records plus the blank lines that are not inside a quoted value,
    and those blank lines.

    One sweep in file order: each multi-line record is placed from the skips
    accepted so far, and a blank line that falls inside it is part of a value."""
    events = sorted([(line, span, False) for line, span in rejects] + [(b, 1, True) for b in blanks])
    accepted: list[tuple[int, int]] = []
    true_blanks: list[int] = []
    k = shift = newlines = 0
    inside = (0, 0)  # lines of the latest multi-line record after its first line

    def take_until(line: int) -> int:
        nonlocal k, shift
        while k < len(events) and events[k][0] <= line:
            at, span, blank = events[k]
            k += 1
            if blank and inside[0] <= at < inside[1]:
                continue
            accepted.append((at, span))
            if blank:
                true_blanks.append(at)
            shift += span
            line += span
        return line

    for rowid, n in embedded:
        start = take_until(header_lines + 1 + rowid + newlines + shift)
        inside = (start + 1, start + 1 + n)
        newlines += n
    take_until(1 << 62)
    return accepted, true_blanks


def _embedded_newlines(con: duckdb.DuckDBPyConnection, loaded: Loaded) -> list[tuple[int, int]]:
    has = " OR ".join(f"contains({c}, chr(10))" for c in loaded.columns)
    count = " + ".join(
        f"coalesce(length({c}) - length(replace({c}, chr(10), '')), 0)" for c in loaded.columns
    )
    return [
        (r, n) for r, n in con.execute(
            f"SELECT rowid, {count} FROM {loaded.table} WHERE {has} ORDER BY rowid"
        ).fetchall()
    ]


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
