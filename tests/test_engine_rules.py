"""Every rule type on tiny files: exact counts, severities, physical lines and values."""

from __future__ import annotations

import pytest
from engine_helpers import (
    LAB_HEADER,
    PATIENT_HEADER,
    check,
    csv_text,
    findings,
    lab_row,
    one,
    patient_row,
    write,
)


@pytest.fixture
def patient(tmp_path):
    rows = [
        patient_row("P01"),                                    # line 2: clean
        patient_row("P02", birthSex="male"),                   # 3: enum.case
        patient_row("P03", race="Whit"),                       # 4: enum.invalid
        patient_row("P04", enrollDate="2001/01/02"),           # 5: date.invalid, parsed hint
        patient_row("P05", enrollDate="2001-02-30"),           # 6: date.invalid, not a real date
        patient_row("P06", birthYear="NA"),                    # 7: value.na_token, never a crash
        patient_row("P07", birthYear="1880"),                  # 8: range.out_of_range
        patient_row("P08", birthSex="", presentSex=""),        # 9: required_when x2
        patient_row("P09", deathDate="2019-05-01"),            # 10: required_when deathDateSource
        patient_row("P10", deathDateSource="3"),               # 11: forbidden_when deathDateSource
        patient_row("P11", presentSex="Female"),               # 12: forbidden_when warning x2
        patient_row("P01"),                                    # 13: unique.duplicate with line 2
        patient_row("P13", hispanic=" Yes "),                  # 14: value.whitespace only
        patient_row("P14", lastActivityDate=""),               # 15: value.missing
        patient_row("P15", hispanic="YES"),                    # 16: enum.case (boolean)
        patient_row("P16", transgendered="maybe"),             # 17: enum.invalid (boolean)
        patient_row("P17", hivNegative="y"),                   # 18: enum.case on an object-form value
        patient_row("P18", birthYear="1975.0"),                # 19: year.invalid
        patient_row("P19", enrollDate="N/A"),                  # 20: value.na_token, not date.invalid
        patient_row("P20", birthYear="2025"),                  # 21: upper bound is inclusive
    ]
    return write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, rows))


def test_each_rule_counts_lines_values_and_severity(tmp_path, patient):
    f = check(tmp_path, {"patient": patient}).file("patient.csv")

    case = one(f, "enum.case", "birthSex")
    assert (case.severity, case.count, case.lines, case.values) == ("warning", 1, [3], ["male"])
    race = one(f, "enum.invalid", "race")
    assert (race.severity, race.count, race.lines, race.values) == ("error", 1, [4], ["Whit"])
    dates = one(f, "date.invalid", "enrollDate")
    assert (dates.severity, dates.count, dates.lines) == ("error", 2, [5, 6])
    assert dates.values == ["2001/01/02", "2001-02-30"]
    na_date = one(f, "value.na_token", "enrollDate")
    assert (na_date.severity, na_date.count, na_date.lines, na_date.values) == ("warning", 1, [20], ["N/A"])
    na_year = one(f, "value.na_token", "birthYear")
    assert (na_year.severity, na_year.lines, na_year.values) == ("warning", [7], ["NA"])
    assert "2001-01-02" in dates.hint
    year = one(f, "year.invalid", "birthYear")
    assert (year.count, year.lines, year.values) == (1, [19], ["1975.0"])
    out = one(f, "range.out_of_range", "birthYear")
    assert (out.severity, out.count, out.lines, out.values) == ("error", 1, [8], ["1880"])
    for column in ("birthSex", "presentSex"):
        need = one(f, "required_when.missing", column)
        assert (need.severity, need.count, need.lines) == ("error", 1, [9])
    source = one(f, "required_when.missing", "deathDateSource")
    assert (source.count, source.lines) == (1, [10])
    extra = one(f, "forbidden_when.present", "deathDateSource")
    assert (extra.severity, extra.count, extra.lines, extra.values) == ("error", 1, [11], ["3"])
    for column in ("birthSex", "presentSex"):
        both = one(f, "forbidden_when.present", column)
        assert (both.severity, both.lines) == ("warning", [12])  # the definition says warning
    dup = one(f, "unique.duplicate", "cohortPatientId")
    assert (dup.severity, dup.count, dup.lines, dup.values) == ("error", 2, [2, 13], ["P01", "P01"])
    space = one(f, "value.whitespace", "hispanic")
    assert (space.severity, space.lines, space.values) == ("warning", [14], [" Yes "])
    missing = one(f, "value.missing", "lastActivityDate")
    assert (missing.severity, missing.count, missing.lines) == ("error", 1, [15])
    boolean_case = one(f, "enum.case", "hispanic")
    assert (boolean_case.lines, boolean_case.values) == ([16], ["YES"])
    boolean_bad = one(f, "enum.invalid", "transgendered")
    assert (boolean_bad.lines, boolean_bad.values) == ([17], ["maybe"])
    assert one(f, "enum.case", "hivNegative").lines == [18]
    assert f.patient_ids.distinct == 19
    assert [(d.id, d.count, d.lines) for d in f.patient_ids.duplicates] == [("P01", 2, [2, 13])]
    assert f.verdict == "ready"


