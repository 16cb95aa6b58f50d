"""Patient IDs: duplicates, unknown IDs, several files of one table type."""

from __future__ import annotations

from engine_helpers import LAB_HEADER, PATIENT_HEADER, check, csv_text, findings, lab_row, one, patient_row, write


def _patients(tmp_path, ids, name="patient.csv"):
    return write(tmp_path / name, csv_text(PATIENT_HEADER, [patient_row(i) for i in ids]))


def _lab(tmp_path, ids, name="laboratory.csv", header=LAB_HEADER):
    return write(tmp_path / name, csv_text(header, [lab_row(i) for i in ids]))


def test_unknown_ids_with_exact_counts_and_lines(tmp_path):
    run = check(tmp_path, {
        "patient": _patients(tmp_path, ["P1", "P2", "P3"]),
        "laboratory": _lab(tmp_path, ["P1", "X9", "P2", " P3 ", "X9", "X8", "P1"]),
    })
    lab = run.file("laboratory.csv")
    ids = lab.patient_ids
    assert (ids.distinct, ids.not_in_patient_file, ids.rows_with_unknown) == (5, 2, 3)
    assert [(u.id, u.count, u.lines) for u in ids.unknown] == [("X9", 2, [3, 6]), ("X8", 1, [7])]
    unknown = one(lab, "patient_id.unknown")
    assert (unknown.severity, unknown.count, unknown.lines, unknown.values) == ("blocker", 3, [3, 6, 7],
                                                                                ["X9", "X9", "X8"])
    assert one(lab, "value.whitespace", "cohortPatientId").lines == [5]  # trimmed, so P3 is known
    assert lab.verdict == "blocked" and run.result.verdict == "blocked"
    assert run.file("patient.csv").verdict == "clean"


def test_table_without_a_patient_file_is_blocked(tmp_path):
    run = check(tmp_path, {"laboratory": _lab(tmp_path, ["P1"])})
    lab = run.file("laboratory.csv")
    assert one(lab, "table.no_patient_file").severity == "blocker"
    assert lab.verdict == "blocked"


def test_a_patient_file_that_cannot_be_read_or_has_no_id_column_blocks_the_other_tables(tmp_path):
    """The depot refuses every other table until it holds a patient file: one it
    cannot read is no better than none."""
    binary = tmp_path / "patient.csv"
    binary.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    no_ids = write(tmp_path / "patient_no_ids.csv", ["birthSex,birthYear", "Male,1970"])
    for patient in (binary, no_ids):
        run = check(tmp_path, {"patient": patient, "laboratory": _lab(tmp_path, ["P1"])})
        lab = run.file("laboratory.csv")
        assert one(lab, "table.patient_file_unusable").severity == "blocker", patient.name
        assert lab.verdict == "blocked"


def test_extra_empty_values_in_the_patient_file_block_the_others_on_both_paths(tmp_path):
    """The depot refuses such a patient file, and then every other table: the fast path
    looks for them before its verdict on the others, as the detailed check does."""
    patient = _patients(tmp_path, ["P1", "P2"])
    with patient.open("a", encoding="utf-8") as f:
        f.write(",".join(patient_row("P3").values()) + ",,\n")
    for diagnose in (False, True):
        run = check(tmp_path / str(diagnose), {"patient": patient, "laboratory": _lab(tmp_path, ["P1"])},
                    diagnose=diagnose)
        assert one(run.file("patient.csv"), "structure.extra_empty_fields").severity == "blocker"
        assert run.file("laboratory.csv").verdict == "blocked", diagnose
        assert findings(run.file("laboratory.csv"), "table.patient_file_unusable")


