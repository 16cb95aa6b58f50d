"""The bundled definitions agree with the depot's published reference files; the loader
rejects bad definition files clearly; cohort renames; the `definitions` command."""

import dataclasses
import json
import tomllib
from pathlib import Path

import pytest
import tomli_w

from naaccord_desktop.cli import main
from naaccord_desktop.definitions import DefinitionError, load_bundled, load_folder, write_folder
from naaccord_desktop.definitions.cohorts import cohort_group, cohort_names, rename_header
from naaccord_desktop.definitions.depot_import import import_depot_file, import_depot_folder

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "depot-definitions"
REFERENCE_FILES = sorted(REFERENCE.glob("*_definition.json"))
DEPOT_KEYS = {"name", "type", "description", "label", "example", "value_optional", "allowed_values",
              "validators", "summarizers", "date_format"}


def _depot_table(path: Path) -> list[dict]:
    return json.loads(path.read_text("utf-8"))


def _table_name(path: Path) -> str:
    return path.name.removesuffix("_definition.json")


# --- 1. agreement with the reference files, read with json only -------------------------

def test_the_reference_files_are_there():
    assert len(REFERENCE_FILES) == 16, f"expected the 16 depot definition files in {REFERENCE}"


def test_bundled_set_has_exactly_the_reference_tables():
    assert set(load_bundled().tables) == {_table_name(p) for p in REFERENCE_FILES}


def _depot_values(var: dict) -> list[tuple[str, str]]:
    raw = var.get("allowed_values", [])
    if isinstance(raw, dict):
        return [(spelling, key) for key, spellings in raw.items() for spelling in spellings]
    return [(item["value"], item["description"]) if isinstance(item, dict) else (item, "")
            for item in raw]


def _depot_rules(var: dict) -> dict:
    rules = {}
    for validator in var.get("validators", []):
        name, params = ((validator, None) if isinstance(validator, str)
                        else (validator["name"], validator["params"]))
        if name.startswith("in_file:"):
            _, table, column = name.split(":")
            rules["must_exist_in"] = (table, column)
        elif name == "no_duplicates":
            rules["unique"] = True
        elif name == "range":
            rules["range"] = tuple(params)
        elif name in ("required_when", "forbidden_when"):
            state = "present" if "present" in params else "absent"
            rules[name] = (state, params[state], params.get("severity", "error"))
        elif name == "recommended":
            rules["recommended"] = params["message"]
        else:
            pytest.fail(f"{var['name']}: validator {name!r} is not covered by this test")
    return rules


def _bundled_rules(col) -> dict:
    rules = {}
    if col.must_exist_in:
        rules["must_exist_in"] = (col.must_exist_in.table, col.must_exist_in.column)
    if col.unique:
        rules["unique"] = True
    if col.range:
        rules["range"] = col.range
    for key in ("required_when", "forbidden_when"):
        cond = getattr(col, key)
        if cond:
            rules[key] = ("present" if cond.when_present else "absent", cond.column, cond.severity)
    if col.recommended:
        rules["recommended"] = col.recommended
    return rules


@pytest.mark.parametrize("path", REFERENCE_FILES, ids=_table_name)
def test_bundled_table_agrees_with_reference_file(path):
    depot = _depot_table(path)
    table = load_bundled().table(_table_name(path))
    assert table.column_names == tuple(var["name"] for var in depot)
    for var, col in zip(depot, table.columns, strict=True):
        where = f"{table.name}.{col.name}"
        assert set(var) <= DEPOT_KEYS, f"{where}: keys this test does not check"
        assert col.type == var["type"], where
        assert col.optional == var.get("value_optional", False), where
        assert col.label == var.get("label", ""), where
        assert col.example == var.get("example", ""), where
        assert col.summaries == tuple(var.get("summarizers", [])), where
        assert [(v.value, v.meaning) for v in col.values] == _depot_values(var), where
        assert _bundled_rules(col) == _depot_rules(var), where
        if col.type == "date":
            assert var["date_format"] == "YYYY-MM-DD", where
        else:
            assert "date_format" not in var, where


