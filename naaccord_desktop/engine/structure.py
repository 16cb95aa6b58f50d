"""Structure stage: one streaming pass over the whole file that finds every
record whose shape is wrong (too many or too few values, extra empty values,
a quote never closed, a stray quote inside a value, a blank line) and every
value with a line break in it, with exact totals and the first examples at
their physical lines.

Physical lines are 1-based lines of the file as an editor shows them: LF,
CRLF and a lone CR each end one line, and a quoted value holding line breaks
makes its record span several lines. This is how Python's `csv` module counts
`line_num` on a file opened with `newline=""`, and records are split the same
way it splits them (RFC 4180 quoting with doubled quotes, no escape char).

The scan reads raw bytes, so it needs an ASCII-compatible encoding (UTF-8,
Latin-1, Windows-1252); UTF-16/32 files are transcoded first by the caller.

Speed: blocks of lines are split and their delimiters counted by C-level
bytes methods; only lines that look wrong or hold a quote go through the
record parser in Python. Optionally every readable record is written to a
clean copy (header c0,c1,... then the records, LF line ends) that DuckDB can
load strictly; `LineMap` maps the copy's record numbers back to physical lines.

Longer than our ~400 lines: the scanner is one state machine over blocks of
lines, and its parts share that state.
"""

from __future__ import annotations

import operator
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import compress, repeat
from pathlib import Path
from typing import BinaryIO

from .progress import CancelToken
from .result import MAX_EXAMPLES

BLOCK_SIZE = 8 << 20
# A quoted value still open after this many bytes is reported as a quote that
# is never closed, and the scan resumes on the line after the opening quote.
MAX_QUOTED_BYTES = 16 << 20

TOO_MANY = "structure.too_many_fields"
TOO_FEW = "structure.too_few_fields"
EXTRA_EMPTY = "structure.extra_empty_fields"  # kept, without the extra values (as DuckDB 2.0 reads them)
UNCLOSED = "structure.unclosed_quote"
STRAY = "structure.stray_quote"
BLANK = "structure.blank_line"
LINE_BREAK = "depot.line_break"  # a record spanning lines: fine here, misread by the depot
KINDS = (TOO_MANY, TOO_FEW, EXTRA_EMPTY, UNCLOSED, STRAY, BLANK, LINE_BREAK)

_ANY_LINE_END = re.compile(rb"\r\n|\r|\n")


@dataclass
class Example:
    line: int  # physical line where the record starts
    fields: int  # values seen on that record (0 for a blank line)
    value: bytes = b""  # the value the depot stores for it (STRAY: with its quote; LINE_BREAK: cut there)


@dataclass
class Tally:
    count: int = 0
    examples: list[Example] = field(default_factory=list)
    limit: int | None = MAX_EXAMPLES  # None: keep every one (an export of all the rows)

    def add(self, line: int, fields: int, value: bytes = b"") -> None:
        self.count += 1
        if self.limit is None or len(self.examples) < self.limit:
            self.examples.append(Example(line, fields, value))


@dataclass
class LineMap:
    """Physical line of each data record kept in the clean copy (0-based).

    Runs of records on consecutive single lines share one entry, so the map
    stays small unless the file is full of irregular records.
    """

    starts: list[int] = field(default_factory=list)  # first record of each run
    first_lines: list[int] = field(default_factory=list)  # its physical line
    unloaded: list[int] = field(default_factory=list)  # records of the copy the database left out, sorted

    def line(self, record: int) -> int:
        k = bisect_right(self.starts, record) - 1
        return self.first_lines[k] + record - self.starts[k]

    def lines(self, rowids: list[int]) -> list[int]:
        """Physical lines of loaded rows (same interface as the fast path's `lines.LineMap`)."""
        return [self.line(self._record(r)) for r in rowids]

    def _record(self, rowid: int) -> int:
        """The copy's record that became row `rowid` of the loaded table."""
        for skipped in self.unloaded:
            if skipped > rowid:
                break
            rowid += 1
        return rowid


