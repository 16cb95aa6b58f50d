"""The JSON result: SubmissionResult.to_dict() as a file, in the versioned
format documented by schema/naaccord-precheck-1.schema.json.

It is the full result (patient IDs and cell values included): it stays on the
computer where the check ran, like the full HTML report.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..engine.copies import JSON_RESULT, NO_LOG, CopyLog
from ..engine.result import SubmissionResult
from .files import save


class ResultFileError(Exception):
    """A result file cannot be written; the message is for the coordinator."""


def result_json(result: SubmissionResult) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"


def write_json(result: SubmissionResult, path: Path, copies: CopyLog = NO_LOG) -> Path:
    return save(path, result_json(result), ResultFileError, "The result", copies=copies, kind=JSON_RESULT)

