"""Words every view of a result shares (window, history, reports, receipt,
command line), so a verdict, a severity, a stage or a size reads the same
everywhere, and each verdict sentence is written once. No Qt here: the
command line uses it too."""

from __future__ import annotations

from collections.abc import Mapping

from ..engine.codes import CODES
from ..engine.pipeline import DIAGNOSTIC_STAGES, FAST_STAGES
from ..engine.result import FileResult, Finding, SubmissionResult, verdict_of, worst

VERDICT_LABEL = {"blocked": "Blocked", "ready": "Ready to upload", "clean": "Clean"}
VERDICT_SENTENCE = {  # where a verdict stands alone, in plain text
    "blocked": "BLOCKED: the depot would reject it",
    "ready": "ready to upload, with errors worth fixing",
    "clean": "clean: ready to upload, nothing to fix",
}
ADVICE = {  # what to do about a verdict, under its headline in the window
    "blocked": "The depot will reject this upload. Fix the problems marked “Blocks upload” below, then check again.",
    "ready": ("The depot will accept it, but some values break the NA-ACCORD definitions. "
              "Please fix the errors if you can."),
    "clean": "Nothing breaks the NA-ACCORD definitions.",
}
# A file or submission whose check did not finish has no verdict; each view says so in its place.
NOT_CHECKED = "Not checked: the check was stopped"
NOT_CHECKED_SHORT = "Not checked"  # a badge
NOT_FINISHED_ADVICE = "What was found before the stop is listed below. Check this file again for its verdict."
NOT_FINISHED_FILE = "The check was stopped before this file was done: it has no verdict yet."
CANCELLED_SUBMISSION = "Check cancelled: the results are incomplete"
CANCELLED_LISTING = "Check cancelled: no verdict. What was found before the cancel is listed below."
CANCELLED_SUMMARY = "no verdict, the check was stopped"

SEVERITY_ORDER = ("blocker", "error", "warning")
SEVERITY_LABEL = {"blocker": "Blocks upload", "error": "Error", "warning": "Warning"}
# Blockers counted in rows, said as the coordinator would say them; others use the finding's message.
ROW_HEADLINES = {"patient_id.unknown": "{rows} use patient IDs that are not in the patient file"}
_STAGE_TITLE = {stage.key: stage.title for stage in (*FAST_STAGES, *DIAGNOSTIC_STAGES)}


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 row', '2 rows', '1,204 rows'; `many` for irregular plurals ('1 entry', '2 entries')."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


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


def stage_title(key: str) -> str:
    """'patient_ids' -> 'Patient IDs', as the engine's stage lists name it."""
    return _STAGE_TITLE.get(key, key.replace("_", " ").capitalize())


def rule_title(finding: Finding) -> str:
    code = CODES.get(finding.code)
    return code.title if code else finding.code


def verdict_label(verdict: str) -> str:
    return VERDICT_LABEL.get(verdict, verdict)


def verdict_sentence(verdict: str) -> str:
    return VERDICT_SENTENCE.get(verdict, verdict)


def advice(verdict: str) -> str:
    return ADVICE[verdict]


def counts_words(counts: Mapping[str, int], separator: str = ", ") -> str:
    """'1 blocking, 5 errors, 10 warnings' from counts by severity."""
    return separator.join((f"{counts.get('blocker', 0):,} blocking", plural(counts.get("error", 0), "error"),
                           plural(counts.get("warning", 0), "warning")))


# --- the window's headlines -------------------------------------------------------


def headline(findings: list[Finding]) -> str:
    """One line: can this be uploaded, and if not, the main reason."""
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_ORDER}
    verdict = verdict_of(findings)
    if verdict == "blocked":
        worst_finding = max((f for f in findings if f.severity == "blocker"), key=lambda f: f.count)
        template = ROW_HEADLINES.get(worst_finding.code)
        reason = (template.format(rows=plural(worst_finding.count, "row")) if template
                  else _continue_sentence(worst_finding.message.rstrip(".")))
        others = counts["blocker"] - 1
        more = f" (and {plural(others, 'other blocking problem')})" if others else ""
        return f"{VERDICT_LABEL['blocked']}: {reason}{more}"
    extras = []
    if counts["error"]:
        extras.append(plural(counts["error"], "error"))
    if counts["warning"]:
        extras.append(plural(counts["warning"], "warning"))
    return VERDICT_LABEL["ready"] + (", with " + " and ".join(extras) if extras else "")


def file_headline(result: FileResult) -> str:
    return headline(result.findings)


