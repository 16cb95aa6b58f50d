"""The one report model: produced by the engine, read by the GUI, the exporters
and the history store. Plain dataclasses with a versioned JSON form.

Privacy: `Finding.values`, `PatientIds.unknown`/`duplicates` and summary top
values hold cell values and patient IDs. They live in memory and in the
full report only; the history store and the shareable report leave them out.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum

from ..definitions.model import Severity
from .codes import CODES

SCHEMA = "naaccord-precheck/1"
MAX_EXAMPLES = 20


class Verdict(StrEnum):
    CLEAN = "clean"  # nothing blocks, no errors
    READY = "ready"  # nothing blocks; errors worth fixing
    BLOCKED = "blocked"  # the depot would refuse it
    NOT_CHECKED = ""  # a stored file whose check did not finish (the history keeps no verdict for it)


VERDICTS = (Verdict.CLEAN, Verdict.READY, Verdict.BLOCKED)  # best to worst


class StageStatus(StrEnum):
    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


class PathTaken(StrEnum):
    FAST = "fast"
    DIAGNOSTIC = "diagnostic"


@dataclass
class Acknowledged:
    """A coordinator marked the finding as known (engine/acknowledgements.py): in
    their own words, since when (ISO 8601), and the column it is kept under
    ("" for the whole file). It changes no verdict."""

    note: str
    since: str
    column: str = ""


@dataclass
class Finding:
    code: str  # stable, e.g. "date.invalid", "patient_id.unknown" (engine/codes.py)
    severity: Severity
    column: str | None
    count: int  # exact, over the whole file
    lines: list[int]  # first physical 1-based lines (header = 1), at most MAX_EXAMPLES
    message: str  # plain words, what is wrong
    fix: str = ""  # plain words, what to do
    values: list[str] = field(default_factory=list)  # offending values, aligned with `lines`
    hint: str = ""  # e.g. the date DuckDB would have parsed
    acknowledged: Acknowledged | None = None

    @classmethod
    def of(cls, code: str, message: str, fix: str = "", *, column: str | None = None, count: int = 1,
           lines: Iterable[int] = (), values: Iterable[str] = (), hint: str = "",
           severity: Severity | None = None) -> Finding:
        """A finding with its code's severity (a definition may set another for its own rules)."""
        return cls(code, severity or CODES[code].severity, column, count, list(lines), message, fix,
                   list(values), hint)


@dataclass
class IdCount:
    id: str
    count: int
    lines: list[int] = field(default_factory=list)


@dataclass
class PatientIds:
    distinct: int = 0
    duplicates: list[IdCount] = field(default_factory=list)  # patient file only
    not_in_patient_file: int = 0  # distinct unknown IDs
    rows_with_unknown: int = 0
    unknown: list[IdCount] = field(default_factory=list)  # every distinct unknown ID


@dataclass
class VariableSummary:
    column: str
    type: str
    count: int  # rows
    missing: int
    distinct: int
    top_values: list[list] = field(default_factory=list)  # [[value, count], ...] enum/boolean/string
    outside_allowed: list[list] = field(default_factory=list)  # [[value, count], ...]
    numeric: dict = field(default_factory=dict)  # min, max, mean, median, invalid
    dates: dict = field(default_factory=dict)  # min, max, invalid, months: [[YYYY-MM, count], ...]


@dataclass
class StageRecord:
    key: str
    status: StageStatus
    seconds: float
    note: str = ""
    findings: int = 0  # how many of the file's findings this stage added


@dataclass
class FileInfo:
    """What the app found about the file's form. Every fact here may be shared,
    except those whose field is marked `from_the_file` (engine/privacy.py)."""

    encoding: str = ""  # "utf-8", "not utf-8", or what the detailed check found ("Windows-1252")
    read_as: str = ""  # the codec the rows were read with
    bom: bool = False
    delimiter: str = ""  # "comma", "tab", "semicolon", "pipe", or the character itself
    quote: str = ""
    dialect_evidence: str = ""  # how the delimiter was chosen
    line_endings: str = ""  # "LF", "CRLF", "CR", "mixed", "none"
    line_ending_counts: dict[str, int] = field(default_factory=dict)
    physical_lines: int | None = None  # None: not counted (the fast path)
    nul_bytes: int | None = None
    values_per_line: dict[str, int] = field(default_factory=dict)  # how many lines hold how many values
    header: list[str] = field(default_factory=list, metadata={"from_the_file": True})

    @classmethod
    def from_dict(cls, d: dict) -> FileInfo:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in known})