@dataclass
class StructureReport:
    header_line: int = 0  # 0 when the file holds no record at all
    header: list[bytes] = field(default_factory=list)  # raw header values
    physical_lines: int = 0
    records: int = 0  # data records (blank lines are not records)
    kept: int = 0  # data records in the clean copy
    field_counts: dict[int, int] = field(default_factory=dict)  # records by number of values
    first_extra_empty: int = 0  # the data record (1-based) of the first EXTRA_EMPTY one
    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    line_map: LineMap = field(default_factory=LineMap)

    @property
    def header_fields(self) -> int:
        return len(self.header)

    @property
    def problems(self) -> int:
        return sum(t.count for t in self.tallies.values())


def split_lines(block: bytes) -> tuple[list[bytes], bytes]:
    """Lines of `block` without their endings (LF, CRLF or lone CR), and the
    one line ending they all share (LF when they are mixed)."""
    if b"\r" not in block:
        return block.split(b"\n"), b"\n"
    crlf = block.count(b"\r\n")
    if crlf == block.count(b"\r") == block.count(b"\n"):
        return block.split(b"\r\n"), b"\r\n"
    if b"\n" not in block:
        return block.split(b"\r"), b"\r"
    return _ANY_LINE_END.split(block), b"\n"


def parse_record(lines: list[bytes], i: int, delim: bytes, quote: bytes, sep: bytes = b"\n"):
    """Parse the record that starts on lines[i]; `sep` stands for the line
    endings inside quoted values.

    Returns (values, index of its last line, has_stray_quote), or None when a
    quoted value is still open after the last line.
    """
    d, q = delim[0], quote[0]
    values: list[bytes] = []
    stray = False
    line = lines[i]
    pos, n = 0, len(line)
    while True:
        if pos < n and line[pos] == q:
            parts = []
            pos += 1
            while True:
                j = line.find(quote, pos)
                if j < 0:
                    parts.append(line[pos:])
                    parts.append(sep)
                    i += 1
                    if i == len(lines):
                        return None
                    line, pos, n = lines[i], 0, len(lines[i])
                    continue
                parts.append(line[pos:j])
                if j + 1 < n and line[j + 1] == q:
                    parts.append(quote)
                    pos = j + 2
                    continue
                pos = j + 1
                break
            if pos < n and line[pos] != d:  # text after the closing quote
                stray = True
                j = line.find(delim, pos)
                end = n if j < 0 else j
                parts.append(line[pos:end])
                pos = end
            values.append(b"".join(parts))
        else:
            j = line.find(delim, pos)
            end = n if j < 0 else j
            value = line[pos:end]
            if quote in value:
                stray = True
            values.append(value)
            pos = end
        if pos >= n:
            return values, i, stray
        pos += 1


def _fine_record(delim: bytes, quote: bytes, fields: int) -> re.Pattern:
    """A one-line record of exactly `fields` values whose quotes are all well placed."""
    d, q = re.escape(delim), re.escape(quote)
    value = rb"(?:%s[^%s]*(?:%s%s[^%s]*)*%s|[^%s%s]*)" % (q, q, q, q, q, q, d, q)
    return re.compile(value + rb"(?:%s%s){%d}" % (d, value, fields - 1))


def _quoted_value(values: list[bytes], quote: bytes) -> bytes:
    return next((v for v in values if quote in v), b"")


def _cut_value(values: list[bytes], quote: bytes) -> bytes:
    """A value with a line break as the depot stores it: its opening quote, then up to the break."""
    spanning = next((v for v in values if b"\n" in v or b"\r" in v), b"")
    return quote + spanning.replace(b"\r", b"\n").split(b"\n")[0]


def quote_all(values: list[bytes], delim: bytes, quote: bytes) -> bytes:
    return delim.join(quote + v.replace(quote, quote + quote) + quote for v in values)


