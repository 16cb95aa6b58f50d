"""Scratch folders: one per run, wiped so that a shared PC keeps no patient data.

Each run gets `<scratch root>/run-<random>/` (mode 0700): DuckDB's
temp_directory and the detailed check's transcoded and clean copies go there.
The folder holds a lock file that its process keeps locked while it lives
(the operating system drops the lock when the process dies, even on
SIGKILL), and a marker naming the history run. At start, `recover()` wipes
every run folder whose lock is free and reports the runs to mark
interrupted.

Wiped: when the run's results are closed (`ScratchManager.close`), on exit
(`install_exit_wipe`: atexit, SIGTERM, SIGINT) and by "Wipe now". Folders that
dead processes left (a crashed command-line check, a crashed second window on
a shared PC) are wiped at start and, while a window is open, whenever the user
has been idle for the chosen time (`IdleWipe`, driven by a Qt timer in
gui/idle_wipe.py).

Each folder is recorded in the audit (store/audit.py) when it is made and
when it is wiped; the engine records the copies it makes in it through the
run's `copies`. A folder left behind is wiped "late", with the reason; the
audit also names folders left under an earlier scratch location.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

from ..engine.copies import NO_LOG, SCRATCH, CopyLog
from .audit import WIPED_LATE, Audit, size_on_disk

log = logging.getLogger(__name__)

PREFIX = "run-"
LOCK_FILE = ".lock"
MARKER_FILE = "owner.json"
UNLOCKED_GRACE_SECONDS = 60  # a folder created a moment ago may not hold its lock yet


if os.name == "nt":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


class RunScratch:
    """The scratch folder of one run, locked by its process until it is closed."""

    def __init__(self, folder: Path, lock_fd: int, run_id: int | None, copies: CopyLog) -> None:
        self.folder = folder
        self.run_id = run_id
        self.copies = copies  # the engine reports the copies it makes here
        self._lock_fd: int | None = lock_fd

    @property
    def wiped(self) -> bool:
        return self._lock_fd is None

    def _wipe(self) -> int:
        freed = size_on_disk(self.folder)
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # releases the lock
            self._lock_fd = None
        with self.copies.removing(self.folder):
            _remove_tree(self.folder)
        return freed


class ScratchManager:
    """All scratch folders of this process, under one root."""

    def __init__(self, root: Path, audit: Audit | None = None) -> None:
        self.root = root
        self.audit = audit
        self._runs: dict[Path, RunScratch] = {}
        self._lock = threading.RLock()  # re-entrant: the exit wipe may run in a signal handler

    def new_run(self, run_id: int | None) -> RunScratch:
        """A fresh, private folder for a run, locked by this process."""
        self.root.mkdir(parents=True, exist_ok=True)
        _private(self.root)
        folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=self.root))  # mode 0700
        copies = self.audit.for_check(run_id) if self.audit is not None else NO_LOG
        copies.made(SCRATCH, folder)
        fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
        if not _lock_soon(fd):
            os.close(fd)
            with copies.removing(folder):
                _remove_tree(folder)
            raise OSError("A new scratch folder could not be locked.")
        _write_marker(folder, run_id)
        run = RunScratch(folder, fd, run_id, copies)
        with self._lock:
            self._runs[folder] = run
        return run

    def close(self, run: RunScratch) -> int:
        """The run's results were closed: wipe its folder. Returns bytes freed."""
        with self._lock:
            self._runs.pop(run.folder, None)
            return run._wipe() if not run.wiped else 0

    def wipe_all(self) -> int:
        """Wipe everything this process holds (on exit, after workers were stopped)."""
        with self._lock:
            runs = list(self._runs.values())
            self._runs.clear()
            return sum(run._wipe() for run in runs)

    def held_bytes(self) -> int:
        """What this process's checks hold on disk, and what dead processes left that
        a wipe frees (the status bar); another running window's folders are its own."""
        with self._lock:
            own = [run.folder for run in self._runs.values() if not run.wiped]
        left = [f for f in self._run_folders() if f not in own and _orphan_run_id(f) is not _ALIVE]
        return sum(size_on_disk(f) for f in (*own, *left))

    def others_checking(self) -> bool:
        """Whether another running process of the app holds a folder here now."""
        with self._lock:
            own = set(self._runs)
        return any(f not in own for f in self.live_folders())

    def recover(self) -> list[int]:
        """Wipe folders left by runs whose process is gone; returns their run ids."""
        return [run_id for run_id, _freed in self._wipe_orphans() if run_id is not None]

    def wipe_orphans(self) -> int | None:
        """Wipe folders left by runs whose process is gone: bytes freed, None when there were none."""
        wiped = self._wipe_orphans()
        return sum(freed for _run_id, freed in wiped) if wiped else None

    def _wipe_orphans(self) -> list[tuple[int | None, int]]:
        """(run id, bytes freed) of each folder wiped: those under the root, and
        those the audit names (under an earlier scratch location)."""
        wiped = []
        for folder in self._run_folders():
            run_id = _orphan_run_id(folder)
            if run_id is _ALIVE:
                continue
            freed = size_on_disk(folder)
            reason = (f"The app was stopped during check {run_id}." if run_id is not None
                      else "The app was stopped during a check that was not kept in the history.")
            late = nullcontext()
            if self.audit is not None:
                self.audit.found(SCRATCH, folder, run_id, _made_at(folder))
                late = self.audit.removing(folder, ending=WIPED_LATE, reason=reason)
            with late:
                _remove_tree(folder)
            log.info("Wiped a scratch folder left by an earlier run (%d bytes).", freed)
            wiped.append((run_id, freed))
        return wiped

    def _run_folders(self) -> list[Path]:
        listed = sorted(self.root.glob(PREFIX + "*")) if self.root.is_dir() else []
        recorded = self.audit.open_scratch_folders() if self.audit else []
        unique = {str(f): f for f in (*listed, *recorded) if f.name.startswith(PREFIX) and f.is_dir()}
        return list(unique.values())

    def live_folders(self) -> list[Path]:
        """Run folders held by a live process (this or another)."""
        return [f for f in self._run_folders() if _orphan_run_id(f) is _ALIVE]

    def live_run_ids(self) -> set[int]:
        """Runs whose scratch folder is held by a live process (this or another)."""
        return {run_id for folder in self.live_folders() if (run_id := _read_marker(folder)) is not None}


