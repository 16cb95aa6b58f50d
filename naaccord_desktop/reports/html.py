"""The HTML report: one self-contained file (inline CSS, inline SVG charts, no
script, no network) that opens offline in any browser and prints to PDF.

Two variants from one renderer: the full report (patient IDs and cell values,
stays on this computer) and the shareable report (pseudonyms instead of IDs,
no cell values; see `shareable.py`). Every piece of text is escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from pathlib import Path, PurePath

from ..definitions.model import DefinitionSet
from ..engine.pipeline import CheckOptions
from ..engine.result import FileResult, Finding, IdCount, SubmissionResult, VariableSummary
from .chart_data import Chart, chart_for
from .files import write_atomically
from .shareable import SAFE_FILE_INFO, TITLE, Redactor
from .words import (
    NOT_CHECKED_SHORT,
    SEVERITY_LABEL,
    file_sentence,
    human_size,
    plural,
    rule_title,
    stage_title,
    submission_findings_sentence,
    submission_sentence,
    verdict_label,
)

SEVERITY_MARK = {"blocker": "●", "error": "✖", "warning": "⚠"}  # in every common font
LABEL_CHAR, LABEL_GAP = 6.5, 14  # width of a chart label's character and the space between labels, in SVG units
BLOCKERS_LISTED = 10  # under the submission verdict
IDS_LISTED = 200  # per table of patient IDs; the counts above it stay exact
INFO_LABEL = {"bom": "Byte order mark (BOM)", "read_as": "Read as", "nul_bytes": "NUL bytes",
              "line_ending_counts": "Line endings counted", "physical_lines": "Physical lines",
              "dialect_evidence": "How the delimiter was chosen"}


Pseudonym = Callable[[str], str]


class ReportError(Exception):
    """The report cannot be written; the message is for the coordinator."""


def write_html(result: SubmissionResult, path: Path, *, shareable: bool = False,
               pseudonym: Pseudonym | None = None, definitions: DefinitionSet | None = None,
               options: Mapping[str, str] | None = None) -> Path:
    """Write the report to `path` (replaced whole, never left half-written)."""
    text = render_html(result, shareable=shareable, pseudonym=pseudonym, definitions=definitions,
                       options=options)
    path = Path(path)
    try:
        write_atomically(path, text)
    except OSError as exc:
        raise ReportError(f"The report cannot be saved as {path}: {exc.strerror or exc}.") from None
    return path


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
    redactor = None
    if shareable:
        if pseudonym is None:
            raise ValueError("The shareable report needs the pseudonym function of this install.")
        redactor = Redactor(result, pseudonym, _all_allowed_values(definitions))
    return _Report(result, redactor, pseudonym, definitions, options or {}).document()


def _all_allowed_values(definitions: DefinitionSet | None) -> list[str]:
    if definitions is None:
        return []
    return [v.value for t in definitions.tables.values() for c in t.columns for v in c.values]


def e(value) -> str:
    return html.escape(str(value), quote=True)


def n(value) -> str:
    return f"{value:,}" if isinstance(value, int) else e(value)


class _Report:
    def __init__(self, result: SubmissionResult, redactor: Redactor | None,
                 pseudonym: Pseudonym | None, definitions: DefinitionSet | None,
                 options: Mapping[str, str]):
        self.result = result
        self.redactor = redactor
        self.pseudonym = pseudonym
        self.definitions = definitions
        self.options = options

    @property
    def shareable(self) -> bool:
        return self.redactor is not None

    def text(self, value: str) -> str:
        """Engine text, escaped, `quoted` parts set as code; in the shareable report
        with IDs and values scrubbed first."""
        escaped = e(self.redactor.scrub(value) if self.redactor else value)
        return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)

    def column(self, name: str) -> str:
        return self.redactor.column(name) if self.redactor else name

    def patient_id(self, value: str) -> str:
        return e(self.redactor.patient_id(value) if self.redactor else value)

    # --- the page ------------------------------------------------------------

    def document(self) -> str:
        r = self.result
        title = TITLE if self.shareable else "NA-ACCORD precheck report"
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{e(title)}: {e(submission_sentence(r))}</title>",
            f"<style>{CSS}</style></head><body>",
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
            + (f" in <code>{e(self.column(x.column))}</code>" if x.column else "")
            + (f", {plural(x.count, 'row')}" if x.lines and x.column else "") + "</li>"
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
            return f'<span class="badge v-none">{e(NOT_CHECKED_SHORT)}</span>'
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
            f'<p class="meta">{e(self.table_title(f.table))} · {e(plural(f.rows, "row"))} · '
            f"{e(human_size(f.size))}</p>",
            f'<p class="fileverdict">{e(file_sentence(f, self.result.cancelled))}</p>',
            fallback,
            self.findings(f),
            self.patient_ids(f),
            self.variables(f),
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
        column = f' in <code>{e(self.column(x.column))}</code>' if x.column else ""
        shown = f"first {len(x.lines)} of {n(x.count)} shown" if x.count > len(x.lines) else "all shown"
        lines = ", ".join(f"{ln:,}" for ln in x.lines)
        body = [f"<p>{self.text(x.message)}</p>" if x.message else ""]
        if x.fix:
            body.append(f'<p class="fix"><b>How to fix:</b> {self.text(x.fix)}</p>')
        if x.lines:
            body.append(f'<p class="lines"><b>Lines</b> ({shown}): {lines}</p>')
        if x.values and not self.shareable:
            body.append(self.values_table(x))
        if x.hint and not self.shareable:
            body.append(f'<p class="hint">Hint: {e(x.hint)}</p>')
        body.append(f'<p class="helpdesk">For the help desk: rule <code>{e(x.code)}</code></p>')
        return (f'<div class="finding s-{e(x.severity)}"><p class="head">'
                f'<span class="sev">{SEVERITY_MARK.get(x.severity, "")} '
                f"{e(SEVERITY_LABEL.get(x.severity, x.severity))}</span> "
                f"<b>{e(rule)}</b>{column}{rows}</p>{''.join(body)}</div>")

    def values_table(self, x: Finding) -> str:
        pairs = zip(x.lines, x.values) if len(x.lines) == len(x.values) else enumerate(x.values, 1)
        head = "Line" if len(x.lines) == len(x.values) else "#"
        cells = "".join(f"<tr><td class=num>{ln:,}</td><td><code>{_visible(v)}</code></td></tr>"
                        for ln, v in pairs)
        return (f'<table class="values"><thead><tr><th class=num>{head}</th><th>Value in the file'
                f"</th></tr></thead><tbody>{cells}</tbody></table>")

    def patient_ids(self, f: FileResult) -> str:
        p = f.patient_ids
        facts = [f"{e(plural(p.distinct, 'distinct patient ID'))} in this file."]
        if p.not_in_patient_file:
            verb = "is" if p.not_in_patient_file == 1 else "are"
            facts.append(f"{n(p.not_in_patient_file)} of them {verb} not in the patient file "
                         f"({e(plural(p.rows_with_unknown, 'row'))}).")
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
            f"<tr><td><code>{self.patient_id(i.id)}</code></td>"
            + (f"<td><code>{e(self.pseudonym(i.id.strip()))}</code></td>" if both else "")
            + f"<td class=num>{n(i.count)}</td>"
            f"<td>{', '.join(f'{ln:,}' for ln in i.lines)}</td></tr>" for i in ids)
        head = "<th>Patient ID</th>" + ("<th>Pseudonym</th>" if both else "")
        return (f'<table class="grid ids"><caption>{e(caption)} ({len(all_ids):,})</caption>'
                f"<thead><tr>{head}<th class=num>Rows</th><th>First lines</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>{more}")

    def variables(self, f: FileResult) -> str:
        if not f.summaries:
            return ""
        cards = "".join(self.variable(f, s) for s in f.summaries.values())
        return f'<h3>Variables ({len(f.summaries)})</h3><div class="cards">{cards}</div>'

    def variable(self, f: FileResult, s: VariableSummary) -> str:
        filled = s.count - s.missing
        share = filled / s.count if s.count else 0.0
        percent = f"{share:.0%}" if filled in (0, s.count) else f"{min(max(share, 0.001), 0.999):.1%}"
        facts = [f"{n(filled)} of {n(s.count)} filled ({percent})", f"{n(s.distinct)} distinct"]
        if s.numeric:
            facts += self.numeric_facts(s.numeric, s.type == "year")
        if s.dates:
            facts += self.date_facts(s.dates)
        chart = self.chart(f, s)
        return (f'<div class="card"><p class="head"><code>{e(s.column)}</code> '
                f'<span class="type">{e(s.type)}</span></p>'
                f'<div class="fill"><span style="width:{share * 100:.1f}%"></span></div>'
                f"<p>{' · '.join(facts)}</p>{chart}</div>")

    def numeric_facts(self, numeric: dict, years: bool) -> list[str]:
        facts = []
        if not self.shareable:
            stats = ("min", "median", "max") if years else ("min", "median", "mean", "max")
            facts += [f"{k} {e(_year(numeric[k]) if years else _short(numeric[k]))}"
                      for k in stats if numeric.get(k) is not None]
        if numeric.get("invalid"):
            facts.append(f'<span class="bad">{n(numeric["invalid"])} not a number</span>')
        return facts

    def date_facts(self, dates: dict) -> list[str]:
        facts = []
        if not self.shareable and dates.get("min"):
            facts.append(f"from {e(dates['min'])} to {e(dates.get('max', ''))}")
        if dates.get("invalid"):
            facts.append(f'<span class="bad">{n(dates["invalid"])} not a valid date</span>')
        return facts

    def chart(self, f: FileResult, s: VariableSummary) -> str:
        """The same bars and bins as the window's chart; the shareable report
        charts only allowed values and dates per year."""
        allowed = self.allowed_values(f.table, s.column) if self.shareable else None
        chart = chart_for(s, only=allowed, by_year=self.shareable)
        label = f"{s.column}: {chart.title.lower()}" if chart else ""
        if chart and chart.histogram:
            return histogram(chart, label)
        drawn = bar_chart(chart, label) if chart else ""
        if self.shareable:
            return drawn + self.outside_count(s)
        if chart is None:
            return ""
        outside = any(b.outside for b in chart.bars)
        return drawn + ('<p class="legend"><span class="key bad"></span> not in the allowed list</p>'
                        if outside else "")

    def outside_count(self, s: VariableSummary) -> str:
        """Values outside the allowed list come from the data: the shareable report only counts them."""
        if not s.outside_allowed:
            return ""
        rows = sum(int(c) for _, c in s.outside_allowed)
        return (f'<p class="bad">{n(len(s.outside_allowed))} value'
                f"{'s' if len(s.outside_allowed) != 1 else ''} outside the allowed list "
                f"({n(rows)} rows; not shown here).</p>")

    def allowed_values(self, table: str, column: str) -> set[str]:
        if not self.definitions or table not in self.definitions.tables:
            return set()
        col = self.definitions.tables[table].column(column)
        return {v.value for v in col.values} if col else set()

    def file_details(self, f: FileResult) -> str:
        info = f.file_info
        if self.shareable:
            info = {k: info[k] for k in SAFE_FILE_INFO if k in info}
        rows = [("File", _name(f.path) if self.shareable else f.path), ("Size", human_size(f.size)),
                ("SHA-256", f.sha256 or "not computed"), ("Rows", f"{f.rows:,}"),
                ("Checked by", "the line-by-line path" if f.path_taken == "diagnostic"
                 else "the fast path")]
        rows += [(INFO_LABEL.get(k, k.replace("_", " ").capitalize()), _info_text(v))
                 for k, v in info.items() if k != "size"]
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


def _short(value) -> str:
    return f"{value:,.4g}" if isinstance(value, float) else str(value)


def _year(value) -> str:
    return str(round(value)) if isinstance(value, (int, float)) else str(value)


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


# --- charts (inline SVG) -----------------------------------------------------------

def bar_chart(chart: Chart, label: str) -> str:
    """Horizontal bars: value label, bar, count; values outside the allowed list in red."""
    row, left, width, right = 20, 150, 230, 70
    top = max(b.count for b in chart.bars) or 1
    height = row * len(chart.bars) + 4
    parts = [f'<svg class="chart" viewBox="0 0 {left + width + right} {height}" role="img" '
             f'aria-label="{e(label)}" xmlns="http://www.w3.org/2000/svg">']
    for i, bar in enumerate(chart.bars):
        y = i * row + 2
        w = max(1.0, width * bar.count / top)
        text = bar.label if len(bar.label) <= 22 else bar.label[:21] + "…"
        text = text.replace(" ", "·") if text != text.strip() else text
        parts.append(
            f"<g><title>{e(bar.label)}: {bar.count:,}</title>"
            f'<text x="{left - 6}" y="{y + 13}" text-anchor="end" class="lbl">{e(text)}</text>'
            f'<rect x="{left}" y="{y + 2}" width="{w:.1f}" height="{row - 6}" '
            f'class="{"bar bad" if bar.outside else "bar"}"/>'
            f'<text x="{left + w + 4:.1f}" y="{y + 13}" class="cnt">{bar.count:,}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def histogram(chart: Chart, label: str) -> str:
    """Vertical bars in order, the peak above, a label under every k-th bar (as many as fit)."""
    width, height, base = 450, 130, 108
    bins = chart.bars
    top = max(b.count for b in bins) or 1
    step = width / len(bins)
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{e(label)}" xmlns="http://www.w3.org/2000/svg">',
             f'<text x="0" y="10" class="cnt">max {top:,} rows</text>']
    for i, b in enumerate(bins):
        h = max(1.0, (base - 16) * b.count / top) if b.count else 0
        parts.append(f'<rect x="{i * step + 0.5:.1f}" y="{base - h:.1f}" '
                     f'width="{max(0.8, step - 1):.1f}" height="{h:.1f}" class="bar">'
                     f"<title>{e(b.label)}: {b.count:,}</title></rect>")
    parts.append(f'<line x1="0" y1="{base}" x2="{width}" y2="{base}" class="axis"/>')
    widest = max(len(b.short) for b in bins) * LABEL_CHAR + LABEL_GAP
    for i in chart.ticks(int(width // widest)):
        text = bins[i].short
        x, half = (i + 0.5) * step, len(text) * LABEL_CHAR / 2
        x, anchor = (0, "start") if x < half else (width, "end") if x + half > width else (x, "middle")
        parts.append(f'<text x="{x:.1f}" y="{base + 16}" text-anchor="{anchor}" class="lbl">{e(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


CSS = """
:root{--ink:#1d2430;--muted:#5b6576;--line:#d8dde6;--blocked:#b3261e;--ready:#8a5a00;
--clean:#1e6b3a;--bar:#3b6ea8;--bad:#c0392b;--bg:#f6f7f9}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);
max-width:1100px;margin:0 auto;padding:18px 28px 40px}
h1{font-size:24px;margin:6px 0 2px}h2{font-size:20px;margin:28px 0 8px;border-bottom:2px solid var(--line);
padding-bottom:4px}h3{font-size:16px;margin:20px 0 8px}
.meta{color:var(--muted);margin:2px 0 10px}.hint{color:var(--muted);font-size:13px}
.helpdesk{color:var(--muted);font-size:11px;margin:4px 0 0}
.banner{padding:8px 12px;border-radius:6px;font-size:14px;margin:0 0 8px}
.banner.full{background:#fff4e0;border:1px solid #e7b766}
.banner.share{background:#e6f2ea;border:1px solid #83b795}
.verdict{border-radius:8px;padding:12px 16px;margin:12px 0;border:1px solid;border-left-width:8px}
.verdict .big{font-size:21px;font-weight:700;margin:0 0 4px}.verdict p{margin:2px 0}
.verdict ul{margin:6px 0 2px;padding-left:22px}
.v-blocked{border-color:var(--blocked);color:var(--blocked)}
.v-ready{border-color:var(--ready);color:var(--ready)}
.v-clean{border-color:var(--clean);color:var(--clean)}
.v-none{border-color:#777;color:#555}
section.verdict{color:var(--ink)}section.verdict .big{color:inherit}
section.v-blocked .big{color:var(--blocked)}section.v-ready .big{color:var(--ready)}
section.v-clean .big{color:var(--clean)}
.badge{display:inline-block;font-size:12px;font-weight:700;border:1.5px solid;border-radius:10px;
padding:0 8px;vertical-align:middle}
.note{background:var(--bg);border-left:4px solid var(--muted);padding:6px 10px}
table{border-collapse:collapse}table.grid{width:100%;margin:6px 0 10px}
.grid th,.grid td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
.grid th{background:var(--bg);font-size:13px}.num{text-align:right!important;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:4px 0}
.finding{border:1px solid var(--line);border-left:6px solid var(--muted);border-radius:6px;
padding:6px 12px;margin:8px 0;break-inside:avoid}
.finding p{margin:4px 0}.finding .head{font-size:15px}
.s-blocker{border-left-color:var(--blocked)}.s-error{border-left-color:#d35400}
.s-warning{border-left-color:#c9a100}
.sev{font-weight:700}.s-blocker .sev{color:var(--blocked)}.s-error .sev{color:#b34700}
.s-warning .sev{color:#8a6d00}
.code{color:var(--muted);font:12px ui-monospace,Menlo,Consolas,monospace;float:right}
.fix{background:#eef5ff;border-radius:4px;padding:4px 8px}
.lines{font-size:13px;color:var(--muted);word-break:break-word}
table.values{font-size:13px;margin:4px 0 6px}table.values td,table.values th{padding:1px 10px 1px 0;
text-align:left}
code{font:13px ui-monospace,Menlo,Consolas,monospace;background:var(--bg);padding:0 3px;border-radius:3px}
.empty{color:var(--muted);font-style:italic}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(470px,1fr));gap:10px}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 10px;break-inside:avoid}
.card p{margin:3px 0;font-size:13px}.card .head{font-size:15px}
.type{color:var(--muted);font-size:12px;margin-left:6px}
.fill{height:6px;background:#e3e7ee;border-radius:3px;overflow:hidden;margin:4px 0}
.fill span{display:block;height:100%;background:var(--clean)}
.bad{color:var(--bad)}
.chart{width:100%;max-width:470px;height:auto;display:block;margin:4px 0}
.chart .bar{fill:var(--bar)}.chart .bar.bad{fill:var(--bad)}
.chart .lbl,.chart .cnt{font:11px system-ui,Arial,sans-serif;fill:var(--ink)}
.chart .cnt{fill:var(--muted)}.chart .axis{stroke:#9aa3b2;stroke-width:1}
.legend{font-size:12px;color:var(--muted)}.key{display:inline-block;width:10px;height:10px;
vertical-align:middle}.key.bad{background:var(--bad)}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:6px 0 10px}
dl.kv dt{color:var(--muted)}dl.kv dd{margin:0;overflow-wrap:anywhere}
.hash{font-size:12px;overflow-wrap:anywhere}
footer{margin-top:30px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:8px}
a{color:var(--bar)}
@media print{
  body{max-width:none;padding:0;font-size:11pt}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  a{color:inherit;text-decoration:none}
  section.file+section.file{break-before:page}
  h2,h3{break-after:avoid}
  .finding,.card,tr,dl.kv{break-inside:avoid}
  .cards{grid-template-columns:1fr 1fr}
  @page{margin:14mm}
}
"""
