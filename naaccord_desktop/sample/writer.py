"""Writing a table: rows streamed to disk as CSV, with the physical line of
every finding a correct checker must report (see `defects.py` for the
shapers that plant them). A multi-GB file needs no more memory than a small one."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..definitions.model import Table
from .universe import csv_field

FLUSH_ROWS = 20_000


@dataclass(frozen=True)
class FileFormat:
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"

    @property
    def label(self) -> str:
        parts = [self.encoding.upper()]
        if self.bom:
            parts.append("BOM")
        parts.append("CRLF" if self.newline == "\r\n" else "LF")
        return ", ".join(parts)


@dataclass(frozen=True)
class Expected:
    """One finding a correct checker reports for a record the writer wrote."""

    code: str
    column: str | None
    value: str
    note: str = ""
    severity: str = ""  # empty: the code's default


@dataclass(frozen=True)
class Record:
    text: str  # the physical text of one record (or "" for a blank line)
    expected: tuple[Expected, ...] = ()


@dataclass(frozen=True)
class Located:
    line: int
    expected: Expected
    byte: int | None = None


@dataclass(frozen=True)
class Written:
    path: Path
    records: int  # data records (blank lines excluded)
    lines: int  # physical lines, header included
    size: int
    found: tuple[Located, ...]


class RowShaper:
    """How a row becomes text. The clean shape joins the fields; a defect plan
    (see `defects.py`) subclasses it to change a header or a few rows."""

    special: frozenset[int] | dict = frozenset()  # row indexes `records` must see
    # A line break inside a value is written, and reported (the depot misreads it), only
    # in files with defects; a clean export has a space there.
    line_breaks = False

    def header(self, table: Table) -> list[str]:
        return list(table.column_names)

    def header_expected(self) -> tuple[Expected, ...]:
        return ()

    def records(self, index: int, fields: list[str]) -> list[Record]:
        return [Record(",".join(fields))]

    def plain(self, fields: list[str]) -> str:
        return ",".join(fields)


def write_table(path: Path, table: Table, rows: Iterator[list[str]],
                fmt: FileFormat = FileFormat(), shaper: RowShaper | None = None) -> Written:
    """Stream `rows` to `path`, noting the physical line of every expected finding.

    Lines are counted from the text itself, so quoted values with embedded
    newlines move every later line number, as they do in the file."""
    shaper = shaper or RowShaper()
    nl = fmt.newline
    found: list[Located] = [Located(1, e) for e in shaper.header_expected()]
    names = shaper.header(table)
    header = ",".join(csv_field(name) for name in names)
    line, records = 2, 0
    # Only a non-UTF-8 file can have a first bad byte; find it while it is near.
    looking = fmt.encoding.replace("-", "").lower() not in ("utf8", "utf8sig")
    byte = len(header) + len(nl)
    special, plain = shaper.special, shaper.plain
    buffer: list[str] = [header]
    with open(path, "w", encoding=fmt.encoding, newline="") as out:
        if fmt.bom:
            out.write("\ufeff")
        for index, fields in enumerate(rows):
            if index not in special and not looking:  # the hot path: a plain row
                text = plain(fields)
                if "\n" in text:
                    text = _line_break(text, line, shaper.line_breaks, found)
                buffer.append(text)
                line += 1 + text.count("\n")
                records += 1
                if len(buffer) >= FLUSH_ROWS:
                    out.write(nl.join(buffer) + nl)
                    buffer.clear()
                continue
            written = shaper.records(index, fields) if index in special else [Record(plain(fields))]
            for record in written:
                text = record.text
                if "\n" in text:
                    text = _line_break(text, line, shaper.line_breaks, found)
                for expected in record.expected:
                    found.append(Located(line, expected))
                if looking:
                    if text.isascii():
                        byte += len(text) + len(nl)
                    else:
                        found.append(_first_bad_byte(text, line, byte, names, fmt))
                        looking = False
                buffer.append(text)
                line += 1 + text.count("\n")
                records += 1 if text else 0
            if len(buffer) >= FLUSH_ROWS:
                out.write(nl.join(buffer) + nl)
                buffer.clear()
        if buffer:
            out.write(nl.join(buffer) + nl)
    return Written(path, records, line - 1, path.stat().st_size, tuple(found))


def _line_break(text: str, line: int, kept: bool, found: list[Located]) -> str:
    if not kept:
        return text.replace("\n", " ")
    found.append(Located(line, Expected("depot.line_break", None, "")))
    return text


def _first_bad_byte(text: str, line: int, byte: int, names: list[str], fmt: FileFormat) -> Located:
    """The file-level encoding finding: its value is the cell holding the first bad byte."""
    at = next(i for i, ch in enumerate(text) if not ch.isascii())
    values = next(csv.reader(io.StringIO(text)))
    i = next(i for i, v in enumerate(values) if not v.isascii())
    where = f"in column {names[i]}" if i < len(names) else "after the last column"
    note = f"first byte that is not UTF-8 ({fmt.encoding} file), {where}"
    return Located(line + text[:at].count("\n"), Expected("file.encoding", None, values[i], note),
                   byte + len(text[:at].encode(fmt.encoding)))
