"""The diagnostic path for one file: Metadata -> Structure -> Tolerant load.

It takes files the fast reader cannot: any encoding, any line ends, ragged
records, broken quotes. What it can read ends up in DuckDB exactly like a
fast load (every column text, file order kept), so the pipeline then runs
the same patient-ID, cross-check, rule and summary stages on it. Records it
cannot read are counted and listed as structure findings, never dropped
silently. Copies it makes (a UTF-8 transcode, the clean copy for DuckDB)
live in the scratch folder only while the load runs.
"""

from __future__ import annotations

import codecs
import logging
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from . import messages
from .header import match_header
from .inspect import Head, WholeFile, longest_line
from .metadata import DELIMITERS, Metadata, did_you_mean, read_metadata
from .pipeline import FileRun
from .progress import CancelToken, Cancelled, ProgressCallback, ProgressEvent
from .reader import Loaded, LoadFailed, drop, load_csv
from .result import MAX_EXAMPLES, Finding, StageRecord
from .structure import (
    BLANK, STRAY, TOO_FEW, TOO_MANY, UNCLOSED, LineMap, StructureReport, scan_structure,
)

log = logging.getLogger(__name__)

CHUNK = 8 << 20


@dataclass
class DiagnosticLoad:
    """What the pipeline continues with after the diagnostic front stages."""

    metadata: Metadata | None = None
    structure: StructureReport | None = None
    loaded: Loaded | None = None  # None: nothing could be read, skip the later stages
    line_map: LineMap = field(default_factory=LineMap)  # rowid -> physical line
    header: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # file.* and structure.*
    stages: list[StageRecord] = field(default_factory=list)

    @property
    def file_info(self) -> dict:
        info = self.metadata.info() if self.metadata else {}
        if self.structure is not None:
            info["values_per_line"] = {str(k): v for k, v in sorted(self.structure.field_counts.items())}
        if self.loaded is not None:
            info["read_as"] = self.metadata.encoding
            info["header"] = list(self.header)
        return info


class _Stage:
    """Start/progress/end events and the StageRecord of one stage."""

    def __init__(self, file: str, key: str, progress: ProgressCallback, out: DiagnosticLoad) -> None:
        self.file, self.key, self.progress, self.out = file, key, progress, out
        self.t0 = time.monotonic()
        progress(ProgressEvent(file, "start", key, 0.0))

    def fraction(self, value: float) -> None:
        self.progress(ProgressEvent(self.file, "progress", self.key, value,
                                    seconds=time.monotonic() - self.t0))

    def end(self, kind: str, message: str = "", counts: dict | None = None) -> None:
        seconds = time.monotonic() - self.t0
        self.progress(ProgressEvent(self.file, kind, self.key, 1.0 if kind == "done" else None,
                                    message, counts or {}, seconds))
        self.out.stages.append(StageRecord(self.key, kind, seconds, message))


def run_diagnostic(run: FileRun, reason: str) -> None:
    """The pipeline's seam (`pipeline.diagnose_file` has announced the path
    and `reason`): run the three front stages on `run`'s file and leave the
    readable records as table run.name in run.loaded, their physical lines in
    run.line_map, the header match in run.match and the findings in
    run.result; or set run.stopped. Raises Cancelled only."""
    drop(run.con, run.loaded, run.name)  # the fast reader's partial load, if any
    run.loaded, run.placed = None, []
    out = diagnose(run.con, run.file.path, run.name, run.options.scratch_dir, run.progress, run.cancel,
                   whole=run.whole_file() if run.whole is not None else None)
    result = run.result
    # This path's whole-file verdicts replace the fast path's quick ones.
    result.findings = [f for f in result.findings if not f.code.startswith(("file.", "structure.", "header."))]
    result.findings.extend(out.findings)
    result.stages.extend(out.stages)
    result.file_info.update(out.file_info)
    if out.metadata is not None:
        result.size, result.sha256 = out.metadata.size, out.metadata.sha256
    if out.structure is not None:
        result.rows = out.structure.records
    run.loaded, run.line_map = out.loaded, out.line_map
    if out.loaded is None:
        run.stopped = True
        return
    run.match = match_header(out.header, run.table, run.options.cohort)
    missing = [f.column for f in run.match.findings if f.code == "header.missing_column" and f.column]
    for finding in run.match.findings:
        if finding.code == "header.extra_column" and finding.column:
            meant = did_you_mean(finding.column, missing)
            if meant:
                finding.hint = f"Did you mean {meant}? That column is missing."
    result.findings.extend(run.match.findings)


