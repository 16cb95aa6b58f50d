"""The diagnostic path: every corpus file gets a verdict, planted defects are
reported at their physical lines, and the rules on the readable records say
exactly what the fast path says about the same records."""

from __future__ import annotations

import hashlib
import shutil

import corpus
import pytest

from naaccord_desktop.definitions.loader import load_bundled
from naaccord_desktop.engine import metadata
from naaccord_desktop.engine.pipeline import CheckOptions, SubmissionFile, check_submission
from naaccord_desktop.engine.progress import CancelToken
from naaccord_desktop.engine.result import VERDICTS

DEFINITIONS = load_bundled()
CASES = {c.name: c for c in corpus.cases()}


def check(tmp_path, files, diagnose=False, events=None, cancel=None, scratch=None):
    scratch = scratch or tmp_path / "scratch"
    options = CheckOptions(diagnose=diagnose)
    sink = events.append if events is not None else (lambda e: None)
    result = check_submission(files, DEFINITIONS, options, sink, cancel or CancelToken(), scratch=scratch)
    return result, scratch


def diagnose(tmp_path, path, events=None, cancel=None, scratch=None):
    """The diagnostic path alone on one laboratory file."""
    result, _ = check(tmp_path, [SubmissionFile(path, "laboratory")], diagnose=True, events=events,
                      cancel=cancel, scratch=scratch)
    return result.files[0]


def leftovers(scratch):
    return [p for p in scratch.rglob("*") if p.is_file()] if scratch.exists() else []


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("asked", [False, True], ids=["automatic", "diagnose"])
def test_every_corpus_file_gets_a_verdict_in_plain_words(tmp_path, name, asked):
    case = CASES[name]
    path = tmp_path / case.name
    path.write_bytes(case.data)
    result, scratch = check(tmp_path, [SubmissionFile(path, "laboratory")], diagnose=asked)
    f = result.files[0]
    assert f.verdict in VERDICTS
    codes = {x.code for x in f.findings}
    assert case.codes <= codes, f"{name}: expected {case.codes}, got {codes}"
    for code, lines in case.lines.items():
        assert next(x for x in f.findings if x.code == code).lines == lines
    for finding in f.findings:
        assert finding.message and "Error:" not in finding.message and "Traceback" not in finding.message
    assert not leftovers(scratch)


@pytest.mark.parametrize("name", sorted(CASES))
def test_readable_rows_are_loaded_and_nothing_stays_in_scratch(tmp_path, name):
    case = CASES[name]
    path = tmp_path / case.name
    path.write_bytes(case.data)
    events = []
    f = diagnose(tmp_path, path, events)
    loaded = [e.counts["rows"] for e in events if e.stage == "tolerant_load" and e.kind == "done"]
    assert (loaded[0] if loaded else 0) == case.readable_rows
    assert [s.key for s in f.stages][:3] == ["metadata", "structure", "tolerant_load"]
    assert not leftovers(tmp_path / "scratch")


