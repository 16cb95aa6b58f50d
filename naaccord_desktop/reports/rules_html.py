"""The rules reference as HTML: one section per table (its columns, their
types, allowed values with their meanings, whether a cell may be empty, and
every rule in plain words) and one for the rules of every file. The window's
Help > Rules shows the sections one at a time (Qt's rich text); `page` puts
them in one self-contained file (`naaccord-desktop definitions --html`).
"""

from __future__ import annotations

from pathlib import Path

from ..definitions.model import Column, DefinitionSet, Table
from .files import save
from .html import STYLE, ReportError
from .markup import e
from .rules_reference import (
    RuleEntry,
    column_rules,
    file_rules,
    presence,
    severity_words,
    type_words,
)

FILE_RULES_TITLE = "Rules for every file"
EXTRA_STYLE = """
nav ol{columns:2;padding-left:22px}nav li{margin:1px 0}
h3{border-top:1px solid var(--line);padding-top:10px}
.rules td:first-child{white-space:nowrap}h3 code{font-size:16px;background:none;padding:0}
"""


def column_anchor(table: str, column: str) -> str:
    return f"col-{table}-{column}"


def table_anchor(table: str) -> str:
    return f"table-{table}"


def rule_anchor(code: str) -> str:
    return f"rule-{code}"


def _target(name: str) -> str:
    """An anchor both browsers (id) and Qt's rich text (name) scroll to."""
    return f'<a name="{e(name)}" id="{e(name)}"></a>'


def table_section(table: Table) -> str:
    overview = "".join(
        f'<tr><td><a href="#{e(column_anchor(table.name, c.name))}"><code>{e(c.name)}</code></a></td>'
        f"<td>{e(type_words(c))}</td><td>{e(presence(c))}</td>"
        f"<td>{e(', '.join(v.value for v in c.values if v.value.strip()))}</td></tr>"
        for c in table.columns)
    return "\n".join([
        f"<h2>{_target(table_anchor(table.name))}{e(table.title)} <span class=type>({e(table.name)})</span></h2>",
        f"<p>{e(table.description)}</p>",
        '<table class="grid" border="0" cellspacing="0" cellpadding="3"><thead><tr><th>Column</th><th>Type</th>'
        f"<th>Empty cells</th><th>Allowed values</th></tr></thead><tbody>{overview}</tbody></table>",
        *(column_card(table, c) for c in table.columns),
    ])


def column_card(table: Table, c: Column) -> str:
    label = f" <span class=type>{e(c.label)}</span>" if c.label and c.label != c.name else ""
    facts = [f"<b>Type:</b> {e(type_words(c))}", f"<b>Empty cells:</b> {e(presence(c))}"]
    if c.example:
        facts.append(f"<b>Example:</b> <code>{e(c.example)}</code>")
    parts = [f"<h3>{_target(column_anchor(table.name, c.name))}<code>{e(c.name)}</code>{label}</h3>",
             f"<p>{e(c.description)}</p>", f"<p>{' · '.join(facts)}</p>"]
    if c.values:
        meanings = any(v.meaning for v in c.values)
        rows = "".join(f"<tr><td><code>{e(v.value) or '(empty)'}</code></td>"
                       + (f"<td>{e(v.meaning)}</td>" if meanings else "") + "</tr>" for v in c.values)
        parts.append('<table class="grid" border="0" cellspacing="0" cellpadding="3"><thead><tr>'
                     f"<th>Allowed value</th>{'<th>Meaning</th>' if meanings else ''}</tr></thead>"
                     f"<tbody>{rows}</tbody></table>")
    parts.append(rules_table(column_rules(table, c)))
    return "\n".join(parts)


def rules_table(rules: list[RuleEntry]) -> str:
    rows = "".join(
        f'<tr class="s-{e(r.severity)}"><td>{_target(rule_anchor(r.code)) if not r.column else ""}'
        f'<span class="sev">{e(severity_words(r.severity))}</span></td>'
        f"<td><b>{e(r.title)}</b></td><td>{e(r.meaning)}</td><td><code>{e(r.code)}</code></td></tr>"
        for r in rules)
    return ('<table class="grid rules" border="0" cellspacing="0" cellpadding="3"><thead><tr><th>Severity</th>'
            f"<th>Rule</th><th>What it means</th><th>Code</th></tr></thead><tbody>{rows}</tbody></table>")


def file_rules_section() -> str:
    return (f"<h2>{_target(table_anchor(''))}{e(FILE_RULES_TITLE)}</h2>"
            "<p>These rules are about a file as a whole: whether it can be read, its lines, its header, and "
            "the submission it belongs to. Only the depot's own refusals block the upload.</p>"
            + rules_table(file_rules()))


def page(definitions: DefinitionSet) -> str:
    """The whole reference as one self-contained HTML document."""
    tables = list(definitions.tables.values())
    toc = "".join(f'<li><a href="#{e(table_anchor(t.name))}">{e(t.title)}</a> <span class=type>'
                  f"{len(t.columns)} columns</span></li>" for t in tables)
    toc += f'<li><a href="#{e(table_anchor(""))}">{e(FILE_RULES_TITLE)}</a></li>'
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>NA-ACCORD rules, definitions {e(definitions.version)}</title>",
        f"<style>\n{STYLE}{EXTRA_STYLE}</style></head><body>",
        '<header class="top"><h1>NA-ACCORD rules</h1>',
        f'<p class="meta">Definitions {e(definitions.version)} · {e(definitions.source)} · '
        f"{len(tables)} tables</p></header>",
        f"<nav><ol>{toc}</ol></nav>",
        *(table_section(t) for t in tables),
        file_rules_section(),
        "<footer>Made by NA-ACCORD Desktop Precheck from the definitions it checks with.</footer>",
        "</body></html>",
    ])


def write_reference(definitions: DefinitionSet, path: Path) -> Path:
    return save(path, page(definitions), ReportError, "The rules reference")
