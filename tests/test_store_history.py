"""Run history: lifecycle, filters, reopening, comparing, deleting, the file's
modes and journal, and migrations from older schemas."""

import json
import os
import sqlite3
import threading
from pathlib import Path

import pytest
from test_store_support import (  # noqa: F401  (fixtures)
    SENTINEL_DUP_ID,
    SENTINEL_ID,
    SENTINEL_VALUE,
    app_dirs,
    clean_result,
    memory_keyring,
    no_keyring,
    secure_secrets,
    sentinel_result,
    use_keyring,
)

from naaccord_desktop.engine.privacy import HIDDEN_COLUMN, REMOVED
from naaccord_desktop.engine.result import (
    Acknowledged,
    FileInfo,
    FileResult,
    Finding,
    StageRecord,
    SubmissionResult,
    VariableSummary,
)
from naaccord_desktop.reports.receipt import build_receipt
from naaccord_desktop.store.history import History, HistoryError
from naaccord_desktop.store.history_schema import SCHEMA_VERSION
from naaccord_desktop.store.secrets import load_secrets


@pytest.fixture
def history(app_dirs, secure_secrets):
    h = History(app_dirs.history_db, secure_secrets)
    yield h
    h.close()


def _finding(code, column, count, severity="error"):
    return Finding(code, severity, column, count, list(range(2, 2 + min(count, 3))), "plain words")


def _result(table, findings, verdict="ready"):
    return SubmissionResult(
        app_version="0.1.0",
        definitions_version="2025.1",
        verdict=verdict,
        files=[FileResult(path=f"/x/{table}.csv", table=table, findings=findings, verdict=verdict)],
    )


class File:
    def __init__(self, path, table):
        self.path, self.table = path, table


def test_a_run_is_written_at_start_and_completed_at_the_end(history, tmp_path):
    source = tmp_path / "lab.csv"
    source.write_text("a,b\n1,2\n")
    run_id = history.start_run([File(source, "laboratory")], cohort="CNICS", app_version="0.1.0",
                               definitions_version="2025.1")
    [row] = history.runs()
    assert (row.id, row.status, row.verdict, row.has_report) == (run_id, "running", "", False)
    assert [(f.name, f.table, f.size) for f in row.files] == [("lab.csv", "laboratory", 8)]
    assert history.running() == [run_id]
    with pytest.raises(HistoryError, match="still running"):
        history.load(run_id)

    history.finish_run(run_id, sentinel_result())
    [row] = history.runs()
    assert row.status == "finished" and row.verdict == "blocked" and row.ended_at
    assert row.has_report and row.has_detail
    assert [(f.name, f.sha256, f.rows, f.path_taken) for f in row.files] == [
        ("laboratory_2025Q3.csv", "ab" * 32, 40, "diagnostic")
    ]
    assert row.findings_by_severity == {"blocker": 1, "error": 1, "warning": 0}
    assert history.running() == []


def test_cancelled_failed_and_interrupted_runs(history):
    cancelled = history.start_run([], cohort="", app_version="1", definitions_version="1")
    partial = clean_result()
    partial.cancelled = True
    history.finish_run(cancelled, partial)
    failed = history.start_run([], cohort="", app_version="1", definitions_version="1")
    history.fail_run(failed, "The check stopped unexpectedly.")
    interrupted = history.start_run([], cohort="", app_version="1", definitions_version="1")
    history.mark_interrupted([interrupted])
    history.mark_interrupted([failed])  # an ended run keeps its status
    status = {r.id: (r.status, r.note) for r in history.runs()}
    assert status[cancelled][0] == "cancelled"
    assert status[failed] == ("failed", "The check stopped unexpectedly.")
    assert status[interrupted][0] == "interrupted" and "stopped during this check" in status[interrupted][1]
    with pytest.raises(HistoryError, match="did not finish"):
        history.load(interrupted)


def test_a_cancelled_run_and_its_unfinished_files_keep_no_verdict(history):
    run = history.start_run([], cohort="", app_version="1", definitions_version="1")
    partial = clean_result()
    partial.cancelled = True
    partial.files[0].stages = [StageRecord("inspect", "done", 0.1), StageRecord("load", "cancelled", 0.2)]
    history.finish_run(run, partial)
    (row,) = [r for r in history.runs() if r.id == run]
    assert (row.status, row.verdict) == ("cancelled", "")
    assert [f.verdict for f in history.load(run).files] == [""]
    assert history.runs(verdict="clean") == []


