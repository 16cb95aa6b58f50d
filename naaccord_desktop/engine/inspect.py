"""Inspect: what a file is before anyone parses it. The one implementation of
the file-level facts: the encoding by BOM, the delimiter sniff, the whole-file
scan (the diagnostic path's metadata stage reuses them).

Two parts. `read_head` looks at the first bytes only (BOM, delimiter, header,
line endings) so the load can start at once. `scan_whole_file` reads every
byte once (UTF-8 validity with the first bad byte, counts of LF, CRLF and
lone CR line ends, tabs and NUL bytes, a newline index for byte -> line
lookups, and the SHA-256 unless the caller reads it later with `file_digest`);
the pipeline runs it in a thread next to the DuckDB load.
Physical lines count LF, CRLF and a lone CR as one line end each.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .progress import CancelToken
from .result import FileInfo
from .translation import N_, _

DELIMITERS = (",", "\t", "|", ";")
DELIMITER_NAMES = {",": N_("comma"), "\t": N_("tab"), "|": N_("pipe"), ";": N_("semicolon")}
SEPARATED = {",": N_("comma-separated"), "\t": N_("tab-separated"), "|": N_("pipe-separated"),
             ";": N_("semicolon-separated")}
UTF8_BOM = codecs.BOM_UTF8
BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
MAGIC = (  # files that are not text at all, by their first bytes
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or an .xlsx workbook)"),
    (b"\xd0\xcf\x11\xe0", "an Excel .xls workbook"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
SNIFF_RECORDS = 50
HEAD_BYTES = 256 * 1024
CHUNK = 1 << 20
MAX_BLANK_LINES = 100_000


def separated(delimiter: str) -> str:
    """'comma-separated', in the user's language."""
    if delimiter in SEPARATED:
        return _(SEPARATED[delimiter])
    return _("{delimiter}-separated").format(delimiter=repr(delimiter))


def text_encoding(head: bytes) -> tuple[str, str, int]:
    """(Python codec, title, BOM length) from the first bytes: a BOM, or
    UTF-16 without one when every other byte is NUL; else UTF-8."""
    for mark, codec, title in BOMS:
        if head.startswith(mark):
            return codec, title, len(mark)
    sample = head[:4096] if len(head) % 2 == 0 else head[:4095]
    if len(sample) >= 4:
        even, odd = sample[0::2], sample[1::2]
        for text, zeros, codec in ((even, odd, "utf-16-le"), (odd, even, "utf-16-be")):
            if zeros.count(0) == len(zeros) and 0 not in text:
                return codec, "UTF-16 (no byte order mark)", 0
    return "utf-8", "UTF-8", 0


def binary_kind(head: bytes) -> str:
    """What a file that is no text looks like ("a PNG image"), from its first
    bytes; "" for text. Call it only when text_encoding found no BOM and no UTF-16."""
    for magic, what in MAGIC:
        if head.startswith(magic):
            return what
    if b"\x00" in head[:8192]:
        return "a binary file (it holds NUL bytes, which no text export has)"
    return ""


def is_wide(codec: str) -> bool:
    """UTF-16/32: bytes must be decoded before lines can be counted."""
    return codec.startswith(("utf-16", "utf-32"))


@dataclass
class Head:
    size: int
    bom: bool
    utf16: bool  # UTF-16 or UTF-32: the fast reader cannot take it (the header is still read)
    delimiter: str
    header: list[str]  # cells of the first record, BOM removed, not trimmed
    header_lines: int  # physical lines the header record spans (1 unless it holds a newline)
    line_endings: str  # "LF" | "CRLF" | "CR" | "none" (from the first lines)
    encoding: str = "utf-8"  # Python codec by BOM (UTF-8 unless the BOM says otherwise)
    binary: str = ""  # what the file looks like when it is no text at all, e.g. "a PNG image"

    def info(self) -> FileInfo:
        return FileInfo(bom=self.bom, delimiter=DELIMITER_NAMES.get(self.delimiter, self.delimiter),
                        line_endings=self.line_endings, header=list(self.header))


