"""The fast path's own stages: Inspect and Load.

Inspect reads the first bytes (BOM, delimiter, header) and starts the
whole-file scan (line ends, UTF-8 validity) in a thread beside the load; the
SHA-256 is read after the patient-ID verdicts (`start_digest`). Load is
the load scan (engine/reader.py): every record read by DuckDB as text, the
patient-ID column kept as its distinct values. When DuckDB cannot read
every record as it is, Load answers `Fallback` with the reason and leaves
nothing behind: no table, no finding; the file continues on the
diagnostic path, which reads it line by line. A double quote inside a value
is found later, by the values scan of the Rules stage, which then sends the
file there too (`late_fallback`).
"""

from __future__ import annotations

from . import depot_findings, distinct, messages, reader
from .extra_fields import extra_empty_records
from .header import HeaderMatch, match_header
from .inspect import Head, WholeFile, file_digest, read_head, scan_whole_file, separated
from .lines import build_line_map, place_rejects
from .metadata import bad_byte, value_index
from .progress import Cancelled, EventKind
from .result import MAX_EXAMPLES, Finding, PathTaken, PatientIds
from .run import Done, Fallback, FileRun, StageFailed
from .translation import N_, _, counted, number

REJECT_WORDS = {  # DuckDB's error types, as the fallback reason names them
    "TOO MANY COLUMNS": N_("{n} with more values than the header"),
    "MISSING COLUMNS": N_("{n} with fewer values than the header"),
    "UNQUOTED VALUE": N_("{n} with a misplaced or unclosed quote"),
}
OTHER_REJECT = N_("{n} with a value the reader could not take")
LONE_CR = N_("Lines end with a lone carriage return (old Mac style), which the fast reader cannot number.")
HEADER_SPANS = N_("A quote in the header opens a column name that goes on over the next lines (is it ever "
                  "closed?), so the detailed check reads every line.")
SPANNING_AND_DELIMITED = N_("Some values span several lines and some lines end with the delimiter, so the "
                            "detailed check counts the values of each record.")
LINES_NOT_READ = N_("Some lines were not read by the fast reader (a record longer than it can take?), so the "
                    "detailed check reads every line.")


def inspect(run: FileRun) -> None:
    try:
        run.remember_identity()
        run.head = read_head(run.file.path)
    except OSError as exc:
        text, fix = messages.cannot_open(run.file.path, exc, during=False)
        run.add(Finding.of("file.unreadable", text, fix))
        raise StageFailed(text) from None
    result = run.result
    result.size = run.head.size
    if run.head.binary:
        text, fix = messages.not_text(run.head.binary)
        run.add(Finding.of("file.unreadable", text, fix))
        raise StageFailed(text)
    result.file_info = run.head.info()
    run.whole = run.check.hasher.submit(scan_whole_file, run.file.path, run.cancel, codec=run.head.encoding,
                                        delimiter=run.head.delimiter, digest=False)
    run.emit(EventKind.PROGRESS, "inspect", message=_head_message(run.head), counts={"bytes": run.head.size})


def load(run: FileRun) -> Fallback | Done:
    head = run.head
    match = match_header(head.header, run.table, run.check.options.cohort)
    _start_values_scan(run, match)
    try:
        loaded = _load(run, match, longest=0, encoding="utf-8")
        whole = run.whole_file()
        encoding = "latin-1" if _latin1(head, whole) else loaded.encoding
        if whole.longest_line >= loaded.max_line_size or encoding != loaded.encoding:
            # DuckDB may have dropped a long line without a word; a value of another column is not UTF-8
            loaded = _load(run, match, longest=whole.longest_line, encoding=encoding)
    except reader.LoadFailed as exc:
        _note_whole_file(run, run.whole_file())
        return _fallback(run, exc.failure.reason)
    whole = run.whole_file()
    _note_whole_file(run, whole)
    run.emit(EventKind.PROGRESS, "load", fraction=1.0, counts={"rows": loaded.rows})
    try:
        reason = _why_not_fast(run, loaded, whole)
    except reader.LoadFailed as exc:
        run.line_map = None
        reason = exc.failure.reason
    if reason:
        return _fallback(run, reason)
    run.loaded = loaded
    run.result.rows = loaded.rows
    run.result.file_info.read_as = loaded.encoding
    _encoding_finding(run, whole)
    depot_findings.match(run, match, head.header, head.delimiter)
    _blank_line_finding(run, whole)
    _line_break_finding(run)
    return no_rows_finding(run)