class IdleWipe:
    """After `seconds` without user activity (0 = never), wipe the folders that
    dead processes left (a crashed command-line check or second window); a
    check's own folder is wiped when the check ends.

    The GUI calls `touch()` when the user does something and `tick()` from a timer."""

    def __init__(self, manager: ScratchManager, seconds: float, clock: Callable[[], float] = time.monotonic):
        self.manager = manager
        self.seconds = seconds
        self._clock = clock
        self._last = clock()

    def touch(self) -> None:
        self._last = self._clock()

    def tick(self) -> int | None:
        """Bytes freed if the idle timeout passed and something was wiped, else None."""
        if self.seconds <= 0 or self._clock() - self._last < self.seconds:
            return None
        freed = self.manager.wipe_orphans()
        if freed is not None:
            log.info("Scratch wiped after %d s without activity.", self.seconds)
        return freed


def recover_crashed_runs(manager: ScratchManager, history) -> list[int]:
    """At start: wipe what crashed runs left, and mark those runs interrupted,
    as well as runs still marked running that no live process holds (a run
    whose folder was already wiped on a forced exit); then the audit looks
    again at every copy it holds open."""
    orphans = manager.recover()
    live = manager.live_run_ids()
    stale = sorted({*orphans, *(r for r in history.running() if r not in live)})
    history.mark_interrupted(stale)
    if manager.audit is not None:
        manager.audit.recheck(manager.live_folders())
    return stale


def install_exit_wipe(manager: ScratchManager) -> None:
    """Wipe on normal exit, on SIGTERM and on Ctrl+C (SIGINT)."""
    atexit.register(manager.wipe_all)
    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers can only be installed from the main thread
    for signum in (signal.SIGINT, signal.SIGTERM):
        previous = signal.getsignal(signum)
        if previous == signal.SIG_IGN:  # started ignoring it (nohup, a background job): a wipe would pull
            continue                    # the scratch folder from under a check that goes on

        def handler(sig, frame, previous=previous):
            manager.wipe_all()
            if callable(previous):
                previous(sig, frame)
            else:
                raise SystemExit(128 + sig)

        signal.signal(signum, handler)


_ALIVE = object()


def _lock_soon(fd: int, tries: int = 200) -> bool:
    """Lock a new folder's lock file: another thread or process checking whether the
    folder is alive (`_orphan_run_id`) holds the lock for an instant only."""
    for _ in range(tries):
        if _try_lock(fd):
            return True
        time.sleep(0.005)
    return False


def _orphan_run_id(folder: Path):
    """`_ALIVE` if a live process holds the folder, else the run id it names (or None)."""
    try:
        fd = os.open(folder / LOCK_FILE, os.O_RDWR)
    except FileNotFoundError:
        return _ALIVE if _younger_than_grace(folder) else _read_marker(folder)
    try:
        if not _try_lock(fd):
            return _ALIVE
    finally:
        os.close(fd)
    if not (folder / MARKER_FILE).exists() and _younger_than_grace(folder):
        return _ALIVE  # its owner may be between creating the lock file and locking it
    return _read_marker(folder)


def _made_at(folder: Path) -> float:
    """When the folder was made: its lock file is made with it and never written."""
    for path in (folder / LOCK_FILE, folder):
        try:
            return path.stat().st_mtime
        except OSError:
            continue
    return time.time()


def _younger_than_grace(folder: Path) -> bool:
    try:
        return time.time() - folder.stat().st_mtime < UNLOCKED_GRACE_SECONDS
    except FileNotFoundError:
        return True  # wiped by its owner while we looked: nothing to do


def _write_marker(folder: Path, run_id: int | None) -> None:
    marker = {"pid": os.getpid(), "run_id": run_id, "created": time.time()}
    fd = os.open(folder / MARKER_FILE, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(marker, out)


def _read_marker(folder: Path) -> int | None:
    try:
        run_id = json.loads((folder / MARKER_FILE).read_text("utf-8")).get("run_id")
    except (OSError, ValueError, AttributeError):
        return None
    return run_id if isinstance(run_id, int) else None


def _remove_tree(folder: Path) -> None:
    try:
        shutil.rmtree(folder)
    except FileNotFoundError:
        return
    except OSError as exc:  # a file still open elsewhere (Windows): the next start retries
        log.warning("A scratch folder could not be wiped completely (%s).", type(exc).__name__)


def _private(folder: Path) -> None:
    if os.name == "posix":
        folder.chmod(0o700)