@pytest.mark.parametrize("path", REFERENCE_FILES, ids=_table_name)
def test_bundled_texts_are_our_own_words(path):
    table = load_bundled().table(_table_name(path))
    assert "depot" not in table.description
    for var, col in zip(_depot_table(path), table.columns, strict=True):
        assert col.description.strip(), f"{table.name}.{col.name} has no description"
        assert col.description != var["description"], f"{table.name}.{col.name} copies the depot"


# --- 2. the importer reads every reference file into the same facts --------------------

def _facts(definitions) -> dict:
    return {name: tuple(dataclasses.replace(c, description="") for c in table.columns)
            for name, table in definitions.tables.items()}


def test_importer_reads_every_reference_file_into_the_bundled_facts():
    imported = import_depot_folder(REFERENCE, version="reference")
    assert _facts(imported) == _facts(load_bundled())


@pytest.mark.parametrize("path", REFERENCE_FILES, ids=_table_name)
def test_importer_reads_each_file_alone(path):
    table = import_depot_file(path)
    assert table.name == _table_name(path)
    assert _facts_of(table) == _facts_of(load_bundled().table(table.name))


def _facts_of(table):
    return tuple(dataclasses.replace(c, description="") for c in table.columns)


def _write_depot_file(folder: Path, name: str, variables: list) -> Path:
    path = folder / f"{name}_definition.json"
    path.write_text(json.dumps(variables), "utf-8")
    return path


@pytest.mark.parametrize("variable, problem", [
    ({"name": "x", "type": "date", "description": "d", "date_format": "MM/DD/YYYY"},
     "date_format 'MM/DD/YYYY' is not supported"),
    ({"name": "x", "type": "string", "description": "d",
      "validators": [{"name": "required_when", "params": "y"}]},
     "'required_when' must name one column"),
    ({"name": "x", "type": "integer", "description": "d"}, "not 'integer'"),
])
def test_importer_rejects_a_bad_depot_file_naming_file_and_problem(tmp_path, variable, problem):
    path = _write_depot_file(tmp_path, "odd", [variable])
    with pytest.raises(DefinitionError) as caught:
        import_depot_file(path)
    assert "odd_definition.json" in str(caught.value)
    assert problem in str(caught.value)


def test_importer_takes_what_the_depot_takes(tmp_path):
    """Both range forms (VariableValidator reads params[0], params[1] or params['min'], params['max']),
    unknown validators as no-ops ("not implemented yet" there), case_sensitive kept."""
    path = _write_depot_file(tmp_path, "odd", [
        {"name": "a", "type": "year", "description": "d", "validators": [{"name": "range", "params": {"min": 1900,
                                                                                                 "max": 2025}}]},
        {"name": "b", "type": "year", "description": "d", "validators": [{"name": "range", "params": [1900, 2025]}]},
        {"name": "c", "type": "year", "description": "d", "validators": [{"name": "range", "params": {"min": 1}}]},
        {"name": "d", "type": "string", "description": "d", "validators": ["looks_fine"]},
        {"name": "e", "type": "enum", "description": "d", "allowed_values": ["Yes", "No"], "case_sensitive": True},
    ])
    notes: list[str] = []
    table = import_depot_file(path, notes)
    assert table.column("a").range == table.column("b").range == (1900, 2025)
    assert table.column("c").range is None and table.column("e").case_sensitive
    assert [n.split(": ", 1)[1] for n in notes] == [
        "a range without both bounds checks nothing at the depot, nor here.",
        "the validator 'looks_fine' is not one the depot checks, so it is not checked here."]
    assert notes[1].startswith("odd_definition.json, variable 4 (d)")


def test_importer_checks_references_across_the_set(tmp_path):
    _write_depot_file(tmp_path, "visit", [{"name": "cohortPatientId", "type": "id", "description": "d",
                                           "validators": ["in_file:patient:cohortPatientId"]}])
    with pytest.raises(DefinitionError) as caught:
        import_depot_folder(tmp_path, version="t")
    assert "visit_definition.json" in str(caught.value)
    assert "patient.cohortPatientId" in str(caught.value)


# --- 3. the loader rejects bad definition files with clear messages -----------------------

@pytest.fixture
def definitions_folder(tmp_path) -> Path:
    folder = tmp_path / "definitions"
    write_folder(load_bundled(), folder)
    return folder