def submission_verdict(results: list[FileResult], files_total: int, stopped: bool,
                       unfinished: int = 0) -> tuple[str, str, str]:
    """(verdict, headline, advice) for the whole submission from the latest
    results of its files that were checked to the end; `unfinished` files
    were cut short by a stop and have no verdict. The submission is ready
    only when every file was checked to the end: a blocked file is said at
    once, anything else waits for the files not checked yet."""
    blocked = [r for r in results if r.verdict == "blocked"]
    unchecked = files_total - len(results)
    if blocked:
        names = ", ".join(_name(r.path) for r in blocked[:3]) + ("…" if len(blocked) > 3 else "")
        text = (f"{VERDICT_LABEL['blocked']}: {plural(len(blocked), 'file')} of {files_total} "
                f"cannot be uploaded yet ({names})")
        note = f" {plural(unchecked, 'file')} not checked yet." if unchecked else ""
        return "blocked", text, "Select a blocked file to see what to fix." + note
    if not results:
        if stopped or unfinished:
            return ("neutral", NOT_CHECKED,
                    "No file was finished, so there is no verdict. Press “Check all” to start again.")
        return ("neutral", f"{plural(files_total, 'file')}, not checked yet",
                "Check that each file has the right table type, then press “Check all”.")
    if unchecked:
        so_far = _so_far([f for r in results for f in r.findings], len(results))
        if unfinished:
            return ("neutral", NOT_CHECKED,
                    f"{plural(unchecked, 'file')} of {files_total} could not be checked to the end, so there is "
                    f"no verdict yet. {so_far} Press “Check all” to check again.")
        return ("neutral", f"Not ready yet: {plural(unchecked, 'file')} of {files_total} not checked",
                f"{so_far} Press “Check all” to check every file.")
    verdict = worst(r.verdict for r in results)
    return verdict, headline([f for r in results for f in r.findings]), advice(verdict)


def _so_far(findings: list[Finding], checked: int) -> str:
    """'So far, in the 10 files checked: 22 errors and 3 warnings.'"""
    counts = [plural(sum(f.severity == s for f in findings), SEVERITY_LABEL[s].lower())
              for s in ("error", "warning")]
    return f"So far, in the {plural(checked, 'file')} checked: {' and '.join(counts)}."


# --- the reports' sentences -------------------------------------------------------


def submission_counts(result: SubmissionResult) -> dict[str, int]:
    """Findings by severity over all files of the submission."""
    total = dict.fromkeys(SEVERITY_ORDER, 0)
    for f in result.files:
        for severity, count in f.counts_by_severity().items():
            total[severity] += count
    return total


def submission_sentence(result: SubmissionResult) -> str:
    """'Blocked: 2 files would be rejected by the depot' and the like."""
    if result.cancelled:
        return CANCELLED_SUBMISSION
    c = submission_counts(result)
    if result.verdict == "blocked":
        files = sum(1 for f in result.files if f.verdict == "blocked")
        return f"Blocked: {plural(files, 'file')} would be rejected by the depot"
    if result.verdict == "ready":
        return f"Ready to upload, with {plural(c['error'], 'error')} to review"
    if c["warning"]:
        return f"Clean: ready to upload, with {plural(c['warning'], 'warning')}"
    return "Clean: ready to upload"


def submission_findings_sentence(result: SubmissionResult) -> str:
    """'1 finding blocks the upload, 3 errors, 3 warnings'."""
    c = submission_counts(result)
    blocks = "blocks" if c["blocker"] == 1 else "block"
    return (f"{plural(c['blocker'], 'finding')} {blocks} the upload, "
            f"{plural(c['error'], 'error')}, {plural(c['warning'], 'warning')}")


def file_sentence(f: FileResult, cancelled: bool) -> str:
    """What a file's verdict means for the coordinator, in one sentence."""
    if not f.finished(cancelled):
        return NOT_FINISHED_FILE
    c = f.counts_by_severity()
    if f.verdict == "blocked":
        return (f"The depot will reject this file: {plural(c['blocker'], 'problem')} "
                "must be fixed before uploading.")
    if f.verdict == "ready":
        return (f"Nothing blocks the upload, but {plural(c['error'], 'rule')} of the "
                f"definitions {'is' if c['error'] == 1 else 'are'} broken; please fix them in your source system.")
    if c["warning"]:
        return f"Nothing to fix; {plural(c['warning'], 'warning')} to review."
    return "Nothing to fix."


def _continue_sentence(text: str) -> str:
    """'Patient IDs are…' -> 'patient IDs are…', leaving acronyms such as 'UTF-8' alone."""
    if text[:1].isupper() and not text[1:2].isupper():
        return text[:1].lower() + text[1:]
    return text


def _name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
