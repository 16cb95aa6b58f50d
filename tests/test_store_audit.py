"""The audit of copies of patient data (issue #18): every copy the app makes,
its size, the check that made it, when, and how it ended; no gaps after a
crash, a failed wipe or an export deleted by hand; retention."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from test_store_support import (  # noqa: F401  (fixtures)
    app_dirs,
    clean_result,
    memory_keyring,
    secure_secrets,
    use_keyring,
)

from naaccord_desktop.cli import main
from naaccord_desktop.definitions.loader import load_bundled
from naaccord_desktop.engine import copies
from naaccord_desktop.engine.progress import CancelToken
from naaccord_desktop.engine.result import CheckOptions
from naaccord_desktop.engine.run import SubmissionFile
from naaccord_desktop.reports.json_export import write_json
from naaccord_desktop.store import scratch as scratch_module
from naaccord_desktop.store.audit import (
    CREATED,
    DELETED,
    EXPORT_GONE,
    GONE,
    NOT_RECORDED,
    REPLACED,
    SCRATCH_GONE,
    STILL_THERE,
    STOPPED_SAVING,
    WIPED,
    WIPED_LATE,
    Audit,
)
from naaccord_desktop.store.history import History
from naaccord_desktop.store.paths import app_paths
from naaccord_desktop.store.scratch import ScratchManager
from naaccord_desktop.store.session import CheckSession, forget_old, open_local_state

REPO = Path(__file__).resolve().parents[1]
PATIENT = "cohortPatientId,birthSex,presentSex,birthYear,race,hispanic,enrollDate,lastActivityDate\n"
LAB = "cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source\n"


@pytest.fixture
def history(app_dirs, secure_secrets):
    h = History(app_dirs.history_db, secure_secrets)
    yield h
    h.close()


@pytest.fixture
def audit(history):
    return Audit(history)


@pytest.fixture
def scratch(app_dirs, audit):
    return ScratchManager(app_dirs.scratch_root, audit)


@pytest.fixture
def profile(tmp_path, monkeypatch, memory_keyring) -> dict[str, str]:
    """App folders under tmp_path, for this process and the ones it starts."""
    env = {var: str(tmp_path / "profile" / var.lower()) for var in
           ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")}
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    return {**os.environ, **env, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}


def _submission(folder: Path, latin1: bool = False) -> list[SubmissionFile]:
    folder.mkdir(parents=True, exist_ok=True)
    patient, lab = folder / "patient.csv", folder / "laboratory.csv"
    patient.write_text(PATIENT + "".join(f"P{i},Male,,1970,White,No,2001-01-01,2020-01-01\n" for i in range(50)))
    rows = "".join(f"P{i % 50},CD4,500,cells/uL,400,1600,Normal,2020-01-15,L\n" for i in range(200))
    lab.write_bytes((LAB + rows).encode("utf-8") + ("P1,CD4,5,µ,1,2,Normal,2020-01-15,L\n".encode("latin-1")
                                                  if latin1 else b""))
    return [SubmissionFile(patient, "patient"), SubmissionFile(lab, "laboratory")]


def _every_copy_ended_or_there(audit: Audit) -> None:
    trail = audit.trail()
    made = [e.copy.id for e in trail if e.event == CREATED]
    closing = [e.copy.id for e in trail if e.event != CREATED]
    assert sorted(made) == sorted(closing) and len(set(made)) == len(made)


def test_a_real_check_records_each_copy_it_makes_and_its_wipe(history, audit, scratch, tmp_path):
    files = _submission(tmp_path / "sub", latin1=True)
    session = CheckSession(load_bundled(), scratch, history)
    result = session.run(files, CheckOptions(diagnose=True), lambda e: None, CancelToken())
    assert not result.cancelled

    made = audit.copies()
    assert {c.kind for c in made} == {copies.SCRATCH, copies.SPILL, copies.UTF8_COPY, copies.CLEAN_COPY}
    assert {c.ended for c in made} == {WIPED} and audit.present() == []
    assert {c.run_id for c in made} == {session.last_run_id} and session.last_run_id is not None
    [folder] = [c for c in made if c.kind == copies.SCRATCH]
    assert all(c.path.startswith(folder.path + os.sep) for c in made if c is not folder)
    assert not Path(folder.path).exists()
    assert all(c.size > 0 for c in made if c.kind in (copies.UTF8_COPY, copies.CLEAN_COPY))
    assert all(c.created_at <= c.ended_at for c in made)
    _every_copy_ended_or_there(audit)
    assert audit.problem == ""


SLOW_LOAD = """
import sys, time
from pathlib import Path
import naaccord_desktop.engine.reader as reader