def _edit(folder: Path, table: str, change) -> None:
    path = folder / f"{table}.toml"
    data = tomllib.loads(path.read_text("utf-8"))
    change(data, {c["name"]: c for c in data["column"]})
    path.write_text(tomli_w.dumps(data), "utf-8")


def _set(column: str, key: str, value):
    return lambda data, cols: cols[column].__setitem__(key, value)


def _drop(column: str, key: str):
    return lambda data, cols: cols[column].pop(key)


@pytest.mark.parametrize("table, change, problems", [
    ("patient", _set("birthYear", "type", "integer"), ["birthYear", "type must be one of", "'integer'"]),
    ("risk_factor", _drop("risk", "values"), ["risk", "type enum needs 'values'"]),
    ("patient", _set("hispanic", "values", []), ["hispanic", "type boolean needs 'values'"]),
    ("patient", _set("birthYear", "range", [2025, 1900]), ["birthYear", "'range' must be [low, high]"]),
    ("patient", _set("birthYear", "range", [1900]), ["birthYear", "'range' must be [low, high]"]),
    ("patient", _set("birthSex", "required_when", {"absent": "presentSexx"}),
     ["birthSex", "unknown column 'presentSexx'"]),
    ("patient", _set("birthSex", "forbidden_when", {"present": "presentSex", "level": "warning"}),
     ["birthSex", "'forbidden_when' must name one column"]),
    ("patient", _set("race", "optinal", True), ["race", "unknown keys optinal"]),
    ("patient", lambda data, cols: data.__setitem__("titel", "x"), ["unknown keys titel"]),
    ("patient", _set("race", "values", "White"), ["race", "'values' must be a list"]),
    ("patient", _set("race", "summaries", ["pie_chart"]), ["race", "unknown summaries pie_chart"]),
    ("patient", _set("deathDate", "optional", "yes"), ["deathDate", "'optional' must be true or false"]),
    ("diagnosis", _set("cohortPatientId", "must_exist_in", "patients.cohortPatientId"),
     ["cohortPatientId", "patients.cohortPatientId", "which no table of this set defines"]),
])
def test_loader_rejects_a_bad_table_file_naming_file_and_problem(definitions_folder, table, change,
                                                                  problems):
    _edit(definitions_folder, table, change)
    with pytest.raises(DefinitionError) as caught:
        load_folder(definitions_folder)
    message = str(caught.value)
    assert f"{table}.toml" in message
    for problem in problems:
        assert problem in message


def test_loader_rejects_broken_toml(definitions_folder):
    (definitions_folder / "census.toml").write_text('table = "census"\ntitle = \n', "utf-8")
    with pytest.raises(DefinitionError, match=r"census\.toml: not valid TOML"):
        load_folder(definitions_folder)


def test_loader_rejects_a_reference_to_a_missing_table(definitions_folder):
    (definitions_folder / "patient.toml").unlink()
    with pytest.raises(DefinitionError) as caught:
        load_folder(definitions_folder)
    assert ".toml: column 'cohortPatientId' must exist in patient.cohortPatientId" in str(caught.value)


def test_loader_needs_the_version_file(definitions_folder):
    (definitions_folder / "_set.toml").unlink()
    with pytest.raises(DefinitionError, match="no _set.toml"):
        load_folder(definitions_folder)


# --- 4. round trip ----------------------------------------------------------------------

def test_write_then_load_gives_the_same_set(tmp_path):
    bundled = load_bundled()
    write_folder(bundled, tmp_path / "copy")
    assert load_folder(tmp_path / "copy") == bundled


def test_an_imported_set_survives_the_round_trip(tmp_path):
    imported = import_depot_folder(REFERENCE, version="reference")
    write_folder(imported, tmp_path / "copy")
    assert load_folder(tmp_path / "copy") == imported


# --- 5. cohort renames --------------------------------------------------------------------

