"""The sample generator: deterministic, clean where it should be, and its answer
file lists exactly what was planted, at the right physical lines.

The checks re-read the files with Python's csv module and judge them with a
small validator written here from the product's rule semantics, independent
of the generator and of the engine."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

from naaccord_desktop.cli import main
from naaccord_desktop.definitions import load_bundled
from naaccord_desktop.definitions.model import Table
from naaccord_desktop.engine.codes import CODES
from naaccord_desktop.sample import (
    BUNDLED_SAMPLE,
    bundled_sample_dir,
    bundled_sample_files,
    write_bundled_sample,
    write_submission,
)

DEFINITIONS = load_bundled()
ROWS = 3000  # 300 patients: every kind of defect fits in every table


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("clean")
    write_submission(out, rows=ROWS, seed=11)
    return out


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("planted")
    manifest = write_submission(out, rows=ROWS, seed=12, defects=True, structural=True)
    return out, json.loads(manifest.answer_file.read_text("utf-8"))


# --------------------------------------------------------------------------- reading the files


def encoding_of(fmt: str) -> str:
    if "LATIN-1" in fmt:
        return "latin-1"
    return "utf-8-sig" if "BOM" in fmt else "utf-8"


def records(path: Path, encoding: str = "utf-8") -> list[tuple[int, list[str]]]:
    """(physical line where the record starts, values) for every record, header included."""
    with open(path, encoding=encoding, newline="") as f:
        return parse(f)


def parse(stream) -> list[tuple[int, list[str]]]:
    out = []
    reader = csv.reader(stream)
    before = 0
    for row in reader:
        out.append((before + 1, row))
        before = reader.line_num
    return out


def physical_lines(path: Path, encoding: str) -> list[str]:
    text = path.read_text(encoding)
    return [line.removesuffix("\r") for line in text.split("\n")]


# --------------------------------------------------------------------------- an independent validator

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
YEAR = re.compile(r"\d{4}")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def fold(text: str) -> str:
    return "".join(text.split()).lower()


def is_date(text: str) -> bool:
    try:
        return bool(ISO.fullmatch(text)) and date.fromisoformat(text) is not None
    except ValueError:
        return False


def judge(table: Table, rows: list[tuple[int, list[str]]], patient_ids: set[str]) -> set[tuple]:
    """Findings (line, column, code, severity) of every rule the definition states."""
    header = rows[0][1]
    where = {}
    for col in table.columns:
        matches = [i for i, name in enumerate(header) if fold(name) == fold(col.name)]
        if matches:
            where[col.name] = matches[0]
    found: set[tuple] = set()
    seen: dict[str, list[int]] = defaultdict(list)
    for line, row in rows[1:]:
        if not row:
            continue
        if any("\n" in v for v in row):  # the depot's database cuts such a value
            found.add((line, None, "depot.line_break", "error"))
        raw = {name: row[i] for name, i in where.items()}
        value = {name: v.strip() for name, v in raw.items()}

        def present(name: str, value=value) -> bool:
            return bool(value.get(name))

        for col in table.columns:
            if col.name not in value:
                continue
            v, name = value[col.name], col.name

            def add(code: str, severity: str | None = None, line=line, name=name) -> None:
                found.add((line, name, code, severity or CODES[code].severity))

            if v and raw[name] != v:
                add("value.whitespace")
            if not v:
                if not col.always_optional and not col.presence_is_conditional:
                    add("value.missing")
                if col.recommended:
                    add("recommended.missing")
            elif col.values:
                allowed = [a.value for a in col.values if a.value]
                if v not in allowed:
                    add("enum.case" if fold(v) in {fold(a) for a in allowed} else "enum.invalid")
            elif col.type in ("date", "year", "numeric") and v.upper() in ("NA", "N/A", "NULL", "."):
                add("value.na_token")
            elif col.type == "date" and not is_date(v):
                add("date.invalid")
            elif col.type == "year" and not YEAR.fullmatch(v):
                add("year.invalid")
            elif col.type == "numeric" and not NUMBER.fullmatch(v):
                add("numeric.invalid")
            elif col.range and not (col.range[0] <= float(v) <= col.range[1]):
                add("range.out_of_range")
            if col.required_when and present(col.required_when.column) == col.required_when.when_present \
                    and not v:
                add("required_when.missing", col.required_when.severity)
            if col.forbidden_when and present(col.forbidden_when.column) == col.forbidden_when.when_present \
                    and v:
                add("forbidden_when.present", col.forbidden_when.severity)
            if v and col.must_exist_in and v not in patient_ids:
                add("patient_id.unknown")
            if raw[name] and not v and col.must_exist_in:
                add("patient_id.blank")
            if col.range and raw[name] and not whole_number(raw[name]):
                add("depot.range_cast")
            if v and col.unique:
                seen[v].append(line)
    for lines in seen.values():
        if len(lines) > 1:
            found.update((line, "cohortPatientId", "unique.duplicate", "error") for line in lines)
    return found


def whole_number(text: str) -> bool:
    """What the depot's range check can cast to an integer (it rounds decimals)."""
    try:
        return abs(float(text)) < 2**31
    except ValueError:
        return False