class _Scanner:
    def __init__(self, delim: bytes, quote: bytes, out: BinaryIO | None) -> None:
        self.delim, self.quote, self.out = delim, quote, out
        self.report = StructureReport()
        self.next_line = 1  # physical line of the next line to be handled
        self.expected_delims = -1  # header values - 1, once the header is read
        self.sep = b"\n"  # line ending of the block being handled
        self._expected_line = -1  # where the next kept record would continue the run
        self._fine: re.Pattern | None = None  # a well-formed one-line record, once the header is read
        self.trailing_blanks = 0  # blank lines since the last record

    # -- the clean copy ---------------------------------------------------
    def _keep(self, line: int, records: int, data: bytes) -> None:
        rep = self.report
        if line != self._expected_line:
            rep.line_map.starts.append(rep.kept)
            rep.line_map.first_lines.append(line)
        rep.kept += records
        self._expected_line = line + records
        if self.out is not None:
            self.out.write(data)
            self.out.write(b"\n")

    def _keep_lines(self, lines: list[bytes], a: int, b: int, first: int) -> None:
        """Lines a..b-1 are well-formed single-line records."""
        if b <= a:
            return
        count = b - a
        self.trailing_blanks = 0
        self.report.records += count
        fc = self.report.field_counts
        fc[self.expected_delims + 1] = fc.get(self.expected_delims + 1, 0) + count
        self._keep(first + a, count, b"\n".join(lines[a:b]) if self.out is not None else b"")

    # -- one block of complete lines --------------------------------------
    def feed(self, lines: list[bytes], sep: bytes, final: bool) -> int:
        """Handle `lines` (whose first is physical line `next_line`).
        Returns how many were handled; the rest start a quoted value that
        may continue in the next block (never when `final`)."""
        first = self.next_line
        self.sep = sep
        start = 0
        if self.expected_delims < 0:
            start = self._header(lines, first, final)
            if self.expected_delims < 0:
                self.next_line += start
                return start
        done = self._body(lines, start, first, final)
        self.next_line += done
        return done

    def _header(self, lines: list[bytes], first: int, final: bool) -> int:
        rep = self.report
        for i, line in enumerate(lines):
            if not line:
                rep.tallies[BLANK].add(first + i, 0)
                self.trailing_blanks += 1
                continue
            parsed = parse_record(lines, i, self.delim, self.quote, self.sep)
            if parsed is None:
                if not final:
                    return i
                rep.tallies[UNCLOSED].add(first + i, 0)
                continue
            values, last, stray = parsed
            if stray:
                rep.tallies[STRAY].add(first + i, len(values), _quoted_value(values, self.quote))
            rep.header = values
            rep.header_line = first + i
            self.trailing_blanks = 0
            self.expected_delims = len(values) - 1
            self._fine = _fine_record(self.delim, self.quote, len(values))
            if self.out is not None:  # neutral names: the loader names the columns itself
                self.out.write(self.delim.join(b"c%d" % k for k in range(len(values))))
                self.out.write(b"\n")
            return last + 1
        return len(lines)

    def _body(self, lines: list[bytes], start: int, first: int, final: bool) -> int:
        exp, delim, quote = self.expected_delims, self.delim, self.quote
        rep = self.report
        tallies = rep.tallies
        n = len(lines)
        counts = list(map(bytes.count, lines, repeat(delim)))
        odd = set(compress(range(n), map(operator.ne, counts, repeat(exp))))
        quoted = list(compress(range(n), map(operator.contains, lines, repeat(quote))))
        if quoted:
            fine = compress(quoted, map(self._fine.fullmatch, map(lines.__getitem__, quoted)))
            odd.update(quoted)
            odd.difference_update(fine)
        if exp == 0:
            odd.update(compress(range(n), map(operator.not_, lines)))
        pos = start
        for i in sorted(odd):
            if i < pos:
                continue
            self._keep_lines(lines, pos, i, first)
            line = lines[i]
            if not line:
                tallies[BLANK].add(first + i, 0)
                self.trailing_blanks += 1
                pos = i + 1
                continue
            self.trailing_blanks = 0
            if quote not in line:
                extra = counts[i] - exp
                if self._shape(first + i, counts[i] + 1, extra > 0 and line.endswith(delim * extra)):
                    self._keep(first + i, 1, line[:len(line) - extra])
                pos = i + 1
                continue
            parsed = parse_record(lines, i, delim, quote, self.sep)
            if parsed is None:
                if not final:
                    return i
                rep.records += 1
                tallies[UNCLOSED].add(first + i, 0)
                pos = i + 1
                continue
            values, last, stray = parsed
            if stray:
                tallies[STRAY].add(first + i, len(values), _quoted_value(values, quote))
            extra_empty = len(values) > exp + 1 and not any(values[exp + 1:])
            if self._shape(first + i, len(values), extra_empty):
                span = last - i + 1
                if self.out is None:
                    data = b""
                elif stray or extra_empty:
                    data = quote_all(values[:exp + 1], delim, quote)
                else:
                    data = self.sep.join(lines[i:last + 1])
                self._keep(first + i, 1, data)
                if span > 1:  # a run holds one-line records only
                    tallies[LINE_BREAK].add(first + i, len(values), _cut_value(values, quote))
                    self._expected_line = -1
            pos = last + 1
        self._keep_lines(lines, pos, n, first)
        return n

    def _shape(self, line: int, fields: int, extra_empty: bool = False) -> bool:
        """Count a data record of `fields` values; True when it fits the header
        (`extra_empty`: the values beyond the header's are all empty, and left out)."""
        rep = self.report
        rep.records += 1
        rep.field_counts[fields] = rep.field_counts.get(fields, 0) + 1
        expected = self.expected_delims + 1
        if fields == expected:
            return True
        if fields > expected and extra_empty:
            rep.tallies[EXTRA_EMPTY].add(line, fields)
            rep.first_extra_empty = rep.first_extra_empty or rep.records
            return True
        rep.tallies[TOO_MANY if fields > expected else TOO_FEW].add(line, fields)
        return False


