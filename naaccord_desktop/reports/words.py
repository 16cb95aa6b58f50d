"""Words every view of a result shares (window, history, reports, receipt,
command line), so a verdict, a severity, a stage or a size reads the same
everywhere. No Qt here: the command line uses it too."""

from __future__ import annotations

from ..engine.pipeline import DIAGNOSTIC_STAGES, FAST_STAGES

VERDICT_LABEL = {"blocked": "Blocked", "ready": "Ready to upload", "clean": "Clean"}
VERDICT_SENTENCE = {  # where a verdict stands alone, in plain text
    "blocked": "BLOCKED: the depot would reject it",
    "ready": "ready to upload, with errors worth fixing",
    "clean": "clean: ready to upload, nothing to fix",
}
NOT_CHECKED = "Not checked: the check was stopped"  # a file whose check did not finish has no verdict
SEVERITY_LABEL = {"blocker": "Blocks upload", "error": "Error", "warning": "Warning"}
_STAGE_TITLE = {stage.key: stage.title for stage in (*FAST_STAGES, *DIAGNOSTIC_STAGES)}


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 row', '2 rows', '1,204 rows'; `many` for irregular plurals ('1 entry', '2 entries')."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def verdict_label(verdict: str) -> str:
    return VERDICT_LABEL.get(verdict, verdict)


def verdict_sentence(verdict: str) -> str:
    return VERDICT_SENTENCE.get(verdict, verdict)


def stage_title(key: str) -> str:
    """'patient_ids' -> 'Patient IDs', as the engine's stage lists name it."""
    return _STAGE_TITLE.get(key, key.replace("_", " ").capitalize())


def human_size(size: int) -> str:
    """1024-based (1 KB = 1,024 bytes), as Windows Explorer counts."""
    if size < 1024:
        return plural(size, "byte")
    value = size / 1024
    for unit in ("KB", "MB", "GB"):
        if value < 1024:
            return f"{value:,.1f} {unit}"
        value /= 1024
    return f"{value:,.1f} TB"