def test_clean_file_has_no_findings(tmp_path):
    rows = [patient_row(f"P{i:03d}") for i in range(30)]
    rows.append(patient_row("P999", deathDate="2019-01-01", deathDateSource="Death certificate"))
    f = check(tmp_path, {"patient": write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, rows))}
              ).file("patient.csv")
    assert f.findings == []
    assert f.verdict == "clean" and f.rows == 31 and f.path_taken == "fast"


def test_counts_are_exact_while_examples_are_capped(tmp_path):
    rows = [patient_row("P0"), *[lab_row("P0", resultDate=f"2020/01/{i % 28 + 1:02d}") for i in range(500)]]
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, rows[:1]))
    lab = write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, rows[1:]))
    f = check(tmp_path, {"patient": patient, "laboratory": lab}).file("laboratory.csv")
    bad = one(f, "date.invalid", "resultDate")
    assert bad.count == 500
    assert bad.lines == list(range(2, 22)) and len(bad.values) == 20


def test_recommended_and_optional_columns(tmp_path):
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1")]))
    rows = [lab_row("P1"), lab_row("P1", normalMin="", units="", interpretation=""), lab_row("P1", normalMax="  ")]
    f = check(tmp_path, {"patient": patient,
                         "laboratory": write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, rows))}
              ).file("laboratory.csv")
    low = one(f, "recommended.missing", "normalMin")
    assert (low.severity, low.count, low.lines) == ("warning", 1, [3])
    assert "later date" in low.message
    high = one(f, "recommended.missing", "normalMax")
    assert high.lines == [4]  # whitespace-only counts as missing
    assert not findings(f, "value.missing")  # units and interpretation are optional
    assert f.verdict == "clean"


def test_numeric_rule_and_summary_survive_non_numbers(tmp_path):
    header = ["cohortPatientId", "censusTract", "mTractIncome", "resDate"]
    table = "census"
    rows = ["P1,1,52000,2020-01-01", "P1,2,NA,2020-02-01", "P1,3,4.5e3,2020-02-03", "P1,4,-,2020-03-01"]
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1")]))
    census = write(tmp_path / "census.csv", [",".join(header), *rows])
    f = check(tmp_path, {"patient": patient, table: census}).file("census.csv")
    bad = one(f, "numeric.invalid", "mTractIncome")
    assert (bad.count, bad.lines, bad.values) == (1, [5], ["-"])
    na = one(f, "value.na_token", "mTractIncome")
    assert (na.severity, na.count, na.lines, na.values) == ("warning", 1, [3], ["NA"])
    summary = f.summaries["mTractIncome"].numeric
    assert summary["min"] == 4500 and summary["max"] == 52000 and summary["invalid"] == 2


def test_tabs_around_values_are_spaces_too(tmp_path):
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1")]))
    rows = [lab_row("P1"), lab_row("P1", units="mg\t"), lab_row("P1", source="\tL1")]
    f = check(tmp_path, {"patient": patient,
                         "laboratory": write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, rows))}
              ).file("laboratory.csv")
    assert one(f, "value.whitespace", "units").lines == [3]
    assert one(f, "value.whitespace", "source").lines == [4]
    assert not findings(f, "value.missing")


@pytest.mark.parametrize("token", ["NA", "n/a", " NULL ", "."])
def test_placeholder_tokens_are_warnings_in_typed_columns_only(tmp_path, token):
    rows = [patient_row("P1", enrollDate=token, birthYear=token, BirthCountry=token),
            patient_row("P2", enrollDate="NAN", birthYear="N.A.")]
    f = check(tmp_path, {"patient": write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, rows))}
              ).file("patient.csv")
    for column in ("enrollDate", "birthYear"):
        na = one(f, "value.na_token", column)
        assert (na.severity, na.count, na.lines, na.values) == ("warning", 1, [2], [token])
    assert one(f, "date.invalid", "enrollDate").lines == [3]  # look-alikes stay errors
    assert one(f, "year.invalid", "birthYear").lines == [3]
    assert not findings(f, "value.na_token", "BirthCountry")  # a text column takes any text
    assert f.verdict == "ready"