def start_digest(run: FileRun) -> None:
    """The SHA-256 of a file, in a read of its own on the hasher's thread, unless the
    file has it already (the diagnostic path's own scan of every byte takes it). The
    fast path's whole-file scan leaves it out: it is none of the patient-ID verdict's
    inputs, so the pipeline starts it once they are known."""
    if run.digest is None and not run.result.sha256:
        run.digest = run.check.hasher.submit(file_digest, run.file.path, run.cancel)


def take_digest(run: FileRun) -> OSError | None:
    """The file's SHA-256 into its result once its read has ended (a read that Cancel
    stopped leaves none); returns what kept the file from being read for it, if anything."""
    if run.digest is None or run.result.sha256:
        return None
    try:
        run.result.sha256 = run.digest.result()
    except Cancelled:
        return None
    except OSError as exc:
        return exc
    return None


def extra_empty_finding(run: FileRun) -> None:
    """Records with extra empty values (extra_fields.py) on the fast path: one more
    read of every line, when some line ends with the delimiter. A patient file's are
    looked for before its patient IDs (the depot refusing it decides for the other
    tables), the others' in the Rules stage, after every patient-ID verdict."""
    if run.result.path_taken != PathTaken.FAST or not run.whole_file().delimited_end:
        return
    head, loaded = run.head, run.loaded
    found = extra_empty_records(run.con, run.file.path, head.delimiter, loaded.encoding,
                                len(head.header), head.header_lines, loaded.max_line_size, run.cancel)
    if found.count:
        run.add(depot_findings.extra_empty(found, len(head.header)))


def _start_values_scan(run: FileRun, match: HeaderMatch) -> None:
    """With threads to spare, the values scan of the Rules stage starts now, beside
    the load scan, for the file as the load scan first reads it."""
    if not run.check.scan_beside_load or run.head.utf16 or not run.head.header or not run.head.size:
        return
    guess = reader.Loaded(run.file.path, run.name, run.head.delimiter, len(run.head.header), "utf-8")
    run.ahead = distinct.Ahead(run.check.scans, run.con, guess, distinct.plan(run.table, match.columns),
                               run.cancel)


def _fallback(run: FileRun, reason: str) -> Fallback:
    if run.ahead is not None:
        run.ahead.discard()
        run.ahead = None
    reader.drop(run.con, run.name)
    return Fallback(reason)


def late_fallback(run: FileRun, reason: str) -> Fallback:
    """The values scan could not take the file (or another file of its table) as it
    is (a double quote inside a value, say): what was found is forgotten, and the
    file starts again on the diagnostic path (a file already there keeps the
    reason it went there)."""
    reason = run.result.fallback_reason or reason
    run.loaded = run.match = run.line_map = run.facts = None
    run.uniques, run.relations, run.late_reason = [], {}, ""
    run.result.findings.clear()
    for record in run.result.stages:  # their findings are forgotten with the rest
        record.findings = 0
    run.result.patient_ids = PatientIds()
    run.result.rows = 0
    return _fallback(run, reason)


def quoted_reason(quoted_rows: int) -> str:
    return counted(quoted_rows,
                   "{n} row has a double quote inside a value, which can be written in ways other programs "
                   "read differently; the detailed check looks at each.",
                   "{n} rows have a double quote inside a value, which can be written in ways other programs "
                   "read differently; the detailed check looks at each.")


def no_rows_finding(run: FileRun) -> Done:
    """Both paths end their load with it: a header without rows is a warning."""
    if run.result.rows == 0:
        text, fix = messages.no_rows()
        run.add(Finding.of("file.no_rows", text, fix))
    return Done(counts={"rows": run.result.rows})


