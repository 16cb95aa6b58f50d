"""The JSON result export and its documented schema."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from test_reports_sample import sample_result

from naaccord_desktop.engine.result import SCHEMA, SubmissionResult
from naaccord_desktop.reports.json_export import write_json

SCHEMA_FILE = (Path(__file__).resolve().parents[1] / "naaccord_desktop" / "reports" / "schema"
               / "naaccord-precheck-1.schema.json")


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema"]["const"] == SCHEMA
    return Draft202012Validator(schema)


def test_written_result_matches_the_schema_and_reads_back(tmp_path, validator):
    result = sample_result()
    path = write_json(result, tmp_path / "result.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []
    assert SubmissionResult.from_dict(data) == result


@pytest.mark.parametrize("breakage", [
    lambda d: d.update(verdict="ok"),
    lambda d: d["files"][0].pop("sha256"),
    lambda d: d["files"][1]["findings"][0].update(severity="fatal"),
    lambda d: d["files"][1]["findings"][0].update(lines=[0]),
    lambda d: d["files"][0]["summaries"]["enrolDate"]["dates"]["months"].append(["2020/01", 3]),
    lambda d: d["files"][0].update(unexpected=1),
])
def test_schema_rejects_broken_results(validator, breakage):
    data = copy.deepcopy(sample_result().to_dict())
    breakage(data)
    assert list(validator.iter_errors(data)) != []


def test_every_model_field_is_documented(validator):
    """A field added to the report model must be added to the schema too."""
    data = sample_result().to_dict()
    defs = validator.schema["$defs"]
    assert set(data) == set(validator.schema["properties"])
    assert set(data["files"][0]) == set(defs["file"]["properties"])
    assert set(data["files"][0]["findings"][0]) == set(defs["finding"]["properties"])
    assert set(data["files"][0]["patient_ids"]) == set(defs["patient_ids"]["properties"])
    assert set(next(iter(data["files"][0]["summaries"].values()))) == set(defs["summary"]["properties"])
    assert set(data["files"][0]["stages"][0]) == set(defs["stage"]["properties"])