def patient_ids_of(folder: Path) -> set[str]:
    return {row[0].strip() for _, row in records(folder / "patient.csv")[1:] if row}


# --------------------------------------------------------------------------- the clean submission


def test_every_table_is_written_with_its_definition_header(clean):
    for name, table in DEFINITIONS.tables.items():
        rows = records(clean / f"{name}.csv")
        assert rows[0][1] == list(table.column_names), name
        assert len(rows) > 10, f"{name} has only {len(rows) - 1} rows"
        assert all(len(row) == len(table.columns) for _, row in rows), name


def test_clean_data_obeys_the_definitions(clean):
    ids = patient_ids_of(clean)
    assert len(ids) == ROWS // 10
    for name, table in DEFINITIONS.tables.items():
        assert judge(table, records(clean / f"{name}.csv"), ids) == set(), name


def test_clean_answer_file_expects_nothing(clean):
    answer = json.loads((clean / "answers.json").read_text("utf-8"))
    assert answer["defects"] == [] and answer["counts"] == {}
    assert {f["file"] for f in answer["files"]} == {f"{n}.csv" for n in DEFINITIONS.tables}


def test_clean_data_is_realistic(clean):
    patients = {row[0]: row for _, row in records(clean / "patient.csv")[1:]}
    lab = records(clean / "laboratory.csv")[1:]
    assert len(lab) == ROWS
    # Rows are grouped by patient, and every result falls within the patient's follow-up.
    order = [row[0] for _, row in lab]
    assert sum(a != b for a, b in zip(order, order[1:], strict=False)) == len(set(order)) - 1
    for _, row in lab:
        enrolled, last = patients[row[0]][6], patients[row[0]][7]
        assert enrolled <= row[7] <= last
    assert len({row[1] for _, row in lab}) == 24  # test types
    assert "µmol/L" in {row[3] for _, row in lab}
    assert ">10,000,000" in {row[2] for _, row in lab}
    assert all(patients[row[0]][8] for _, row in records(clean / "mortality.csv")[1:])  # died
    years = [int(p[3]) for p in patients.values()]
    assert min(years) >= 1915 and max(years) <= 2008
    countries = {p[12] for p in patients.values()}
    assert {"Korea, Republic of", "México", ""} <= countries
    # Quoted values with commas occur; line breaks inside values do not (the depot misreads them).
    cells = [v for n in DEFINITIONS.tables for _, row in records(clean / f"{n}.csv") for v in row]
    assert sum("\n" in v for v in cells) == 0 and sum("," in v for v in cells) >= 30


def test_optional_cells_are_sometimes_empty(clean):
    for name, table in DEFINITIONS.tables.items():
        rows = records(clean / f"{name}.csv")[1:]
        for i, col in enumerate(table.columns):
            if col.optional and not col.recommended:
                empty = sum(1 for _, row in rows if not row[i])
                assert 0 < empty < len(rows) or len(rows) < 50, f"{name}.{col.name}"


