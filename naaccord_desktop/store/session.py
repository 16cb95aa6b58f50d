"""One check, for the window and the command line alike: the local state it
needs (settings, key, run history, scratch), its record in the history, its
own scratch folder (wiped as soon as it ends) and the engine run.

No Qt here: the window runs `CheckSession.run` in its worker thread, the
command line in a plain thread.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from .. import __version__
from ..definitions.model import DefinitionSet
from ..engine.acknowledgements import Acknowledgement, applied
from ..engine.pipeline import check_submission
from ..engine.progress import CancelToken, ProgressCallback
from ..engine.result import CheckOptions, SubmissionResult
from ..engine.run import SubmissionFile
from ..engine.translation import N_, _
from .audit import Audit
from .history import History, HistoryError
from .paths import AppPaths, usable_folder
from .scratch import ScratchManager, recover_crashed_runs
from .secrets import Secrets, load_secrets
from .settings import Settings, load_settings

log = logging.getLogger(__name__)

CRASH_NOTE = N_("The check stopped because of a problem in the app.")
NO_SCRATCH_NOTE = N_("No folder for the temporary copies could be made.")
NOT_RECORDED = N_("This check could not be recorded in the history of checks.")
NO_HISTORY_FOLDER = N_("The history of checks cannot be kept, because its folder cannot be written to: {folder}. "
                       "Checks still work; they are not remembered.")


class CheckCannotStart(Exception):
    """Plain words: why the check did not start (nothing was read)."""


@dataclass
class LocalState:
    """What the app keeps on this computer, opened once per process."""

    paths: AppPaths
    settings: Settings
    secrets: Secrets
    scratch: ScratchManager
    history: History | None  # None: it could not be opened, checks and copies are not recorded
    history_problem: str = ""  # why not, in plain words
    audit: Audit | None = None  # the copies of patient data, kept in the history's file
    unusable_folders: list[str] = field(default_factory=list)  # plain words: each folder missing, and its cost

    @property
    def problems(self) -> list[str]:
        """Everything not available in this session, in plain words."""
        return self.unusable_folders + ([self.history_problem] if self.history_problem else [])

    def close(self) -> None:
        """At exit, after any check has stopped (a second call does nothing)."""
        self.scratch.wipe_all()
        history, self.history = self.history, None
        if history is not None:
            history.close()


def open_local_state(paths: AppPaths) -> LocalState:
    """Settings, key, run history, audit and scratch; wipes what crashed checks
    left (recorded in the audit as wiped late), marks their runs interrupted
    and forgets what is older than the settings keep."""
    settings = load_settings(paths)
    secrets = load_secrets()
    history, audit, problem = None, None, ""
    try:
        history = History(paths.history_db, secrets)
        audit = Audit(history)
    except HistoryError as exc:
        problem = str(exc)
    except OSError:
        problem = _(NO_HISTORY_FOLDER).format(folder=paths.data)
    scratch = ScratchManager(settings.scratch_root(paths), audit)
    if history is not None:
        recover_crashed_runs(scratch, history)
        forget_old(history, audit, settings.keep_days)
    else:
        scratch.recover()
    return LocalState(paths, settings, secrets, scratch, history, problem, audit,
                      _unusable_folders(paths, scratch.root))


def forget_old(history: History, audit: Audit, days: int) -> None:
    """Runs that started, and copies that were wiped, more than `days` ago."""
    before = datetime.now().astimezone() - timedelta(days=days)
    try:
        runs = history.prune(before)
    except (HistoryError, sqlite3.Error) as exc:
        log.error("Old runs not forgotten (%s).", type(exc).__name__)
        return
    copies = audit.prune(before)
    if runs or copies:
        log.info("Forgot %d runs and %d audit records older than %d days.", runs, copies, days)


def _unusable_folders(paths: AppPaths, scratch_root: Path) -> list[str]:
    """Plain words for each folder this session cannot write to, and what that costs."""
    folders = (
        (scratch_root, _("The folder for temporary copies cannot be written to: {folder}. Checks cannot run "
                         "without it: make it writable, or choose another folder for temporary copies in Settings "
                         "and start the app again.")),
        (paths.config, _("The settings folder cannot be written to: {folder}. Your settings and the window's size "
                         "and place are not remembered.")),
        (paths.logs, _("The log folder cannot be written to: {folder}. Nothing is logged.")),
    )
    return [words.format(folder=folder) for folder, words in folders if not usable_folder(folder)]


Engine = Callable[..., SubmissionResult]  # engine.pipeline.check_submission's signature


@dataclass
class CheckSession:
    """Runs checks and records them; `engine` is check_submission (tests pass stand-ins).
    Each result carries the acknowledged findings: `acknowledgements`, or when
    None those of the run history. `not_recorded` holds the plain words of the
    latest history write that failed."""

    definitions: DefinitionSet
    scratch: ScratchManager
    history: History | None
    engine: Engine = check_submission
    not_recorded: str = ""
    last_run_id: int | None = None  # the history's number of the latest check (exports name it in the audit)
    acknowledgements: list[Acknowledgement] | None = None

    def run(self, files: Sequence[SubmissionFile], options: CheckOptions, progress: ProgressCallback,
            cancel: CancelToken) -> SubmissionResult:
        """Check `files`; raises CheckCannotStart (plain words), or what the engine raised."""
        self.not_recorded = ""
        run_id = self._record(lambda h: h.start_run(files, cohort=options.cohort, app_version=__version__,
                                                    definitions_version=self.definitions.version))
        self.last_run_id = run_id
        try:
            folder = self.scratch.new_run(run_id)
        except OSError as exc:
            log.error("No scratch folder (%s).", type(exc).__name__)
            self._record(lambda h: h.fail_run(run_id, _(NO_SCRATCH_NOTE)))
            raise CheckCannotStart(
                _("The app could not make a folder for its temporary copies in {folder}. Check that this folder "
                  "can be written to, or choose another scratch location in Settings.").format(
                    folder=self.scratch.root)) from None
        try:
            result = self.engine(list(files), self.definitions, options, progress, cancel, scratch=folder.folder,
                                 copies=folder.copies)
        except Exception:
            self._record(lambda h: h.fail_run(run_id, _(CRASH_NOTE)))
            raise
        finally:
            self.scratch.close(folder)
        acks = self.acknowledgements
        if acks is None:
            acks = self._record(lambda h: h.acknowledgements()) or []
        result = applied(result, acks, self.definitions)
        self._record(lambda h: h.finish_run(run_id, result, self.definitions))
        return result

    def _record(self, write: Callable[[History], object]) -> object:
        """Write to the run history; a history that fails only costs this record."""
        if self.history is None:
            return None
        try:
            return write(self.history)
        except (HistoryError, sqlite3.Error, OSError) as exc:
            log.error("Run history not updated (%s).", type(exc).__name__)
            self.not_recorded = _(NOT_RECORDED)
            return None
