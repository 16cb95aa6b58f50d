"""The sample generator's planted defects are all found, with the right
counts, severities and lines; the clean samples give no findings."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from engine_helpers import check

from naaccord_desktop.sample import bundled_sample_files, write_submission


def _found(runs, root: Path) -> dict[tuple, tuple]:
    out = {}
    for run in runs:
        for f in run.result.files:
            name = Path(f.path).relative_to(root).as_posix()
            for x in f.findings:
                out[(name, x.code, x.column)] = (x.severity, x.count, x.lines)
    return out


def _expected(answers: dict) -> dict[tuple, tuple]:
    grouped = defaultdict(list)
    for d in answers["defects"]:
        grouped[(d["file"], d["code"], d["column"])].append(d)
    return {key: (items[0]["severity"], len(items), sorted(d["line"] for d in items if d["line"])[:20])
            for key, items in grouped.items()}


def test_every_planted_defect_is_found_at_its_lines(tmp_path):
    root = tmp_path / "sample"
    manifest = write_submission(root, rows=3000, defects=True, structural=True)
    answers = json.loads(manifest.answer_file.read_text("utf-8"))
    runs = [check(tmp_path / "main", dict(manifest.paths))]
    for k, f in enumerate(manifest.structural_files):
        files = {f.table: f.path} if f.table == "patient" else {"patient": manifest.paths["patient"], f.table: f.path}
        runs.append(check(tmp_path / f"s{k}", files))
    found = _found(runs, root)
    expected = _expected(answers)
    assert {k: found.get(k) for k in expected} == expected
    assert set(found) - set(expected) == set()


def test_clean_samples_have_no_findings(tmp_path):
    manifest = write_submission(tmp_path / "clean", rows=3000, seed=7)
    run = check(tmp_path, dict(manifest.paths))
    assert {Path(f.path).name: f.findings for f in run.result.files if f.findings} == {}
    assert run.result.verdict == "clean"


def test_the_demo_shows_a_blocked_file_errors_and_a_fallback_and_the_rest_is_clean(tmp_path):
    bundled = check(tmp_path / "b", {table: path for path, table in bundled_sample_files()})
    files = {f.table: f for f in bundled.result.files}
    assert len(files) == 16
    assert {t: f.verdict for t, f in files.items() if f.verdict != "clean"} == {"laboratory": "blocked",
                                                                                 "patient": "ready"}
    unknown = files["laboratory"].findings
    assert [f.code for f in unknown] == ["patient_id.unknown"] and unknown[0].count > len(unknown[0].lines)
    assert {f.code for f in files["patient"].findings} >= {"date.invalid", "enum.invalid"}
    assert {t for t, f in files.items() if f.path_taken == "diagnostic"} == {"diagnosis"}
    assert files["diagnosis"].fallback_reason and files["diagnosis"].findings == []
    for table in set(files) - {"laboratory", "patient"}:
        assert files[table].findings == [], table
