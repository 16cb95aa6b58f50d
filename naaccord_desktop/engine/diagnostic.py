"""The diagnostic path's own stages: Metadata -> Structure -> Tolerant load.

They take files the fast reader cannot: any encoding, any line ends, ragged
records, broken quotes. What they can read is a clean copy that DuckDB reads
as it reads a file on the fast path (every column text, file order kept), so
the same patient-ID, cross-check, rule and summary stages follow. Records
they cannot read are counted and listed as structure findings, never dropped
silently. Copies they make (a UTF-8 transcode, the clean copy for DuckDB)
live in the scratch folder only until the check of the file ends.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

from . import copies, depot_findings, messages
from .extra_fields import ExtraEmpty
from .fast import no_rows_finding
from .header import match_header
from .inspect import DELIMITER_NAMES, Head, longest_line, separated
from .metadata import Metadata, read_metadata
from .progress import CancelToken, EventKind
from .reader import LoadFailed, load_csv
from .result import MAX_EXAMPLES, Finding
from .run import Done, FileRun, StageFailed
from .structure import (
    BLANK,
    EXTRA_EMPTY,
    LINE_BREAK,
    STRAY,
    TOO_FEW,
    TOO_MANY,
    UNCLOSED,
    StructureReport,
    scan_structure,
)
from .translation import _, counted, ngettext, number

CHUNK = 8 << 20
UTF8_COPY, CLEAN_COPY = ".utf8.csv", ".clean.csv"


def metadata(run: FileRun) -> Done:
    """Size, SHA-256 and encoding over every byte (the fast path's scan is reused
    when it ran, and the SHA-256 read after the verdicts), line ends, delimiter. A
    file that is empty or no text stops here."""
    try:
        if run.identity is None:
            run.remember_identity()
        meta = read_metadata(run.file.path, whole=run.whole_file() if run.whole is not None else None,
                             progress=lambda x: run.emit(EventKind.PROGRESS, "metadata", fraction=x), cancel=run.cancel)
    except OSError as exc:
        if run.whole is not None:  # the file was read before: the runner says it went away
            raise
        text, fix = messages.cannot_open(run.file.path, exc, during=False)
        run.add(Finding.of("file.unreadable", text, fix))
        raise StageFailed(text) from None
    run.metadata = meta
    result = run.result
    result.findings.extend(file_findings(meta))
    result.size, result.sha256 = meta.size, meta.sha256
    result.file_info = meta.info()
    run.stopped = bool(meta.not_text) or meta.size <= meta.bom_length
    return Done(_metadata_summary(meta), {"bytes": meta.size, "lines": meta.physical_lines})


def structure(run: FileRun) -> Done:
    """Every record against the header, with its physical line; the records
    that fit go to a clean UTF-8 copy for the tolerant load."""
    meta = run.metadata
    run.check.scratch.mkdir(parents=True, exist_ok=True)
    source, skip, scan_share = run.file.path, meta.bom_length, 1.0
    if not meta.utf8:  # transcoding takes about a third of this stage
        scan_share = 2 / 3
        source, skip = run.scratch_file(UTF8_COPY, copies.UTF8_COPY), 0
        _transcode(run.file.path, meta, source, run.cancel,
                   lambda x: run.emit(EventKind.PROGRESS, "structure", fraction=x / 3))
    report = scan_structure(source, delimiter=meta.delimiter, quote=meta.quote, skip_bytes=skip,
                            clean_copy=run.scratch_file(CLEAN_COPY, copies.CLEAN_COPY), cancel=run.cancel,
                            progress=lambda x: run.emit(EventKind.PROGRESS, "structure",
                                                        fraction=1 - scan_share + scan_share * x))
    if source != run.file.path:
        run.discard(source)
    run.structure, run.line_map = report, report.line_map
    run.result.rows = report.records
    run.result.findings.extend(structure_findings(report, meta.delimiter))
    run.result.file_info.values_per_line = {str(k): v for k, v in sorted(report.field_counts.items())}
    if not report.header:
        text = _("The file holds no header and no data, only blank lines.")
        run.add(Finding.of("file.empty", text, _("Export the table again; the first line must name the columns.")))
        raise StageFailed(text)
    return Done(_structure_summary(report), {"records": report.records, "problems": report.problems})


def tolerant_load(run: FileRun) -> Done:
    """The load scan of the clean copy; the header matched against the definition.
    The copy stays until the check ends: the values scan reads it again."""
    meta, report = run.metadata, run.structure
    clean = run.check.scratch / f"{run.name}{CLEAN_COPY}"
    header = [_short(v.decode("utf-8", errors="replace")) for v in report.header]
    head = Head(size=clean.stat().st_size, bom=False, utf16=False, delimiter=meta.delimiter,
                header=header, header_lines=1, line_endings="LF")
    match = match_header(header, run.table, run.check.options.cohort)
    kept = depot_findings.list_column(run, header, meta.delimiter)
    try:
        run.loaded = load_csv(run.con, clean, head, run.name, run.cancel,
                              lambda x: run.emit(EventKind.PROGRESS, "tolerant_load", fraction=x),
                              id_column=match.patient_id, list_column=kept, longest=longest_line(clean, run.cancel))
    except LoadFailed as exc:
        text, fix = messages.unreadable(exc.failure.reason)
        run.add(Finding.of("file.unreadable", text, fix))
        raise StageFailed(exc.failure.reason) from None
    loaded = run.loaded
    if loaded.rejects:
        run.add(_unloaded_records(report, loaded))
    vanished = report.kept - len(loaded.rejects) - loaded.rows
    if vanished > 0:  # DuckDB drops a record longer than its read buffer without a reject
        run.add(Finding.of(
            "file.unreadable",
            counted(vanished, "The database could not read {n} record of this file, probably a value of several "
                              "megabytes; the line numbers after it may be too low.",
                    "The database could not read {n} records of this file, probably a value of several "
                    "megabytes; the line numbers after it may be too low."),
            _("Look for a very long value (a text pasted into a cell by mistake?) and export the table again."),
            count=vanished))
    run.result.file_info.read_as = meta.encoding
    run.result.file_info.header = list(header)
    depot_findings.match(run, match, header, meta.delimiter)
    no_rows_finding(run)
    dropped = report.records - report.kept + len(loaded.rejects) + max(vanished, 0)
    read = counted(loaded.rows, "{n} row read", "{n} rows read")
    return Done(counted(dropped, "{read}; {n} could not be read (listed as findings)",
                        "{read}; {n} could not be read (listed as findings)", read=read) if dropped else read,
                {"rows": loaded.rows, "unreadable": dropped})


def _unloaded_records(report: StructureReport, loaded) -> Finding:
    """Records that fit the header but that the database still refused: named
    by line, and taken out of the line map so the later rows keep their lines."""
    records = sorted({r.record for r in loaded.rejects})
    report.line_map.unloaded = records
    lines = [report.line_map.line(r) for r in records]
    n = len(records)
    return Finding.of(
        "file.unreadable",
        counted(n, "The database could not read line {first} although it has the right number of values; "
                   "it was not checked at all.",
                "The database could not read {n} lines (first: line {first}) although they have the right "
                "number of values; they were not checked at all.", first=number(lines[0])),
        _("Look for unusual characters or a very long value on these lines, and export the table again."),
        count=n, lines=lines[:MAX_EXAMPLES])


def _short(name: str, limit: int = 120) -> str:
    """A header name fit to show; no definition column name comes close to `limit`."""
    return name if len(name) <= limit else name[:limit] + "…"


def file_findings(meta: Metadata) -> list[Finding]:
    """Findings about the file as a whole: empty, not text, not UTF-8."""
    def finding(code: str, message: str, fix: str, lines: list[int] | None = None) -> Finding:
        return Finding.of(code, message, fix, lines=lines or [])

    if meta.size <= meta.bom_length:
        return [finding("file.empty", _("The file is empty."), _("Export the table again and check the new file."))]
    if meta.not_text:
        return [finding("file.unreadable", *messages.not_text(meta.not_text))]
    bad = meta.first_bad
    if bad is not None:
        text, fix = messages.encoding(bad.line, bad.byte, bad.char, bad.guess_title, bad.guess_title)
        return [finding("file.encoding", text, fix, [bad.line])]
    if meta.wide:
        return [finding("file.encoding",
                        _("This file is saved as {encoding}, not UTF-8. It was read that way for this check, "
                          "but the depot rejects it.").format(encoding=meta.encoding_title),
                        _("Save it as UTF-8 from your export tool (in Excel: 'CSV UTF-8')."))]
    return []


def _metadata_summary(meta: Metadata) -> str:
    if meta.not_text:
        return _("Not a text file: it looks like {kind}.").format(kind=meta.not_text)
    if meta.size <= meta.bom_length:
        return _("The file is empty.") if not meta.size else _("The file holds a byte order mark and nothing else.")
    return _("{bytes}, {lines}, {encoding}, {separated}, line ends {line_ends}").format(
        bytes=counted(meta.size, "{n} byte", "{n} bytes"), lines=counted(meta.physical_lines, "{n} line", "{n} lines"),
        encoding=meta.encoding_title, separated=separated(meta.delimiter), line_ends=meta.line_endings)


def _transcode(path: Path, meta: Metadata, target: Path, cancel: CancelToken,
               progress: Callable[[float], None]) -> None:
    """Write the text of `path` as UTF-8 (without BOM) to `target`.

    A file that is mostly UTF-8 keeps its UTF-8 characters; only the bytes
    that are not UTF-8 are read in the guessed encoding."""
    if meta.wide:
        decoder = codecs.getincrementaldecoder(meta.encoding)("replace")
    else:
        decoder = codecs.getincrementaldecoder("utf-8")(_fallback_handler(meta.encoding))
    with open(path, "rb") as src, open(target, "wb") as dst:
        src.seek(meta.bom_length)
        done = 0
        while chunk := src.read(CHUNK):
            cancel.raise_if_cancelled()
            dst.write(decoder.decode(chunk).encode("utf-8"))
            done += len(chunk)
            progress(done / max(meta.size, 1))
        dst.write(decoder.decode(b"", final=True).encode("utf-8"))


def _fallback_handler(codec: str) -> str:
    name = f"naaccord-utf8-or-{codec}"
    try:
        codecs.lookup_error(name)
    except LookupError:
        def handler(exc: UnicodeError) -> tuple[str, int]:
            raw = exc.object[exc.start:exc.end]
            return raw.decode(codec, errors="replace"), exc.end

        codecs.register_error(name, handler)
    return name


def _structure_summary(report: StructureReport) -> str:
    if not report.problems:
        return counted(report.records, "{n} record, with {values} values", "{n} records, all with {values} values",
                       values=report.header_fields)
    return counted(report.problems, "{records}; {n} problem found", "{records}; {n} problems found",
                   records=counted(report.records, "{n} record", "{n} records"))


def structure_findings(report: StructureReport, delimiter: str = ",") -> list[Finding]:
    """One finding per kind of structural problem, in the coordinator's words."""
    expected = report.header_fields
    sep = _(DELIMITER_NAMES[delimiter]) if delimiter in DELIMITER_NAMES else repr(delimiter)
    found = []
    extra = report.tallies[EXTRA_EMPTY]
    if extra.count:
        found.append(depot_findings.extra_empty(
            ExtraEmpty(extra.count, [e.line for e in extra.examples], report.first_extra_empty), expected))
    spanning = report.tallies[LINE_BREAK]
    if spanning.count:
        found.append(depot_findings.line_break(spanning.count, [e.line for e in spanning.examples],
                                               [_text(e.value) for e in spanning.examples]))
    for code in (TOO_MANY, TOO_FEW, UNCLOSED, STRAY, BLANK):
        tally = report.tallies[code]
        if not tally.count:
            continue
        first = tally.examples[0]
        n = tally.count
        if code in (TOO_MANY, TOO_FEW):
            where = (_("Line {line} has {fields} values; the header has {expected}.") if n == 1 else
                     ngettext("{n} line has more values than the header's {expected} (first: line {line} with "
                              "{fields}).",
                             "{n} lines have more values than the header's {expected} (first: line {line} with "
                             "{fields}).", n) if code == TOO_MANY else
                     ngettext("{n} line has fewer values than the header's {expected} (first: line {line} with "
                              "{fields}).",
                             "{n} lines have fewer values than the header's {expected} (first: line {line} with "
                             "{fields}).", n))
            why = (_("A value probably contains an unquoted {delimiter}.") if code == TOO_MANY
                   else _("A value or a delimiter is probably missing, or a line was cut in two."))
            left_out = (_("This line is left out of the value checks.") if n == 1
                        else _("These lines are left out of the value checks."))
            message = " ".join((where, why, left_out)).format(
                line=number(first.line), fields=first.fields, expected=expected, delimiter=sep, n=number(n))
            fix = (_("Put values that contain the delimiter in double quotes, or remove the extra delimiter.")
                   if code == TOO_MANY else
                   _("Add the missing values (empty ones too) so every line has {expected} values.").format(
                       expected=expected))
        elif code == UNCLOSED:
            message = counted(n, "A double quote opens a value on line {line} and is never closed; that line "
                                 "is left out and the check goes on with the next one.",
                              "On {n} lines a double quote opens a value that is never closed (first: line "
                              "{line}); those lines are left out and the check goes on after each of them.",
                              line=number(first.line))
            message += " " + _("The depot's reader refuses such a file in most cases, or reads the quote into "
                               "the value and loses the lines after it.")
            fix = _("Close the quote, or remove it if the value needs none.")
        elif code == STRAY:
            message = counted(n, "Line {line} has a double quote in the middle of a value.",
                              "{n} lines have a double quote in the middle of a value (first: line {line}).",
                              line=number(first.line))
            message += " " + _("The depot accepts the file and keeps the quote as part of the value, as this "
                               "check does; other programs may split the line differently.")
            fix = _('Put the whole value in double quotes and write the quote inside it twice ("").')
        else:
            message = counted(n, "Line {line} is blank.", "{n} lines are blank (first: line {line}).",
                              line=number(first.line)) + " " + _("Blank lines are skipped.")
            fix = _("Remove the blank lines.")
        values = ([counted(e.fields, "{n} value", "{n} values") for e in tally.examples] if code in (TOO_MANY, TOO_FEW)
                  else [_text(e.value) for e in tally.examples] if code == STRAY else [])
        found.append(Finding.of(code, message, fix, count=n, lines=[e.line for e in tally.examples], values=values))
    return found


def _text(value: bytes) -> str:
    return value.decode("utf-8", errors="replace")
