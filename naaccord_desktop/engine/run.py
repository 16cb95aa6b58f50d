"""The state of one check while its pipeline runs, and what a stage can answer.

`CheckRun` is the submission's share (the DuckDB connection, the options, the
scratch folder, progress and cancel); `FileRun` is one file's: where it is on
its stage list and what earlier stages produced for later ones.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import duckdb

from ..definitions.model import Table
from .copies import NO_LOG, CopyLog
from .distinct import Ahead
from .header import HeaderMatch
from .inspect import Head, WholeFile
from .metadata import Metadata
from .progress import CancelToken, EventKind, ProgressCallback, ProgressEvent, Stage
from .reader import Loaded
from .result import CheckOptions, FileResult, Finding
from .rules import Facts, RawFinding
from .structure import StructureReport


@dataclass
class SubmissionFile:
    path: Path
    table: str


@dataclass
class Done:
    """A stage's note for the stepper and the result: what it found, in words."""

    message: str = ""
    counts: dict = field(default_factory=dict)


@dataclass
class Fallback:
    """A stage's answer: the fast reader cannot take this file as it is; it
    continues on the diagnostic stage list, at `resume_at`."""

    reason: str
    resume_at: str = "metadata"


class StageFailed(Exception):
    """A stage cannot go on, for a reason already reported as a finding (the message says it)."""


class RowLines(Protocol):
    """What both paths' line maps answer (lines.LineMap, structure.LineMap)."""

    def lines(self, rowids: list[int]) -> list[int]:
        """The physical lines of loaded rows, in the order given."""


@dataclass
class CheckRun:
    """What every file of one check shares."""

    con: duckdb.DuckDBPyConnection
    options: CheckOptions
    scratch: Path
    progress: ProgressCallback
    cancel: CancelToken
    hasher: ThreadPoolExecutor  # the whole-file scans and SHA-256 reads run here, beside DuckDB's scans
    scans: ThreadPoolExecutor | None = None  # values scans started ahead of their Rules stage (None: one thread)
    scan_beside_load: bool = False  # a values scan may start with its load scan (a core is left for it)
    has_patient_file: bool = False
    reference_ready: bool = False  # the patient list the depot would keep is known (it may be empty)
    patient_refused: bool = False  # the depot would refuse every patient file of the check
    copies: CopyLog = NO_LOG  # told of every copy made in the scratch folder and of its removal


@dataclass
class FileRun:
    """One file's state; each stage reads what earlier ones produced."""

    file: SubmissionFile
    table: Table
    name: str  # the stem of its SQL tables and of its scratch files
    result: FileResult
    check: CheckRun
    stages: tuple[Stage, ...] = ()
    position: int = 0  # index of the next stage in `stages`
    head: Head | None = None
    whole: Future | None = None  # -> WholeFile
    digest: Future | None = None  # -> its SHA-256: fast.start_digest
    metadata: Metadata | None = None
    structure: StructureReport | None = None
    loaded: Loaded | None = None
    match: HeaderMatch | None = None
    raw_header: list[str] = field(default_factory=list)  # as the file writes it, before cohort renames
    delimiter: str = ","  # the one the file uses
    line_map: RowLines | None = None
    facts: Facts | None = None
    ahead: Ahead | None = None  # its values scan, started before its Rules stage (table_stages.scan_ahead)
    relations: dict[str, str] = field(default_factory=dict)  # column -> SQL of its distinct values (values scan)
    late_reason: str = ""  # why the values scan sends a fast-path file to the detailed check after all
    uniques: list[RawFinding] = field(default_factory=list)  # duplicates of unique columns over the table
    scalars: dict | None = None  # the summaries' share of the rules pass
    stopped: bool = False  # nothing more can be checked in this file
    identity: tuple[int, int] | None = None  # (size, modification time in ns) when it was first opened
    temporary: list[Path] = field(default_factory=list)  # scratch copies removed when the check ends

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        return self.check.con

    @property
    def cancel(self) -> CancelToken:
        return self.check.cancel

    @property
    def is_patient(self) -> bool:
        return self.table.name == PATIENT_TABLE

    def emit(self, kind: EventKind, stage: str = "", **kw) -> None:
        self.check.progress(ProgressEvent(file=str(self.file.path), kind=kind, stage=stage, **kw))

    def whole_file(self) -> WholeFile:
        assert self.whole is not None
        return self.whole.result()

    def add(self, finding: Finding) -> None:
        self.result.findings.append(finding)

    def remember_identity(self) -> None:
        self.identity = file_identity(self.file.path)

    def scratch_file(self, suffix: str, kind: str) -> Path:
        """A path for a temporary copy of this file (of `kind`, in engine.copies),
        removed when the check ends."""
        path = self.check.scratch / f"{self.name}{suffix}"
        self.check.copies.made(kind, path)
        self.temporary.append(path)
        return path

    def discard(self, path: Path) -> None:
        """Remove a temporary copy of this file (again: harmless)."""
        with self.check.copies.removing(path):
            path.unlink(missing_ok=True)


PATIENT_TABLE = "patient"


def file_identity(path: Path) -> tuple[int, int]:
    """(size, modification time in ns): what tells that a file was written to."""
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns
