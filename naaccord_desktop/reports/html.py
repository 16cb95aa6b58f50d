"""The HTML report: one self-contained file (inline CSS, inline SVG charts, no
script, no network) that opens offline in any browser and prints to PDF.

Two variants from one renderer: the full report (patient IDs and cell values,
stays on this computer) and the shareable report (pseudonyms instead of IDs,
no cell values: it renders the result as `engine/privacy.py` redacts it).
Every piece of text is escaped.
The style is the package file report.css, the Variables cards are drawn by
`html_variables.py` and their charts by `svg.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import asdict
from importlib.resources import files
from pathlib import Path, PurePath

from ..definitions.model import DefinitionSet
from ..engine.copies import FULL_REPORT, NO_LOG, CopyLog
from ..engine.pipeline import CheckOptions
from ..engine.privacy import redacted
from ..engine.result import FileResult, Finding, IdCount, SubmissionResult
from ..engine.translation import _, counted
from .files import save
from .html_variables import variables_section
from .markup import e, n
from .words import (
    NOT_CHECKED_SHORT,
    file_sentence,
    human_size,
    rows,
    rule_title,
    severity_label,
    stage_title,
    submission_findings_sentence,
    submission_sentence,
    verdict_label,
)

TITLE = "Shareable report: contains no patient IDs or cell values"
SEVERITY_MARK = {"blocker": "●", "error": "✖", "warning": "⚠"}  # in every common font
BLOCKERS_LISTED = 10  # under the submission verdict
IDS_LISTED = 200  # per table of patient IDs; the counts above it stay exact
INFO_LABEL = {"bom": "Byte order mark (BOM)", "read_as": "Read as", "nul_bytes": "NUL bytes",
              "line_ending_counts": "Line endings counted", "physical_lines": "Physical lines",
              "dialect_evidence": "How the delimiter was chosen"}


STYLE = files(__package__).joinpath("report.css").read_text(encoding="utf-8")

Pseudonym = Callable[[str], str]


class ReportError(Exception):
    """The report cannot be written; the message is for the coordinator."""


def write_html(result: SubmissionResult, path: Path, *, shareable: bool = False,
               pseudonym: Pseudonym | None = None, definitions: DefinitionSet | None = None,
               options: Mapping[str, str] | None = None, copies: CopyLog = NO_LOG) -> Path:
    """Write the report to `path` (replaced whole, never left half-written);
    the full one is reported to `copies`."""
    text = render_html(result, shareable=shareable, pseudonym=pseudonym, definitions=definitions,
                       options=options)
    return save(path, text, ReportError, "The report", copies=copies, kind="" if shareable else FULL_REPORT)


def check_options(options: CheckOptions) -> dict[str, str]:
    """The settings of a check, in words, for the report's provenance block."""
    return {
        "Checked line by line": "yes, as asked" if options.diagnose else "only files that needed it",
        "Memory limit": options.memory_limit,
        "Threads": str(options.threads),
    }


def render_html(result: SubmissionResult, *, shareable: bool = False,
                pseudonym: Pseudonym | None = None, definitions: DefinitionSet | None = None,
                options: Mapping[str, str] | None = None) -> str:
    """The report as one HTML document.

    `pseudonym` (the install's Secrets.pseudonym) is required for the shareable
    report; given to the full report, it adds a Pseudonym column next to each ID
    so both reports can be matched. `definitions` gives table titles and, in the
    shareable report, the allowed values that may be charted (they come from the
    published definitions, not from the data). `options` are shown as provenance.
    """
    if shareable:
        if pseudonym is None:
            raise ValueError("The shareable report needs the pseudonym function of this install.")
        result = redacted(result, pseudonym, definitions)
    return _Report(result, shareable, pseudonym, definitions, options or {}).document()