def diagnose(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    name: str,
    scratch: Path,
    progress: ProgressCallback,
    cancel: CancelToken,
    whole: WholeFile | None = None,
) -> DiagnosticLoad:
    """Metadata, Structure and Tolerant load of `path` into table `name` of `con`.

    Never raises for a bad file (it becomes findings); raises Cancelled when
    `cancel` fires (after emitting "cancelled" for the running stage). The
    caller runs the shared stages on `result.loaded` and maps its rowids to
    physical lines with `result.line_map.lines(rowids)`. `whole`: the fast
    path's scan of the file, if it ran (the metadata stage reuses it).
    """
    out = DiagnosticLoad()
    copies = _Copies(scratch / f"{name}.utf8.csv", scratch / f"{name}.clean.csv")
    steps: list[tuple[str, Callable[[_Stage], bool]]] = [
        ("metadata", lambda st: _metadata(out, path, st, cancel, whole)),
        ("structure", lambda st: _structure(out, path, scratch, copies, st, cancel)),
        ("tolerant_load", lambda st: _tolerant_load(out, con, name, scratch, copies, st, cancel)),
    ]
    try:
        for k, (key, step) in enumerate(steps):
            current = _Stage(str(path), key, progress, out)
            try:
                go_on = step(current)
            except Cancelled:
                current.end("cancelled")
                raise
            except (OSError, duckdb.Error) as exc:
                if isinstance(exc, OSError):
                    text, fix = messages.cannot_open(path, exc, during=key != "metadata" or whole is not None)
                else:  # its text may quote the file's values: the log gets its kind only
                    log.error("Diagnostic stage %s stopped on %s", key, type(exc).__name__)
                    text, fix = messages.app_problem()
                out.findings.append(Finding("file.unreadable", "blocker", None, 1, [], text, fix))
                out.loaded = None
                current.end("failed", text)
                go_on = False
            if not go_on:
                _skip(out, str(path), progress, *(later for later, _ in steps[k + 1:]))
                break
    finally:
        copies.remove()
    return out


@dataclass
class _Copies:
    """The scratch files of one diagnosis; gone when it ends."""

    utf8: Path
    clean: Path

    def remove(self) -> None:
        for path in (self.utf8, self.clean):
            with suppress(FileNotFoundError, NotADirectoryError):
                path.unlink()


def _metadata(out: DiagnosticLoad, path: Path, stage: _Stage, cancel: CancelToken,
              whole: WholeFile | None) -> bool:
    meta = read_metadata(path, whole=whole, progress=stage.fraction, cancel=cancel)
    out.metadata = meta
    out.findings.extend(file_findings(meta))
    stage.end("done", _metadata_summary(meta), {"bytes": meta.size, "lines": meta.physical_lines})
    return not meta.not_text and meta.size > meta.bom_length