@dataclass
class WholeFile:
    sha256: str
    utf8_valid: bool
    first_bad_byte: tuple[int, int] | None  # (physical line, byte offset in the file)
    newlines: int  # number of \n (LF and CRLF line ends)
    crlf: int  # number of \r\n pairs
    tabs: int  # number of tab bytes
    ends_with_newline: bool
    checkpoints: list[tuple[int, int]] = field(default_factory=list)  # (byte offset, \n before it)
    lone_cr: int = 0  # \r not followed by \n: a line end too
    nul_bytes: int = 0
    ends_open: bool = False  # the last line has no line end
    codec: str = "utf-8"  # how the lines were counted (UTF-16/32 are decoded first)
    longest_line: int = 0  # bytes (UTF-8 files only)
    delimited_end: bool = False  # some line ends with the delimiter (UTF-8 files only)
    bytes_read: int = 0  # every byte the scan read (and the SHA-256 covers, when it was taken)

    @property
    def physical_lines(self) -> int:
        return self.newlines + self.lone_cr + self.ends_open

    @property
    def line_endings(self) -> str:
        kinds = [name for name, n in (("LF", self.newlines - self.crlf), ("CRLF", self.crlf),
                                      ("CR", self.lone_cr)) if n]
        return "none" if not kinds else kinds[0] if len(kinds) == 1 else "mixed"


def read_head(path: Path) -> Head:
    """Raises OSError when the file cannot be opened."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        raw = fh.read(HEAD_BYTES)
    codec, _, bom_length = text_encoding(raw)
    bom = raw.startswith(UTF8_BOM)
    body = raw[bom_length:]
    wide = is_wide(codec)
    text = body.decode(codec, errors="replace")
    dialect = sniff_dialect(text, cut_off=len(raw) >= HEAD_BYTES)
    return Head(
        size=size,
        bom=bom,
        utf16=wide,
        delimiter=dialect.delimiter,
        header=dialect.header,
        header_lines=dialect.header_lines,
        line_endings=_line_endings(text.encode("utf-8") if wide else body),
        encoding=codec,
        binary="" if wide or bom_length else binary_kind(raw),
    )


def _line_endings(data: bytes) -> str:
    first = data.find(b"\n")
    if first < 0:
        return "CR" if b"\r" in data else "none"
    return "CRLF" if first > 0 and data[first - 1 : first] == b"\r" else "LF"


@dataclass
class Dialect:
    delimiter: str
    header: list[str]  # cells of the first record, not trimmed
    header_lines: int  # physical lines the header record spans
    width: int = 0  # values in the header (0: no delimiter splits it)
    agree: int = 0  # following records with that many values
    checked: int = 0  # following records looked at


def sniff_dialect(text: str, cut_off: bool = False) -> Dialect:
    """The delimiter that splits the header into the most fields and the first
    records into the same number of fields; comma when nothing splits.
    `cut_off`: `text` is the start of a longer file (its last line is partial)."""
    lines = text.splitlines(keepends=True)[:SNIFF_RECORDS + 1]
    if cut_off and len(lines) > 1:
        lines = lines[:-1]
    sample = "".join(lines)
    best = Dialect(",", [], 1)
    for delim in DELIMITERS:
        records = _records(sample, lines, delim)
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        agree = sum(1 for r in records[1:] if len(r) == width)
        if (agree, width) > (best.agree, best.width):
            best = Dialect(delim, [], 1, width, agree, len(records) - 1)
    best.header, best.header_lines = _first_record(text, best.delimiter)
    return best


def _records(sample: str, lines: list[str], delim: str) -> list[list[str]]:
    try:
        return [r for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delim) if r][:SNIFF_RECORDS]
    except csv.Error:  # e.g. a value longer than the csv module's field limit
        return [line.split(delim) for line in lines if line.strip()]


def _first_record(text: str, delimiter: str) -> tuple[list[str], int]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            return record, reader.line_num
    except csv.Error:
        first = text.splitlines()[0] if text.strip() else ""
        return first.split(delimiter), 1
    return [], 1


class _LineEnds:
    """Counts LF, CRLF and lone CR across chunks (a CRLF may straddle two)."""

    def __init__(self, lf: str | bytes, cr: str | bytes) -> None:
        self.lf_token, self.cr_token, self.crlf_token = lf, cr, cr + lf
        self.lf = self.crlf = self.cr = 0  # every \n, \r\n pairs, every \r
        self.last = lf[:0]

    def before(self, data, end: int) -> int:
        """Line ends done before data[end], counting those of earlier chunks."""
        part = data[:end]
        n = part.count(self.lf_token)
        if self.cr_token in part:
            n += part.count(self.cr_token) - part.count(self.crlf_token)
        straddle = self.last == self.cr_token and part[:1] == self.lf_token
        return self.terminators + n - straddle

    def add(self, data) -> None:
        if not data:
            return
        self.crlf += self.last == self.cr_token and data[:1] == self.lf_token
        self.lf += data.count(self.lf_token)
        if self.cr_token in data:  # most files have no CR at all
            self.crlf += data.count(self.crlf_token)
            self.cr += data.count(self.cr_token)
        self.last = data[-1:]

    @property
    def terminators(self) -> int:
        return self.lf + self.cr - self.crlf


def scan_whole_file(
    path: Path, cancel: CancelToken, on_bytes: Callable[[int], None] | None = None, codec: str = "utf-8",
    delimiter: str = ",", digest: bool = True,
) -> WholeFile:
    """One sequential pass over every byte. `codec`: a UTF-16/32 file's lines are
    counted on its decoded text (and it is not checked as UTF-8). `digest`: False
    leaves `sha256` empty. Raises Cancelled, OSError."""
    sha = hashlib.sha256() if digest else None
    wide = is_wide(codec)
    ends = _LineEnds("\n", "\r") if wide else _LineEnds(b"\n", b"\r")
    decoder = codecs.getincrementaldecoder(codec)("replace") if wide else None
    tabs = nuls = offset = bom = 0
    first_bad: tuple[int, int] | None = None
    pending = b""  # an incomplete UTF-8 sequence at the end of the previous chunk
    checkpoints: list[tuple[int, int]] = []
    longest = _Longest()
    ending = _DelimitedEnds(delimiter.encode("utf-8"))
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            cancel.raise_if_cancelled()
            if offset == 0:
                bom = text_encoding(chunk[:4])[2]
            checkpoints.append((offset, ends.lf))
            if sha is not None:
                sha.update(chunk)
            if decoder is not None:
                text = decoder.decode(chunk)
                ends.add(text)
                tabs += text.count("\t")
            else:
                if first_bad is None:
                    data = pending + chunk
                    bad, pending = _utf8_check(data)
                    if bad is not None:
                        start = offset - (len(data) - len(chunk))
                        first_bad = (ends.before(data, bad) + 1, start + bad)
                ends.add(chunk)
                longest.add(chunk)
                ending.add(chunk)
                if b"\t" in chunk:  # a search is far cheaper than a count, and most chunks have none
                    tabs += chunk.count(b"\t")
                if b"\x00" in chunk:
                    nuls += chunk.count(b"\x00")
            offset += len(chunk)
            if on_bytes is not None:
                on_bytes(offset)
    if first_bad is None and pending:  # the file ends inside a UTF-8 sequence
        first_bad = (ends.terminators + 1, offset - len(pending))
    return WholeFile(
        sha256=sha.hexdigest() if sha is not None else "",
        utf8_valid=first_bad is None,
        first_bad_byte=first_bad,
        newlines=ends.lf,
        crlf=ends.crlf,
        tabs=tabs,
        ends_with_newline=ends.last in ("\n", b"\n"),
        checkpoints=checkpoints,
        lone_cr=ends.cr - ends.crlf,
        nul_bytes=nuls,
        ends_open=offset > bom and ends.last not in ("\n", "\r", b"\n", b"\r"),
        codec=codec,
        longest_line=longest.bytes,
        bytes_read=offset,
        delimited_end=ending.found or ending.last == ending.delim,
    )


class _DelimitedEnds:
    """Whether a line ends with the delimiter, across chunks (a line may end with an
    empty last value, or with values the header does not have). Searched only until
    one is found, and for CR only in chunks that hold one: a search for two bytes
    costs about 1 s per GB."""

    def __init__(self, delim: bytes) -> None:
        self.delim, self.found, self.last = delim, False, b""

    def add(self, chunk: bytes) -> None:
        if not self.found:
            self.found = (self.last == self.delim and chunk[:1] in (b"\n", b"\r")) or self.delim + b"\n" in chunk \
                or (b"\r" in chunk and self.delim + b"\r" in chunk)
        self.last = chunk[-1:]


class _Longest:
    """The longest line across chunks: exact when longer than CHUNK (only long
    lines matter to the reader), else at most CHUNK."""

    def __init__(self) -> None:
        self.longest = self.run = 0  # `run`: bytes since the last \n

    def add(self, chunk: bytes) -> None:
        first = chunk.find(b"\n")
        if first < 0:
            self.run += len(chunk)
            return
        self.longest = max(self.longest, self.run + first, CHUNK)
        self.run = len(chunk) - chunk.rfind(b"\n") - 1

    @property
    def bytes(self) -> int:
        return max(self.longest, self.run)


def file_digest(path: Path, cancel: CancelToken | None = None) -> str:
    """The SHA-256 of every byte of `path`, in hex. Raises Cancelled, OSError."""
    sha = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            if cancel is not None:
                cancel.raise_if_cancelled()
            sha.update(chunk)
    return sha.hexdigest()


def longest_line(path: Path, cancel: CancelToken) -> int:
    """At least the bytes of the longest line; exact when that line is longer
    than CHUNK. Raises Cancelled, OSError."""
    longest = _Longest()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            cancel.raise_if_cancelled()
            longest.add(chunk)
    return longest.bytes


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
