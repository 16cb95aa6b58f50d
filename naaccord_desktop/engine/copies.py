"""Copies of patient data the app makes, and the one interface through which
the code that makes or removes a copy reports it: the engine (DuckDB's
spill folder, the transcoded and clean copies), the scratch folders
(store/scratch.py) and the exports (reports/files.py). The store keeps the
reports as an audit (store/audit.py). A report says what kind of copy it is
and where, never what it holds.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Protocol

SCRATCH = "scratch"
SPILL = "spill"
UTF8_COPY = "utf8_copy"
CLEAN_COPY = "clean_copy"
FULL_REPORT = "full_report"
JSON_RESULT = "json_result"
ROWS_CSV = "rows_csv"
FULL_WORKBOOK = "full_workbook"

# Each kind of copy, in words. An export that holds patient IDs or cell values
# is registered here and in EXPORTS, and written with reports.files.write_atomically(kind=...).
KINDS = {
    SCRATCH: "Scratch folder of a check",
    SPILL: "DuckDB overflow folder",
    UTF8_COPY: "Copy re-encoded as UTF-8",
    CLEAN_COPY: "Copy of the readable records",
    FULL_REPORT: "Full report (HTML)",
    JSON_RESULT: "JSON result",
    ROWS_CSV: "Rows (CSV)",
    FULL_WORKBOOK: "Full report (Excel workbook)",
}
EXPORTS = frozenset({FULL_REPORT, JSON_RESULT, ROWS_CSV, FULL_WORKBOOK})


class CopyLog(Protocol):
    def made(self, kind: str, path: Path) -> None:
        """A copy of `kind` is about to be written at `path` (said before its
        first byte, so that a crash cannot leave a copy nobody reported)."""

    def removing(self, path: Path) -> AbstractContextManager[None]:
        """The block removes the copy at `path` and whatever was reported under it."""

    def renamed(self, old: Path, new: Path) -> None:
        """The copy at `old` now is `new`, in place of whatever was there."""


class _NoLog:
    """For callers that keep no audit (tests, tools)."""

    def made(self, kind: str, path: Path) -> None:
        pass

    def removing(self, path: Path) -> AbstractContextManager[None]:
        return nullcontext()

    def renamed(self, old: Path, new: Path) -> None:
        pass


NO_LOG: CopyLog = _NoLog()