@dataclass
class FileResult:
    path: str
    table: str
    sha256: str = ""
    size: int = 0
    rows: int = 0
    path_taken: PathTaken = PathTaken.FAST
    fallback_reason: str = ""
    verdict: Verdict = Verdict.CLEAN
    file_info: FileInfo = field(default_factory=FileInfo)
    patient_ids: PatientIds = field(default_factory=PatientIds)
    findings: list[Finding] = field(default_factory=list)
    summaries: dict[str, VariableSummary] = field(default_factory=dict)
    stages: list[StageRecord] = field(default_factory=list)

    def finished(self, cancelled: bool) -> bool:
        """False when this file's check was cut short: a stage was stopped, the file
        changed while it was read, or the submission was cancelled before this
        file's rules ran (a file whose own failure ended its check earlier keeps
        its verdict). Such a file has no verdict."""
        statuses = {s.key: s.status for s in self.stages}
        if "cancelled" in statuses.values() or any(f.code == "file.changed" for f in self.findings):
            return False
        return not cancelled or statuses.get("rules") == "done" or "failed" in statuses.values()

    def counts_by_severity(self) -> dict[Severity, int]:
        out = dict.fromkeys(Severity, 0)
        for f in self.findings:
            out[f.severity] += 1
        return out


def every_core() -> int:
    """DuckDB's threads unless the user says otherwise: one per core of this machine."""
    return max(1, min(os.cpu_count() or 1, 64))


@dataclass(frozen=True)
class CheckOptions:
    """How a submission was checked (the scratch folder is the caller's, never part of a result)."""

    cohort: str = ""  # its header renames are applied first
    diagnose: bool = False  # every file takes the diagnostic path
    memory_limit: str = "1GB"  # DuckDB spills the rest to the scratch folder
    threads: int = field(default_factory=every_core)


@dataclass
class SubmissionResult:
    app_version: str
    definitions_version: str
    started_at: str = ""  # ISO 8601, local time with offset
    seconds: float = 0.0
    verdict: Verdict = Verdict.CLEAN
    cancelled: bool = False
    files: list[FileResult] = field(default_factory=list)
    options: CheckOptions = field(default_factory=CheckOptions)

    @property
    def cohort(self) -> str:
        return self.options.cohort

    def to_dict(self) -> dict:
        return {"schema": SCHEMA, "cohort": self.cohort, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict) -> SubmissionResult:
        if data.get("schema") != SCHEMA:
            raise ValueError(f"Not a {SCHEMA} result (schema {data.get('schema')!r}).")
        files = [_file_from_dict(f) for f in data.get("files", [])]
        fields = {k: v for k, v in data.items() if k not in ("schema", "cohort", "files", "options", "verdict")}
        options = CheckOptions(**data.get("options", {"cohort": data.get("cohort", "")}))
        return cls(**fields, verdict=Verdict(data.get("verdict", Verdict.CLEAN)), files=files, options=options)


def _file_from_dict(d: dict) -> FileResult:
    d = dict(d)
    pid = d.pop("patient_ids", {}) or {}
    patient_ids = PatientIds(
        distinct=pid.get("distinct", 0),
        duplicates=[IdCount(**x) for x in pid.get("duplicates", [])],
        not_in_patient_file=pid.get("not_in_patient_file", 0),
        rows_with_unknown=pid.get("rows_with_unknown", 0),
        unknown=[IdCount(**x) for x in pid.get("unknown", [])],
    )
    plain = {k: v for k, v in d.items()
             if k not in ("findings", "summaries", "stages", "path_taken", "verdict", "file_info")}
    return FileResult(
        **plain,
        file_info=FileInfo.from_dict(d.get("file_info") or {}),
        path_taken=PathTaken(d.get("path_taken", PathTaken.FAST)),
        verdict=Verdict(d.get("verdict", Verdict.CLEAN)),
        patient_ids=patient_ids,
        findings=[_finding_from_dict(f) for f in d.get("findings", [])],
        summaries={k: VariableSummary(**v) for k, v in d.get("summaries", {}).items()},
        stages=[StageRecord(**{**s, "status": StageStatus(s["status"])}) for s in d.get("stages", [])],
    )


def _finding_from_dict(f: dict) -> Finding:
    acknowledged = f.get("acknowledged")
    return Finding(**{**f, "severity": Severity(f["severity"]),
                      "acknowledged": Acknowledged(**acknowledged) if acknowledged else None})


def worst(verdicts: Iterable[Verdict]) -> Verdict:
    """The worst of several verdicts (clean when there are none)."""
    return max(verdicts, key=VERDICTS.index, default=Verdict.CLEAN)


def verdict_of(findings: list[Finding]) -> Verdict:
    severities = {f.severity for f in findings}
    if Severity.BLOCKER in severities:
        return Verdict.BLOCKED
    return Verdict.READY if Severity.ERROR in severities else Verdict.CLEAN
