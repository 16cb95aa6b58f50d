"""Metadata stage: what the file is, from one pass over every byte.

Size, SHA-256, the encoding verdict (UTF-8, UTF-8 with BOM, UTF-16/32 by
BOM, or the first byte that is not UTF-8 with its physical line, offset and
a best guess of the real encoding), NUL bytes, counts of LF, CRLF and lone
CR line ends, and the delimiter with the evidence for it. Physical lines
count LF, CRLF and a lone CR as one line end each, like the structure scan.

Overlap with the fast path's `inspect.scan_whole_file`: both hash the file
and find the first non-UTF-8 byte. This pass also counts lone CRs (so line
numbers stay right in CR-only files), NUL bytes, and knows UTF-16/32.
"""

from __future__ import annotations

import codecs
import difflib
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .progress import CancelToken
from .structure import parse_record, split_lines

CHUNK = 8 << 20
HEAD_BYTES = 256 * 1024
SNIFF_RECORDS = 200
DELIMITERS = {",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe"}
BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
MAGIC = (  # files that are not text at all, by their first bytes
    (b"PK\x03\x04", "a ZIP archive (or an .xlsx workbook)"),
    (b"\xd0\xcf\x11\xe0", "an Excel .xls workbook"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


@dataclass
class BadByte:
    offset: int  # byte offset in the file
    line: int  # physical line
    byte: int  # the first byte that is not UTF-8
    guess: str  # Python codec name of the probable encoding
    char: str  # what that byte means in the guessed encoding

    @property
    def guess_title(self) -> str:
        return {"cp1252": "Windows-1252", "latin-1": "Latin-1"}.get(self.guess, self.guess)


@dataclass
class Metadata:
    size: int
    sha256: str
    encoding: str  # Python codec to read the text with (after skipping the BOM)
    encoding_title: str  # "UTF-8", "UTF-8 with BOM", "UTF-16", ..., "Windows-1252"
    bom_length: int = 0
    not_text: str = ""  # e.g. "a ZIP archive" when the file is no text file
    first_bad: BadByte | None = None  # only when the file was meant to be UTF-8 and is not
    nul_bytes: int = 0
    lf: int = 0
    crlf: int = 0
    cr: int = 0  # lone CRs
    physical_lines: int = 0
    delimiter: str = ","
    quote: str = '"'
    dialect_evidence: str = ""
    header: list[str] = field(default_factory=list)

    @property
    def utf8(self) -> bool:
        return self.encoding == "utf-8" and self.first_bad is None

    @property
    def wide(self) -> bool:
        """UTF-16/32: the bytes must be transcoded before a byte scan."""
        return self.encoding.startswith(("utf-16", "utf-32"))

    @property
    def line_endings(self) -> str:
        kinds = [name for name, n in (("LF", self.lf), ("CRLF", self.crlf), ("CR", self.cr)) if n]
        return "none" if not kinds else kinds[0] if len(kinds) == 1 else "mixed"

    def info(self) -> dict:
        """The `FileResult.file_info` entries (no cell values)."""
        return {
            "size": self.size,
            "encoding": self.encoding_title,
            "bom": self.bom_length > 0,
            "delimiter": DELIMITERS.get(self.delimiter, self.delimiter),
            "quote": self.quote,
            "dialect_evidence": self.dialect_evidence,
            "line_endings": self.line_endings,
            "line_ending_counts": {"LF": self.lf, "CRLF": self.crlf, "CR": self.cr},
            "physical_lines": self.physical_lines,
            "nul_bytes": self.nul_bytes,
            "header": [h if len(h) <= 120 else h[:120] + "…" for h in self.header],
        }


class _Lines:
    """Counts line ends across chunks (a CRLF may straddle two chunks)."""

    def __init__(self, lf: str | bytes, cr: str | bytes) -> None:
        self.lf_token, self.cr_token = lf, cr
        self.crlf_token = cr + lf
        self.lf = self.crlf = self.cr_total = 0
        self.last_was_cr = False

    def terminators_in(self, data) -> int:
        """Line ends in `data` if it came next (without counting it)."""
        t = data.count(self.lf_token)
        if self.cr_token in data:
            t += data.count(self.cr_token) - data.count(self.crlf_token)
        return t - (self.last_was_cr and data[:1] == self.lf_token)

    def add(self, data) -> None:
        if not data:
            return
        self.crlf += self.last_was_cr and data[:1] == self.lf_token
        self.lf += data.count(self.lf_token)
        if self.cr_token in data:  # most files have no CR at all
            self.crlf += data.count(self.crlf_token)
            self.cr_total += data.count(self.cr_token)
        self.last_was_cr = data[-1:] == self.cr_token

    @property
    def terminators(self) -> int:
        return self.lf + self.cr_total - self.crlf


def read_metadata(
    path: Path,
    *,
    progress: Callable[[float], None] | None = None,
    cancel: CancelToken | None = None,
) -> Metadata:
    """One pass over the whole file. Raises OSError, Cancelled."""
    size = path.stat().st_size
    with open(path, "rb") as f:
        head = f.read(HEAD_BYTES)
    encoding, title, bom = "utf-8", "UTF-8", 0
    for mark, codec, name in BOMS:
        if head.startswith(mark):
            encoding, title, bom = codec, name, len(mark)
            break
    meta = Metadata(size=size, sha256="", encoding=encoding, encoding_title=title, bom_length=bom)
    if bom == 0:
        wide = _wide_without_bom(head)
        if wide:
            meta.encoding, meta.encoding_title = wide, "UTF-16 (no byte order mark)"
        else:
            meta.not_text = _not_text(head)
    wide = meta.wide
    counter = _Lines("\n", "\r") if wide else _Lines(b"\n", b"\r")
    decoder = codecs.getincrementaldecoder(meta.encoding)("replace") if wide else None
    sha = hashlib.sha256()
    offset = 0
    pending = b""  # an incomplete UTF-8 sequence at the end of the previous chunk
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            if cancel is not None:
                cancel.raise_if_cancelled()
            sha.update(chunk)
            body = chunk[bom:] if offset == 0 else chunk
            if decoder is not None:
                counter.add(decoder.decode(body))
            else:
                meta.nul_bytes += body.count(b"\x00")
                if meta.first_bad is None and not meta.not_text:
                    data = pending + body
                    bad, pending = _first_invalid(data)
                    if bad is not None:
                        start = offset + len(chunk) - len(data)
                        line = counter.terminators + 1 + counter.terminators_in(data[:bad])
                        meta.first_bad = _bad_byte(data, bad, start + bad, line)
                counter.add(body)
            offset += len(chunk)
            if progress is not None:
                progress(offset / max(size, 1))
    if meta.first_bad is None and pending:  # the file ends inside a UTF-8 sequence
        meta.first_bad = _bad_byte(pending, 0, size - len(pending), counter.terminators + 1)
    if meta.first_bad is not None:
        meta.encoding = meta.first_bad.guess
        meta.encoding_title = meta.first_bad.guess_title
    meta.sha256 = sha.hexdigest()
    meta.lf = counter.lf - counter.crlf
    meta.crlf = counter.crlf
    meta.cr = counter.cr_total - counter.crlf
    ends_open = size > bom and not counter.last_was_cr and not _ends_with_lf(path, wide)
    meta.physical_lines = counter.terminators + (1 if ends_open else 0)
    if not meta.not_text:
        _sniff_dialect(meta, head[bom:])
    return meta


def _wide_without_bom(head: bytes) -> str:
    """"utf-16-le"/"utf-16-be" when every other byte is NUL and the rest is text."""
    sample = head[:4096] if len(head) % 2 == 0 else head[:4095]
    if len(sample) < 4:
        return ""
    even, odd = sample[0::2], sample[1::2]
    for text, zeros, codec in ((even, odd, "utf-16-le"), (odd, even, "utf-16-be")):
        if zeros.count(0) == len(zeros) and 0 not in text:
            return codec
    return ""


def _not_text(head: bytes) -> str:
    for magic, what in MAGIC:
        if head.startswith(magic):
            return what
    if b"\x00" in head[:8192]:
        return "a binary file (it holds NUL bytes, so it is not a text export)"
    return ""


def _first_invalid(data: bytes) -> tuple[int | None, bytes]:
    """(index of the first byte that is not UTF-8 or None, incomplete tail to carry)."""
    if data.isascii():
        return None, b""
    try:
        data.decode("utf-8")
        return None, b""
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and len(data) - exc.start < 4:
            return None, data[exc.start:]
        return exc.start, b""


def _bad_byte(data: bytes, index: int, offset: int, line: int) -> BadByte:
    sample = data[index:index + 65536]
    try:
        sample.decode("cp1252")
        guess = "cp1252"
    except UnicodeDecodeError:
        guess = "latin-1"
    byte = data[index]
    return BadByte(offset, line, byte, guess, bytes([byte]).decode(guess))


def _ends_with_lf(path: Path, wide: bool) -> bool:
    with open(path, "rb") as f:
        f.seek(max(path.stat().st_size - 4, 0))
        tail = f.read()
    if wide:
        return tail.endswith((b"\n\x00", b"\x00\n", b"\n\x00\x00\x00", b"\x00\x00\x00\n"))
    return tail.endswith(b"\n")


def _sniff_dialect(meta: Metadata, head: bytes) -> None:
    """Pick the delimiter that splits the header into the most values with the
    most following records agreeing; fill the header and the evidence."""
    if meta.wide:
        text = head.decode(meta.encoding, errors="ignore")
        head = text.encode("utf-8")
        codec = "utf-8"
    else:
        codec = meta.encoding
    lines, sep = split_lines(head)
    if (len(head) >= HEAD_BYTES - 8 and len(lines) > 1) or (lines and not lines[-1]):
        lines.pop()  # the last line is cut off, or empty after the final line end
    best = None
    for delim in DELIMITERS:
        records = _records(lines, delim.encode("ascii"), sep)
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        agree = sum(1 for r in records[1:] if len(r) == width)
        score = (agree, width)
        if best is None or score > best[0]:
            best = (score, delim, records)
    if best is None:
        records = _records(lines, b",", sep)
        meta.delimiter = ","
        meta.dialect_evidence = "No delimiter splits the first line into several values; read as comma-separated."
    else:
        (agree, width), meta.delimiter, records = best
        meta.dialect_evidence = (
            f"The {DELIMITERS[meta.delimiter]} splits the header into {width} values, and "
            f"{agree} of the next {len(records) - 1} lines into the same number."
        )
    quoted = sum(1 for line in lines[:SNIFF_RECORDS] if b'"' in line)
    meta.dialect_evidence += (
        f" {quoted} of the first {min(len(lines), SNIFF_RECORDS)} lines use double quotes." if quoted
        else " No quotes in the first lines; double quotes would be read as quoting.")
    if records:
        meta.header = [v.decode(codec, errors="replace") for v in records[0]]


def _records(lines: list[bytes], delim: bytes, sep: bytes) -> list[list[bytes]]:
    out: list[list[bytes]] = []
    i = 0
    while i < len(lines) and len(out) < SNIFF_RECORDS:
        if not lines[i]:
            i += 1
            continue
        parsed = parse_record(lines, i, delim, b'"', sep)
        if parsed is None:
            break
        values, last, _ = parsed
        out.append(values)
        i = last + 1
    return out


def did_you_mean(unknown: str, known: list[str]) -> str | None:
    """The definition column an unknown header name was probably meant to be."""
    folded = {"".join(k.split()).casefold(): k for k in known}
    hit = difflib.get_close_matches("".join(unknown.split()).casefold(), list(folded), n=1, cutoff=0.75)
    return folded[hit[0]] if hit else None