def test_reopened_report_has_no_values_and_ids_are_pseudonyms(history, secure_secrets):
    run_id = history.record(sentinel_result())
    reopened = history.load(run_id)
    f = reopened.files[0]
    assert f.path == "laboratory_2025Q3.csv"
    assert [(x.code, x.column, x.count, x.lines) for x in f.findings] == [
        ("patient_id.unknown", "cohortPatientId", 3, [5, 6, 8]),
        ("date.invalid", "resultDate", 2, [11, 12]),
    ]
    assert all(x.hint == "" for x in f.findings) and f.findings[1].values == []
    assert f.findings[0].values == [secure_secrets.pseudonym(SENTINEL_ID)] * 3  # patient IDs as pseudonyms
    # an ID quoted in text becomes its pseudonym, a value "[value removed]"; the rest of the words stay
    assert f.findings[0].message == ("3 rows use patient IDs that are not in patient.csv, e.g. line 5: "
                                     f"{secure_secrets.pseudonym(SENTINEL_ID)}")
    assert f.findings[0].fix == "Add these patients to patient.csv or remove the rows."
    assert f.findings[1].message.startswith("`resultDate` must be a date")
    assert f.findings[1].fix == f"Write {REMOVED} as YYYY-MM-DD."
    assert f.patient_ids.unknown[0].id == secure_secrets.pseudonym(SENTINEL_ID)
    assert f.patient_ids.unknown[0].lines == [5, 6, 8]
    assert f.patient_ids.duplicates[0].id == secure_secrets.pseudonym(SENTINEL_DUP_ID)
    assert f.summaries["units"].top_values == []
    assert {value for value, _count in f.summaries["units"].outside_allowed} == {REMOVED}  # counted, not shown
    assert f.summaries["result"].numeric == {"invalid": 4}
    assert f.summaries["resultDate"].dates == {"invalid": 2, "years": [["1811", 1]]}  # counted per year only
    assert f.file_info.header == ["cohortPatientId", "resultDate", HIDDEN_COLUMN] and f.file_info.encoding == "utf-8"
    assert SENTINEL_VALUE not in f.fallback_reason
    assert [s.key for s in f.stages] == ["inspect", "rules"]
    assert json.dumps(reopened.to_dict()).count("SENTINEL") == 0


def test_detail_reopens_with_the_key_and_not_without(app_dirs, memory_keyring):
    h = History(app_dirs.history_db, load_secrets())
    run_id = h.record(sentinel_result())
    assert h.detail(run_id).files[0].findings[0].values == [SENTINEL_ID] * 3
    assert h.detail(run_id).files[0].path == "/clinic/exports/laboratory_2025Q3.csv"
    h.close()
    memory_keyring.store.clear()  # the install key is gone
    h = History(app_dirs.history_db, load_secrets())
    assert h.detail(run_id) is None
    assert SENTINEL_ID not in h.load(run_id).files[0].findings[0].values
    h.close()


def test_without_a_secure_keychain_no_detail_is_stored(app_dirs, no_keyring):
    h = History(app_dirs.history_db, load_secrets())
    run_id = h.record(sentinel_result())
    [row] = h.runs()
    assert row.has_report and not row.has_detail
    assert h.detail(run_id) is None
    h.close()


def test_filters_by_file_table_and_verdict(history):
    a = history.record(_result("laboratory", [_finding("date.invalid", "resultDate", 3)]))
    b = history.record(_result("patient", [], verdict="clean"))
    c = history.record(_result("laboratory", [], verdict="clean"))
    assert [r.id for r in history.runs()] == [c, b, a]
    assert [r.id for r in history.runs(table="laboratory")] == [c, a]
    assert [r.id for r in history.runs(verdict="clean")] == [c, b]
    assert [r.id for r in history.runs(file="PATI")] == [b]
    assert [r.id for r in history.runs(file="%")] == []  # LIKE wildcards are taken literally
    assert [r.id for r in history.runs(table="laboratory", verdict="ready")] == [a]
    assert history.tables() == ["laboratory", "patient"]


