"""Every export of a real check: the engine checks a small generated submission
with planted defects, then the reports, JSON, CSV and receipt are made from
its result."""

from __future__ import annotations

import csv
import json
import random
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from test_reports_html import Page

from naaccord_desktop.definitions import load_bundled
from naaccord_desktop.engine.pipeline import CheckOptions, SubmissionFile, check_submission
from naaccord_desktop.engine.progress import CancelToken
from naaccord_desktop.engine.rows_of import has_rows, key, rows_of
from naaccord_desktop.reports.csv_export import write_finding_rows
from naaccord_desktop.reports.html import TITLE, write_html
from naaccord_desktop.reports.json_export import write_json
from naaccord_desktop.reports.receipt import verify_receipt, write_receipt
from naaccord_desktop.store.secrets import Secrets

SCHEMA_FILE = (Path(__file__).resolve().parents[1] / "naaccord_desktop" / "reports" / "schema"
               / "naaccord-precheck-1.schema.json")
UNKNOWN_IDS = ["SNTL-ID-90210", "SNTL-ID-31337"]
BAD_DATE = "SNTL-VAL-0999/99"
SCRIPT = "<script>alert('SNTL')</script>"
DUPLICATE_ID = "C00004"
PSEUDONYM = Secrets(bytes(range(32)), remembered=False, backend=None, status="").pseudonym


def write_submission(folder: Path, patients: int = 60, labs: int = 240, seed: int = 7) -> list[Path]:
    """patient.csv (a duplicate ID, an out-of-range year, a lower-case sex) and
    laboratory.csv (CRLF; unknown patients, invalid dates, a script as a test name)."""
    rnd = random.Random(seed)
    ids = [f"C{n:05d}" for n in range(1, patients + 1)]
    rows = ["cohortPatientId,birthSex,presentSex,birthYear,race,hispanic,enrollDate,"
            "lastActivityDate,deathDate,deathDateSource"]
    for i, pid in enumerate(ids):
        sex = "male" if i == 5 else rnd.choice(["Male", "Female", "Male"])
        year = 1890 if i == 9 else rnd.randint(1950, 1995)
        enrolled = f"{rnd.randint(2005, 2020)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        race = rnd.choice(["White", "Black", "Asian", "Unknown"])
        rows.append(f"{pid},{sex},,{year},{race},{rnd.choice(['Yes', 'No'])},{enrolled},2024-06-30,,")
    rows.append(f"{DUPLICATE_ID},Female,,1970,White,No,2010-01-01,2024-06-30,,")
    patient = folder / "patient.csv"
    patient.write_text("\n".join(rows) + "\n", encoding="utf-8")
    lab_rows = ["cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,"
                "resultDate,source"]
    for i in range(labs):
        pid = {17: UNKNOWN_IDS[0], 18: UNKNOWN_IDS[0], 40: UNKNOWN_IDS[1]}.get(i, rnd.choice(ids))
        test = SCRIPT if i == 33 else rnd.choice(["Abs CD4", "HIV-1 RNA", "Hemoglobin", "Albumin"])
        date = f"{rnd.randint(2015, 2024)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        date = {25: BAD_DATE, 26: BAD_DATE, 30: "2020/05/19"}.get(i, date)
        lab_rows.append(f"{pid},{test},{rnd.randint(1, 900)},cells/uL,,,,{date},clinic")
    lab = folder / "laboratory.csv"
    lab.write_bytes(("\r\n".join(lab_rows) + "\r\n").encode("utf-8"))
    return [patient, lab]


def check(folder: Path, scratch: Path):
    definitions = load_bundled()
    patient, lab = write_submission(folder)
    files = [SubmissionFile(patient, "patient"), SubmissionFile(lab, "laboratory")]
    result = check_submission(files, definitions, CheckOptions(), lambda event: None, CancelToken(),
                              scratch=scratch)
    return result, definitions


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submission")
    result, definitions = check(folder, tmp_path_factory.mktemp("scratch"))
    assert result.verdict == "blocked" and not result.cancelled
    return result, definitions


def test_json_of_a_real_result_matches_the_schema(tmp_path, checked):
    result, _ = checked
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data = json.loads(write_json(result, tmp_path / "r.json").read_text(encoding="utf-8"))
    errors = [f"{list(e.path)}: {e.message}" for e in Draft202012Validator(schema).iter_errors(data)]
    assert errors == []


def test_full_report_of_a_real_result(tmp_path, checked):
    result, definitions = checked
    text = write_html(result, tmp_path / "full.html", definitions=definitions,
                      pseudonym=PSEUDONYM).read_text(encoding="utf-8")
    page = Page(text)
    assert page.open == [] and "script" not in page.tags
    assert "Blocked: 1 file would be rejected by the depot" in page.words
    for f in result.files:
        c = f.counts_by_severity()
        row = page.row(Path(f.path).name)
        assert row[4:7] == [str(c["blocker"]), str(c["error"]), str(c["warning"])]
    for planted in UNKNOWN_IDS + [BAD_DATE, DUPLICATE_ID]:
        assert planted in page.words
    assert SCRIPT not in text