def test_non_utf8_values_are_read_in_their_real_encoding(tmp_path):
    path = tmp_path / "lab.csv"
    # Mostly UTF-8 ("é") with one Windows-1252 byte ("µ" as 0xB5); the leading
    # spaces make the values show in a finding.
    path.write_bytes((corpus.HEADER + "\n" + corpus.lab_row(1, " Café") + "\n").encode()
                     + corpus.lab_row(2, " \xb5mol/L").encode("latin-1") + b"\n")
    f = diagnose(tmp_path, path)
    units = next(x for x in f.findings if x.code == "value.whitespace" and x.column == "units")
    assert units.values == [" Café", " µmol/L"]
    encoding = next(x for x in f.findings if x.code == "file.encoding")
    assert encoding.lines == [3]
    assert "0xB5" in encoding.message and "'µ'" in encoding.message


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_planted_defects_and_rules_equal_the_fast_path_on_the_same_records(tmp_path, end):
    p = corpus.planted(300, end)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    broken, readable = tmp_path / "a" / "laboratory.csv", tmp_path / "b" / "laboratory.csv"
    patient_a, patient_b = tmp_path / "a" / "patient.csv", tmp_path / "b" / "patient.csv"
    broken.write_bytes(p.data)
    readable.write_bytes(p.readable)
    patient_a.write_bytes(p.patient)
    patient_b.write_bytes(p.patient)
    events = []
    diag, scratch_a = check(tmp_path / "a", [SubmissionFile(patient_a, "patient"),
                                             SubmissionFile(broken, "laboratory")], events=events)
    fast, _ = check(tmp_path / "b", [SubmissionFile(patient_b, "patient"), SubmissionFile(readable, "laboratory")])
    d, f = diag.files[1], fast.files[1]
    assert (d.path_taken, f.path_taken) == ("diagnostic", "fast")
    assert d.fallback_reason
    assert any(e.kind == "path" and e.file == str(broken) and e.stages and e.stages[0].key == "metadata"
               for e in events)
    for code, lines in p.structure.items():
        finding = next(x for x in d.findings if x.code == code)
        assert (finding.count, finding.lines) == (len(lines), lines[:20])

    def rule_view(findings, to_data_line):
        return sorted((x.code, x.column, x.count, [to_data_line(n) for n in x.lines], x.values)
                      for x in findings if not x.code.startswith(("structure.", "file.")))

    assert rule_view(d.findings, lambda n: n) == rule_view(f.findings, p.line_in_data.__getitem__)
    assert {x.code for x in d.findings} >= {"date.invalid", "patient_id.unknown", "value.missing"}
    assert d.summaries.keys() == f.summaries.keys()
    assert d.summaries["resultDate"] == f.summaries["resultDate"]
    assert d.patient_ids.distinct == f.patient_ids.distinct
    assert not leftovers(scratch_a)


def test_near_miss_header_names_get_a_did_you_mean_hint(tmp_path):
    path = tmp_path / "lab.csv"
    path.write_bytes((corpus.HEADER.replace("resultDate", "result_date") + "\n" + corpus.lab_row(1) + "\n").encode())
    result, _ = check(tmp_path, [SubmissionFile(path, "laboratory")], diagnose=True)
    extra = next(x for x in result.files[0].findings if x.code == "header.extra_column")
    assert extra.hint == "Did you mean resultDate? That column is missing."


def test_transcoding_is_part_of_the_structure_progress(tmp_path):
    path = tmp_path / "lab.csv"
    path.write_bytes(corpus.planted(3000).data.decode().replace("mg/dL", "µg/L").encode("latin-1"))
    seen = []
    diagnose(tmp_path, path, seen)
    fractions = [e.fraction for e in seen if e.stage == "structure" and e.kind == "progress"]
    assert fractions == sorted(fractions) and fractions[0] <= 1 / 3 and fractions[-1] == 1.0


def test_cancel_during_structure_stops_and_cleans_up(tmp_path):
    path = tmp_path / "lab.csv"
    path.write_bytes(corpus.planted(2000).data)
    token = CancelToken()
    seen = []

    class Progress(list):
        def append(self, event):
            seen.append((event.stage, event.kind))
            if event.stage == "structure" and event.kind == "start":
                token.cancel()

    result, scratch = check(tmp_path, [SubmissionFile(path, "laboratory")], diagnose=True, events=Progress(),
                            cancel=token)
    assert result.cancelled
    assert ("structure", "cancelled") in seen and ("tolerant_load", "start") not in seen
    assert not leftovers(scratch)


def test_missing_file_is_a_finding_not_an_exception(tmp_path):
    f = diagnose(tmp_path, tmp_path / "gone.csv")
    assert [x.code for x in f.findings if x.code.startswith("file.")] == ["file.unreadable"]
    assert f.stages[0].status == "failed" and {s.status for s in f.stages[1:]} == {"skipped"}
    shutil.rmtree(tmp_path / "scratch")


