"""The fast path over distinct values (engine/distinct.py): what only the
values scan can see, the order blockers come in, and statistics weighted by
row counts that must equal DuckDB's own over the rows."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
from engine_helpers import DEFINITIONS, LAB_HEADER, PATIENT_HEADER, check, csv_text, lab_row, one, patient_row, write

from naaccord_desktop.engine import distinct
from naaccord_desktop.engine.pipeline import check_submission
from naaccord_desktop.engine.progress import CancelToken
from naaccord_desktop.engine.result import CheckOptions, every_core
from naaccord_desktop.engine.run import SubmissionFile
from naaccord_desktop.engine.summaries import _median
from naaccord_desktop.sample import write_submission


def _patient(tmp_path):
    return write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row(f"P{i}") for i in range(5)]))


def test_a_quote_in_a_column_the_definition_lacks_sends_the_file_to_the_detailed_check(tmp_path):
    """Only the values scan reads that column: the fast path's findings are
    forgotten and the detailed check reports the file once, as it would have."""
    rows = [",".join(lab_row("P1", resultDate="2020-13-01").values()) + ",plain" for _ in range(30)]
    rows.append(",".join(lab_row("X1").values()) + ',"say ""hi"""')
    lab = write(tmp_path / "laboratory.csv", csv_text([*LAB_HEADER, "note"], rows))
    f = check(tmp_path, {"patient": _patient(tmp_path), "laboratory": lab}).file("laboratory.csv")
    assert f.path_taken == "diagnostic"
    assert f.fallback_reason.startswith("1 row has a double quote inside a value")
    assert one(f, "date.invalid").count == 30
    assert one(f, "patient_id.unknown").lines == [32]
    assert one(f, "header.extra_column").column == "note"
    assert [s.key for s in f.stages][:5] == ["inspect", "load", "patient_ids", "crosscheck", "rules"]
    assert sum(s.findings for s in f.stages) == len(f.findings)  # the forgotten ones are no stage's


def test_every_files_patient_id_verdict_comes_before_any_rules(tmp_path):
    labs = [write(tmp_path / f"laboratory_{k}.csv", csv_text(LAB_HEADER, [lab_row("P1"), lab_row(f"X{k}")]))
            for k in range(2)]
    meds = write(tmp_path / "medication.csv", csv_text(
        ["cohortPatientId", "medicationName", "startDate", "stopDate"], ["P1,ABC,2020-01-01,", "Y1,ABC,2020-01-01,"]))
    run = check(tmp_path, {"patient": _patient(tmp_path), "laboratory": labs, "medication": meds})
    ends = [(e.stage, e.file) for e in run.events if e.kind == "done" and e.stage in ("crosscheck", "rules")]
    last_verdict = max(k for k, (stage, _) in enumerate(ends) if stage == "crosscheck")
    first_rules = min(k for k, (stage, _) in enumerate(ends) if stage == "rules")
    assert last_verdict < first_rules and sum(stage == "crosscheck" for stage, _ in ends) == 3
    said = [e.message for e in run.events if e.kind == "done" and e.stage == "crosscheck"]
    assert said == ["1 patient ID is not in the patient file (1 row): the depot would refuse this file."] * 3


def test_ids_of_spaces_only_come_with_the_verdict_and_their_cells_with_the_values_scan(tmp_path):
    """A cell of spaces only (any Unicode space, as str.strip() removes) is the ID ''
    for the depot; an empty cell is no ID at all."""
    rows = [lab_row("P1"), lab_row("  "), lab_row("X9"), lab_row("\u00a0"), lab_row("")]
    lab = write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, rows))
    run = check(tmp_path, {"patient": _patient(tmp_path), "laboratory": lab})
    said = [e.message for e in run.events if e.kind == "done" and e.stage == "crosscheck"]
    assert said == ["1 patient ID is not in the patient file (1 row; 2 more are spaces only): "
                    "the depot would refuse this file."]
    blank = one(run.file("laboratory.csv"), "patient_id.blank")
    assert (blank.count, blank.lines, blank.values) == (2, [3, 5], ["  ", "\u00a0"])
    assert one(run.file("laboratory.csv"), "patient_id.unknown").values == ["X9"]


