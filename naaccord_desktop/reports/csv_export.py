"""Offending rows as CSV: every row of one finding, or every problem row of a
file, copied from the source file under its own header, with the physical
line (and, for a whole file, the rules each row breaks) in front.

The line numbers come from the engine (engine/rows_of.py finds every row
of a finding again; a result keeps only the first ones). The rows are read
back from the SOURCE FILE, opened read-only and streamed; its SHA-256 is
checked on the way, so a file changed since the check is refused and
nothing is saved. Each record is written as the file holds it: its bytes,
quotes, line ends and encoding (and its byte order mark), so an exported row
can be found in the source or compared with it byte for byte.

The CSV holds cell values and patient IDs: it is written 0600, recorded in
the PHI audit (files.py, kind ROWS_CSV) and stays on this computer.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from ..engine.copies import NO_LOG, ROWS_CSV, CopyLog
from ..engine.result import FileResult
from ..engine.structure import parse_record
from .files import write_atomically

DELIMITERS = {"comma": ",", "tab": "\t", "semicolon": ";", "pipe": "|"}  # FileInfo names them
UTF8_BOM = b"\xef\xbb\xbf"
WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")
CHUNK = 1 << 20
MAX_RECORD_BYTES = 16 << 20  # a quote still open after this is one that is never closed (as structure.py says)
_LINE_END = re.compile(rb"\r\n|\r|\n")
Progress = Callable[[float], None]


class CsvExportError(Exception):
    """The rows cannot be exported; the message is for the coordinator."""


def write_finding_rows(file_result: FileResult, path: Path, lines: Iterable[int],
                       progress: Progress | None = None, copies: CopyLog = NO_LOG) -> int:
    """Write the records that start on `lines` (physical) under the header,
    each after its line number; returns how many were written. `progress`
    hears the share of the source read (0..1); `copies` records the export
    in the audit."""
    return _write(file_result, path, dict.fromkeys(lines, b""), None, progress, copies)


def write_problem_rows(file_result: FileResult, path: Path, rules: Mapping[int, str],
                       progress: Progress | None = None, copies: CopyLog = NO_LOG) -> int:
    """Every problem row of a file: {physical line: the rules it breaks, in words},
    one record per line, with a rules column after the line number."""
    codec = _encoding(file_result)
    delimiter = _delimiter(file_result)
    cells = {line: _quoted(words, delimiter).encode(codec, errors="replace") for line, words in rules.items()}
    return _write(file_result, path, cells, b"rules", progress, copies)


def _write(file_result: FileResult, path: Path, cells: dict[int, bytes], extra_column: bytes | None,
           progress: Progress | None, copies: CopyLog) -> int:
    source = Path(file_result.path)
    try:
        raw = open(source, "rb")  # noqa: SIM115 - read-only; the with below closes it
    except OSError as exc:
        raise CsvExportError(f"{source.name} cannot be opened to read the rows: "
                             f"{exc.strerror or exc}. Was it moved?") from None
    delimiter = _delimiter(file_result).encode("ascii")
    quote = (file_result.file_info.quote or '"').encode("ascii")

    def copy(out: BinaryIO) -> int:
        hashing = _Hashing(raw, max(file_result.size, 1), progress)
        reader = _Records(_physical_lines(hashing), delimiter, quote)
        header, bom = reader.header()
        out.write(bom)
        names = [b"line", extra_column] if extra_column is not None else [b"line"]
        out.write(delimiter.join(names) + delimiter + header)
        written = 0
        for line in sorted(cells):
            record = reader.record_at(line)
            if record is None:
                break
            front = [str(line).encode("ascii"), cells[line]] if extra_column is not None else \
                [str(line).encode("ascii")]
            out.write(delimiter.join(front) + delimiter + record + (b"" if _ends(record) else reader.line_end))
            written += 1
        hashing.drain()
        if (file_result.sha256 and hashing.hexdigest() != file_result.sha256) or written < len(cells):
            raise CsvExportError(f"{source.name} has changed since it was checked; check it "
                                 "again before exporting its rows.")
        return written

    with raw:
        if raw.read(2) in WIDE_BOMS:
            raise CsvExportError(f"{source.name} is saved as UTF-16; its rows cannot be copied byte for byte. "
                                 "Save it as UTF-8 and check it again.")
        raw.seek(0)
        try:
            return write_atomically(Path(path), copy, encoding=None, copies=copies, kind=ROWS_CSV)
        except OSError as exc:
            raise CsvExportError(f"The rows cannot be saved as {path}: {exc.strerror or exc}.") from None


class _Records:
    """The records of a file by the physical line they start on, as the
    engine's structure scan reads them (RFC 4180 quotes, any line ends)."""

    def __init__(self, lines: Iterator[bytes], delimiter: bytes, quote: bytes) -> None:
        self._lines = lines
        self._delimiter, self._quote = delimiter, quote
        self._ahead: deque[bytes] = deque()  # lines read ahead for a quote that never closed
        self._number = 0  # physical line of the last line taken
        self.line_end = b"\n"

    def _take(self) -> bytes | None:
        line = self._ahead.popleft() if self._ahead else next(self._lines, None)
        if line is not None:
            self._number += 1
        return line

    def header(self) -> tuple[bytes, bytes]:
        """(the header record with its line end, the byte order mark before it)."""
        first = self._take() or b""
        bom = UTF8_BOM if first.startswith(UTF8_BOM) else b""
        line = first[len(bom):]
        while line is not None and not line.strip(b"\r\n"):  # blank lines before the header
            line = self._take()
        record = self._complete(line or b"\n")
        end = _LINE_END.search(record[-2:])
        self.line_end = end.group() if end else b"\n"
        return record, bom

    def record_at(self, number: int) -> bytes | None:
        """The record that starts on physical line `number` (after the last one asked for)."""
        while self._number < number - 1:
            if self._take() is None:
                return None
        line = self._take()
        return None if line is None else self._complete(line)

    def _complete(self, first: bytes) -> bytes:
        """`first` and the lines its quoted values run on to; only `first` when a
        quote is never closed (the lines after it are records again, as in the check)."""
        parts = [first]
        size = len(first)
        while parse_record([p.rstrip(b"\r\n") for p in parts], 0, self._delimiter, self._quote) is None:
            following = self._take() if size <= MAX_RECORD_BYTES else None
            if following is None:
                self._ahead.extendleft(reversed(parts[1:]))
                self._number -= len(parts) - 1
                return first
            parts.append(following)
            size += len(following)
        return b"".join(parts)