def test_a_scratch_folder_that_cannot_be_written_is_a_finding(tmp_path):
    path = tmp_path / "lab.csv"
    path.write_bytes(CASES["ragged.csv"].data)
    scratch = tmp_path / "scratch"

    class Progress(list):
        def append(self, event):  # the scratch folder turns into a file once the check has started
            if event.stage == "metadata" and event.kind == "done":
                shutil.rmtree(scratch)
                scratch.write_text("")

    f = diagnose(tmp_path, path, Progress(), scratch=scratch)
    unreadable = [x for x in f.findings if x.code == "file.unreadable"]
    assert len(unreadable) == 1
    assert "could not write its temporary copies in its scratch folder" in unreadable[0].message
    assert [(s.key, s.status) for s in f.stages][:3] == [
        ("metadata", "done"), ("structure", "failed"), ("tolerant_load", "skipped")]


def test_a_10_mb_header_name_is_shortened_for_display(tmp_path):
    path = tmp_path / "lab.csv"
    path.write_bytes(CASES["single_line_10mb.csv"].data)
    f = diagnose(tmp_path, path)
    assert f.file_info.header == ["x" * 120 + "…"]


def test_structure_messages_read_well_for_one_and_for_many(tmp_path):
    one = [corpus.HEADER, corpus.lab_row(1) + ",x", corpus.lab_row(2).replace("Lab1", 'La"b1'), ""]
    many = [corpus.HEADER] + [corpus.lab_row(i) + ",x" for i in range(3)] + [
        corpus.lab_row(i).replace("Lab1", 'La"b1') for i in range(3)] + ["", "", corpus.lab_row(9)]
    texts = {}
    for name, rows in (("one", one), ("many", many)):
        path = tmp_path / f"{name}.csv"
        path.write_text("\n".join(rows) + "\n")
        result, _ = check(tmp_path, [SubmissionFile(path, "laboratory")], diagnose=True)
        texts[name] = {x.code: x.message for x in result.files[0].findings if x.code.startswith("structure.")}
    assert texts["one"] == {
        "structure.too_many_fields": "Line 2 has 10 values; the header has 9. A value probably contains an "
                                     "unquoted comma. This line is left out of the value checks.",
        "structure.stray_quote": "Line 3 has a double quote in the middle of a value. The depot accepts the "
                                 "file and keeps the quote as part of the value, as this check does; other "
                                 "programs may split the line differently.",
    }
    assert texts["many"] == {
        "structure.too_many_fields": "3 lines have more values than the header's 9 (first: line 2 with 10). "
                                     "A value probably contains an unquoted comma. These lines are left out "
                                     "of the value checks.",
        "structure.stray_quote": "3 lines have a double quote in the middle of a value (first: line 5). The "
                                 "depot accepts the file and keeps the quote as part of the value, as this "
                                 "check does; other programs may split the line differently.",
        "structure.blank_line": "2 lines are blank (first: line 8). Blank lines are skipped.",
    }



def test_a_fallback_reuses_the_fast_paths_scan_of_the_file(tmp_path, monkeypatch):
    path = tmp_path / "lab.csv"
    data = "\n".join([corpus.HEADER, corpus.lab_row(1), corpus.lab_row(2) + ",x", ""]).encode()
    path.write_bytes(data)

    def second_pass(*args, **kw):
        raise AssertionError("the file was scanned a second time")

    monkeypatch.setattr(metadata, "scan_whole_file", second_pass)
    result, _ = check(tmp_path, [SubmissionFile(path, "laboratory")])
    f = result.files[0]
    assert f.path_taken == "diagnostic" and f.sha256 == hashlib.sha256(data).hexdigest()
    assert [x.lines for x in f.findings if x.code == "structure.too_many_fields"] == [[3]]
