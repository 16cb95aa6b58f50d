"""What the shareable report may show: patient IDs as keyed pseudonyms, and no
cell values anywhere, including inside the engine's plain-language messages.

The pseudonym function is the caller's: the install's
`naaccord_desktop.store.secrets.Secrets.pseudonym`, so that a pseudonym means
the same patient in every report and in the run history of this computer.

The full report renders text as is; the shareable one passes every piece of
engine text through `Redactor.scrub`, which replaces each patient ID the result
knows with its pseudonym and each cell value it knows with "[value removed]".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..engine.result import SubmissionResult

TITLE = "Shareable report: contains no patient IDs or cell values"
REMOVED = "[value removed]"
HIDDEN_COLUMN = "(column name removed)"
# Keys of FileResult.file_info that describe the file's form, never its content
# (a "header" may be the first data row of a file that has no header).
SAFE_FILE_INFO = ("encoding", "read_as", "bom", "delimiter", "quote", "line_endings",
                  "line_ending_counts", "physical_lines", "nul_bytes", "dialect_evidence")


class Redactor:
    """Scrubs patient IDs and offending values out of engine text, exactly as
    they were written (the engine's messages are templates that should quote
    neither; this is the second line of defence). Common values that are not
    offending, such as a frequent state code "ON", are left alone so that the
    plain words of a message stay readable.

    A result may hold hundreds of thousands of unknown IDs, so most strings are
    looked up word by word in a set (linear in the text); only the few that
    contain spaces or separators are searched for with a regular expression.
    """

    def __init__(self, result: SubmissionResult, pseudonym: Callable[[str], str],
                 allowed_values: Iterable[str] = ()):
        self._pseudonym = pseudonym
        ids = set(_patient_ids(result))
        allowed = {v.strip() for v in allowed_values}
        values = {v for v in _offending_values(result) if v not in allowed} - ids
        self._ids = ids
        sensitive = {s for s in ids | values if s}
        self._sensitive = sensitive
        self._words = {s for s in sensitive if not _SEPARATOR.search(s)}
        self._phrases = _alternation(sensitive - self._words)

    def patient_id(self, patient_id: str) -> str:
        return self._pseudonym(patient_id.strip())

    def column(self, name: str) -> str:
        """A column name, unless it is a patient ID or a value: a file without
        its header row makes its first row of data the header."""
        return HIDDEN_COLUMN if name.strip() in self._sensitive else name

    def scrub(self, text: str) -> str:
        if not text:
            return text
        text = _WORD.sub(self._replace_word, text)
        return self._phrases.sub(self._replace, text) if self._phrases else text

    def _replace_word(self, match: re.Match) -> str:
        word = match.group(0)
        core = word.rstrip(".:!?")  # a word at the end of a sentence
        for candidate in (word, core):
            if candidate and candidate in self._words:
                return self._stand_in(candidate) + word[len(candidate):]
        return word

    def _replace(self, match: re.Match) -> str:
        return self._stand_in(match.group(0))

    def _stand_in(self, found: str) -> str:
        return self.patient_id(found) if found in self._ids else REMOVED


_SEPARATOR = re.compile(r"[\s`'\"()\[\]{}<>,;]")
_WORD = re.compile(r"[^\s`'\"()\[\]{}<>,;]+")


def _patient_ids(result: SubmissionResult) -> Iterable[str]:
    for f in result.files:
        for entry in (*f.patient_ids.unknown, *f.patient_ids.duplicates):
            yield entry.id.strip()
        id_columns = {s.column for s in f.summaries.values() if s.type == "id"}
        for summary in f.summaries.values():
            if summary.type == "id":
                yield from (str(value).strip() for value, _count in summary.top_values)
        for finding in f.findings:
            if finding.code.startswith("patient_id.") or finding.column in id_columns:
                yield from (v.strip() for v in finding.values)


def _offending_values(result: SubmissionResult) -> Iterable[str]:
    for f in result.files:
        # Column names are not cell values, unless the "header" is a first data row.
        header_is_data = any(x.code == "header.no_patient_id" for x in f.findings)
        for finding in f.findings:
            if finding.code.startswith("header.") and not header_is_data:
                continue
            yield from (v.strip() for v in (*finding.values, finding.hint))
            if header_is_data and finding.column:
                yield finding.column.strip()
        for summary in f.summaries.values():
            yield from (str(value).strip() for value, _count in summary.outside_allowed)


def _alternation(strings: set[str]) -> re.Pattern | None:
    """One regex matching any of `strings` as a whole (not inside a longer word)."""
    if not strings:
        return None
    body = "|".join(re.escape(p) for p in sorted(strings, key=len, reverse=True))
    return re.compile(rf"(?<![0-9A-Za-z])(?:{body})(?![0-9A-Za-z])")
