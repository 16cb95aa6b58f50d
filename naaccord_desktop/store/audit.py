"""The audit of copies of patient data: what this app copied, where, and
whether it is gone (Privacy ▸ Audit in the window, `naaccord-desktop audit`).

One row per copy in the history database (table `copies`, history_schema
v3): its kind (engine/copies.py), path, size, the check that made it, when,
and how it ended: wiped by the app, wiped late (at a later start, or by the
idle wipe, with the reason), deleted from the Audit, replaced by a later save
to the same path, or gone (the app looked and it was not there). Never what a
copy holds: paths are the app's own or the user's choice for an export.

No gaps: a copy is recorded before its first byte is written and its wipe
after the wipe, with its size read just before; a wipe that did not finish
leaves the copy open, with a note. What a crash leaves open is settled at the
next start: scratch folders by the scratch recovery (store/scratch.py), then
`recheck` looks at every copy still open. A record that cannot be written
never stops a check: it is logged and `problem` says so in words.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import sqlite3
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..engine.copies import EXPORTS, KINDS, SCRATCH
from .history import History, HistoryError

log = logging.getLogger(__name__)

CREATED, STILL_THERE = "created", "still there"
WIPED, WIPED_LATE, DELETED, GONE, REPLACED = "wiped", "wiped late", "deleted", "gone", "replaced"
EVENT_WORDS = {
    CREATED: "Created",
    WIPED: "Wiped",
    WIPED_LATE: "Wiped late",
    DELETED: "Deleted from the Audit",
    GONE: "Found gone",
    REPLACED: "Replaced by a later save",
    STILL_THERE: "Still there",
}
STOPPED_SAVING = "The app was stopped while saving this export; the half-written file was wiped at the next start."
EXPORT_GONE = "Not found where it was saved when the app looked: moved or deleted outside the app."
SCRATCH_GONE = "Not found when the app looked; the app did not record its wipe (it was stopped while wiping)."
UNRECORDED = "Its making was not recorded (an earlier version of the app, or the audit could not be written)."
DELETED_NOTE = "Deleted with Privacy ▸ Audit."
NOT_RECORDED = "Some copies of patient data could not be recorded in the audit; see the log."
CSV_HEADER = ("when", "event", "kind", "path", "bytes", "check", "reason")


@dataclass
class Copy:
    id: int
    kind: str
    path: str
    run_id: int | None
    pid: int
    created_at: str
    size: int
    saving: bool  # an export being written, not yet renamed into place
    seen_at: str  # when the app last found it there
    ended: str  # "" while it is there
    ended_at: str
    reason: str

    @property
    def is_export(self) -> bool:
        return self.kind in EXPORTS

    @property
    def kind_words(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def check_words(self) -> str:
        return f"check {self.run_id}" if self.run_id is not None else "a check not in the history"


@dataclass
class Event:
    """A line of the trail: a copy created, ended, or still there (as last seen)."""

    when: str
    event: str  # CREATED, STILL_THERE or how the copy ended
    copy: Copy

    @property
    def words(self) -> str:
        return EVENT_WORDS.get(self.event, self.event)

    @property
    def reason(self) -> str:
        return "" if self.event == CREATED else self.copy.reason


COLUMNS = "id, kind, path, run_id, pid, created_at, size, saving, seen_at, ended, ended_at, reason"


class CheckCopies:
    """The audit as the engine, the scratch folders and the exports see it
    (engine.copies.CopyLog): copies made for one check."""

    def __init__(self, audit: Audit, run_id: int | None) -> None:
        self.audit = audit
        self.run_id = run_id

    def made(self, kind: str, path: Path) -> None:
        self.audit.made(kind, path, self.run_id)

    def removing(self, path: Path):
        return self.audit.removing(path)

    def renamed(self, old: Path, new: Path) -> None:
        self.audit.renamed(old, new)


class Audit:
    """Reads and writes the `copies` table through the history's connection and lock."""

    def __init__(self, history: History) -> None:
        self.history = history
        self.problem = ""

    def for_check(self, run_id: int | None) -> CheckCopies:
        return CheckCopies(self, run_id)

    # -- what the makers of copies report

    def made(self, kind: str, path: Path, run_id: int | None) -> None:
        self._write(lambda db: db.execute(
            "INSERT INTO copies (kind, path, run_id, pid, created_at, saving) VALUES (?, ?, ?, ?, ?, ?)",
            (kind, _key(path), run_id, os.getpid(), _now(), int(kind in EXPORTS))))

    def found(self, kind: str, path: Path, run_id: int | None, made_at: float) -> None:
        """A copy no record names (left by a version of the app before the audit,
        or its record could not be written): recorded now, as made at `made_at`
        (a time stamp), so that its wipe has a copy to end."""
        key = _key(path)
        made = datetime.fromtimestamp(made_at).astimezone().isoformat(timespec="microseconds")

        def write(db: sqlite3.Connection) -> None:
            # any record at all: scratch folder names are never reused, and another process may have just ended it
            if db.execute("SELECT 1 FROM copies WHERE path = ?", (key,)).fetchone() is None:
                db.execute("INSERT INTO copies (kind, path, run_id, pid, created_at, reason) VALUES (?, ?, ?, 0, ?, ?)",
                           (kind, key, run_id, made, UNRECORDED))

        self._write(write)

    @contextmanager
    def removing(self, path: Path, *, ending: str = WIPED, reason: str = "") -> Iterator[None]:
        """The block removes `path`; every open copy at or under it is then ended
        as `ending`, with its size read before. A copy still there after the
        block keeps open, with a note that its wipe did not finish (the note
        is the reason given when it is wiped late)."""
        before = self._sizes_under(_key(path))
        try:
            yield
        finally:
            self._write(lambda db: self._record_removal(db, before, ending, reason))

    def renamed(self, old: Path, new: Path) -> None:
        """An export renamed into place: an earlier one at that path is replaced."""
        size = size_on_disk(new)

        def write(db: sqlite3.Connection) -> None:
            now = _now()
            db.execute("UPDATE copies SET ended = ?, ended_at = ?, reason = '' WHERE path = ? AND ended = ''",
                       (REPLACED, now, _key(new)))
            db.execute("UPDATE copies SET path = ?, size = max(size, ?), saving = 0, seen_at = ? "
                       "WHERE path = ? AND ended = ''", (_key(new), size, now, _key(old)))

        self._write(write)

    # -- looking again

    def open_scratch_folders(self) -> list[Path]:
        """Scratch folders of checks whose wipe is not recorded (here or under an earlier scratch location)."""
        return [Path(c.path) for c in self.present() if c.kind == SCRATCH]

    def recheck(self, live: Collection[Path] = ()) -> None:
        """Look again at every copy still open, except those in `live` scratch
        folders (checks running here or in another process): one not there is
        recorded as gone; a half-written export whose process is gone is wiped.
        One transaction: the copies are read and updated while no other writer
        can end them, and a record that cannot be written leaves every record
        as it was (the next look writes them all)."""
        self.problem = ""  # said again below if a record still cannot be written
        live_keys = [_key(p) for p in live]

        def write(db: sqlite3.Connection) -> None:
            for copy in self.present():
                if not copy.is_export and any(_is_under(copy.path, k) for k in live_keys):
                    continue
                if copy.saving and copy.pid != os.getpid() and not _alive(copy.pid):
                    before = self._sizes_under(copy.path)
                    with suppress(OSError):
                        Path(copy.path).unlink(missing_ok=True)
                    self._record_removal(db, before, WIPED_LATE, STOPPED_SAVING)
                elif not copy.saving:
                    self._look_at(db, copy)

        self._write(write)

    def delete(self, copy: Copy) -> None:
        """The user deletes an export from the Audit. Raises OSError (the caller says it in words)."""
        if not copy.is_export:
            raise ValueError("Only exports are deleted from the Audit; scratch copies are wiped by the app.")
        with self.removing(Path(copy.path), ending=DELETED, reason=DELETED_NOTE):
            Path(copy.path).unlink(missing_ok=True)

    def prune(self, before: datetime) -> int:
        """Forget copies that ended before `before`; copies still there are kept, whatever their age."""
        cutoff = before.astimezone().isoformat(timespec="seconds")
        forgotten = [0]

        def write(db: sqlite3.Connection) -> None:
            forgotten[0] = db.execute("DELETE FROM copies WHERE ended != '' AND datetime(ended_at) < datetime(?)",
                                      (cutoff,)).rowcount

        self._write(write)
        return forgotten[0]

    # -- reading

    def present(self) -> list[Copy]:
        """Copies still there (as far as the app knows), newest first."""
        return self._select("WHERE ended = '' ORDER BY id DESC")

    def copies(self) -> list[Copy]:
        return self._select("ORDER BY id")

    def trail(self, since: date | None = None, until: date | None = None) -> list[Event]:
        return trail_of(self.copies(), since, until)

    def trail_csv(self, since: date | None = None, until: date | None = None) -> str:
        return csv_of(self.trail(since, until))

    # -- internals

    @staticmethod
    def _look_at(db: sqlite3.Connection, copy: Copy) -> None:
        now = _now()
        if os.path.lexists(copy.path):
            size = size_on_disk(Path(copy.path)) if copy.is_export else copy.size
            db.execute("UPDATE copies SET seen_at = ?, size = max(size, ?) WHERE id = ?", (now, size, copy.id))
            return
        reason = EXPORT_GONE if copy.is_export else SCRATCH_GONE
        db.execute("UPDATE copies SET ended = ?, ended_at = ?, reason = ? WHERE id = ? AND ended = ''",
                   (GONE, now, reason, copy.id))

    @staticmethod
    def _record_removal(db: sqlite3.Connection, before: dict[int, tuple[Copy, int]], ending: str,
                        reason: str) -> None:
        now = _now()
        for copy_id, (copy, size) in before.items():
            if os.path.lexists(copy.path):
                db.execute("UPDATE copies SET size = max(size, ?), seen_at = ?, reason = ? WHERE id = ?",
                           (size, now, f"A wipe at {when_words(now)} did not finish.", copy_id))
                continue
            why = _late_reason(copy.reason, reason) if ending == WIPED_LATE else reason
            db.execute("UPDATE copies SET size = max(size, ?), ended = ?, ended_at = ?, reason = ? "
                       "WHERE id = ? AND ended = ''", (size, ending, now, why, copy_id))

    def _sizes_under(self, key: str) -> dict[int, tuple[Copy, int]]:
        """Every open copy at or under `key`, by id, with its size on disk now."""
        prefix = key.rstrip(os.sep) + os.sep
        under = self._select("WHERE ended = '' AND (path = ? OR substr(path, 1, ?) = ?)", (key, len(prefix), prefix))
        return {c.id: (c, size_on_disk(Path(c.path))) for c in under}

    def _select(self, where: str, args: tuple = ()) -> list[Copy]:
        try:
            with self.history.reading() as db:
                rows = db.execute(f"SELECT {COLUMNS} FROM copies {where}", args).fetchall()
        except sqlite3.Error as exc:
            log.error("Audit not readable (%s).", type(exc).__name__)
            return []
        return [Copy(*r[:7], bool(r[7]), *r[8:]) for r in rows]

    def _write(self, write: Callable[[sqlite3.Connection], object]) -> None:
        try:
            with self.history.writing() as db:
                write(db)
        except (sqlite3.Error, HistoryError, OSError) as exc:
            log.error("Audit not updated (%s).", type(exc).__name__)
            self.problem = NOT_RECORDED