def _physical_lines(stream) -> Iterator[bytes]:
    """Lines with their own endings (LF, CRLF or a lone CR), as an editor counts them."""
    carry = b""
    while chunk := stream.read(CHUNK):
        data = carry + chunk
        start = 0
        for end in _LINE_END.finditer(data):
            if end.end() == len(data) and end.group() == b"\r":  # the CR of a CRLF cut by the chunk?
                break
            yield data[start:end.end()]
            start = end.end()
        carry = data[start:]
    if carry:
        yield carry


def _ends(record: bytes) -> bool:
    return record.endswith((b"\n", b"\r"))


def _quoted(text: str, delimiter: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in (delimiter, '"', "\n", "\r")) else text


def _encoding(file_result: FileResult) -> str:
    """The codec the engine read the file with ("read_as"), else the one it detected."""
    info = file_result.file_info
    for name in (info.read_as, info.encoding):
        try:
            return codecs.lookup(str(name)).name
        except LookupError:
            continue
    return "utf-8"


def _delimiter(file_result: FileResult) -> str:
    name = file_result.file_info.delimiter or "comma"
    return DELIMITERS.get(name, name if len(name) == 1 else ",")


class _Hashing:
    """A read-only byte stream that hashes what passes through it (and says how far it is)."""

    def __init__(self, raw: BinaryIO, size: int, progress: Progress | None) -> None:
        self._raw = raw
        self._sha = hashlib.sha256()
        self._size, self._read, self._progress = size, 0, progress

    def read(self, size: int) -> bytes:
        data = self._raw.read(size)
        self._sha.update(data)
        self._read += len(data)
        if self._progress is not None:
            self._progress(min(self._read / self._size, 1.0))
        return data

    def drain(self) -> None:
        while self.read(CHUNK):
            pass

    def hexdigest(self) -> str:
        return self._sha.hexdigest()
