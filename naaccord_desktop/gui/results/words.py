"""The verdict in the coordinator's words (no Qt here, so it is easy to test)."""

from __future__ import annotations

from ...engine.codes import CODES
from ...engine.result import FileResult, Finding, verdict_of, worst
from ...reports.words import SEVERITY_LABEL as SEVERITY_WORDS
from ...reports.words import NOT_CHECKED, VERDICT_LABEL, plural

SEVERITY_ORDER = ("blocker", "error", "warning")
# Blockers counted in rows, said as the coordinator would say them; others use the finding's message.
ROW_HEADLINES = {"patient_id.unknown": "{rows} use patient IDs that are not in the patient file"}


def rule_title(finding: Finding) -> str:
    code = CODES.get(finding.code)
    return code.title if code else finding.code


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


def advice(verdict: str) -> str:
    return {
        "blocked": "The depot will reject this upload. Fix the problems marked “Blocks upload” below, then check again.",
        "ready": "The depot will accept it, but some values break the NA-ACCORD definitions. Please fix the errors if you can.",
        "clean": "Nothing breaks the NA-ACCORD definitions.",
    }[verdict]


def file_headline(result: FileResult) -> str:
    return headline(result.findings)


def submission_verdict(results: list[FileResult], files_total: int, stopped: bool,
                       unfinished: int = 0) -> tuple[str, str, str]:
    """(verdict, headline, advice) for the whole submission from the latest
    results of its files that were checked to the end; `unfinished` files
    were cut short by a stop and have no verdict."""
    blocked = [r for r in results if r.verdict == "blocked"]
    if unfinished and not blocked:
        return ("neutral", NOT_CHECKED,
                f"{plural(unfinished, 'file')} of {files_total} could not be checked to the end, so there is "
                "no verdict yet. Press “Check all” to check again.")
    if not results:
        if stopped:
            return "neutral", NOT_CHECKED, "No file was finished, so there is no verdict. Press “Check all” to start again."
        return ("neutral", f"{plural(files_total, 'file')}, not checked yet",
                "Check that each file has the right table type, then press “Check all”.")
    verdict = worst(r.verdict for r in results)
    missing = files_total - len(results)
    note = " The check was stopped before the end, so the results are incomplete." if stopped else ""
    if missing and not stopped:
        note = f" {plural(missing, 'file')} not checked yet."
    if blocked:
        names = ", ".join(_name(r.path) for r in blocked[:3]) + ("…" if len(blocked) > 3 else "")
        text = f"{VERDICT_LABEL['blocked']}: {plural(len(blocked), 'file')} of {files_total} cannot be uploaded yet ({names})"
    else:
        text = headline([f for r in results for f in r.findings])
    detail = "Select a blocked file to see what to fix." if blocked else advice(verdict)
    return verdict, text, (detail + note).strip()


def _continue_sentence(text: str) -> str:
    """'Patient IDs are…' -> 'patient IDs are…', leaving acronyms such as 'UTF-8' alone."""
    if text[:1].isupper() and not text[1:2].isupper():
        return text[:1].lower() + text[1:]
    return text


def _name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