def _load(run: FileRun, match: HeaderMatch, longest: int, encoding: str) -> reader.Loaded:
    list_column = depot_findings.list_column(run, run.head.header, run.head.delimiter)
    return reader.load_csv(run.con, run.file.path, run.head, run.name, run.cancel,
                           lambda x: run.emit(EventKind.PROGRESS, "load", fraction=x),
                           id_column=match.patient_id, list_column=list_column, longest=longest, encoding=encoding)


def _latin1(head: Head, whole: WholeFile) -> bool:
    """A value that is not UTF-8 (the load scan reads the ID column only, so it may not have seen it)."""
    return whole.first_bad_byte is not None and whole.first_bad_byte[0] > head.header_lines


def _note_whole_file(run: FileRun, whole: WholeFile) -> None:
    run.result.file_info.line_endings = whole.line_endings
    run.result.file_info.encoding = "utf-8" if whole.utf8_valid else "not utf-8"


def _why_not_fast(run: FileRun, loaded: reader.Loaded, whole: WholeFile) -> str:
    """Why the detailed check must read this file ("": the fast load holds it all).
    Builds the line map when nothing else stands in the way."""
    if run.head.header_lines > 1:
        return _(HEADER_SPANS)
    placed = place_rejects(run.file.path, loaded.rejects, whole)
    if placed:
        return _rejects_reason(placed)
    if whole.lone_cr:
        return _(LONE_CR)
    run.line_map = build_line_map(run.con, run.file.path, loaded, run.head.header_lines, whole, run.cancel)
    if run.line_map.lines_read(loaded.rows) < whole.physical_lines:
        run.line_map = None
        return _(LINES_NOT_READ)
    if whole.delimited_end and run.line_map.multi_line_records():
        run.line_map = None
        return _(SPANNING_AND_DELIMITED)
    return ""


def _rejects_reason(placed) -> str:
    kinds: dict[str, int] = {}
    for p in placed:
        words = REJECT_WORDS.get(p.reject.kind, OTHER_REJECT)
        kinds[words] = kinds.get(words, 0) + 1
    parts = ", ".join(_(words).format(n=number(n)) for words, n in kinds.items())
    return counted(len(placed), "{n} record could not be read as it is ({parts}; the first on line {line}), so the "
                                "detailed check takes over.",
                   "{n} records could not be read as they are ({parts}; the first on line {line}), so the "
                   "detailed check takes over.", parts=parts, line=placed[0].line)


def _line_break_finding(run: FileRun) -> None:
    """Records holding a line break inside quotes, and what the depot stores of each
    (the line map's scan read them)."""
    rowids = run.line_map.multi_line_records()
    if rowids:
        run.add(depot_findings.line_break(len(rowids), run.line_map.lines(rowids[:MAX_EXAMPLES]), run.line_map.cut))


def _blank_line_finding(run: FileRun, whole: WholeFile) -> None:
    """Empty lines between records (those at the very end are harmless)."""
    blanks = set(run.line_map.blank_lines)
    end = whole.physical_lines
    while end in blanks:
        end -= 1
    inner = sorted(b for b in blanks if b < end)
    if inner:
        text, fix = messages.blank_lines()
        shown = inner[:MAX_EXAMPLES]
        run.add(Finding.of("structure.blank_line", text, fix, count=len(inner), lines=shown, values=[""] * len(shown)))


def _head_message(head: Head) -> str:
    if not head.header:
        return _("The file is empty.") if head.size == 0 else _("No header line.")
    columns = counted(len(head.header), "{n} column", "{n} columns")
    return (_("{columns}, {separated}, with a byte order mark") if head.bom else _("{columns}, {separated}")).format(
        columns=columns, separated=separated(head.delimiter))


def _encoding_finding(run: FileRun, whole: WholeFile) -> None:
    if whole.first_bad_byte is None:
        return
    line, offset = whole.first_bad_byte
    bad = bad_byte(run.file.path, line, offset)
    index = value_index(run.file.path, offset, run.head.delimiter)
    header = run.head.header
    column = header[index].strip() if index is not None and index < len(header) else ""
    text, fix = messages.encoding(line, bad.byte, bad.char, bad.guess_title, "Latin-1", column)
    run.add(Finding.of("file.encoding", text, fix, lines=[line], values=[f"0x{bad.byte:02X} ({bad.char})"]))