class _Report:
    def __init__(self, result: SubmissionResult, shareable: bool, pseudonym: Pseudonym | None,
                 definitions: DefinitionSet | None, options: Mapping[str, str]):
        self.result = result
        self.shareable = shareable
        self.pseudonym = pseudonym
        self.definitions = definitions
        self.options = options

    @staticmethod
    def text(value: str) -> str:
        """Engine text, escaped, `quoted` parts set as code."""
        return re.sub(r"`([^`]+)`", r"<code>\1</code>", e(value))

    # --- the page ------------------------------------------------------------

    def document(self) -> str:
        r = self.result
        title = TITLE if self.shareable else "NA-ACCORD precheck report"
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{e(title)}: {e(submission_sentence(r))}</title>",
            f"<style>\n{STYLE}</style></head><body>",
            self.banner(),
            '<header class="top">',
            f"<h1>{e(title)}</h1>",
            f'<p class="meta">{self.run_line()}</p>',
            "</header>",
            self.submission_verdict(),
            self.files_table(),
            *(self.file_section(i, f) for i, f in _worst_first(r.files)),
            self.provenance(),
            f'<footer>Made by NA-ACCORD Desktop Precheck {e(r.app_version)} on this '
            "computer; nothing was sent over the network.</footer>",
            "</body></html>",
        ]
        return "\n".join(parts)

    def banner(self) -> str:
        if self.shareable:
            return ('<p class="banner share">Patient IDs are replaced by pseudonyms and no cell '
                    "values are shown: counts, line numbers and rule names only. The full "
                    "report stays on the computer where the check ran.</p>")
        return ('<p class="banner full">Full report: it contains patient IDs and cell values. '
                "Keep it on this computer; to send a report to someone, export the shareable "
                "report instead.</p>")

    def run_line(self) -> str:
        r = self.result
        bits = [f"Cohort {e(r.cohort)}" if r.cohort else "No cohort chosen",
                f"Definitions {e(r.definitions_version)}",
                f"Checked {e(_readable_time(r.started_at))}" if r.started_at else "",
                f"{len(r.files)} file{'s' if len(r.files) != 1 else ''}",
                f"{r.seconds:.1f} s"]
        return " · ".join(b for b in bits if b)

    def submission_verdict(self) -> str:
        r = self.result
        found = [(f, x) for f in r.files for x in f.findings if x.severity == "blocker"]
        blockers = "".join(
            f"<li><b>{e(_name(f.path))}</b>: {e(rule_title(x))}"
            + (f" in <code>{e(x.column)}</code>" if x.column else "")
            + (f", {rows(x.count)}" if x.lines and x.column else "") + "</li>"
            for f, x in found[:BLOCKERS_LISTED])
        if len(found) > BLOCKERS_LISTED:
            blockers += f"<li>and {len(found) - BLOCKERS_LISTED:,} more, listed with each file below</li>"
        if blockers:
            blockers = f"<ul>{blockers}</ul>"
        note = ""
        if r.cancelled:
            note = ('<p class="note">The check was cancelled before it finished: files and '
                    "stages that did not run are not counted, so this is not proof that the "
                    "submission is ready.</p>")
        return (f'<section class="verdict v-{e(r.verdict)}"><p class="big">'
                f"{e(submission_sentence(r))}</p><p>{submission_findings_sentence(r)}.</p>{blockers}{note}</section>")

    def badge(self, f: FileResult) -> str:
        if not f.finished(self.result.cancelled):
            return f'<span class="badge v-none">{e(_(NOT_CHECKED_SHORT))}</span>'
        return f'<span class="badge v-{e(f.verdict)}">{e(verdict_label(f.verdict))}</span>'

    def files_table(self) -> str:
        rows = []
        for i, f in enumerate(self.result.files):
            c = f.counts_by_severity()
            rows.append(
                f'<tr><td><a href="#file-{i}">{e(_name(f.path))}</a></td>'
                f"<td>{e(self.table_title(f.table))}</td><td class=num>{n(f.rows)}</td>"
                f'<td>{self.badge(f)}'
                f"</td><td class=num>{n(c['blocker'])}</td><td class=num>{n(c['error'])}</td>"
                f"<td class=num>{n(c['warning'])}</td></tr>")
        return ("<section><h2>Files</h2><table class=grid><thead><tr><th>File</th><th>Table</th>"
                "<th class=num>Rows</th><th>Verdict</th><th class=num>Blocks upload</th>"
                "<th class=num>Errors</th><th class=num>Warnings</th></tr></thead><tbody>"
                + "".join(rows) + "</tbody></table><p class=hint>Counts are findings (rules "
                "broken); each finding below says how many rows it affects.</p></section>")

    def table_title(self, table: str) -> str:
        if self.definitions and table in self.definitions.tables:
            return self.definitions.tables[table].title
        return table or "unknown table"

    # --- one file --------------------------------------------------------------

    def file_section(self, index: int, f: FileResult) -> str:
        fallback = ""
        if f.path_taken == "diagnostic" and f.fallback_reason:
            fallback = f'<p class="note">Checked line by line: {self.text(f.fallback_reason)}</p>'
        return "\n".join([
            f'<section class="file" id="file-{index}">',
            f"<h2>{e(_name(f.path))} {self.badge(f)}</h2>",
            f'<p class="meta">{e(self.table_title(f.table))} · {e(rows(f.rows))} · '
            f"{e(human_size(f.size))}</p>",
            f'<p class="fileverdict">{e(file_sentence(f, self.result.cancelled))}</p>',
            fallback,
            self.findings(f),
            self.patient_ids(f),
            variables_section(f, self.shareable, self.definitions),
            self.file_details(f),
            "</section>",
        ])

    def findings(self, f: FileResult) -> str:
        if not f.findings:
            return "<h3>Findings</h3><p>No findings: every rule passed.</p>"
        order = {"blocker": 0, "error": 1, "warning": 2}
        items = sorted(f.findings, key=lambda x: (order.get(x.severity, 3), -x.count))
        return (f"<h3>Findings ({len(items)})</h3>"
                + "".join(self.finding(x) for x in items))

    def finding(self, x: Finding) -> str:
        rule = rule_title(x)
        about_rows = x.lines and not x.code.startswith(("header.", "file."))
        rows = f" · <b>{n(x.count)}</b> row{'s' if x.count != 1 else ''}" if about_rows else ""
        column = f' in <code>{e(x.column)}</code>' if x.column else ""
        shown = f"first {len(x.lines)} of {n(x.count)} shown" if x.count > len(x.lines) else "all shown"
        lines = ", ".join(f"{ln:,}" for ln in x.lines)
        body = [f"<p>{self.text(x.message)}</p>" if x.message else ""]
        if x.acknowledged:
            body.append(f'<p class="ack"><b>★ Acknowledged</b> (since {e(x.acknowledged.since[:10])}; '
                        f"the verdict is unchanged): {e(x.acknowledged.note)}</p>")
        if x.fix:
            body.append(f'<p class="fix"><b>How to fix:</b> {self.text(x.fix)}</p>')
        if x.lines:
            body.append(f'<p class="lines"><b>Lines</b> ({shown}): {lines}</p>')
        if x.values and not self.shareable:
            body.append(self.values_table(x))
        if x.hint:
            body.append(f'<p class="hint">Hint: {e(x.hint)}</p>')
        body.append(f'<p class="helpdesk">For the help desk: rule <code>{e(x.code)}</code></p>')
        mark = ' <span class="ackmark">★ acknowledged</span>' if x.acknowledged else ""
        return (f'<div class="finding s-{e(x.severity)}"><p class="head">'
                f'<span class="sev">{SEVERITY_MARK.get(x.severity, "")} '
                f"{e(severity_label(x.severity))}</span> "
                f"<b>{e(rule)}</b>{column}{rows}{mark}</p>{''.join(body)}</div>")

    def values_table(self, x: Finding) -> str:
        pairs = zip(x.lines, x.values, strict=True) if len(x.lines) == len(x.values) else enumerate(x.values, 1)
        head = "Line" if len(x.lines) == len(x.values) else "#"
        cells = "".join(f"<tr><td class=num>{ln:,}</td><td><code>{_visible(v)}</code></td></tr>"
                        for ln, v in pairs)
        return (f'<table class="values"><thead><tr><th class=num>{head}</th><th>Value in the file'
                f"</th></tr></thead><tbody>{cells}</tbody></table>")

    def patient_ids(self, f: FileResult) -> str:
        p = f.patient_ids
        facts = [e(counted(p.distinct, "{n} distinct patient ID in this file.",
                           "{n} distinct patient IDs in this file."))]
        if p.not_in_patient_file:
            verb = "is" if p.not_in_patient_file == 1 else "are"
            facts.append(f"{n(p.not_in_patient_file)} of them {verb} not in the patient file "
                         f"({e(rows(p.rows_with_unknown))}).")
        parts = ["<h3>Patient IDs</h3>", f"<p>{' '.join(facts)}</p>"]
        if self.shareable and (p.unknown or p.duplicates):
            parts.append('<p class="hint">IDs are shown as pseudonyms: the same ID always has '
                         "the same pseudonym on this computer, so the data manager can ask about "
                         "one and you can find it in the full report's Pseudonym column.</p>")
        if p.unknown:
            parts.append(self.id_table("Not in the patient file", p.unknown))
        if p.duplicates:
            parts.append(self.id_table("Listed more than once", p.duplicates))
        return "".join(parts)

    def id_table(self, caption: str, all_ids: list[IdCount]) -> str:
        both = self.pseudonym is not None and not self.shareable  # matches the two reports
        ids = all_ids[:IDS_LISTED]
        more = ""
        if len(all_ids) > len(ids):
            more = (f'<p class="hint">Showing the first {len(ids):,} of {len(all_ids):,} IDs'
                    + ("." if self.shareable else "; the JSON result lists them all.") + "</p>")
        rows = "".join(
            f"<tr><td><code>{e(i.id)}</code></td>"
            + (f"<td><code>{e(self.pseudonym(i.id.strip()))}</code></td>" if both else "")
            + f"<td class=num>{n(i.count)}</td>"
            f"<td>{', '.join(f'{ln:,}' for ln in i.lines)}</td></tr>" for i in ids)
        head = "<th>Patient ID</th>" + ("<th>Pseudonym</th>" if both else "")
        return (f'<table class="grid ids"><caption>{e(caption)} ({len(all_ids):,})</caption>'
                f"<thead><tr>{head}<th class=num>Rows</th><th>First lines</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>{more}")

    def file_details(self, f: FileResult) -> str:
        info = f.file_info
        rows = [("File", f.path), ("Size", human_size(f.size)),
                ("SHA-256", f.sha256 or "not computed"), ("Rows", f"{f.rows:,}"),
                ("Checked by", "the line-by-line path" if f.path_taken == "diagnostic"
                 else "the fast path")]
        rows += [(INFO_LABEL.get(k, k.replace("_", " ").capitalize()), _info_text(v))
                 for k, v in asdict(info).items() if v not in ("", None, [], {})]
        dl = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in rows)
        stages = "".join(
            f"<tr><td>{e(stage_title(s.key))}</td><td>{e(s.status)}</td>"
            f"<td class=num>{s.seconds:.2f} s</td><td>{self.text(s.note)}</td></tr>"
            for s in f.stages)
        table = (f'<table class="grid stages"><thead><tr><th>Stage</th><th>Status</th>'
                 f"<th class=num>Time</th><th>Note</th></tr></thead><tbody>{stages}</tbody></table>"
                 if f.stages else "")
        return f'<h3>File details</h3><dl class="kv">{dl}</dl>{table}'

    # --- provenance --------------------------------------------------------------

    def provenance(self) -> str:
        r = self.result
        rows = [("App version", r.app_version), ("Definitions version", r.definitions_version),
                ("Cohort", r.cohort or "none chosen"),
                ("Started", r.started_at or "unknown"), ("Run time", f"{r.seconds:.1f} s"),
                ("Finished", "no, the check was cancelled" if r.cancelled else "yes"),
                ("Report", "shareable (pseudonyms, no cell values)" if self.shareable
                 else "full (patient IDs and cell values)")]
        rows += [(str(k), str(v)) for k, v in self.options.items()]
        dl = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in rows)
        hashes = "".join(
            f"<tr><td>{e(_name(f.path))}</td><td>{e(f.table)}</td><td class=num>{n(f.size)}</td>"
            f"<td><code class=hash>{e(f.sha256 or 'not computed')}</code></td></tr>"
            for f in r.files)
        return ('<section class="provenance"><h2>Provenance</h2>'
                f'<dl class="kv">{dl}</dl><table class="grid"><thead><tr><th>File</th>'
                "<th>Table</th><th class=num>Bytes</th><th>SHA-256</th></tr></thead>"
                f"<tbody>{hashes}</tbody></table></section>")


# --- helpers --------------------------------------------------------------------

def _worst_first(files: list[FileResult]) -> list[tuple[int, FileResult]]:
    """Files with their position in the submission, the ones that need work first."""
    rank = {"blocked": 0, "ready": 1, "clean": 2}
    return sorted(enumerate(files), key=lambda pair: rank.get(pair[1].verdict, 0))


def _name(path: str) -> str:
    return PurePath(path).name or path


def _readable_time(iso: str) -> str:
    return iso.replace("T", " ")[:19]


def _info_text(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return " · ".join(f"{k} {_info_text(v)}" for k, v in value.items())
    return {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}.get(value, str(value))


def _visible(value: str) -> str:
    """A cell value as text, with empty and space-padded values made visible."""
    if value == "":
        return '<span class="empty">(empty)</span>'
    return e(value).replace(" ", "·") if value != value.strip() else e(value)
