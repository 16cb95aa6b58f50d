"""Words every view of a result shares (window, history, reports, receipt,
command line), so a verdict, a severity, a stage or a size reads the same
everywhere, and each verdict sentence is written once. No Qt here: the
command line uses it too."""

from __future__ import annotations

from collections.abc import Mapping

from ..engine.codes import CODES
from ..engine.pipeline import DIAGNOSTIC_STAGES, FAST_STAGES
from ..engine.result import FileResult, Finding, SubmissionResult, verdict_of, worst
from ..engine.translation import N_, _, counted, number

# Each text here is kept in English and translated where it is shown (engine/translation.py).
VERDICT_LABEL = {"blocked": N_("Blocked"), "ready": N_("Ready to upload"), "clean": N_("Clean")}
VERDICT_SENTENCE = {  # where a verdict stands alone, in plain text
    "blocked": N_("BLOCKED: the depot would reject it"),
    "ready": N_("ready to upload, with errors worth fixing"),
    "clean": N_("clean: ready to upload, nothing to fix"),
}
ADVICE = {  # what to do about a verdict, under its headline in the window
    "blocked": N_("The depot will reject this upload. Fix the problems marked “Blocks upload” below, then check "
                  "again."),
    "ready": N_("The depot will accept it, but some values break the NA-ACCORD definitions. "
                "Please fix the errors if you can."),
    "clean": N_("Nothing breaks the NA-ACCORD definitions."),
}
# A file or submission whose check did not finish has no verdict; each view says so in its place.
NOT_CHECKED = N_("Not checked: the check was stopped")
NOT_CHECKED_SHORT = N_("Not checked")  # a badge
NOT_FINISHED_ADVICE = N_("What was found before the stop is listed below. Check this file again for its verdict.")
NOT_FINISHED_FILE = N_("The check was stopped before this file was done: it has no verdict yet.")
CANCELLED_SUBMISSION = N_("Check cancelled: the results are incomplete")
CANCELLED_LISTING = N_("Check cancelled: no verdict. What was found before the cancel is listed below.")
CANCELLED_SUMMARY = N_("no verdict, the check was stopped")

SEVERITY_ORDER = ("blocker", "error", "warning")
SEVERITY_LABEL = {"blocker": N_("Blocks upload"), "error": N_("Error"), "warning": N_("Warning")}
_STAGE_TITLE = {stage.key: stage.title for stage in (*FAST_STAGES, *DIAGNOSTIC_STAGES)}


def rows(count: int) -> str:
    return counted(count, "{n} row", "{n} rows")


def errors(count: int) -> str:
    return counted(count, "{n} error", "{n} errors")


def warnings(count: int) -> str:
    return counted(count, "{n} warning", "{n} warnings")


def files(count: int) -> str:
    return counted(count, "{n} file", "{n} files")


def findings_count(count: int) -> str:
    return counted(count, "{n} finding", "{n} findings")


def human_size(size: int) -> str:
    """1024-based (1 KB = 1,024 bytes), as Windows Explorer counts."""
    if size < 1024:
        return counted(size, "{n} byte", "{n} bytes")
    value = size / 1024
    for unit in (N_("{size} KB"), N_("{size} MB"), N_("{size} GB")):
        if value < 1024:
            return _(unit).format(size=number(value, 1))
        value /= 1024
    return _("{size} TB").format(size=number(value, 1))


def stage_title(key: str) -> str:
    """'patient_ids' -> 'Patient IDs', as the engine's stage lists name it."""
    return _(_STAGE_TITLE[key]) if key in _STAGE_TITLE else key.replace("_", " ").capitalize()


def rule_title(finding: Finding) -> str:
    code = CODES.get(finding.code)
    return _(code.title) if code else finding.code


def severity_label(severity: str) -> str:
    return _(SEVERITY_LABEL[severity]) if severity in SEVERITY_LABEL else severity


def verdict_label(verdict: str) -> str:
    return _(VERDICT_LABEL[verdict]) if verdict in VERDICT_LABEL else verdict


def verdict_sentence(verdict: str) -> str:
    return _(VERDICT_SENTENCE[verdict]) if verdict in VERDICT_SENTENCE else verdict


def advice(verdict: str) -> str:
    return _(ADVICE[verdict])


def counts_words(counts: Mapping[str, int], separator: str = ", ") -> str:
    """'1 blocking, 5 errors, 10 warnings' from counts by severity."""
    return separator.join((counted(counts.get("blocker", 0), "{n} blocking", "{n} blocking"),
                           errors(counts.get("error", 0)), warnings(counts.get("warning", 0))))


# --- the window's headlines -------------------------------------------------------