def test_a_value_repeated_on_more_rows_than_the_examples_keeps_the_first_lines(tmp_path):
    """Lines come from each value's first rows, merged across values and across
    the combinations a low-cardinality column is grouped in."""
    rows = [lab_row("P1", normalMin="" if i % 3 == 0 else "400", interpretation=["Normal", "High"][i % 2],
                    source=f"L{i % 4}") for i in range(200)]
    lab = write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, rows))
    f = check(tmp_path, {"patient": _patient(tmp_path), "laboratory": lab}).file("laboratory.csv")
    recommended = one(f, "recommended.missing", "normalMin")
    assert (recommended.count, recommended.lines) == (67, [2 + 3 * k for k in range(20)])
    assert f.summaries["source"].top_values == [["L0", 50], ["L1", 50], ["L2", 50], ["L3", 50]]


def test_the_weighted_median_is_duckdbs_median_over_the_rows():
    con = duckdb.connect()
    for values in ([1.0], [1.0, 2.0], [3.0, 1.0, 2.0, 2.0], [0.1, 0.7, 0.7, 10.0, -3.0, 1e9], [5.0] * 7 + [6.0]):
        pairs = sorted({v: values.count(v) for v in values}.items())
        expected = con.execute("SELECT median(x) FROM (SELECT unnest(?::DOUBLE[]) AS x)", [values]).fetchone()[0]
        assert _median(pairs) == expected
    assert _median([]) is None


def test_duckdb_gets_one_thread_per_core_unless_told_otherwise():
    assert CheckOptions().threads == every_core() >= 1
    assert CheckOptions(threads=1).threads == 1


def _mixed_submission(tmp_path) -> list[SubmissionFile]:
    """The sample generator's defect submission, with a Latin-1 and a ragged laboratory file."""
    manifest = write_submission(tmp_path / "sample", rows=600, defects=True)
    latin = write(tmp_path / "laboratory_latin1.csv", csv_text(LAB_HEADER, [lab_row("P1", units="µmol/L")]),
                  encoding="latin-1")
    ragged = write(tmp_path / "laboratory_ragged.csv", csv_text(LAB_HEADER, [lab_row("P1"), "P1,x"]))
    files = [SubmissionFile(p, t) for t, p in manifest.paths.items()]
    return [*files, SubmissionFile(latin, "laboratory"), SubmissionFile(ragged, "laboratory")]


def _result(tmp_path, files: list[SubmissionFile], threads: int) -> list[dict]:
    """Every file's result but its stage timings; the scratch folder is left empty."""
    out = check_submission(files, DEFINITIONS, CheckOptions(threads=threads), lambda e: None, CancelToken(),
                           scratch=tmp_path / f"scratch{threads}")
    assert not [p for p in (tmp_path / f"scratch{threads}").rglob("*") if p.is_file()]
    return [{k: v for k, v in f.items() if k != "stages"} for f in out.to_dict()["files"]]


def test_a_values_scan_started_beside_the_load_gives_the_same_result(tmp_path, monkeypatch):
    """With cores to spare the values scan starts with the load scan, in parts
    read side by side (here whatever the file's size); it is used, or dropped
    when the load reads the file another way (Latin-1, or the detailed check),
    and the result is the one of a single thread, which reads the file in one part."""
    files = _mixed_submission(tmp_path)
    real_shares = distinct._shares
    monkeypatch.setattr(distinct, "PARTS_FROM", 0)
    parts = []
    monkeypatch.setattr(distinct, "_shares", lambda *args: parts.append(real_shares(*args)) or parts[-1])
    one_thread, beside = _result(tmp_path, files, 1), _result(tmp_path, files, 4)
    assert max(map(len, parts)) >= 2, "no file was read in parts"
    assert beside == one_thread
    assert {Path(f["path"]).name: f["path_taken"] for f in beside}["laboratory_ragged.csv"] == "diagnostic"


def test_the_next_tables_values_scans_run_beside_a_tables_rules_with_the_same_result(tmp_path, monkeypatch):
    """With two threads no values scan starts beside the load scan (the verdict needs
    both), but the next table's small files are scanned while a table's rules run."""
    files = _mixed_submission(tmp_path)
    real_group_values = distinct.group_values
    ahead: list[str] = []

    def group_values(con, loaded, *args, **kw):
        if threading.current_thread().name.startswith("naaccord-values"):
            ahead.append(loaded.path.name)
        return real_group_values(con, loaded, *args, **kw)

    monkeypatch.setattr(distinct, "group_values", group_values)
    one_thread = _result(tmp_path, files, 1)
    assert ahead == []
    two_threads = _result(tmp_path, files, 2)
    assert two_threads == one_thread
    first_rules = sorted(files, key=lambda f: f.table == "patient")[0].path.name
    assert "patient.csv" in ahead and first_rules not in ahead and len(ahead) >= len(files) - 3
