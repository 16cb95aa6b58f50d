"""`naaccord-desktop check`: check a submission headless.

Exit 0 when nothing blocks the upload, 1 when something does, 2 for a usage
error or a file that cannot be read. Progress goes to stderr, the summary
to stdout; --json, --html, --shareable-html, --xlsx, --shareable-xlsx and
--receipt write the exports. The check is recorded in the run history, as the
window's are (--no-history: not recorded), and the copies of patient data it
makes, exports included, in the audit (`naaccord-desktop audit`) in any case.
--acknowledgements FILE shares the acknowledged findings between machines: the
file's are added to this computer's, and the file is written back with all of them.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from ..definitions import DefinitionError, load_bundled, load_folder
from ..definitions.cohorts import cohort_group, cohort_names
from ..definitions.model import DefinitionSet, Table
from ..engine.acknowledgements import Acknowledgement
from ..engine.copies import NO_LOG
from ..engine.pipeline import check_submission
from ..engine.privacy import Pseudonymise, redacted
from ..engine.progress import CancelToken, ProgressEvent
from ..engine.propose import gather, propose_table, why_unproposable
from ..engine.result import CheckOptions, FileResult, Finding, SubmissionResult, every_core
from ..engine.run import SubmissionFile
from ..engine.translation import counted
from ..reports.acknowledgements_file import AcknowledgementsFileError, read_acknowledgements
from ..reports.words import (
    CANCELLED_LISTING,
    CANCELLED_SUMMARY,
    NOT_CHECKED,
    counts_words,
    rows,
    stage_title,
    verdict_label,
    verdict_sentence,
)
from ..store.paths import app_paths
from ..store.session import CheckCannotStart, CheckSession, LocalState, open_local_state
from ..store.settings import memory_limit_problem, threads_problem

MAX_VALUES = 5  # "line N: value" pairs shown per finding
MAX_VALUE_CHARS = 40


def register(sub) -> None:
    p = sub.add_parser("check", help="check submission files before uploading them")
    p.add_argument("files", nargs="*", type=Path, metavar="FILE",
                   help="a file whose table type is guessed from its name or header, or a folder: "
                        "its .csv, .tsv and .txt files")
    p.add_argument("--table", action="append", default=[], metavar="TYPE=FILE",
                   help="a file (or a folder of files) of the given table type (repeatable)")
    p.add_argument("--cohort", default="", metavar="NAME",
                   help="apply this cohort's column renames first (any case); "
                        "`naaccord-desktop definitions --cohorts` lists the cohorts")
    p.add_argument("--json", type=Path, metavar="OUT", help="write the full result as JSON")
    p.add_argument("--html", type=Path, metavar="OUT",
                   help="write the full HTML report (patient IDs and values: keep it on this computer)")
    p.add_argument("--shareable-html", type=Path, metavar="OUT",
                   help="write the shareable HTML report (pseudonyms, no cell values)")
    p.add_argument("--xlsx", type=Path, metavar="OUT",
                   help="write the full Excel workbook (patient IDs and values: keep it on this computer)")
    p.add_argument("--shareable-xlsx", type=Path, metavar="OUT",
                   help="write the shareable Excel workbook (pseudonyms, no cell values)")
    p.add_argument("--acknowledgements", type=Path, metavar="FILE",
                   help="a JSON file of acknowledged findings to share between machines: read, added to this "
                        "computer's, and written back with all of them (created when missing)")
    p.add_argument("--receipt", type=Path, metavar="OUT",
                   help="write the precheck receipt (JSON, with a readable .txt beside it)")
    p.add_argument("--diagnose", action="store_true", help="take the detailed diagnostic path")
    p.add_argument("--definitions", type=Path, metavar="FOLDER",
                   help="a definition set in the project's format instead of the bundled one")
    p.add_argument("--memory-limit", default=CheckOptions.memory_limit, type=_memory_limit,
                   help="DuckDB memory limit; it spills the rest to a scratch folder "
                        f"(default {CheckOptions.memory_limit})")
    p.add_argument("--threads", type=_threads, default=None, help="DuckDB threads (default: one per core)")
    p.add_argument("--no-history", action="store_true",
                   help="do not record this check in the history of checks (the window's File > History); "
                        "the copies it makes are still recorded in the audit")
    p.set_defaults(run=run)


def _memory_limit(text: str) -> str:
    problem = memory_limit_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return text.strip().replace(" ", "")


def _threads(text: str) -> int:
    try:
        threads = int(text)
    except ValueError:
        threads = 0
    problem = threads_problem(threads)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return threads


def run(args) -> int:
    cohort = _known_cohort(args.cohort)
    if cohort is None:
        return 2
    try:
        definitions = load_folder(args.definitions) if args.definitions else load_bundled()
    except DefinitionError as exc:
        print(f"These definitions cannot be used: {exc}", file=sys.stderr)
        return 2
    files = _submission_files(args, definitions)
    if files is None:
        return 2
    try:
        shared = read_acknowledgements(args.acknowledgements, definitions) if args.acknowledgements else None
    except AcknowledgementsFileError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    previous_sigterm = signal.signal(signal.SIGTERM, _interrupt)  # so SIGTERM cancels and wipes, like Ctrl+C
    try:
        return _check(files, definitions, cohort, args, shared)
    finally:
        signal.signal(signal.SIGTERM, previous_sigterm)


def _interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt


def _check(files: list[SubmissionFile], definitions: DefinitionSet, cohort: str, args,
           shared: list[Acknowledgement] | None) -> int:
    # A folder it cannot make is said where it matters: no scratch folder, no check (CheckCannotStart).
    state = open_local_state(app_paths().ensure())
    if state.history_problem:
        print(f"{state.history_problem} This check is not recorded.", file=sys.stderr)
    try:
        return _check_with(state, files, definitions, cohort, args, shared)
    finally:
        state.close()


def _check_with(state: LocalState, files: list[SubmissionFile], definitions: DefinitionSet, cohort: str,
                args, shared: list[Acknowledgement] | None) -> int:
    session = CheckSession(definitions, state.scratch, None if args.no_history else state.history,
                           engine=check_submission)
    if shared is not None:
        from .check_outputs import share_acknowledgements

        session.acknowledgements = share_acknowledgements(state.history, shared, args.acknowledgements)
        if session.acknowledgements is None:
            return 2
    elif args.no_history and state.history is not None:  # not recorded, yet this computer's acknowledgements hold
        session.acknowledgements = state.history.acknowledgements()
    cancel = CancelToken()
    options = CheckOptions(cohort=cohort, diagnose=args.diagnose, memory_limit=args.memory_limit,
                           threads=args.threads or every_core())
    outcome: list[SubmissionResult] = []

    finished = threading.Event()

    def work() -> None:
        if hasattr(signal, "pthread_sigmask"):  # signals go to the main thread only, never into DuckDB's
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            outcome.append(session.run(files, options, _ProgressPrinter(), cancel))
        except CheckCannotStart as exc:
            print(f"The check could not start: {exc}", file=sys.stderr)
        except Exception as exc:
            print(f"The check stopped unexpectedly ({type(exc).__name__}).", file=sys.stderr)
        finally:
            finished.set()

    # Waiting on an Event, not Thread.join(timeout): a join interrupted by Ctrl+C
    # can take the thread for finished while it still runs.
    threading.Thread(target=work, name="naaccord-check", daemon=True).start()
    try:
        while not finished.wait(0.2):
            pass
    except KeyboardInterrupt:
        print("Cancelling...", file=sys.stderr)
        cancel.cancel()
        _wait_through_interrupts(finished)
    if session.not_recorded:
        print(session.not_recorded, file=sys.stderr)
    if not outcome:
        return 2
    result = outcome[0]
    print(render(result, definitions, state.secrets.pseudonym))
    copies = state.audit.for_check(session.last_run_id) if state.audit is not None else NO_LOG
    if not _export(result, args, definitions, state.secrets, copies):
        return 2
    if result.cancelled or _unreadable(result):
        return 2
    return 1 if result.verdict == "blocked" else 0


def _export(result: SubmissionResult, args, definitions: DefinitionSet, secrets, copies) -> bool:
    """check_outputs.export, imported only when an export is asked for (start-up time)."""
    if not any((args.json, args.html, args.shareable_html, args.xlsx, args.shareable_xlsx, args.receipt)):
        return True
    from .check_outputs import export

    return export(result, args, definitions, secrets, copies)


def _wait_through_interrupts(finished: threading.Event) -> None:
    """Already cancelling: a second Ctrl+C or SIGTERM must not skip the wipe
    while DuckDB still writes to the scratch folder."""
    while True:
        try:
            if finished.wait(0.2):
                return
        except KeyboardInterrupt:
            pass


def _known_cohort(name: str) -> str | None:
    """The cohort as the mapping file spells it ("" for none), or None after saying it is unknown."""
    if not name.strip():
        return ""
    known = cohort_names()
    wanted = name.strip().casefold()
    match = next((c for c in known if c.casefold() == wanted), None)
    if match is None:  # a group's name ("CNICS") stands for any of its cohorts: they share the renames
        match = next((c for c in known if cohort_group(c).name.casefold() == wanted), None)
    if match is None:
        print(f"There is no cohort named {name!r} with its own column names. Known cohorts: "
              f"{', '.join(known)}. Files of any other cohort are read as they are: leave out --cohort. "
              "`naaccord-desktop definitions --cohorts` shows the renames.", file=sys.stderr)
    return match


def _unreadable(result: SubmissionResult) -> bool:
    return any(f.code in ("file.unreadable", "file.empty") for r in result.files for f in r.findings)


def _submission_files(args, definitions) -> list[SubmissionFile] | None:
    """The files to check (a folder stands for the data files in it, as the window's Add folder)."""
    files, problems = [], []
    for spec in args.table:
        table, sep, name = spec.partition("=")
        if not sep or table not in definitions.tables:
            known = ", ".join(sorted(definitions.tables))
            print(f"--table expects TYPE=FILE with TYPE one of: {known}", file=sys.stderr)
            return None
        typed = gather([Path(name)])
        problems += typed.problems
        files += [SubmissionFile(path, table) for path in typed.files]
    untyped = gather(args.files)
    problems += untyped.problems
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return None
    for path in untyped.files:
        table = propose_table(path, definitions)
        if table is None:
            print(f"{why_unproposable(path)} Name its table type with --table TYPE={path}",
                  file=sys.stderr)
            return None
        files.append(SubmissionFile(path, table))
    if not files:
        print("Give at least one file to check.", file=sys.stderr)
        return None
    return files


class _ProgressPrinter:
    """Progress lines on stderr, with each stage named as the file's current stage list names it."""

    def __init__(self) -> None:
        self.titles: dict[str, dict[str, str]] = {}

    def __call__(self, event: ProgressEvent) -> None:
        name = Path(event.file).name
        if event.kind == "path":
            self.titles[event.file] = {s.key: s.title for s in event.stages}
            if event.message:
                print(f"{name}: diagnostic path. {event.message}", file=sys.stderr)
        elif event.kind in ("done", "failed", "cancelled"):
            title = self.titles.get(event.file, {}).get(event.stage) or stage_title(event.stage)
            extra = f" - {event.message}" if event.message else ""
            print(f"{name}: {_lower_first(title)} {event.kind} ({event.seconds:.2f} s){extra}", file=sys.stderr)


def _lower_first(title: str) -> str:
    """'Patient IDs' -> 'patient IDs' inside a line of text."""
    return title[:1].lower() + title[1:]


def render(result: SubmissionResult, definitions: DefinitionSet, pseudonymise: Pseudonymise) -> str:
    """The summary for a terminal, whose text is often pasted into e-mails: the
    words of the redacted result (engine/privacy.py: no patient IDs, only their
    pseudonyms; no column name the definitions do not know), and the offending
    values of the columns the definitions name and that hold no IDs, as in the window."""
    shown = redacted(result, pseudonymise, definitions)
    if result.cancelled:
        lines = [CANCELLED_LISTING]
    else:
        lines = [f"Verdict: {verdict_sentence(result.verdict)} ({result.seconds:.1f} s, "
                 f"definitions {result.definitions_version})"]
    for f, words in zip(result.files, shown.files, strict=True):
        lines.extend(["", *_render_file(f, words, result.cancelled, definitions.tables.get(f.table))])
    lines.extend(["", *_closing_summary(result)])
    return "\n".join(lines)


def _render_file(f: FileResult, words: FileResult, cancelled: bool, table: Table | None) -> list[str]:
    """`f` as checked, `words` its redacted twin: the text comes from the twin."""
    finished = f.finished(cancelled)
    verdict = verdict_sentence(f.verdict) if finished else NOT_CHECKED
    out = [f"{f.path} ({f.table}): {verdict}",
           f"  {rows(f.rows)}, {counted(f.size, '{n} byte', '{n} bytes')}, SHA-256 {f.sha256 or 'not computed'}"]
    if f.path_taken == "diagnostic":
        out.append(f"  Diagnostic path: {words.fallback_reason}")
    ids = f.patient_ids
    if ids.distinct:
        text = f"  Patient IDs: {counted(ids.distinct, '{n} distinct patient', '{n} distinct patients')}"
        if ids.duplicates:
            text += f", {counted(len(ids.duplicates), '{n} ID', '{n} IDs')} more than once"
        if ids.not_in_patient_file:
            text += (f", {counted(ids.not_in_patient_file, '{n} ID', '{n} IDs')} not in the patient file "
                     f"({rows(ids.rows_with_unknown)})")
        out.append(text)
    for finding, said in zip(f.findings, words.findings, strict=True):
        lines = ", ".join(str(n) for n in finding.lines[:10])
        more = " ..." if finding.count > len(finding.lines[:10]) else ""
        at = f" Line{'s' if len(finding.lines) > 1 else ''} {lines}{more}." if lines else ""
        out.append(f"  [{finding.severity}] {said.message} Count: {finding.count:,}.{at}")
        if _may_show_values(said, finding, table):
            pairs = [f"line {n}: {_shown(v)}" for n, v in zip(finding.lines, finding.values, strict=False)]
            pairs = pairs[:MAX_VALUES]
            out.append(f"      Values: {'; '.join(pairs)}{' ...' if finding.count > len(pairs) else ''}")
            if finding.hint:
                out.append(f"      e.g. {finding.hint}")
        if said.fix:
            out.append(f"      Fix: {said.fix}")
        if said.acknowledged:
            out.append(f"      Acknowledged since {said.acknowledged.since[:10]}: {said.acknowledged.note}")
    for s in words.stages:
        if s.status == "failed":
            out.append(f"  Step {stage_title(s.key)} failed: {s.note}")
    if not f.findings:
        out.append("  No findings." if finished else "  Nothing found before the check was stopped.")
    return out


def _may_show_values(said: Finding, finding: Finding, table: Table | None) -> bool:
    """Only values of a column the definition knows (as the redacted twin `said`
    names it) and that holds no IDs."""
    column = table.column(said.column) if table and said.column else None
    return (column is not None and column.type != "id" and not finding.code.startswith("patient_id.")
            and any(v.strip() for v in finding.values))


def _shown(value: str) -> str:
    """A value in quotes, so spaces around it show; control characters escaped, long values cut."""
    text = value.encode("unicode_escape").decode("ascii", "backslashreplace") if not value.isprintable() else value
    return f'"{text[:MAX_VALUE_CHARS]}{"..." if len(text) > MAX_VALUE_CHARS else ""}"'


def _closing_summary(result: SubmissionResult) -> list[str]:
    """The verdict again after a long listing, and one line per file."""
    verdict = CANCELLED_SUMMARY if result.cancelled else verdict_sentence(result.verdict)
    names = [Path(f.path).name for f in result.files]
    width = max((len(n) for n in names), default=0)
    tables = max((len(f.table) for f in result.files), default=0)
    out = [f"Summary: {verdict}"]
    for name, f in zip(names, result.files, strict=True):
        if f.finished(result.cancelled):
            words = f"{verdict_label(f.verdict)}: {counts_words(f.counts_by_severity())}"
        else:
            words = NOT_CHECKED
        out.append(f"  {name:<{width}}  {f.table:<{tables}}  {words}")
    return out
