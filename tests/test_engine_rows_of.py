"""Every row of a finding, found again: structure problems (on either path)
at the lines the generator planted them, duplicates that span two
files of a table, a cohort rename, and a rule that no longer applies."""

from __future__ import annotations

import json

import pytest
from engine_helpers import DEFINITIONS, LAB_HEADER, PATIENT_HEADER, check, csv_text, lab_row, patient_row, write

from naaccord_desktop.engine.progress import Cancelled, CancelToken
from naaccord_desktop.engine.result import MAX_EXAMPLES, CheckOptions, Finding
from naaccord_desktop.engine.rows_of import RowsNotFound, has_rows, key, rows_of
from naaccord_desktop.sample import write_submission


def found_again(tmp_path, result, findings=None, options=None, cancel=None, **files):
    return rows_of(result, result.findings if findings is None else findings, DEFINITIONS, options or CheckOptions(),
                   lambda x: None, cancel or CancelToken(), scratch=tmp_path / "rows-scratch", **files)


def test_structure_problems_are_found_again_at_every_planted_line(tmp_path):
    manifest = write_submission(tmp_path / "sub", rows=3000, seed=4, structural=True,
                                tables=["patient", "laboratory", "diagnosis", "medication"])
    answers = json.loads(manifest.answer_file.read_text(encoding="utf-8"))["defects"]
    files = {f.path.name: f for f in manifest.structural_files}
    compared = set()
    paths = {"laboratory_ragged.csv": "diagnostic", "diagnosis_stray_quote.csv": "diagnostic",
             "medication_extra_empty.csv": "diagnostic"}  # its values hold line breaks too
    for name, path_taken in paths.items():
        spec = files[name]
        run = check(tmp_path / name, {"patient": manifest.paths["patient"], spec.table: spec.path})
        result = run.file(name)
        assert result.path_taken == path_taken
        found = found_again(tmp_path, result, patient_files=[manifest.paths["patient"]])
        for finding in filter(has_rows, result.findings):
            planted = sorted(a["line"] for a in answers if a["file"] == f"structural/{name}"
                             and a["code"] == finding.code and a["column"] == finding.column)
            assert found[key(finding)] == planted, (name, finding.code)
            assert len(planted) == finding.count
            compared.add(finding.code)
    assert compared == {"structure.too_many_fields", "structure.too_few_fields", "structure.stray_quote",
                        "structure.extra_empty_fields", "depot.line_break"}


def test_what_the_depot_reads_its_own_way_is_found_again_on_the_fast_path(tmp_path):
    """Birth years its range check cannot cast, values with a line break, blank
    IDs and extra empty values: more of each than a finding lists."""
    n = MAX_EXAMPLES + 5
    patients = [patient_row(f"P{k}", birthYear="1,970" if k % 2 else "1970", subSiteID="A\nB" if k % 3 else "",
                            LastNDIDate="2019-12-31")  # no line ends with the delimiter: the fast path keeps it
                for k in range(1, 3 * n)]
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, patients))
    labs = [lab_row("   ") if k % 2 else ",".join(lab_row("P1").values()) + ",," for k in range(2 * n)]
    lab = write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, labs))
    run = check(tmp_path, {"patient": patient, "laboratory": lab})
    compared = set()
    for result in run.result.files:
        assert result.path_taken == "fast"
        found = found_again(tmp_path, result, patient_files=[patient])
        for finding in filter(has_rows, result.findings):
            lines = found[key(finding)]
            assert len(lines) == finding.count and lines[:len(finding.lines)] == finding.lines, finding.code
            compared.add(finding.code)
    assert {"depot.range_cast", "depot.line_break", "patient_id.blank", "structure.extra_empty_fields"} <= compared


def test_duplicates_spanning_two_files_of_a_table_are_found_in_each(tmp_path):
    one = write(tmp_path / "patient_a.csv", csv_text(PATIENT_HEADER, [patient_row(f"P{n}") for n in range(1, 30)]))
    two = write(tmp_path / "patient_b.csv", csv_text(PATIENT_HEADER, [patient_row("P3"), patient_row("Q1"),
                                                                      patient_row("P28")]))
    run = check(tmp_path, {"patient": [one, two]})
    for this, other in ((one, two), (two, one)):
        result = run.file(this.name)
        duplicate = next(f for f in result.findings if f.code == "unique.duplicate")
        found = found_again(tmp_path, result, [duplicate], same_table=[other])
        assert len(found[key(duplicate)]) == duplicate.count == 2
        assert found[key(duplicate)] == duplicate.lines


def test_a_cohort_rename_is_applied_as_the_check_applied_it(tmp_path):
    header = ["sitePatientId", *PATIENT_HEADER[1:]]
    rows = [patient_row(f"P{n}", birthYear="19x0" if n % 2 else "1970") for n in range(1, 50)]
    for row in rows:
        row["sitePatientId"] = row.pop("cohortPatientId")
    path = write(tmp_path / "patient.csv", csv_text(header, rows))
    run = check(tmp_path, {"patient": path}, cohort="CNICS")
    result = run.file("patient.csv")
    years = next(f for f in result.findings if f.code == "year.invalid")
    assert years.count == 25 > len(years.lines)
    found = found_again(tmp_path, result, [years], options=CheckOptions(cohort="CNICS"))
    assert found[key(years)] == list(range(2, 51, 2))


def test_unknown_ids_need_the_patient_file_and_a_changed_file_is_refused(tmp_path):
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1")]))
    lab = write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, [lab_row("P1"), lab_row("X9"), lab_row("X9")]))
    result = check(tmp_path, {"patient": patient, "laboratory": lab}).file("laboratory.csv")
    unknown = next(f for f in result.findings if f.code == "patient_id.unknown")
    assert found_again(tmp_path, result, [unknown], patient_files=[patient])[key(unknown)] == [3, 4]
    with pytest.raises(RowsNotFound, match="patient file could not be read again"):
        found_again(tmp_path, result, [unknown])
    write(lab, csv_text(LAB_HEADER, [lab_row("P1"), lab_row("X9")]))
    with pytest.raises(RowsNotFound, match="changed since it was checked"):
        found_again(tmp_path, result, [unknown], patient_files=[patient])
    assert not any((tmp_path / "rows-scratch").glob("*.csv")), "a copy was left in the scratch folder"


def test_a_rule_that_no_longer_applies_and_a_cancel(tmp_path):
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1")]))
    result = check(tmp_path, {"patient": patient}).file("patient.csv")
    gone = Finding.of("date.invalid", "x", column="noSuchColumn", lines=[2])
    with pytest.raises(RowsNotFound, match="no longer applies"):
        found_again(tmp_path, result, [gone])
    cancel = CancelToken()
    cancel.cancel()
    with pytest.raises(Cancelled):
        found_again(tmp_path, result, [gone], cancel=cancel)


def test_whole_file_findings_have_no_rows():
    for code in ("header.missing_column", "file.encoding", "table.no_patient_file", "structure.blank_line"):
        assert not has_rows(Finding.of(code, "x"))