def test_cohorts_agree_with_the_reference_mappings():
    mappings = REFERENCE / "mappings"
    registry = json.loads((mappings / "registry.json").read_text("utf-8"))["cohort_to_group"]
    assert cohort_names() == list(registry)
    for cohort, group_name in registry.items():
        group = cohort_group(cohort)
        assert group.name == group_name
        for path in (mappings / "cohort_groups" / group_name).glob("*.json"):
            expected = {m["source_column"]: m["target_column"]
                        for m in json.loads(path.read_text("utf-8"))["column_mappings"]}
            if path.stem == "_default":
                assert group.default == expected
            else:
                assert group.tables[path.stem] == expected


@pytest.mark.parametrize("table", sorted(load_bundled().tables))
def test_cnics_renames_site_patient_id_in_every_table(table):
    header, renamed = rename_header(["sitePatientId", "site", "other"], "CWRU", table)
    assert header[0] == "cohortPatientId"
    assert header[2] == "other"
    assert renamed["sitePatientId"] == "cohortPatientId"
    if table == "patient":
        assert header[1] == "subSiteID" and renamed["site"] == "subSiteID"
    else:
        assert header[1] == "site" and "site" not in renamed


def test_cohort_and_column_names_match_ignoring_case_and_outer_spaces():
    header = ["  SITEPATIENTID ", "Site", "birthYear"]
    new, renamed = rename_header(header, " ua - BIRMINGHAM ", "patient")
    assert new == ["cohortPatientId", "subSiteID", "birthYear"]
    assert renamed == {"  SITEPATIENTID ": "cohortPatientId", "Site": "subSiteID"}
    assert header == ["  SITEPATIENTID ", "Site", "birthYear"]


@pytest.mark.parametrize("cohort", ["MACS", "", "cnics"])
def test_a_cohort_without_renames_passes_the_header_through(cohort):
    assert cohort_group(cohort) is None
    assert rename_header(["sitePatientId", "site"], cohort, "patient") == (["sitePatientId", "site"], {})


def test_a_rename_is_skipped_when_the_file_already_has_the_target_column():
    new, renamed = rename_header(["cohortPatientId", "sitePatientId", "siteRecordId"], "UCSD", "laboratory")
    assert new == ["cohortPatientId", "sitePatientId", "recordId"]
    assert renamed == {"siteRecordId": "recordId"}


def test_only_the_first_matching_column_is_renamed():
    new, renamed = rename_header(["sitePatientId", "SITEPATIENTID"], "Fenway", "diagnosis")
    assert new == ["cohortPatientId", "SITEPATIENTID"]
    assert renamed == {"sitePatientId": "cohortPatientId"}


# --- 6. the `definitions` command --------------------------------------------------------

def test_definitions_command_lists_16_tables(capsys):
    assert main(["definitions"]) == 0
    out = capsys.readouterr().out
    assert "(16 tables)" in out
    listed = [line.split()[0] for line in out.splitlines()[1:]]
    assert sorted(listed) == sorted(load_bundled().tables)


def test_definitions_command_lists_a_tables_columns(capsys):
    assert main(["definitions", "patient"]) == 0
    out = capsys.readouterr().out
    assert "birthSex" in out and "forbidden when presentSex is present (warning)" in out
    assert "LastNDIDate" in out


def test_definitions_command_names_the_known_types_for_an_unknown_one(capsys):
    assert main(["definitions", "patients"]) == 2
    assert "Known types: census" in capsys.readouterr().out


def test_definitions_command_reads_the_depot_form(capsys):
    assert main(["definitions", "--depot", str(REFERENCE)]) == 0
    assert "(16 tables)" in capsys.readouterr().out


def test_definitions_command_reports_a_bad_folder_plainly(definitions_folder, capsys):
    _edit(definitions_folder, "patient", _set("birthYear", "type", "integer"))
    assert main(["definitions", "--folder", str(definitions_folder)]) == 2
    out = capsys.readouterr().out
    assert out.startswith("These definitions cannot be used:") and "Traceback" not in out


def test_definitions_command_lists_the_cohorts_and_their_group(capsys):
    assert main(["definitions", "--cohorts"]) == 0
    out = capsys.readouterr().out
    for cohort in cohort_names():
        assert any(line.split() == [*cohort.split(), "CNICS"] for line in out.splitlines()), cohort
    assert "patient: sitePatientId -> cohortPatientId, site -> subSiteID" in out