# --------------------------------------------------------------------------- determinism


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    def files(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for out, seed in ((a, 5), (b, 5), (c, 6)):
        write_submission(out, rows=600, seed=seed, defects=True, structural=True)
    assert files(a) == files(b)
    assert files(a)["patient.csv"] != files(c)["patient.csv"]
    assert files(a)["structural/laboratory_bom_crlf.csv"] != files(c)["structural/laboratory_bom_crlf.csv"]


def test_bundled_sample_is_what_the_generator_writes(tmp_path):
    manifest = write_bundled_sample(tmp_path)
    assert manifest.answer_file is None
    made = sorted(p.name for p in tmp_path.iterdir())
    bundled = sorted(p.name for p in bundled_sample_dir().glob("*.csv"))
    assert made == bundled == sorted(f"{n}.csv" for n in DEFINITIONS.tables)
    for name in made:
        assert (tmp_path / name).read_bytes() == (bundled_sample_dir() / name).read_bytes(), (
            f"{name} differs: regenerate the bundle with write_bundled_sample(bundled_sample_dir())")
    assert sum(p.stat().st_size for p in bundled_sample_dir().glob("*.csv")) < 700_000
    assert manifest.patients == BUNDLED_SAMPLE["patients"]


def test_bundled_sample_files_lists_patient_first():
    files = bundled_sample_files()
    assert [t for _, t in files][0] == "patient"
    assert sorted(t for _, t in files) == sorted(DEFINITIONS.tables)


# --------------------------------------------------------------------------- the answer file


def test_answer_file_is_sorted_and_counted(planted):
    _, answer = planted
    entries = answer["defects"]
    keys = [(e["file"], e["line"]) for e in entries]
    assert keys == sorted(keys)
    assert answer["counts"] == dict(Counter(e["code"] for e in entries))
    assert all(e["code"] in CODES for e in entries)
    assert all(e["severity"] == CODES[e["code"]].severity or e["code"].startswith(
        ("required_when", "forbidden_when", "header.missing")) for e in entries)


def test_every_rule_and_structural_kind_is_planted(planted):
    _, answer = planted
    planted_codes = set(answer["counts"])
    # file.no_rows needs a file of its own (test_engine_pipeline checks it)
    # file.changed needs a file written mid-check, file.unhashed one that cannot be read after its rules
    # file.suffix, file.too_large, depot.delimiter and depot.no_patient_list are about a file as a whole
    not_plantable = {"file.unreadable", "file.no_rows", "file.changed", "file.unhashed", "table.no_patient_file",
                     "table.patient_file_unusable", "table.header_mismatch", "table.several_patient_files",
                     "file.suffix", "file.too_large", "depot.delimiter", "depot.no_patient_list"}
    assert planted_codes == set(CODES) - not_plantable
    values = {(e["code"], e["value"]) for e in answer["defects"]}
    for bad in ("2015-02-30", "03/12/2015"):
        assert ("date.invalid", bad) in values
    assert ("value.na_token", "NA") in values and ("value.na_token", "n/a") in values


def test_rule_defects_are_exactly_what_the_answer_lists(planted):
    """An independent check of every rule over each rule-defect file finds
    the listed cell findings, no more and no fewer, at the listed lines."""
    out, answer = planted
    ids = patient_ids_of(out)
    for f in answer["files"]:
        if f["structural"] and f["file"] != "structural/laboratory_bom_crlf.csv":
            continue
        table = DEFINITIONS.table(f["table"])
        rows = records(out / f["file"], encoding_of(f["format"]))
        expected = {(e["line"], e["column"], e["code"], e["severity"])
                    for e in answer["defects"] if e["file"] == f["file"] and e["line"] > 1}
        assert judge(table, rows, ids) == expected, f["file"]


def test_listed_lines_hold_the_listed_values(planted):
    out, answer = planted
    formats = {f["file"]: f["format"] for f in answer["files"]}
    moved = 0  # findings below an embedded newline: their line is not record number + 1
    for name, fmt in formats.items():
        entries = [e for e in answer["defects"] if e["file"] == name and e["line"] > 1 and e["column"]]
        if not entries:
            continue
        rows = records(out / name, encoding_of(fmt))
        header = rows[0][1]
        by_line = {line: (k, row) for k, (line, row) in enumerate(rows)}
        for e in entries:
            k, row = by_line[e["line"]]
            position = next(i for i, h in enumerate(header) if fold(h) == fold(e["column"]))
            assert row[position] == e["value"], e
            moved += e["line"] != k + 1
    assert moved > 0


def test_header_defects(planted):
    out, answer = planted
    for e in (e for e in answer["defects"] if e["code"].startswith("header.")):
        header = records(out / e["file"])[0][1]
        assert e["line"] == 1
        if e["code"] in ("header.missing_column", "header.no_patient_id"):
            assert e["column"] not in header
        elif e["code"] == "header.extra_column":
            assert e["value"] in header and DEFINITIONS.table(e["table"]).column(e["value"]) is None
        elif e["code"] == "header.case_mismatch":
            assert e["value"] in header and e["column"] not in header and fold(e["value"]) == fold(e["column"])
        elif e["code"] == "header.duplicate_column":
            assert header.count(e["column"]) == 2
    table_changes = {e["file"] for e in answer["defects"] if e["code"].startswith("header.")}
    assert len(table_changes) == 7  # six rule-defect tables and one structural file


def test_structural_defects_are_at_the_listed_lines(planted):
    """Each listed line holds the listed text and has the problem; no other line has it."""
    out, answer = planted
    by_file = defaultdict(list)
    for e in answer["defects"]:
        if e["code"].startswith("structure."):
            by_file[e["file"]].append(e)
    assert sorted(by_file) == [
        "structural/diagnosis_stray_quote.csv", "structural/encounter_blank_lines.csv",
        "structural/hospitalization_unclosed_quote.csv", "structural/laboratory_ragged.csv",
        "structural/medication_extra_empty.csv"]
    for name, entries in by_file.items():
        width = len(DEFINITIONS.table(entries[0]["table"]).columns)
        lines = physical_lines(out / name, "utf-8")
        listed = sorted(e["line"] for e in entries)
        for e in entries:
            assert lines[e["line"] - 1] == e["value"], e
        if name.endswith("unclosed_quote.csv"):
            (line,) = listed
            assert lines[line - 1].count('"') == 1 and '"' not in "\n".join(lines[line:])
            before = parse(io.StringIO("\n".join(lines[: line - 1]) + "\n"))
            assert all(len(row) == width for _, row in before)
            continue
        rows = records(out / name)
        if name.endswith("ragged.csv"):
            odd = [line for line, row in rows if len(row) != width]
            for e in entries:
                fields = len(dict(rows)[e["line"]])
                assert (fields > width) == (e["code"] == "structure.too_many_fields"), e
        elif name.endswith("extra_empty.csv"):
            odd = [line for line, row in rows if len(row) > width]
            assert all(not any(row[width:]) for _, row in rows if len(row) > width)
        elif name.endswith("stray_quote.csv"):
            odd = [line for line, row in rows if any('"' in v for v in row)]
        else:
            odd = [line for line, row in rows if not row]
        assert odd == listed, name


def test_encoding_and_empty_file_entries(planted):
    out, answer = planted
    (latin,) = [e for e in answer["defects"] if e["code"] == "file.encoding"]
    data = (out / latin["file"]).read_bytes()
    with pytest.raises(UnicodeDecodeError) as bad:
        data.decode("utf-8")
    assert bad.value.start == latin["byte"] and data[latin["byte"]] == 0xB5
    assert data[: latin["byte"]].count(b"\n") + 1 == latin["line"]
    assert latin["value"] == "µmol/L"
    assert latin["value"] in physical_lines(out / latin["file"], "latin-1")[latin["line"] - 1]
    (empty,) = [e for e in answer["defects"] if e["code"] == "file.empty"]
    assert (out / empty["file"]).stat().st_size == 0 and empty["line"] == 0


def test_bom_crlf_file(planted):
    out, answer = planted
    name = "structural/laboratory_bom_crlf.csv"
    data = (out / name).read_bytes()
    (facts,) = [f for f in answer["files"] if f["file"] == name]
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") == facts["records"] + 1
    entries = [e for e in answer["defects"] if e["file"] == name]
    assert {e["code"] for e in entries} >= {"patient_id.unknown", "date.invalid", "value.missing"}


def test_file_facts_match_the_files(planted):
    out, answer = planted
    for f in answer["files"]:
        path = out / f["file"]
        assert path.stat().st_size == f["size"]
        if f["size"]:
            data = path.read_bytes()
            assert data.count(b"\n") == f["lines"], f["file"]


# --------------------------------------------------------------------------- API and command line


def test_tables_option_and_unknown_table(tmp_path):
    manifest = write_submission(tmp_path, rows=200, tables=["patient", "laboratory"], structural=True)
    assert set(manifest.paths) == {"patient", "laboratory"}
    assert {f.table for f in manifest.structural_files} == {"laboratory"}
    with pytest.raises(ValueError, match="Unknown table type"):
        write_submission(tmp_path, rows=200, tables=["labs"])


def test_command_line_writes_and_reports(tmp_path, capsys):
    assert main(["sample", str(tmp_path), "--rows", "400", "--seed", "3", "--defects",
                 "--tables", "patient,diagnosis"]) == 0
    said = capsys.readouterr().out
    assert "patient.csv" in said and "diagnosis.csv" in said and "answers.json" in said
    assert "date.invalid" in said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.json", "diagnosis.csv", "patient.csv"]
    assert main(["sample", str(tmp_path), "--tables", "nope"]) == 2
    assert "Unknown table type nope" in capsys.readouterr().out
