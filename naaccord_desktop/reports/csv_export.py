"""Offending rows as CSV (line, column, value, rule, code), for one finding or a
whole file, for the coordinator to look up in the source system.

The values are read back from the SOURCE FILE at the physical line numbers the
result holds (the file is opened read-only and streamed; its SHA-256 is checked
on the way, so a file changed since the check is refused). A result reopened
from history, which keeps no cell values, can therefore still be exported.
The result keeps only the first lines of each finding; for every offending
row, pass `rows`: an iterable of (line, column, value, code) from the engine.

The CSV holds cell values and patient IDs: it stays on this computer.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..engine.codes import CODES
from ..engine.result import FileResult, Finding
from .files import write_atomically

Row = tuple[int, str, str, str]  # (physical line, column, value, finding code)
HEADER = ("line", "column", "value", "rule", "code")
DELIMITERS = {"comma": ",", "tab": "\t", "semicolon": ";", "pipe": "|"}  # file_info names them
CHUNK = 1 << 20


class CsvExportError(Exception):
    """The rows cannot be exported; the message is for the coordinator."""


def write_offending_rows(file_result: FileResult, path: Path, finding: Finding | None = None,
                         rows: Iterable[Row] | None = None) -> int:
    """Write the offending rows of `finding` (or of every finding of the file) to
    `path`; returns how many rows were written."""
    if rows is None:
        rows = values_from_source(file_result, [finding] if finding else file_result.findings)

    def write(out) -> int:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        written = 0
        for line, column, value, code in rows:
            title = CODES[code].title if code in CODES else code
            writer.writerow((line, column or "", _inert(value), title, code))
            written += 1
        return written

    try:
        return write_atomically(Path(path), write, encoding="utf-8-sig", newline="", private=True)
    except OSError as exc:
        raise CsvExportError(f"The rows cannot be saved as {path}: {exc.strerror or exc}.") from None


def values_from_source(file_result: FileResult, findings: Iterable[Finding]) -> Iterator[Row]:
    """The lines the findings hold, in line order, each with the value read from
    the source file (a finding without a column keeps its stored value)."""
    wanted: dict[int, list[tuple[Finding, int]]] = {}
    for finding in findings:
        for i, line in enumerate(finding.lines):
            wanted.setdefault(line, []).append((finding, i))
    source = Path(file_result.path)
    try:
        raw = open(source, "rb")  # noqa: SIM115 - read-only; the with below closes it
    except OSError as exc:
        raise CsvExportError(f"{source.name} cannot be opened to read the rows: "
                             f"{exc.strerror or exc}. Was it moved?") from None
    with raw:
        hashing = _HashingReader(raw)
        text = io.TextIOWrapper(io.BufferedReader(hashing), encoding=_encoding(file_result),
                                errors="replace", newline="")
        try:
            yield from _read_lines(text, wanted, _delimiter(file_result))
        except csv.Error:
            raise CsvExportError(
                f"{source.name} cannot be read back row by row: a value probably has a quote that "
                "is never closed (see the check's findings). Fix the file and check it again, "
                "then export its rows.") from None
        hashing.drain()
        if file_result.sha256 and hashing.hexdigest() != file_result.sha256:
            raise CsvExportError(f"{source.name} has changed since it was checked; check it "
                                 "again before exporting its rows.")


def _read_lines(text: io.TextIOBase, wanted: dict[int, list[tuple[Finding, int]]],
                delimiter: str) -> Iterator[Row]:
    reader = csv.reader(text, delimiter=delimiter)
    last = max(wanted, default=0)
    header: list[str] = []
    previous_end = 0
    for record in reader:
        start, previous_end = previous_end + 1, reader.line_num
        if start == 1:
            header = [h.strip().lower() for h in record]
        for finding, i in wanted.get(start, ()):
            yield start, finding.column or "", _value(finding, i, record, header), finding.code
        if previous_end >= last:
            return


def _value(finding: Finding, i: int, record: list[str], header: list[str]) -> str:
    stored = finding.values[i] if i < len(finding.values) else ""
    if not finding.column:
        return stored
    try:
        return record[header.index(finding.column.strip().lower())]
    except (ValueError, IndexError):  # column renamed by a cohort mapping, or a short record
        return stored


def _encoding(file_result: FileResult) -> str:
    """The codec the engine read the file with ("read_as"), else the one it
    detected; UTF-8 tolerates a BOM. Undecodable bytes become U+FFFD."""
    info = file_result.file_info
    for name in (info.get("read_as"), info.get("encoding")):
        try:
            codec = codecs.lookup(str(name)).name
        except LookupError:
            continue
        return "utf-8-sig" if codec == "utf-8" else codec
    return "utf-8-sig"


def _delimiter(file_result: FileResult) -> str:
    name = str(file_result.file_info.get("delimiter") or "comma")
    return DELIMITERS.get(name, name if len(name) == 1 else ",")


def _inert(value: str) -> str:
    """Keep a spreadsheet from running a value as a formula ('=...', '@...')."""
    if value[:1] in ("=", "+", "@", "\t", "\r") or (value[:1] == "-" and not value[1:2].isdigit()):
        return "'" + value
    return value


class _HashingReader(io.RawIOBase):
    """A read-only byte stream that hashes what passes through it."""

    def __init__(self, raw):
        self._raw = raw
        self._sha = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self._raw.readinto(buffer)
        self._sha.update(memoryview(buffer)[:count])
        return count

    def drain(self) -> None:
        while chunk := self._raw.read(CHUNK):
            self._sha.update(chunk)

    def hexdigest(self) -> str:
        return self._sha.hexdigest()
