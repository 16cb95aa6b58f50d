"""The window's verdict words live in `reports.words`, shared with the reports
and the command line; the main window still imports `submission_verdict` from here."""

from __future__ import annotations

from ...reports.words import submission_verdict

__all__ = ["submission_verdict"]
