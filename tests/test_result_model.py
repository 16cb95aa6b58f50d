import json

import pytest

from naaccord_desktop.engine.codes import CODES
from naaccord_desktop.engine.result import (
    SCHEMA,
    CheckOptions,
    FileResult,
    Finding,
    IdCount,
    PatientIds,
    StageRecord,
    SubmissionResult,
    VariableSummary,
    verdict_of,
    worst,
)


def _finding(code: str) -> Finding:
    return Finding(code=code, severity=CODES[code].severity, column="c", count=3, lines=[2, 5],
                   message="m", values=["a", "b"])


def test_json_round_trip_keeps_everything():
    result = SubmissionResult(
        app_version="1", definitions_version="2026.1", options=CheckOptions(cohort="CWRU"), started_at="t",
        verdict="blocked",
        files=[FileResult(
            path="lab.csv", table="laboratory", sha256="ab", size=10, rows=2,
            findings=[_finding("patient_id.unknown")],
            patient_ids=PatientIds(distinct=2, not_in_patient_file=1, rows_with_unknown=1,
                                   unknown=[IdCount("X1", 1, [3])]),
            summaries={"c": VariableSummary("c", "enum", 2, 0, 2, top_values=[["A", 2]])},
            stages=[StageRecord("load", "done", 0.5)],
        )],
    )
    data = json.loads(json.dumps(result.to_dict()))
    assert data["schema"] == SCHEMA
    assert SubmissionResult.from_dict(data) == result


def test_from_dict_rejects_another_schema():
    with pytest.raises(ValueError, match="schema"):
        SubmissionResult.from_dict({"schema": "something-else/9"})


def test_verdicts_order_from_clean_to_blocked():
    assert verdict_of([]) == "clean"
    assert verdict_of([_finding("enum.case")]) == "clean"
    assert verdict_of([_finding("enum.invalid"), _finding("enum.case")]) == "ready"
    assert verdict_of([_finding("patient_id.unknown"), _finding("enum.invalid")]) == "blocked"
    assert worst(["clean", "blocked", "ready"]) == "blocked"
    assert worst([]) == "clean"


def test_every_code_has_a_known_severity():
    assert {c.severity for c in CODES.values()} <= {"blocker", "error", "warning"}
