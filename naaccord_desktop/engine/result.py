"""The one report model: produced by the engine, read by the GUI, the exporters
and the history store. Plain dataclasses with a versioned JSON form.

Privacy: `Finding.values`, `PatientIds.unknown`/`duplicates` and summary top
values hold cell values and patient IDs. They live in memory and in the
full report only; the history store and the shareable report leave them out.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SCHEMA = "naaccord-precheck/1"
VERDICTS = ("clean", "ready", "blocked")  # best to worst
MAX_EXAMPLES = 20


@dataclass
class Finding:
    code: str  # stable, e.g. "date.invalid", "patient_id.unknown"
    severity: str  # "blocker" | "error" | "warning"
    column: str | None
    count: int  # exact, over the whole file
    lines: list[int]  # first physical 1-based lines (header = 1), at most MAX_EXAMPLES
    message: str  # plain words, what is wrong
    fix: str = ""  # plain words, what to do
    values: list[str] = field(default_factory=list)  # offending values, aligned with `lines`
    hint: str = ""  # e.g. the date DuckDB would have parsed


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
    status: str  # "done" | "failed" | "skipped" | "cancelled"
    seconds: float
    note: str = ""


@dataclass
class FileResult:
    path: str
    table: str
    sha256: str = ""
    size: int = 0
    rows: int = 0
    path_taken: str = "fast"  # "fast" | "diagnostic"
    fallback_reason: str = ""
    verdict: str = "clean"
    file_info: dict = field(default_factory=dict)  # encoding, bom, delimiter, line_endings, header ...
    patient_ids: PatientIds = field(default_factory=PatientIds)
    findings: list[Finding] = field(default_factory=list)
    summaries: dict[str, VariableSummary] = field(default_factory=dict)
    stages: list[StageRecord] = field(default_factory=list)

    def finished(self, cancelled: bool) -> bool:
        """False when this file's check was cut short: a stage was stopped, or the
        submission was cancelled before this file's rules ran (a file whose own
        failure ended its check earlier keeps its verdict). Such a file has no verdict."""
        statuses = {s.key: s.status for s in self.stages}
        if "cancelled" in statuses.values():
            return False
        return not cancelled or statuses.get("rules") == "done" or "failed" in statuses.values()

    def counts_by_severity(self) -> dict[str, int]:
        out = {"blocker": 0, "error": 0, "warning": 0}
        for f in self.findings:
            out[f.severity] += 1
        return out


@dataclass(frozen=True)
class CheckOptions:
    """How a submission was checked (the scratch folder is the caller's, never part of a result)."""

    cohort: str = ""  # its header renames are applied first
    diagnose: bool = False  # every file takes the diagnostic path
    memory_limit: str = "1GB"  # DuckDB spills the rest to the scratch folder
    threads: int = 2


@dataclass
class SubmissionResult:
    app_version: str
    definitions_version: str
    started_at: str = ""  # ISO 8601, local time with offset
    seconds: float = 0.0
    verdict: str = "clean"
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
        fields = {k: v for k, v in data.items() if k not in ("schema", "cohort", "files", "options")}
        options = CheckOptions(**data.get("options", {"cohort": data.get("cohort", "")}))
        return cls(**fields, files=files, options=options)


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
    return FileResult(
        **{k: v for k, v in d.items() if k not in ("findings", "summaries", "stages")},
        patient_ids=patient_ids,
        findings=[Finding(**f) for f in d.get("findings", [])],
        summaries={k: VariableSummary(**v) for k, v in d.get("summaries", {}).items()},
        stages=[StageRecord(**s) for s in d.get("stages", [])],
    )


def worst(verdicts) -> str:
    """The worst of several verdicts ("clean" when there are none)."""
    return max(verdicts, key=VERDICTS.index, default="clean")


def verdict_of(findings: list[Finding]) -> str:
    severities = {f.severity for f in findings}
    if "blocker" in severities:
        return "blocked"
    return "ready" if "error" in severities else "clean"
