"""The JSON result: SubmissionResult.to_dict() as a file, in the versioned
format documented by schema/naaccord-precheck-1.schema.json.

It is the full result (patient IDs and cell values included): it stays on the
computer where the check ran, like the full HTML report.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..engine.result import SubmissionResult


class ResultFileError(Exception):
    """A result file cannot be written or read; the message is for the coordinator."""


def result_json(result: SubmissionResult) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"


def write_json(result: SubmissionResult, path: Path) -> Path:
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(result_json(result), encoding="utf-8")
        os.replace(partial, path)
    except OSError as exc:
        raise ResultFileError(f"The result cannot be saved as {path}: {exc.strerror or exc}.") from None
    return path


def read_json(path: Path) -> SubmissionResult:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ResultFileError(f"{path.name} cannot be opened: {exc.strerror or exc}.") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ResultFileError(f"{path.name} is not a precheck result (not JSON).") from None
    try:
        return SubmissionResult.from_dict(data)
    except (ValueError, TypeError, AttributeError):
        raise ResultFileError(f"{path.name} is not a precheck result this version of the app "
                              "can read.") from None