def scan_structure(
    path: Path,
    *,
    delimiter: str = ",",
    quote: str = '"',
    skip_bytes: int = 0,
    clean_copy: Path | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: CancelToken | None = None,
    block_size: int = BLOCK_SIZE,
    examples: int | None = MAX_EXAMPLES,
) -> StructureReport:
    """Scan the whole file at `path` (from byte `skip_bytes`, e.g. after a BOM).

    When `clean_copy` is given, the header and every readable data record are
    written there (UTF-8 if the source is, LF line ends) for a strict load.
    `examples`: how many lines each kind of problem lists (None: all).
    """
    delim, q = delimiter.encode("ascii"), quote.encode("ascii")
    total = max(path.stat().st_size - skip_bytes, 1)
    out = open(clean_copy, "wb") if clean_copy is not None else None  # noqa: SIM115 - closed in the finally below
    scanner = _Scanner(delim, q, out)
    scanner.report.tallies = {k: Tally(limit=examples) for k in KINDS}
    try:
        with open(path, "rb") as f:
            f.seek(skip_bytes)
            carry = b""
            read = 0
            while True:
                if cancel is not None:
                    cancel.raise_if_cancelled()
                chunk = f.read(max(block_size, len(carry)))  # a long line: read it in doubling steps
                read += len(chunk)
                data = carry + chunk if carry else chunk
                if not chunk:
                    _finish(scanner, data)
                    break
                cut = max(data.rfind(b"\n", 0, len(data) - 1), data.rfind(b"\r", 0, len(data) - 1))
                if cut < 0:
                    carry = data
                    continue
                if data[cut] == 13 and data[cut + 1] == 10:
                    cut += 1
                lines, sep = split_lines(data[:cut + 1])
                lines.pop()
                # A quoted value left open for too long is declared unclosed.
                done = scanner.feed(lines, sep, final=len(carry) > MAX_QUOTED_BYTES)
                carry = data[cut + 1:]
                if done < len(lines):
                    carry = sep.join(lines[done:]) + sep + carry
                if progress is not None:
                    progress(min(read / total, 1.0))
    finally:
        if out is not None:
            out.close()
    report = scanner.report
    report.physical_lines = scanner.next_line - 1
    if report.header:  # blank lines after the last record are harmless
        blank = report.tallies[BLANK]
        blank.count -= scanner.trailing_blanks
        blank.examples = [e for e in blank.examples if e.line <= report.physical_lines - scanner.trailing_blanks]
    if progress is not None:
        progress(1.0)
    return report


def _finish(scanner: _Scanner, data: bytes) -> None:
    if not data:
        return
    lines, sep = split_lines(data)
    if data.endswith((b"\n", b"\r")):
        lines.pop()
    scanner.feed(lines, sep, final=True)