def test_compare_with_the_previous_run_of_the_same_table(history):
    first = history.record(
        _result("laboratory", [_finding("date.invalid", "resultDate", 40), _finding("enum.invalid", "units", 3)])
    )
    history.record(_result("patient", [_finding("value.missing", "birthSex", 1)]))
    unfinished = history.start_run([File("lab.csv", "laboratory")], cohort="", app_version="", definitions_version="")
    history.mark_interrupted([unfinished])
    second = history.record(
        _result(
            "laboratory",
            [_finding("date.invalid", "resultDate", 12), _finding("recommended.missing", "units", 5, "warning")],
        )
    )
    [cmp] = history.compare_with_previous(second)
    assert cmp.table == "laboratory" and cmp.previous_run == first  # not the interrupted or patient run
    assert [(c.code, c.column, c.before, c.now) for c in cmp.of("new")] == [("recommended.missing", "units", 0, 5)]
    assert [(c.code, c.before, c.now) for c in cmp.of("still")] == [("date.invalid", 40, 12)]
    assert [(c.code, c.before, c.now) for c in cmp.of("fixed")] == [("enum.invalid", 3, 0)]
    [first_cmp] = history.compare_with_previous(first)
    assert first_cmp.previous_run is None and [c.status for c in first_cmp.changes] == ["new", "new"]
    with pytest.raises(HistoryError, match="Only a check that finished"):
        history.compare_with_previous(unfinished)


def test_delete_one_and_all(history):
    a = history.record(sentinel_result())
    b = history.record(clean_result())
    history.delete(a)
    assert [r.id for r in history.runs()] == [b]
    with pytest.raises(HistoryError, match="no longer in the history"):
        history.load(a)
    history.delete_all()
    assert history.runs() == [] and history.tables() == []
    leftovers = history._db.execute("SELECT COUNT(*) FROM run_files").fetchone()[0]
    assert leftovers == 0
    history.finish_run(b, clean_result())  # a run deleted while it ran is not brought back
    assert history.runs() == []


def test_writes_from_several_threads_are_serialised(history):
    ids, errors = [], []

    def work():
        try:
            for _ in range(10):
                run_id = history.start_run([File("p.csv", "patient")], cohort="", app_version="",
                                           definitions_version="")
                history.finish_run(run_id, clean_result("patient"))
                ids.append(run_id)
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(set(ids)) == 40
    assert {r.status for r in history.runs()} == {"finished"}


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_wal_journal_and_private_file_modes(history, app_dirs):
    history.record(clean_result())
    assert history._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db = app_dirs.history_db
    for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        assert path.exists(), path
        assert path.stat().st_mode & 0o777 == 0o600, path
    assert app_dirs.data.stat().st_mode & 0o777 == 0o700


