"""Metadata stage: what the file is, over every byte.

Size, SHA-256, the encoding verdict (UTF-8, UTF-8 with BOM, UTF-16/32 by
BOM, or the first byte that is not UTF-8 with its physical line, offset and
a best guess of the real encoding), NUL bytes, counts of LF, CRLF and lone
CR line ends, and the delimiter with the evidence for it.

The facts come from engine/inspect.py (`scan_whole_file`, `text_encoding`,
`sniff_dialect`), the one implementation both paths use; when the fast path
has already scanned the file, its scan is reused instead of reading again
(that scan leaves out the SHA-256: the pipeline reads it after the patient-ID
verdicts, `fast.start_digest`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .inspect import (
    DELIMITER_NAMES,
    HEAD_BYTES,
    WholeFile,
    binary_kind,
    is_wide,
    scan_whole_file,
    sniff_dialect,
    text_encoding,
)
from .progress import CancelToken
from .result import FileInfo
from .translation import _

DELIMITERS = DELIMITER_NAMES
SNIFF_LINES = 200  # lines looked at for quotes


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
    bytes_read: int = 0  # what the SHA-256 covers

    @property
    def utf8(self) -> bool:
        return self.encoding == "utf-8" and self.first_bad is None

    @property
    def wide(self) -> bool:
        """UTF-16/32: the bytes must be transcoded before a byte scan."""
        return is_wide(self.encoding)

    @property
    def line_endings(self) -> str:
        kinds = [name for name, n in (("LF", self.lf), ("CRLF", self.crlf), ("CR", self.cr)) if n]
        return "none" if not kinds else kinds[0] if len(kinds) == 1 else "mixed"

    def info(self) -> FileInfo:
        return FileInfo(
            encoding=self.encoding_title, bom=self.bom_length > 0,
            delimiter=DELIMITERS.get(self.delimiter, self.delimiter), quote=self.quote,
            dialect_evidence=self.dialect_evidence, line_endings=self.line_endings,
            line_ending_counts={"LF": self.lf, "CRLF": self.crlf, "CR": self.cr},
            physical_lines=self.physical_lines, nul_bytes=self.nul_bytes,
            header=[h if len(h) <= 120 else h[:120] + "…" for h in self.header])


def read_metadata(
    path: Path,
    *,
    whole: WholeFile | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: CancelToken | None = None,
) -> Metadata:
    """The file's metadata; `whole`: the fast path's scan of it, reused when it
    counted lines the way this file needs (without the SHA-256 then). Raises OSError, Cancelled."""
    size = path.stat().st_size
    with open(path, "rb") as f:
        head = f.read(HEAD_BYTES)
    encoding, title, bom = text_encoding(head)
    meta = Metadata(size=size, sha256="", encoding=encoding, encoding_title=title, bom_length=bom)
    if not meta.wide and bom == 0:
        meta.not_text = binary_kind(head)
    if whole is None or whole.codec != meta.encoding:
        on_bytes = None if progress is None else (lambda done: progress(done / max(size, 1)))
        whole = scan_whole_file(path, cancel or CancelToken(), on_bytes, codec=meta.encoding)
    meta.sha256, meta.nul_bytes, meta.bytes_read = whole.sha256, whole.nul_bytes, whole.bytes_read
    meta.lf, meta.crlf, meta.cr = whole.newlines - whole.crlf, whole.crlf, whole.lone_cr
    meta.physical_lines = whole.physical_lines
    if whole.first_bad_byte is not None and not meta.not_text:
        meta.first_bad = bad_byte(path, *whole.first_bad_byte)
        meta.encoding, meta.encoding_title = meta.first_bad.guess, meta.first_bad.guess_title
    if not meta.not_text:
        _sniff_dialect(meta, head[bom:])
    return meta


def bad_byte(path: Path, line: int, offset: int) -> BadByte:
    """The byte at `offset` and what it probably means. Raises OSError."""
    with open(path, "rb") as f:
        f.seek(offset)
        sample = f.read(65536)
    try:
        sample.decode("cp1252")
        guess = "cp1252"
    except UnicodeDecodeError:
        guess = "latin-1"
    byte = sample[0]
    return BadByte(offset, line, byte, guess, bytes([byte]).decode(guess))


def value_index(path: Path, offset: int, delimiter: str) -> int | None:
    """0-based index of the value holding the byte at `offset`, counted from the
    start of its line; None when that start is more than 64 KiB back or the
    line holds a quote before it (the count could be wrong). Raises OSError."""
    start = max(0, offset - 65536)
    with open(path, "rb") as f:
        f.seek(start)
        before = f.read(offset - start)
    newline = before.rfind(b"\n")
    if newline < 0 and start > 0:
        return None
    line = before[newline + 1:]
    return None if b'"' in line else line.count(delimiter.encode())


def _sniff_dialect(meta: Metadata, head: bytes) -> None:
    """The delimiter, the header and the evidence for both."""
    text = head.decode(meta.encoding, errors="replace" if not meta.wide else "ignore")
    dialect = sniff_dialect(text, cut_off=len(head) >= HEAD_BYTES - 8)
    meta.delimiter, meta.header = dialect.delimiter, dialect.header
    if not dialect.width:
        meta.dialect_evidence = _("No delimiter splits the first line into several values; read as "
                                  "comma-separated.")
    else:
        meta.dialect_evidence = _("The {delimiter} splits the header into {width} values, and {agree} of the "
                                  "next {checked} lines into the same number.").format(
            delimiter=_(DELIMITERS[meta.delimiter]), width=dialect.width, agree=dialect.agree,
            checked=dialect.checked)
    lines = text.splitlines()[:SNIFF_LINES]
    quoted = sum(1 for line in lines if '"' in line)
    meta.dialect_evidence += " " + (
        _("{quoted} of the first {lines} lines use double quotes.").format(quoted=quoted, lines=len(lines))
        if quoted else _("No quotes in the first lines; double quotes would be read as quoting."))


def did_you_mean(unknown: str, known: list[str]) -> str | None:
    """The definition column an unknown header name was probably meant to be."""
    folded = {"".join(k.split()).casefold(): k for k in known}
    hit = difflib.get_close_matches("".join(unknown.split()).casefold(), list(folded), n=1, cutoff=0.75)
    return folded[hit[0]] if hit else None