def trail_of(copies: list[Copy], since: date | None = None, until: date | None = None) -> list[Event]:
    """Each copy's creation and its end (or its last sighting), oldest first,
    those whose day is within since..until (inclusive)."""
    events = []
    for copy in copies:
        events.append(Event(copy.created_at, CREATED, copy))
        if copy.ended:
            events.append(Event(copy.ended_at, copy.ended, copy))
        else:
            events.append(Event(copy.seen_at or copy.created_at, STILL_THERE, copy))
    return sorted((e for e in events if _within(e.when, since, until)), key=_in_order)


def csv_of(trail: list[Event]) -> str:
    """The trail for a privacy officer, as CSV text."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for e in trail:
        writer.writerow((e.when, e.words, e.copy.kind_words, e.copy.path, e.copy.size,
                         "" if e.copy.run_id is None else e.copy.run_id, e.reason))
    return out.getvalue()


def _late_reason(note: str, reason: str) -> str:
    """Why a copy was wiped late: a wipe that did not finish says so itself."""
    if note == UNRECORDED:
        return f"{reason} {UNRECORDED}"
    return note or reason


def size_on_disk(path: Path) -> int:
    """Bytes of a file, or of every file under a folder (0 when it is not there)."""
    try:
        if not path.is_dir():
            return path.lstat().st_size
    except OSError:
        return 0
    total = 0
    for parent, _dirs, files in os.walk(path):
        for name in files:
            with suppress(OSError):  # removed while we looked
                total += os.lstat(os.path.join(parent, name)).st_size
    return total


def _key(path: Path | str) -> str:
    return os.path.abspath(path)


def _is_under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _now() -> str:
    """To the microsecond, so that the trail keeps the order in which things happened."""
    return datetime.now().astimezone().isoformat(timespec="microseconds")


def when_words(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M:%S")


def _in_order(e: Event) -> tuple:
    """By time; at one time, copies made in the order made and ended the other
    way round (what is in a folder before the folder)."""
    return e.when, e.event != CREATED, e.copy.id if e.event == CREATED else -e.copy.id


def _within(iso: str, since: date | None, until: date | None) -> bool:
    day = datetime.fromisoformat(iso).date()
    return (since is None or day >= since) and (until is None or day <= until)


def _alive(pid: int) -> bool:
    """Is process `pid` running? (A reused pid only keeps a half-written export until a later look.)"""
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