def _write_v1(path: Path) -> None:
    """A history file as version 1 of the app wrote it (by hand: no app code)."""
    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, ended_at TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL, verdict TEXT NOT NULL DEFAULT '', cohort TEXT NOT NULL DEFAULT '',
            app_version TEXT NOT NULL DEFAULT '', definitions_version TEXT NOT NULL DEFAULT '',
            seconds REAL NOT NULL DEFAULT 0, file_names TEXT NOT NULL DEFAULT '', tables TEXT NOT NULL DEFAULT '',
            report TEXT);
        PRAGMA user_version = 1;
        """
    )
    report = {
        "schema": "naaccord-precheck/1", "app_version": "0.0.9", "definitions_version": "2024.2", "cohort": "",
        "started_at": "2026-01-01T09:00:00+00:00", "seconds": 3.0, "verdict": "ready", "cancelled": False,
        "files": [{
            "path": "lab.csv", "table": "laboratory", "sha256": "cd" * 32, "size": 99, "rows": 5,
            "path_taken": "fast", "fallback_reason": "", "verdict": "ready", "file_info": {},
            "patient_ids": {"distinct": 5, "duplicates": [], "not_in_patient_file": 0, "rows_with_unknown": 0,
                            "unknown": []},
            "findings": [{"code": "date.invalid", "severity": "error", "column": "resultDate", "count": 2,
                          "lines": [3, 4], "message": "2 rows have invalid dates.", "fix": "", "values": [],
                          "hint": ""}],
            "summaries": {}, "stages": [],
        }],
    }
    db.execute(
        "INSERT INTO runs (started_at, ended_at, status, verdict, app_version, definitions_version, seconds, "
        "file_names, tables, report) VALUES ('2026-01-01T09:00:00+00:00', '2026-01-01T09:00:03+00:00', "
        "'finished', 'ready', '0.0.9', '2024.2', 3.0, 'lab.csv', 'laboratory', ?)",
        (json.dumps(report),),
    )
    db.execute(
        "INSERT INTO runs (started_at, status, file_names, tables) "
        "VALUES ('2026-01-02T09:00:00+00:00', 'running', 'patient.csv\nlab.csv', 'patient\nlaboratory')"
    )
    db.commit()
    db.close()


def test_migrates_a_version_1_history_after_a_backup(app_dirs, secure_secrets):
    _write_v1(app_dirs.history_db)
    h = History(app_dirs.history_db, secure_secrets)
    assert h._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    [backup] = app_dirs.data.glob("history.v1-*.bak")
    assert backup.read_bytes()[:16] == b"SQLite format 3\x00"
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 2
    old.close()
    if os.name == "posix":
        assert backup.stat().st_mode & 0o777 == 0o600

    running, finished = h.runs()
    assert [(f.name, f.table) for f in running.files] == [("patient.csv", "patient"), ("lab.csv", "laboratory")]
    assert finished.verdict == "ready" and finished.findings_by_severity["error"] == 1
    assert [(f.name, f.sha256, f.rows) for f in finished.files] == [("lab.csv", "cd" * 32, 5)]
    assert h.load(finished.id).files[0].findings[0].lines == [3, 4]
    columns = {r[1] for r in h._db.execute("PRAGMA table_info(runs)")}
    assert "file_names" not in columns and {"detail", "note"} <= columns
    # the migrated history works like a new one
    later = h.record(_result("laboratory", []))
    [cmp] = h.compare_with_previous(later)
    assert cmp.previous_run == finished.id and [c.status for c in cmp.changes] == ["fixed"]
    h.close()
    h = History(app_dirs.history_db, secure_secrets)  # reopening: no second migration, no second backup
    assert len(list(app_dirs.data.glob("history.v1-*.bak"))) == 1
    h.close()


def test_a_new_database_goes_through_every_migration_without_backup(app_dirs, secure_secrets):
    h = History(app_dirs.history_db, secure_secrets)
    assert h._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert list(app_dirs.data.glob("*.bak")) == []
    h.close()


def test_a_history_from_a_newer_app_is_left_alone(app_dirs, secure_secrets):
    db = sqlite3.connect(app_dirs.history_db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(HistoryError, match="newer version of this app"):
        History(app_dirs.history_db, secure_secrets)
    db = sqlite3.connect(app_dirs.history_db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    db.close()


def test_an_unreadable_history_gives_plain_words(app_dirs, secure_secrets):
    app_dirs.history_db.write_bytes(b"this is not a database" * 100)
    with pytest.raises(HistoryError, match="cannot be read") as info:
        History(app_dirs.history_db, secure_secrets)
    assert "not a database" not in str(info.value)  # not SQLite's own words


def test_a_header_that_is_really_data_is_not_kept(history):
    """A file without its header row: its first row of data becomes the header,
    so header findings name patient IDs and values as columns."""
    result = _result("patient", [
        Finding("header.extra_column", "warning", SENTINEL_ID, 1, [1], f"The column {SENTINEL_ID} is not in the "
                "definition.", "", [SENTINEL_ID]),
        Finding("header.missing_column", "error", "birthSex", 1, [], "The column birthSex is missing.", ""),
    ])
    result.files[0].file_info = FileInfo(header=[SENTINEL_ID, "Male"], delimiter="comma")
    run_id = history.record(result)
    f = history.load(run_id).files[0]
    assert [x.column for x in f.findings] == [HIDDEN_COLUMN, "birthSex"]
    assert f.findings[0].message == f"The column {HIDDEN_COLUMN} is not in the definition."
    assert f.findings[1].message == "The column birthSex is missing."
    assert f.file_info == FileInfo(delimiter="comma", header=[HIDDEN_COLUMN, HIDDEN_COLUMN])
    stored = history._db.execute("SELECT group_concat(column_name) FROM finding_counts").fetchone()[0]
    assert SENTINEL_ID not in stored


def test_long_id_lists_keep_the_first_pseudonyms_and_exact_counts(history, secure_secrets):
    from naaccord_desktop.engine.result import IdCount
    from naaccord_desktop.store.history import IDS_KEPT

    result = sentinel_result()
    ids = result.files[0].patient_ids
    ids.unknown = [IdCount(f"C017-{i:07d}", 2, [i + 2]) for i in range(IDS_KEPT + 50)]
    ids.not_in_patient_file, ids.rows_with_unknown = IDS_KEPT + 50, 2 * (IDS_KEPT + 50)
    run_id = history.record(result)
    kept = history.load(run_id).files[0].patient_ids
    assert len(kept.unknown) == IDS_KEPT
    assert kept.unknown[0].id == secure_secrets.pseudonym("C017-0000000") and kept.unknown[0].lines == [2]
    assert (kept.not_in_patient_file, kept.rows_with_unknown) == (IDS_KEPT + 50, 2 * (IDS_KEPT + 50))
    detail = history.detail(run_id).files[0].patient_ids
    assert [i.id for i in detail.unknown] == [f"C017-{i:07d}" for i in range(IDS_KEPT)]


def test_non_ascii_values_are_caught_in_every_text(history):
    value = "Müller-Ж-1"
    result = _result("laboratory", [Finding("enum.invalid", "error", "units", 1, [3], f"Line 3: {value}.",
                                            f"Replace {value}.", [value])])
    result.files[0].file_info = FileInfo(header=[f"P1,{value},x"], encoding="utf-8")
    result.files[0].fallback_reason = f"Line 3 reads «{value}»."
    f = history.load(history.record(result)).files[0]
    assert f.file_info == FileInfo(header=[HIDDEN_COLUMN], encoding="utf-8")
    assert value not in f.findings[0].message + f.findings[0].fix + f.fallback_reason
    stored = b"".join(bytes(r[0], "utf-8") for r in history._db.execute("SELECT report FROM runs"))
    assert value.encode("utf-8") not in stored and b"\\u00fcller" not in stored


def test_very_short_values_count_only_as_words_of_their_own(history):
    findings = [
        Finding("enum.case", "warning", "birthSex", 4, [2, 3], "4 values are spelled differently from the allowed "
                "list (Female, Male).", "Write Female or Male.", ["F", "m"]),
        Finding("enum.invalid", "error", "race", 1, [7], "Line 7 has `X`, which is not allowed.", "", ["X"]),
        Finding("value.missing", "error", "units", 2, [8, 9], "2 rows write - for a missing value.", "", ["-"]),
    ]
    f = history.load(history.record(_result("patient", findings))).files[0]
    assert f.findings[0].message.startswith("4 values are spelled differently")
    assert f.findings[0].fix == "Write Female or Male." and f.findings[0].values == []
    assert f.findings[1].message == f"Line 7 has `{REMOVED}`, which is not allowed."
    assert f.findings[2].message == f"2 rows write {REMOVED} for a missing value."


def test_a_placeholder_value_leaves_the_words_that_name_it(history):
    """NA in a date column is a value of the file, and also a word of the message that
    names the placeholders: the message keeps its words, N/A whole even when another
    column holds the value N (the bundled demo's patient file does); a value quoted
    elsewhere is still taken out."""
    findings = [Finding("value.na_token", "warning", "resultDate", 1, [4],
                        "resultDate has placeholders such as NA, N/A, NULL or . instead of a date.", "", ["NA"]),
                Finding("enum.invalid", "error", "interpretation", 1, [7], "Line 7 has `N`, which is not allowed.",
                        "", ["N"])]
    f = history.load(history.record(_result("laboratory", findings))).files[0]
    assert f.findings[0].message == "resultDate has placeholders such as NA, N/A, NULL or . instead of a date."
    assert f.findings[1].message == f"Line 7 has `{REMOVED}`, which is not allowed."



def test_an_acknowledgement_note_and_exact_years_are_kept_without_ids_or_values(history, secure_secrets):
    """A note is the coordinator's free text: an ID or a value typed into it is scrubbed like
    any engine text. Exact years (a birth year of 1925 on one row) are cell values too."""
    result = sentinel_result(table="patient")
    finding = result.files[0].findings[0]
    finding.acknowledged = Acknowledged(f"legacy ID {SENTINEL_ID}, agreed in 2026", "2026-10-01")
    result.files[0].summaries["birthYear"] = VariableSummary("birthYear", "year", 3, 0, 2,
                                                             top_values=[["1925", 1], ["1970", 2]])
    kept = history.load(history.record(result)).files[0]
    assert kept.findings[0].acknowledged.note == f"legacy ID {secure_secrets.pseudonym(SENTINEL_ID)}, agreed in 2026"
    assert kept.summaries["birthYear"].top_values == []
    receipt = build_receipt(result)
    assert SENTINEL_ID not in json.dumps(receipt) and "legacy ID" in json.dumps(receipt)


def test_a_value_that_is_a_word_of_the_definitions_text_stays_in_it(history):
    """A free-text result "normal" is a value of the file, and also a word of the
    laboratory definition's own recommendation, which a rule quotes: it stays,
    there and wherever else it stands (a word anyone can read in the definitions)."""
    recommended = "If a normal minimum is not provided, we may ask for this information at a later date."
    empty = Finding("value.recommended", "warning", "normalMin", 3, [3, 5, 9], f"normalMin is empty. {recommended}",
                    "", [])
    quoted = Finding("value.not_allowed", "error", "interpretation", 1, [7], "Line 7 has normal, not allowed.",
                     "", ["normal"])
    f = history.load(history.record(_result("laboratory", [empty, quoted]))).files[0]
    assert f.findings[0].message == f"normalMin is empty. {recommended}"
    assert f.findings[1].message == "Line 7 has normal, not allowed." and f.findings[1].values == []