def _structure(out: DiagnosticLoad, path: Path, scratch: Path, copies: _Copies, stage: _Stage,
               cancel: CancelToken) -> bool:
    meta = out.metadata
    scratch.mkdir(parents=True, exist_ok=True)
    source, skip, scan_share = path, meta.bom_length, 1.0
    if not meta.utf8:  # transcoding takes about a third of this stage
        scan_share = 2 / 3
        _transcode(path, meta, copies.utf8, cancel, lambda x: stage.fraction(x / 3))
        source, skip = copies.utf8, 0
    report = scan_structure(source, delimiter=meta.delimiter, quote=meta.quote, skip_bytes=skip,
                            clean_copy=copies.clean, cancel=cancel,
                            progress=lambda x: stage.fraction(1 - scan_share + scan_share * x))
    copies.utf8.unlink(missing_ok=True)
    out.structure, out.line_map = report, report.line_map
    out.header = [_short(v.decode("utf-8", errors="replace")) for v in report.header]
    out.findings.extend(structure_findings(report, meta.delimiter))
    if not report.header:
        out.findings.append(Finding("file.empty", messages.severity("file.empty"), None, 1, [],
                                    "The file holds no header and no data, only blank lines.",
                                    "Export the table again; the first line must name the columns."))
        stage.end("failed", out.findings[-1].message)
        return False
    stage.end("done", _structure_summary(report), {"records": report.records, "problems": report.problems})
    return True


def _tolerant_load(out: DiagnosticLoad, con: duckdb.DuckDBPyConnection, name: str, scratch: Path,
                   copies: _Copies, stage: _Stage, cancel: CancelToken) -> bool:
    head = Head(size=copies.clean.stat().st_size, bom=False, utf16=False, delimiter=out.metadata.delimiter,
                header=out.header, header_lines=1, line_endings="LF")
    try:
        out.loaded = load_csv(con, copies.clean, head, name, scratch, cancel, stage.fraction,
                              longest_line(copies.clean, cancel))
    except LoadFailed as exc:
        text, fix = messages.unreadable(exc.failure.reason)
        out.findings.append(Finding("file.unreadable", "blocker", None, 1, [], text, fix))
        stage.end("failed", exc.failure.reason)
        return False
    if out.loaded.rejects:
        out.findings.append(_unloaded_records(out))
    vanished = out.structure.kept - len(out.loaded.rejects) - out.loaded.rows
    if vanished > 0:  # DuckDB drops a record longer than its read buffer without a reject
        out.findings.append(Finding(
            "file.unreadable", "blocker", None, vanished, [],
            f"The database could not read {vanished:,} record{'s' if vanished != 1 else ''} of this file, "
            "probably a value of several megabytes; the line numbers after it may be too low.",
            "Look for a very long value (a text pasted into a cell by mistake?) and export the table again."))
    dropped = out.structure.records - out.structure.kept + len(out.loaded.rejects) + max(vanished, 0)
    stage.end("done", f"{out.loaded.rows:,} rows read"
              + (f"; {dropped:,} could not be read (listed as findings)" if dropped else ""),
              {"rows": out.loaded.rows, "unreadable": dropped})
    return True


def _unloaded_records(out: DiagnosticLoad) -> Finding:
    """Records that fit the header but that the database still refused: named
    by line, and taken out of the line map so the later rows keep their lines."""
    records = sorted({r.record for r in out.loaded.rejects})
    out.line_map.unloaded = records
    lines = [out.line_map.line(r) for r in records]
    n = len(records)
    first = f"line {lines[0]:,}" if n == 1 else f"{n:,} lines (first: line {lines[0]:,})"
    return Finding(
        "file.unreadable", "blocker", None, n, lines[:MAX_EXAMPLES],
        f"The database could not read {first} although {'it has' if n == 1 else 'they have'} the "
        f"right number of values; {'it was' if n == 1 else 'they were'} not checked at all.",
        "Look for unusual characters or a very long value on these lines, and export the table again.")


def _short(name: str, limit: int = 120) -> str:
    """A header name fit to show; no definition column name comes close to `limit`."""
    return name if len(name) <= limit else name[:limit] + "…"


def _skip(out: DiagnosticLoad, file: str, progress: ProgressCallback, *keys: str) -> None:
    for key in keys:
        progress(ProgressEvent(file, "skipped", key, message="Not run: an earlier step could not finish."))
        out.stages.append(StageRecord(key, "skipped", 0.0))


