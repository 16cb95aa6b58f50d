"""Inspect: what a file is before anyone parses it.

Two parts. `read_head` looks at the first bytes only (BOM, delimiter, header,
line endings) so the load can start at once. `scan_whole_file` reads every
byte once (SHA-256, UTF-8 validity with the first bad byte, newline counts,
blank lines, a newline index for byte -> line lookups); the pipeline runs it
in a thread next to the DuckDB load, so it adds little to the wall time.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .progress import CancelToken

DELIMITERS = (",", "\t", "|", ";")
DELIMITER_NAMES = {",": "comma", "\t": "tab", "|": "pipe", ";": "semicolon"}
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
HEAD_BYTES = 256 * 1024
CHUNK = 1 << 20
MAX_BLANK_LINES = 100_000


@dataclass
class Head:
    size: int
    bom: bool
    utf16: bool
    delimiter: str
    header: list[str]  # cells of the first record, BOM removed, not trimmed
    header_lines: int  # physical lines the header record spans (1 unless it holds a newline)
    line_endings: str  # "LF" | "CRLF" | "CR" | "none" (from the first lines)

    def info(self) -> dict:
        return {
            "size": self.size,
            "bom": self.bom,
            "delimiter": DELIMITER_NAMES.get(self.delimiter, self.delimiter),
            "line_endings": self.line_endings,
            "header": list(self.header),
        }


@dataclass
class WholeFile:
    sha256: str
    utf8_valid: bool
    first_bad_byte: tuple[int, int] | None  # (physical line, byte offset in the file)
    newlines: int  # number of \n bytes
    crlf: int  # number of \r\n pairs
    tabs: int  # number of tab bytes
    ends_with_newline: bool
    checkpoints: list[tuple[int, int]] = field(default_factory=list)  # (byte offset, \n before it)

    @property
    def physical_lines(self) -> int:
        return self.newlines + (0 if self.ends_with_newline else 1)

    @property
    def line_endings(self) -> str:
        if self.newlines == 0:
            return "none"
        if self.crlf == self.newlines:
            return "CRLF"
        return "LF" if self.crlf == 0 else "mixed"


def read_head(path: Path) -> Head:
    """Raises OSError when the file cannot be opened."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        raw = fh.read(HEAD_BYTES)
    bom = raw.startswith(UTF8_BOM)
    utf16 = raw.startswith(UTF16_BOMS)
    body = raw[len(UTF8_BOM):] if bom else raw
    text = body.decode("utf-8", errors="replace") if not utf16 else ""
    delimiter = _sniff_delimiter(text)
    header, header_lines = _first_record(text, delimiter)
    return Head(
        size=size,
        bom=bom,
        utf16=utf16,
        delimiter=delimiter,
        header=header,
        header_lines=header_lines,
        line_endings=_line_endings(body),
    )


def _line_endings(data: bytes) -> str:
    first = data.find(b"\n")
    if first < 0:
        return "CR" if b"\r" in data else "none"
    return "CRLF" if first > 0 and data[first - 1 : first] == b"\r" else "LF"


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header into the most fields and the first
    lines into the same number of fields; comma when nothing splits."""
    lines = text.splitlines(keepends=True)[:50]
    if len(text) >= HEAD_BYTES // 2 and lines:
        lines = lines[:-1]  # the last line may be cut off
    sample = "".join(lines)
    best, best_score = ",", (0, 0)
    for delim in DELIMITERS:
        try:
            records = [r for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delim) if r]
        except csv.Error:  # e.g. a value longer than the csv module's field limit
            records = [line.split(delim) for line in lines if line.strip()]
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        agree = sum(1 for r in records[1:] if len(r) == width)
        score = (agree, width)
        if score > best_score:
            best, best_score = delim, score
    return best


def _first_record(text: str, delimiter: str) -> tuple[list[str], int]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            return record, reader.line_num
    except csv.Error:
        first = text.splitlines()[0] if text.strip() else ""
        return first.split(delimiter), 1
    return [], 1


def scan_whole_file(
    path: Path, cancel: CancelToken, on_bytes: Callable[[int], None] | None = None
) -> WholeFile:
    """One sequential pass over every byte. Raises Cancelled, OSError."""
    sha = hashlib.sha256()
    newlines = crlf = tabs = offset = 0
    first_bad: tuple[int, int] | None = None
    pending = b""  # an incomplete UTF-8 sequence at the end of the previous chunk
    tail = b""  # last byte of the previous chunk, for a \r\n across chunks
    checkpoints: list[tuple[int, int]] = []
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            cancel.raise_if_cancelled()
            checkpoints.append((offset, newlines))
            sha.update(chunk)
            if first_bad is None:
                data = pending + chunk
                bad, pending = _utf8_check(data)
                if bad is not None:
                    start = offset - (len(data) - len(chunk))
                    first_bad = (newlines + 1 + data.count(b"\n", 0, bad), start + bad)
            if b"\r" in chunk or tail == b"\r":
                crlf += chunk.count(b"\r\n") + (tail == b"\r" and chunk.startswith(b"\n"))
            newlines += chunk.count(b"\n")
            tabs += chunk.count(b"\t")
            offset += len(chunk)
            tail = chunk[-1:]
            if on_bytes is not None:
                on_bytes(offset)
    if first_bad is None and pending:
        first_bad = (newlines + 1 - pending.count(b"\n"), offset - len(pending))
    return WholeFile(
        sha256=sha.hexdigest(),
        utf8_valid=first_bad is None,
        first_bad_byte=first_bad,
        newlines=newlines,
        crlf=crlf,
        tabs=tabs,
        ends_with_newline=tail == b"\n",
        checkpoints=checkpoints,
    )


def find_blank_lines(path: Path, cancel: CancelToken, limit: int = MAX_BLANK_LINES) -> list[int]:
    """Physical numbers of the empty lines after line 1 (a second pass, run only
    when the line counts say some lines are not records)."""
    out: list[int] = []
    tail, newlines = b"", 0
    with path.open("rb") as fh:
        while (chunk := fh.read(CHUNK)) and len(out) < limit:
            cancel.raise_if_cancelled()
            _find_blank_lines(tail, chunk, newlines, out)
            newlines += chunk.count(b"\n")
            tail = (tail + chunk)[-2:]
    return out[:limit]


def _utf8_check(data: bytes) -> tuple[int | None, bytes]:
    """(index of the first invalid byte or None, incomplete sequence left at the end)."""
    if data.isascii():
        return None, b""
    try:
        data.decode("utf-8")
        return None, b""
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and len(data) - exc.start < 4:
            return None, data[exc.start :]
        return exc.start, b""


def _find_blank_lines(tail: bytes, chunk: bytes, newlines_before: int, out: list[int]) -> None:
    """Append the physical numbers of empty lines closed in `chunk` (lines 2 and later)."""
    data = tail + chunk
    ends = []
    for pattern in (b"\n\n", b"\n\r\n"):
        i = data.find(pattern)
        while i >= 0:
            end = i + len(pattern) - 1  # the \n that closes the empty line
            if end >= len(tail):
                ends.append(end)
            i = data.find(pattern, i + 1)
    counted, count = len(tail), newlines_before
    for end in sorted(ends):
        count += data.count(b"\n", counted, end)
        counted = end
        out.append(count + 1)
