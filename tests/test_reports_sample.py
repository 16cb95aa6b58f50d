"""A hand-built, realistic result of a small submission with defects, shared by
the report tests. Sentinel patient IDs and cell values are planted wherever the
engine may put them (finding values, hints, messages, ID lists, summaries) so
the shareable report can be searched for them."""

from __future__ import annotations

from naaccord_desktop.engine.result import (
    CheckOptions,
    FileInfo,
    FileResult,
    Finding,
    IdCount,
    PatientIds,
    StageRecord,
    SubmissionResult,
    VariableSummary,
    verdict_of,
    worst,
)

SENTINEL_IDS = ["SNTL-ID-90210", "SNTL-ID-31337", "SNTL-DUP-4711"]
SENTINEL_VALUES = ["SNTL-VAL-0999/99", "SNTL-VAL-mmol", "<script>alert('SNTL')</script>",
                   "SNTL-VAL-19.5.2020", "SNTL-VAL-Albuminx"]
SCRIPT = SENTINEL_VALUES[2]


def _stages(*keys: str) -> list[StageRecord]:
    return [StageRecord(k, "done", 0.1 * (i + 1)) for i, k in enumerate(keys)]


def patient_file() -> FileResult:
    findings = [
        Finding("unique.duplicate", "error", "cohortPatientId", 2, [7, 12],
                f"`cohortPatientId` must be unique; {SENTINEL_IDS[2]} appears on 2 lines.",
                "Keep one row per patient in the patient file.", [SENTINEL_IDS[2]] * 2),
        Finding("enum.case", "warning", "birthSex", 3, [4, 9, 15],
                "`birthSex` uses a spelling that differs from the allowed value only in case.",
                "Write the value exactly as listed in the definitions.", ["male", "male", "FEMALE"]),
    ]
    f = FileResult(
        path="/data/cohort/patient.csv", table="patient", size=48_213, rows=1_200,
        sha256="3f1c" * 16,
        file_info=FileInfo(**{"encoding": "utf-8", "bom": False, "delimiter": ",", "line_endings": "CRLF",
                   "header": ["cohortPatientId", "birthSex", "birthYear", "enrolDate"]}),
        patient_ids=PatientIds(distinct=1_199, duplicates=[IdCount(SENTINEL_IDS[2], 2, [7, 12])]),
        findings=findings,
        summaries={
            "cohortPatientId": VariableSummary("cohortPatientId", "id", 1_200, 0, 1_199),
            "birthSex": VariableSummary("birthSex", "enum", 1_200, 4, 4,
                                        top_values=[["Male", 702], ["Female", 491], ["male", 2],
                                                    ["FEMALE", 1]],
                                        outside_allowed=[["male", 2], ["FEMALE", 1]]),
            "birthYear": VariableSummary("birthYear", "year", 1_200, 0, 5,
                                         top_values=[["1961", 210], ["1965", 300], ["1970", 350],
                                                     ["1975", 240], ["1980", 100]]),
            "enrolDate": VariableSummary("enrolDate", "date", 1_200, 0, 900, dates={
                "min": "2001-03-02", "max": "2024-11-30", "invalid": 0,
                "months": [[f"{y}-{m:02d}", 3 + (y * m) % 9] for y in range(2019, 2025)
                           for m in range(1, 13)]}),
        },
        stages=_stages("inspect", "load", "patient_ids", "crosscheck", "rules", "summaries"),
    )
    f.verdict = verdict_of(findings)
    return f