def test_shareable_report_of_a_real_result(tmp_path, checked):
    result, definitions = checked
    text = write_html(result, tmp_path / "share.html", shareable=True, pseudonym=PSEUDONYM,
                      definitions=definitions).read_text(encoding="utf-8")
    page = Page(text)
    assert TITLE in page.words
    assert "SNTL" not in text.upper() and DUPLICATE_ID not in text and "2020/05/19" not in text
    for pid in UNKNOWN_IDS + [DUPLICATE_ID]:
        assert PSEUDONYM(pid) in page.words
    lab = next(f for f in result.files if f.table == "laboratory")
    unknown = next(x for x in lab.findings if x.code == "patient_id.unknown")
    assert ", ".join(str(n) for n in unknown.lines) in page.words


def test_receipt_of_a_real_result(tmp_path, checked):
    result, _ = checked
    receipt, _ = write_receipt(result, tmp_path / "receipt.json")
    paths = [Path(f.path) for f in result.files]
    assert all(c.matches for c in verify_receipt(receipt, paths))
    copy = tmp_path / paths[1].name
    data = bytearray(paths[1].read_bytes())
    data[len(data) // 2] ^= 0x20
    copy.write_bytes(bytes(data))
    assert [c.status for c in verify_receipt(receipt, [paths[0], copy])] == ["match", "changed"]


def test_csv_of_a_real_finding_is_its_rows_from_the_source(tmp_path, checked):
    result, definitions = checked
    lab = next(f for f in result.files if f.table == "laboratory")
    dates = next(x for x in lab.findings if x.code == "date.invalid")
    patients = [Path(f.path) for f in result.files if f.table == "patient"]
    found = rows_of(lab, [dates], definitions, CheckOptions(), lambda x: None, CancelToken(),
                    scratch=tmp_path / "scratch", patient_files=patients)
    out = tmp_path / "dates.csv"
    assert write_finding_rows(lab, out, found[key(dates)]) == dates.count == 3
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = Path(lab.path).read_text(encoding="utf-8").splitlines()[0]
    assert rows[0] == ["line", *header.split(",")]
    assert [(int(r[0]), r[8]) for r in rows[1:]] == list(zip(dates.lines, dates.values, strict=True))
    assert [r[8] for r in rows[1:]] == [BAD_DATE, BAD_DATE, "2020/05/19"]


@pytest.fixture(scope="module")
def team_sample(tmp_path_factory):
    """The project's sample submission with planted defects, and its answer file."""
    from naaccord_desktop.sample import write_submission as write_sample

    folder = tmp_path_factory.mktemp("team-sample")
    definitions = load_bundled()
    manifest = write_sample(folder, rows=600, seed=3, defects=True, definitions=definitions,
                            tables=["patient", "laboratory", "medication", "diagnosis"])
    files = [SubmissionFile(f.path, f.table) for f in manifest.files]
    result = check_submission(files, definitions, CheckOptions(), lambda event: None, CancelToken(),
                              scratch=tmp_path_factory.mktemp("scratch"))
    answers = json.loads(manifest.answer_file.read_text(encoding="utf-8"))
    return result, definitions, answers["defects"]


def test_shareable_report_of_the_team_sample_leaks_no_planted_id_or_value(tmp_path, team_sample):
    result, definitions, defects = team_sample
    allowed = {v.value for t in definitions.tables.values() for c in t.columns for v in c.values}
    page = Page(write_html(result, tmp_path / "share.html", shareable=True, pseudonym=PSEUDONYM,
                           definitions=definitions).read_text(encoding="utf-8"))
    ids = {d["value"].strip() for d in defects if d["code"] == "patient_id.unknown"}
    distinctive = {d["value"].strip() for d in defects
                   if not d["code"].startswith("header.") and len(d["value"].strip()) >= 3
                   and d["value"].strip() not in allowed
                   and not d["value"].strip().replace(".", "").isdigit()}
    assert ids and distinctive
    for planted in ids | distinctive:
        assert not re.search(rf"(?<![0-9A-Za-z]){re.escape(planted)}(?![0-9A-Za-z])", page.words), planted
    for pid in ids:
        assert PSEUDONYM(pid) in page.words


def test_every_row_found_again_is_where_the_answer_file_says(tmp_path, team_sample):
    """rows_of finds every row of every finding with rows, at the lines the
    generator planted them; the first ones are those the result lists."""
    result, definitions, defects = team_sample
    planted: dict[tuple, list[int]] = {}
    for d in defects:
        planted.setdefault((d["file"], d["code"], d["column"]), []).append(d["line"])
    patients = [Path(f.path) for f in result.files if f.table == "patient"]
    compared = 0
    for f in result.files:
        found = rows_of(f, f.findings, definitions, CheckOptions(), lambda x: None, CancelToken(),
                        scratch=tmp_path / "scratch", patient_files=patients)
        for x in filter(has_rows, f.findings):
            lines = found[key(x)]
            assert lines == sorted(planted[(Path(f.path).name, x.code, x.column)]), (f.path, x.code, x.column)
            assert len(lines) == x.count and lines[:len(x.lines)] == x.lines
            compared += 1
    assert compared > 30