marker = Path(sys.argv[1])
real = reader._scan_ids  # the load scan, after the detailed check wrote its clean copy

def stuck_in_the_load(*args, **kwargs):
    found = real(*args, **kwargs)
    marker.write_text("loading")
    time.sleep(60)
    return found

reader._scan_ids = stuck_in_the_load
from naaccord_desktop.cli import main
sys.exit(main(["check", "--diagnose", *sys.argv[2:]]))
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_check_killed_mid_load_is_wiped_at_the_next_start_and_the_trail_says_why(tmp_path, profile):
    files = _submission(tmp_path / "sub")
    marker = tmp_path / "loading"
    proc = subprocess.Popen([sys.executable, "-c", SLOW_LOAD, str(marker), *(str(f.path) for f in files)],
                            cwd=REPO, env=profile, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        assert marker.exists(), "the check never reached its load"
        root = app_paths().scratch_root
        [folder] = root.iterdir()
        assert list(folder.glob("*.clean.csv"))  # the copy of the readable records, mid-load
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        proc.kill()
        proc.wait()
    assert folder.exists()  # SIGKILL leaves it all behind

    state = open_local_state(app_paths().ensure())  # the next start
    try:
        assert not folder.exists()
        [run] = state.history.runs()
        assert run.status == "interrupted"
        trail = state.audit.trail()
        kinds = [(e.event, e.copy.kind) for e in trail]
        assert kinds.index((CREATED, copies.SCRATCH)) < kinds.index((WIPED_LATE, copies.SCRATCH))
        assert {(CREATED, copies.CLEAN_COPY), (WIPED_LATE, copies.CLEAN_COPY)} <= set(kinds)
        reason = f"The app was stopped during check {run.id}."
        assert {e.reason for e in trail if e.event == WIPED_LATE} == {reason}
        [scratch_wipe] = [e for e in trail if (e.event, e.copy.kind) == (WIPED_LATE, copies.SCRATCH)]
        assert scratch_wipe.copy.path == str(folder) and scratch_wipe.copy.size > 0
        assert {e.copy.run_id for e in trail} == {run.id}
        _every_copy_ended_or_there(state.audit)
    finally:
        state.close()


def test_a_full_report_deleted_by_hand_is_recorded_as_gone(tmp_path, profile, capsys):
    files = _submission(tmp_path / "sub")
    report, result = tmp_path / "out" / "report.html", tmp_path / "out" / "result.json"
    report.parent.mkdir()
    assert main(["check", *(str(f.path) for f in files), "--html", str(report), "--json", str(result)]) == 0
    capsys.readouterr()
    assert main(["audit", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    present = {c["path"]: c for c in shown["present"]}
    assert set(present) == {str(report), str(result)}
    assert present[str(report)]["size"] == report.stat().st_size and present[str(report)]["run_id"] == 1

    report.unlink()  # by hand, outside the app
    assert main(["audit"]) == 0
    text = capsys.readouterr().out
    assert "Holding patient data from this app now (1):" in text and str(result) in text
    [line] = [line for line in text.splitlines() if "Found gone" in line]
    assert "Full report (HTML) (check 1)" in line and str(report) in line and EXPORT_GONE in line
    assert main(["audit", "--json"]) == 0
    [gone] = [e for e in json.loads(capsys.readouterr().out)["trail"] if e["event"] == GONE]
    assert gone["copy"]["path"] == str(report) and gone["reason"] == EXPORT_GONE


def test_the_trail_as_csv_and_by_day(tmp_path, profile, capsys):
    files = _submission(tmp_path / "sub")
    assert main(["check", "--no-history", *(str(f.path) for f in files)]) == 0
    out = tmp_path / "trail.csv"
    assert main(["audit", "--csv", str(out), "--since", "2000-01-01"]) == 0
    lines = out.read_text("utf-8").splitlines()
    assert lines[0] == "when,event,kind,path,bytes,check,reason"
    assert [line.split(",")[1] for line in lines[1:]].count("Created") == 2  # scratch folder, spill folder
    assert all(line.split(",")[5] == "" for line in lines[1:])  # --no-history: no check number, still recorded
    if os.name == "posix":
        assert out.stat().st_mode & 0o777 == 0o600
    capsys.readouterr()
    assert main(["audit", "--until", "2000-01-01"]) == 0
    assert "Trail (0 events" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["audit", "--since", "yesterday"])


def test_exports_saved_again_are_replaced_and_deleted_from_the_audit(audit, scratch, tmp_path):
    log = audit.for_check(7)
    out = tmp_path / "result.json"
    write_json(clean_result(), out, log)
    write_json(clean_result(), out, log)
    first, second = audit.copies()
    assert (first.ended, second.ended) == (REPLACED, "") and second.path == str(out)
    assert second.size == out.stat().st_size and not second.saving and second.run_id == 7
    if os.name == "posix":
        assert out.stat().st_mode & 0o777 == 0o600

    audit.delete(second)
    assert not out.exists() and audit.present() == []
    assert audit.copies()[1].ended == DELETED
    run = scratch.new_run(7)
    [folder] = audit.present()
    with pytest.raises(ValueError):
        audit.delete(folder)  # a scratch folder is the app's to wipe
    scratch.close(run)


def test_a_failed_save_leaves_no_open_copy(audit, tmp_path):
    def broken(out):
        out.write("half")
        raise OSError("disk full")

    from naaccord_desktop.reports.files import write_atomically

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(OSError):
        write_atomically(out / "rows.csv", broken, copies=audit.for_check(1), kind=copies.ROWS_CSV)
    [copy] = audit.copies()
    assert copy.ended == WIPED and list(out.iterdir()) == []
    with pytest.raises(OSError):
        write_atomically(out / "no folder" / "rows.csv", "x", copies=audit.for_check(1), kind=copies.ROWS_CSV)
    assert len(audit.copies()) == 1  # nothing was made, nothing recorded


HALF_SAVED = """
import sys, time
from pathlib import Path
from naaccord_desktop.reports.files import write_atomically
from naaccord_desktop.store.history import History
from naaccord_desktop.store.audit import Audit
from naaccord_desktop.store.secrets import load_secrets

audit = Audit(History(Path(sys.argv[1]), load_secrets()))

def slowly(out):
    out.write("cohortPatientId\\n" * 100)
    out.flush()
    print("writing", flush=True)
    time.sleep(60)

write_atomically(Path(sys.argv[2]), slowly, copies=audit.for_check(3), kind="rows_csv")
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_an_export_half_written_when_the_app_was_killed_is_wiped_at_the_next_start(tmp_path, profile):
    paths = app_paths().ensure()
    out = tmp_path / "rows.csv"
    proc = subprocess.Popen([sys.executable, "-c", HALF_SAVED, str(paths.history_db), str(out)], cwd=REPO,
                            env=profile, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "writing"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        proc.kill()
        proc.wait()
    partial = out.with_name("rows.csv.partial")
    assert partial.exists() and not out.exists()

    state = open_local_state(paths)
    try:
        assert not partial.exists()
        [copy] = state.audit.copies()
        assert (copy.kind, copy.ended, copy.reason, copy.run_id) == (copies.ROWS_CSV, WIPED_LATE, STOPPED_SAVING, 3)
        assert copy.size > 0
    finally:
        state.close()


def test_an_export_being_saved_by_a_live_process_is_left_alone(audit, tmp_path):
    partial = tmp_path / "report.html.partial"
    partial.write_text("being written")
    audit.made(copies.FULL_REPORT, partial, 1)  # by this process, still saving
    audit.recheck()
    assert partial.exists() and audit.present()[0].saving


def _copies_to_look_at(audit, history, tmp_path) -> Path:
    """An export there, one deleted by hand, a scratch folder gone and an export half-written by a process
    that is gone; returns the half-written one."""
    for name in ("there.json", "gone.json"):
        write_json(clean_result(), tmp_path / name, audit.for_check(7))
    (tmp_path / "gone.json").unlink()
    audit.made(copies.SCRATCH, tmp_path / "run-7", 7)
    stale = tmp_path / "rows.csv.partial"
    stale.write_text("half")
    audit.made(copies.ROWS_CSV, stale, 7)
    gone = subprocess.Popen([sys.executable, "-c", ""])
    gone.wait()
    with history.writing() as db:
        db.execute("UPDATE copies SET pid = ? WHERE path = ?", (gone.pid, str(stale)))
    return stale


def test_a_recheck_is_one_transaction(audit, history, tmp_path, monkeypatch):
    stale = _copies_to_look_at(audit, history, tmp_path)
    transactions = []
    writing = history.writing
    monkeypatch.setattr(history, "writing", lambda: transactions.append(1) or writing())
    audit.recheck()
    assert len(transactions) == 1 and audit.problem == ""
    assert {Path(c.path).name: (c.ended, c.reason) for c in audit.copies()} == {
        "there.json": ("", ""), "gone.json": (GONE, EXPORT_GONE), "run-7": (GONE, SCRATCH_GONE),
        "rows.csv.partial": (WIPED_LATE, STOPPED_SAVING)}
    assert not stale.exists() and audit.present()[0].seen_at


def test_a_recheck_that_cannot_record_one_copy_records_none_and_says_so(audit, history, tmp_path):
    _copies_to_look_at(audit, history, tmp_path)
    with history.writing() as db:
        db.execute("CREATE TRIGGER refuse BEFORE UPDATE ON copies WHEN NEW.path LIKE '%gone.json' "
                   "BEGIN SELECT RAISE(ABORT, 'refused'); END")
    before = audit.copies()
    audit.recheck()
    assert audit.problem == NOT_RECORDED and audit.copies() == before
    with history.writing() as db:
        db.execute("DROP TRIGGER refuse")
    audit.recheck()  # the next look records them all
    assert audit.problem == "" and [Path(c.path).name for c in audit.present()] == ["there.json"]


def test_a_wipe_that_did_not_finish_stays_open_and_is_wiped_late_with_its_reason(scratch, audit, monkeypatch):
    run = scratch.new_run(4)
    (run.folder / "work.duckdb").write_bytes(b"x" * 500)

    def refuse(_folder):
        raise PermissionError("in use")

    monkeypatch.setattr(scratch_module.shutil, "rmtree", refuse)
    scratch.close(run)
    [still] = audit.present()
    assert still.kind == copies.SCRATCH and still.reason.startswith("A wipe at ") and still.size >= 500
    monkeypatch.undo()

    scratch.recover()  # at the next start, or by the idle wipe
    assert not run.folder.exists() and audit.present() == []
    [wiped] = audit.copies()
    assert wiped.ended == WIPED_LATE and wiped.reason == still.reason


def test_a_folder_left_under_an_earlier_scratch_location_is_found_through_the_audit(audit, tmp_path):
    earlier = ScratchManager(tmp_path / "earlier", audit)
    run = earlier.new_run(9)
    (run.folder / "f0.duckdb").write_bytes(b"rows")
    os.close(run._lock_fd)  # the process "dies": its lock goes, nothing is wiped
    run._lock_fd = None

    now = ScratchManager(tmp_path / "now", audit)
    assert now.recover() == [9]
    assert not run.folder.exists()
    [copy] = audit.copies()
    assert (copy.ended, copy.reason) == (WIPED_LATE, "The app was stopped during check 9.")


def test_copies_in_a_live_check_are_never_taken_for_gone(scratch, audit):
    run = scratch.new_run(2)
    run.copies.made(copies.SPILL, run.folder / "spill")  # DuckDB makes the folder only when it needs it
    audit.recheck(scratch.live_folders())
    assert {c.kind for c in audit.present()} == {copies.SCRATCH, copies.SPILL}
    scratch.close(run)
    assert audit.present() == []


def test_a_scratch_copy_whose_wipe_went_unrecorded_is_found_gone(scratch, audit):
    run = scratch.new_run(2)
    run.copies.made(copies.CLEAN_COPY, run.folder / "f0.clean.csv")
    scratch_module._remove_tree(run.folder)  # wiped, say on exit, with the audit already closed
    audit.recheck(scratch.live_folders())
    assert {c.ended for c in audit.copies()} == {GONE}
    _every_copy_ended_or_there(audit)


def test_an_audit_that_cannot_write_never_stops_the_wipe(app_dirs, secure_secrets, tmp_path):
    history = History(tmp_path / "other.sqlite3", secure_secrets)
    audit = Audit(history)
    scratch = ScratchManager(app_dirs.scratch_root, audit)
    run = scratch.new_run(1)
    history.close()  # say the disk holding it went away
    scratch.close(run)
    assert not run.folder.exists() and audit.problem == NOT_RECORDED


def test_the_trail_lists_each_event_once_in_order_and_filters_by_day(audit, scratch, tmp_path):
    run = scratch.new_run(1)
    run.copies.made(copies.CLEAN_COPY, run.folder / "f0.clean.csv")
    (run.folder / "f0.clean.csv").write_bytes(b"12345")
    scratch.close(run)
    out = tmp_path / "r.json"
    write_json(clean_result(), out, audit.for_check(1))
    audit.recheck()
    events = [(e.event, e.copy.kind) for e in audit.trail()]
    assert events == [(CREATED, copies.SCRATCH), (CREATED, copies.CLEAN_COPY), (WIPED, copies.CLEAN_COPY),
                      (WIPED, copies.SCRATCH), (CREATED, copies.JSON_RESULT), (STILL_THERE, copies.JSON_RESULT)]
    today = datetime.now().date()
    assert len(audit.trail(since=today, until=today)) == 6
    assert audit.trail(until=today - timedelta(days=1)) == []


def test_forgetting_old_runs_takes_the_detail_first_and_keeps_the_copies_of_a_run(history, audit, tmp_path):
    old, recent = clean_result(), clean_result()
    old.started_at = (datetime.now().astimezone() - timedelta(days=400)).isoformat(timespec="seconds")
    old_id, recent_id = history.record(old), history.record(recent)
    kept_export = tmp_path / "old.json"
    write_json(old, kept_export, audit.for_check(old_id))  # still on this computer
    audit.made(copies.SCRATCH, tmp_path / "run-old", old_id)
    audit.made(copies.SCRATCH, tmp_path / "run-recent", recent_id)
    audit.recheck()  # neither folder exists: both are found gone now...
    with history.writing() as db:  # ...and the old one a long time ago
        db.execute("UPDATE copies SET ended_at = ? WHERE path = ?", (old.started_at, str(tmp_path / "run-old")))

    # the detail goes first: a delete that fails still leaves no detail behind
    with history.writing() as db:
        db.execute("CREATE TRIGGER refuse BEFORE DELETE ON runs BEGIN SELECT RAISE(ABORT, 'refused'); END")
    with pytest.raises(sqlite3.Error):
        history.prune(datetime.now().astimezone() - timedelta(days=365))
    assert history.detail(old_id) is None and history.detail(recent_id) is not None
    with history.writing() as db:
        db.execute("DROP TRIGGER refuse")

    forget_old(history, audit, 365)
    assert [r.id for r in history.runs()] == [recent_id]
    assert {c.path: c.run_id for c in audit.copies()} == {str(kept_export): old_id,
                                                         str(tmp_path / "run-recent"): recent_id}


def test_copy_kinds_are_registered_in_one_place():
    assert set(copies.KINDS) >= copies.EXPORTS
    with pytest.raises(ValueError, match="not an export registered"):
        from naaccord_desktop.reports.files import write_atomically

        write_atomically(Path("never-written"), "x", kind="workbook")


def test_a_folder_the_audit_never_heard_of_is_recorded_when_it_is_wiped(scratch, audit, app_dirs):
    from test_store_support import leave_orphan_scratch

    left = leave_orphan_scratch(app_dirs.scratch_root)  # by a process that kept no audit
    assert scratch.recover() == []  # no run id in its marker
    assert not left.exists()
    [copy] = audit.copies()
    assert (copy.kind, copy.path, copy.ended) == (copies.SCRATCH, str(left), WIPED_LATE)
    assert copy.created_at < copy.ended_at and copy.size >= 4000
    assert copy.reason == "The app was stopped during a check that was not kept in the history. Its making was " \
                          "not recorded (an earlier version of the app, or the audit could not be written)."