def laboratory_file() -> FileResult:
    unknown = [IdCount(SENTINEL_IDS[0], 31, [12, 88, 140]), IdCount(SENTINEL_IDS[1], 19, [301])]
    findings = [
        Finding("patient_id.unknown", "blocker", "cohortPatientId", 50, [12, 88, 140, 301],
                f"50 rows use patient IDs that are not in patient.csv, e.g. {SENTINEL_IDS[0]}.",
                "Add these patients to the patient file, or remove their rows.",
                [SENTINEL_IDS[0]] * 3 + [SENTINEL_IDS[1]]),
        Finding("date.invalid", "error", "resultDate", 40, [56, 57, 1_203],
                f"`resultDate` must be a date written YYYY-MM-DD. 40 rows differ, e.g. line 56: "
                f"`{SENTINEL_VALUES[0]}`.",
                "Export dates as YYYY-MM-DD.",
                [SENTINEL_VALUES[0], SENTINEL_VALUES[3], SCRIPT], hint="2020-05-19"),
        Finding("value.missing", "error", "result", 3, [77, 78, 79],
                "`result` is required but empty on 3 rows.", "Fill in the result.", ["", "", " "]),
        Finding("recommended.missing", "warning", "normalMin", 600, list(range(2, 22)),
                "If a normal minimum is not provided, we may ask for this information later.",
                values=[""] * 20),
    ]
    f = FileResult(
        path="/data/cohort/laboratory_2025Q3.csv", table="laboratory", size=5_342_880,
        rows=48_112, sha256="a7e9" * 16, path_taken="diagnostic",
        fallback_reason="Line 1,203 has 10 values; the header has 9. A value probably contains an "
                        "unquoted comma.",
        file_info=FileInfo(**{"encoding": "utf-8", "bom": True, "delimiter": ",", "line_endings": "LF",
                   "header": ["cohortPatientId", "testName", "result", "units", "resultDate"]}),
        patient_ids=PatientIds(distinct=1_150, not_in_patient_file=2, rows_with_unknown=50,
                               unknown=unknown),
        findings=findings,
        summaries={
            "testName": VariableSummary("testName", "string", 48_112, 0, 38, top_values=[
                ["Abs CD4", 12_050], ["HIV-1 RNA RT-PCR", 11_200], ["Hemoglobin", 6_001],
                ["Albumin", 4_100], [SENTINEL_VALUES[4], 7], [SCRIPT, 1]]),
            "units": VariableSummary("units", "string", 48_112, 9_400, 12, top_values=[
                ["cells/uL", 12_050], ["copies/mL", 11_200], ["g/dL", 10_101],
                [SENTINEL_VALUES[1], 3]]),
            "result": VariableSummary("result", "numeric", 48_112, 3, 8_000, numeric={
                "min": 0.0, "max": 1_250_000.0, "mean": 4_210.7, "median": 310.0, "invalid": 2_210}),
            "resultDate": VariableSummary("resultDate", "date", 48_112, 0, 3_100, dates={
                "min": "2015-01-03", "max": "2025-09-28", "invalid": 40,
                "months": [[f"{y}-{m:02d}", 200 + 40 * (y - 2015) + 15 * (m % 4)]
                           for y in range(2015, 2026) for m in range(1, 13)]}),
        },
        stages=_stages("metadata", "structure", "tolerant_load", "patient_ids", "crosscheck",
                       "rules", "summaries"),
    )
    f.verdict = verdict_of(findings)
    return f


def medication_file() -> FileResult:
    findings = [Finding("value.whitespace", "warning", "medicationName", 4, [5, 6, 7, 8],
                        "`medicationName` has spaces before or after the value on 4 rows.",
                        "Trim the spaces in your export.", [" TDF", " TDF", "3TC ", "3TC "])]
    f = FileResult(path="/data/cohort/medication.csv", table="medication", size=98_004, rows=3_004,
                   sha256="0b5d" * 16, file_info=FileInfo(**{"encoding": "utf-8", "delimiter": ","}),
                   patient_ids=PatientIds(distinct=900), findings=findings,
                   stages=_stages("inspect", "load", "patient_ids", "crosscheck", "rules",
                                  "summaries"))
    f.verdict = verdict_of(findings)
    return f


def sample_result() -> SubmissionResult:
    files = [patient_file(), laboratory_file(), medication_file()]
    return SubmissionResult(app_version="0.1.0", definitions_version="2025.1", options=CheckOptions(cohort="CNICS"),
                            started_at="2026-11-28T14:02:11+01:00", seconds=7.4,
                            verdict=worst(f.verdict for f in files), files=files)