def headline(findings: list[Finding]) -> str:
    """One line: can this be uploaded, and if not, the main reason."""
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_ORDER}
    verdict = verdict_of(findings)
    if verdict == "blocked":
        worst_finding = max((f for f in findings if f.severity == "blocker"), key=lambda f: f.count)
        reason = (counted(worst_finding.count, "{n} row uses patient IDs that are not in the patient file",
                          "{n} rows use patient IDs that are not in the patient file")
                  if worst_finding.code == "patient_id.unknown"
                  else _continue_sentence(worst_finding.message.rstrip(".")))
        others = counts["blocker"] - 1
        if others:
            return counted(others, "Blocked: {reason} (and {n} other blocking problem)",
                           "Blocked: {reason} (and {n} other blocking problems)", reason=reason)
        return _("Blocked: {reason}").format(reason=reason)
    extras = [words(counts[s]) for s, words in (("error", errors), ("warning", warnings)) if counts[s]]
    if len(extras) == 2:
        return _("Ready to upload, with {errors} and {warnings}").format(errors=extras[0], warnings=extras[1])
    if extras:
        return _("Ready to upload, with {problems}").format(problems=extras[0])
    return verdict_label("ready")


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
        text = counted(len(blocked), "Blocked: {n} file of {total} cannot be uploaded yet ({names})",
                       "Blocked: {n} files of {total} cannot be uploaded yet ({names})",
                       total=files_total, names=names)
        note = " " + counted(unchecked, "{n} file not checked yet.", "{n} files not checked yet.") if unchecked else ""
        return "blocked", text, _("Select a blocked file to see what to fix.") + note
    if not results:
        if stopped or unfinished:
            return ("neutral", _(NOT_CHECKED),
                    _("No file was finished, so there is no verdict. Press “Check all” to start again."))
        return ("neutral", counted(files_total, "{n} file, not checked yet", "{n} files, not checked yet"),
                _("Check that each file has the right table type, then press “Check all”."))
    if unchecked:
        so_far = _so_far([f for r in results for f in r.findings], len(results))
        if unfinished:
            return ("neutral", _(NOT_CHECKED),
                    counted(unchecked, "{n} file of {total} could not be checked to the end, so there is no "
                                       "verdict yet. {so_far} Press “Check all” to check again.",
                            "{n} files of {total} could not be checked to the end, so there is no verdict yet. "
                            "{so_far} Press “Check all” to check again.", total=files_total, so_far=so_far))
        return ("neutral", counted(unchecked, "Not ready yet: {n} file of {total} not checked",
                                   "Not ready yet: {n} files of {total} not checked", total=files_total),
                _("{so_far} Press “Check all” to check every file.").format(so_far=so_far))
    verdict = worst(r.verdict for r in results)
    return verdict, headline([f for r in results for f in r.findings]), advice(verdict)


def _so_far(findings: list[Finding], checked: int) -> str:
    """'So far, in the 10 files checked: 22 errors and 3 warnings.'"""
    return counted(checked, "So far, in the {n} file checked: {errors} and {warnings}.",
                   "So far, in the {n} files checked: {errors} and {warnings}.",
                   errors=errors(sum(f.severity == "error" for f in findings)),
                   warnings=warnings(sum(f.severity == "warning" for f in findings)))


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
        return _(CANCELLED_SUBMISSION)
    c = submission_counts(result)
    if result.verdict == "blocked":
        files = sum(1 for f in result.files if f.verdict == "blocked")
        return counted(files, "Blocked: {n} file would be rejected by the depot",
                       "Blocked: {n} files would be rejected by the depot")
    if result.verdict == "ready":
        return _("Ready to upload, with {errors} to review").format(errors=errors(c["error"]))
    if c["warning"]:
        return _("Clean: ready to upload, with {warnings}").format(warnings=warnings(c["warning"]))
    return _("Clean: ready to upload")


def submission_findings_sentence(result: SubmissionResult) -> str:
    """'1 finding blocks the upload, 3 errors, 3 warnings'."""
    c = submission_counts(result)
    return counted(c["blocker"], "{n} finding blocks the upload, {errors}, {warnings}",
                   "{n} findings block the upload, {errors}, {warnings}",
                   errors=errors(c["error"]), warnings=warnings(c["warning"]))


def file_sentence(f: FileResult, cancelled: bool) -> str:
    """What a file's verdict means for the coordinator, in one sentence."""
    if not f.finished(cancelled):
        return _(NOT_FINISHED_FILE)
    c = f.counts_by_severity()
    if f.verdict == "blocked":
        return counted(c["blocker"], "The depot will reject this file: {n} problem must be fixed before uploading.",
                       "The depot will reject this file: {n} problems must be fixed before uploading.")
    if f.verdict == "ready":
        return counted(c["error"], "Nothing blocks the upload, but {n} rule of the definitions is broken; please "
                                   "fix it in your source system.",
                       "Nothing blocks the upload, but {n} rules of the definitions are broken; please fix them "
                       "in your source system.")
    if c["warning"]:
        return _("Nothing to fix; {warnings} to review.").format(warnings=warnings(c["warning"]))
    return _("Nothing to fix.")


def _continue_sentence(text: str) -> str:
    """'Patient IDs are…' -> 'patient IDs are…', leaving acronyms such as 'UTF-8' alone."""
    if text[:1].isupper() and not text[1:2].isupper():
        return text[:1].lower() + text[1:]
    return text


def _name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