def file_findings(meta: Metadata) -> list[Finding]:
    """Findings about the file as a whole: empty, not text, not UTF-8."""
    def finding(code: str, message: str, fix: str, lines: list[int] | None = None) -> Finding:
        return Finding(code, messages.severity(code), None, 1, lines or [], message, fix)

    if meta.size <= meta.bom_length:
        return [finding("file.empty", "The file is empty.", "Export the table again and check the new file.")]
    if meta.not_text:
        return [finding("file.unreadable", *messages.not_text(meta.not_text))]
    bad = meta.first_bad
    if bad is not None:
        text, fix = messages.encoding(bad.line, bad.byte, bad.char, bad.guess_title, bad.guess_title)
        return [finding("file.encoding", text, fix, [bad.line])]
    if meta.wide:
        return [finding("file.encoding",
                        f"This file is saved as {meta.encoding_title}, not UTF-8. It was read that way "
                        "for this check, but the depot rejects it.",
                        "Save it as UTF-8 from your export tool (in Excel: 'CSV UTF-8').")]
    return []


def _metadata_summary(meta: Metadata) -> str:
    if meta.not_text:
        return f"Not a text file: it looks like {meta.not_text}."
    return (f"{meta.size:,} bytes, {meta.physical_lines:,} lines, {meta.encoding_title}, "
            f"{DELIMITERS.get(meta.delimiter, meta.delimiter)}-separated, line ends {meta.line_endings}")


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
        return f"{report.records:,} records, all with {report.header_fields} values"
    return f"{report.records:,} records; {report.problems:,} problem{'s' if report.problems != 1 else ''} found"


def structure_findings(report: StructureReport, delimiter: str = ",") -> list[Finding]:
    """One finding per kind of structural problem, in the coordinator's words."""
    expected = report.header_fields
    sep = DELIMITERS.get(delimiter, repr(delimiter))
    found = []
    for code in (TOO_MANY, TOO_FEW, UNCLOSED, STRAY, BLANK):
        tally = report.tallies[code]
        if not tally.count:
            continue
        first = tally.examples[0]
        n = tally.count
        if code in (TOO_MANY, TOO_FEW):
            where = (f"Line {first.line:,} has {first.fields} values; the header has {expected}."
                     if n == 1 else
                     f"{n:,} lines have {'more' if code == TOO_MANY else 'fewer'} values than the "
                     f"header's {expected} (first: line {first.line:,} with {first.fields}).")
            why = (f" A value probably contains an unquoted {sep}." if code == TOO_MANY
                   else " A value or a delimiter is probably missing, or a line was cut in two.")
            message = where + why + (" This line is" if n == 1 else " These lines are") + \
                " left out of the value checks."
            fix = ("Put values that contain the delimiter in double quotes, or remove the extra delimiter."
                   if code == TOO_MANY else "Add the missing values (empty ones too) so every line has "
                   f"{expected} values.")
        elif code == UNCLOSED:
            message = (f"A double quote opens a value on line {first.line:,} and is never closed; that line "
                       "is left out and the check goes on with the next one." if n == 1 else
                       f"On {n:,} lines a double quote opens a value that is never closed (first: line "
                       f"{first.line:,}); those lines are left out and the check goes on after each of them.")
            fix = "Close the quote, or remove it if the value needs none."
        elif code == STRAY:
            message = ((f"Line {first.line:,} has" if n == 1 else f"{n:,} lines have")
                       + " a double quote in the middle of a value"
                       + ("." if n == 1 else f" (first: line {first.line:,}).")
                       + " It was read as part of the value, but other programs may split the line differently.")
            fix = 'Put the whole value in double quotes and write the quote inside it twice ("").'
        else:
            message = (f"Line {first.line:,} is blank." if n == 1 else
                       f"{n:,} lines are blank (first: line {first.line:,}).") + " Blank lines are skipped."
            fix = "Remove the blank lines."
        found.append(Finding(code, messages.severity(code), None, n, [e.line for e in tally.examples],
                             message, fix, values=[f"{e.fields} values" for e in tally.examples]
                             if code in (TOO_MANY, TOO_FEW) else []))
    return found
