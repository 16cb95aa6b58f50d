"""The rules reference: every finding code has a meaning in plain words; every
column of every table is in the HTML page with its type, allowed values and
rules; a newer definition set shows its own rules."""

from __future__ import annotations

import re
import shutil
from importlib.resources import files
from pathlib import Path

from test_reports_html import Page

from naaccord_desktop.cli import main
from naaccord_desktop.definitions import load_bundled, load_folder
from naaccord_desktop.definitions.model import AllowedValue, Column, Condition, Reference, Table
from naaccord_desktop.engine.codes import CODES
from naaccord_desktop.reports.rules_html import column_anchor, page, table_anchor
from naaccord_desktop.reports.rules_reference import FILE_RULES, column_rules, reference_rules

TABLES = Path(str(files("naaccord_desktop.definitions").joinpath("tables")))


def test_every_code_has_a_meaning():
    everything = Column("x", "year", "every rule", values=(AllowedValue("1"),), unique=True, range=(1, 2),
                        required_when=Condition("y", True), recommended="Fill it in.",
                        must_exist_in=Reference("patient", "cohortPatientId"))
    choice = Column("y", "enum", "a choice", values=(AllowedValue("A", "the first"),),
                    forbidden_when=Condition("x", False))
    table = Table("t", "T", "a table", (everything, choice, Column("d", "date", "a date"),
                                        Column("n", "numeric", "a number")))
    codes = {r.code for c in table.columns for r in column_rules(table, c)} | set(FILE_RULES)
    assert codes == set(CODES)
    assert all(r.meaning and r.title == CODES[r.code].title for c in table.columns for r in column_rules(table, c))


def test_a_column_lists_the_rules_the_engine_applies_to_it():
    patient = load_bundled().tables["patient"]
    rules = {r.code: r for r in column_rules(patient, patient.column("birthSex"))}
    assert {"enum.invalid", "enum.case", "required_when.missing", "forbidden_when.present"} <= rules.keys()
    assert "value.missing" not in rules  # required_when alone decides
    assert rules["forbidden_when.present"].severity == "warning"  # as the definition sets it
    assert rules["required_when.missing"].meaning == "A value is required on rows where presentSex is empty."
    year = {r.code: r for r in column_rules(patient, patient.column("birthYear"))}
    assert year["range.out_of_range"].meaning == "The number must be between 1900 and 2025, both included."


def test_the_page_has_every_column_of_every_table():
    definitions = load_bundled()
    html = page(definitions)
    parsed = Page(html)  # tags nest properly
    ids = {v for k, v in parsed.attrs if k == "id"}
    text = " ".join(parsed.text)
    assert not re.search(r"""(src|href)=["']?https?:""", html)  # self-contained
    for table in definitions.tables.values():
        assert table_anchor(table.name) in ids and table.title in text
        for column in table.columns:
            assert column_anchor(table.name, column.name) in ids
            assert f'href="#{column_anchor(table.name, column.name)}"' in html  # the table's list links to it
            for value in column.values:
                assert value.value in text and value.meaning in text
    assert len(reference_rules(definitions)) > 400


def test_a_newer_definition_set_shows_its_own_rules(tmp_path, capsys):
    folder = tmp_path / "newer"
    shutil.copytree(TABLES, folder)
    (folder / "_set.toml").write_text('version = "2027.1"\nsource = "a newer set"\n', encoding="utf-8")
    risk = folder / "risk_factor.toml"
    text = risk.read_text(encoding="utf-8").replace('    "Unknown",\n', '    "Unknown",\n    "ZQ new risk",\n')
    risk.write_text(text, encoding="utf-8")
    assert "ZQ new risk" in [v.value for v in load_folder(folder).tables["risk_factor"].column("risk").values]
    out = tmp_path / "rules.html"
    assert main(["definitions", "--folder", str(folder), "--html", str(out)]) == 0
    assert "written to" in capsys.readouterr().out
    html = out.read_text(encoding="utf-8")
    assert "Definitions 2027.1" in html and "ZQ new risk" in html
    assert main(["definitions", "--html", str(tmp_path / "no such folder" / "rules.html")]) == 2
    assert "cannot be saved as" in capsys.readouterr().out