def test_files_of_one_table_start_again_together_when_one_goes_to_the_detailed_check(tmp_path):
    """Only the values scan sees a doubled quote inside a value; the file then goes to
    the detailed check, and the other files of its table with it, so what is compared
    across them (duplicates, the depot keeping one patient file) is found for each."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    quoted = write(tmp_path / "b" / "patient.csv", csv_text(PATIENT_HEADER, [
        patient_row("P3", BirthCountry='say "hi"'), patient_row("P4"), patient_row("P5")]))
    run = check(tmp_path, {"patient": [_patients(tmp_path, ["P1", "P3", "P4"], "a/patient.csv"), quoted],
                           "laboratory": _lab(tmp_path, ["P1", "P5"])})
    for name in ("a/patient.csv", "b/patient.csv"):
        f = next(f for f in run.result.files if f.path.endswith(name))
        assert f.path_taken == "diagnostic", name
        assert one(f, "table.several_patient_files")
        assert one(f, "unique.duplicate").count == 2  # P3 and P4, in both files
    assert run.file("laboratory.csv").verdict == "clean"


def test_several_files_of_one_table_are_checked_as_one(tmp_path):
    run = check(tmp_path, {
        "patient": [_patients(tmp_path, ["P1", "P2", "P3"], "patient_a.csv"),
                    _patients(tmp_path, ["P4", "P2"], "patient_b.csv")],
        "laboratory": [_lab(tmp_path, ["P4", "X1"], "lab_a.csv"), _lab(tmp_path, ["X2", "P1", "X1"], "lab_b.csv")],
    })
    a, b = run.file("patient_a.csv"), run.file("patient_b.csv")
    # P2 is in both patient files: a duplicate of the table, shown at each file's own line,
    # with the other file's line named
    assert (one(a, "unique.duplicate").count, one(a, "unique.duplicate").lines) == (1, [3])
    assert (one(b, "unique.duplicate").count, one(b, "unique.duplicate").lines) == (1, [3])
    assert one(a, "unique.duplicate").hint == "Some of these values are also in patient_b.csv (line 3)."
    assert one(b, "unique.duplicate").hint == "Some of these values are also in patient_a.csv (line 3)."
    assert [(d.id, d.count, d.lines) for d in a.patient_ids.duplicates] == [("P2", 2, [3])]
    assert [(d.id, d.count, d.lines) for d in b.patient_ids.duplicates] == [("P2", 2, [3])]
    assert (a.patient_ids.distinct, b.patient_ids.distinct) == (3, 2)
    lab_a, lab_b = run.file("lab_a.csv"), run.file("lab_b.csv")
    assert [(u.id, u.lines) for u in lab_a.patient_ids.unknown] == [("X1", [3])]  # P4 comes from patient_b
    assert [(u.id, u.lines) for u in lab_b.patient_ids.unknown] == [("X2", [2]), ("X1", [4])]
    assert not findings(lab_a, "table.header_mismatch")


def test_files_of_one_table_must_share_a_header(tmp_path):
    other = [h for h in LAB_HEADER if h != "units"]
    run = check(tmp_path, {
        "patient": _patients(tmp_path, ["P1"]),
        "laboratory": [_lab(tmp_path, ["P1"], "lab_a.csv"),
                       write(tmp_path / "lab_b.csv", csv_text(other, [lab_row("P1")]))],
    })
    assert one(run.file("lab_b.csv"), "table.header_mismatch").severity == "error"
    assert not findings(run.file("lab_a.csv"), "table.header_mismatch")


def test_several_patient_files_are_an_error_naming_them(tmp_path):
    """The depot takes each one and keeps the last (SubmissionPatientIDs.create_or_update_for_submission
    replaces the list): no refusal, but the coordinator must choose."""
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    run = check(tmp_path, {
        "patient": [_patients(tmp_path, ["P1", "P2"], "first/patient.csv"),
                    _patients(tmp_path, ["P3"], "second/patient.csv")],
        "laboratory": _lab(tmp_path, ["P1", "P3", "X1"]),
    })
    for patient in (f for f in run.result.files if f.table == "patient"):
        several = one(patient, "table.several_patient_files")
        assert several.severity == "error" and patient.verdict == "ready"
        assert several.message.startswith("The depot keeps one patient file: first/patient.csv and "
                                          "second/patient.csv are both patient files")
        assert "compared with both together" in several.message
        assert not findings(patient, "unique.duplicate")
    # the cross-check runs against both, as the message says: only X1 is in neither
    assert [u.id for u in run.file("laboratory.csv").patient_ids.unknown] == ["X1"]


def test_one_patient_file_is_fine(tmp_path):
    run = check(tmp_path, {"patient": _patients(tmp_path, ["P1"]), "laboratory": _lab(tmp_path, ["P1"])})
    assert not findings(run.file("patient.csv"), "table.several_patient_files")
