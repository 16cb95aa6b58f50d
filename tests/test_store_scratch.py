"""Scratch folders: private, wiped on close, on idle, on exit and after a crash."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from test_store_support import (  # noqa: F401
    app_dirs,
    clean_result,
    leave_orphan_scratch,
    memory_keyring,
    secure_secrets,
    use_keyring,
)

from naaccord_desktop.store import scratch
from naaccord_desktop.store.audit import size_on_disk
from naaccord_desktop.store.history import History
from naaccord_desktop.store.scratch import IdleWipe, ScratchManager, install_exit_wipe, recover_crashed_runs

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def manager(app_dirs):
    return ScratchManager(app_dirs.scratch_root)


def _fill(folder: Path, size: int = 1000) -> None:
    (folder / "work.duckdb").write_bytes(b"x" * size)
    (folder / "duckdb_temp").mkdir()
    (folder / "duckdb_temp" / "spill.tmp").write_bytes(b"y" * size)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_run_folders_are_private(manager):
    run = manager.new_run(7)
    assert run.folder.parent == manager.root
    assert run.folder.stat().st_mode & 0o777 == 0o700
    assert manager.root.stat().st_mode & 0o777 == 0o700


def test_close_wipes_the_run_folder_and_reports_the_size(manager):
    run = manager.new_run(1)
    other = manager.new_run(2)
    _fill(run.folder)
    assert manager.held_bytes() >= 2000
    assert manager.close(run) >= 2000
    assert not run.folder.exists() and run.wiped
    assert other.folder.exists()
    assert manager.close(run) == 0  # closing twice is harmless


def test_idle_timer_logic_waits_for_inactivity_then_wipes_what_crashed_checks_left(manager):
    now = [100.0]
    idle = IdleWipe(manager, seconds=60, clock=lambda: now[0])
    running = manager.new_run(1)
    _fill(running.folder)
    orphan = leave_orphan_scratch(manager.root)
    now[0] += 59
    assert idle.tick() is None
    idle.touch()  # user activity restarts the wait
    now[0] += 59
    assert idle.tick() is None and orphan.exists()
    now[0] += 2
    assert idle.tick() >= 4000 and not orphan.exists()
    assert running.folder.exists()  # a check that is running is never touched
    assert idle.tick() is None  # nothing left to wipe
    idle.seconds = 0  # "never"
    again = leave_orphan_scratch(manager.root)
    now[0] += 10_000
    assert idle.tick() is None and again.exists()


def test_a_folder_whose_owner_has_not_locked_it_yet_is_spared(manager):
    being_made = manager.root / "run-being-made"
    being_made.mkdir(parents=True)
    (being_made / ".lock").touch()  # created, not locked yet, no owner marker yet
    assert manager.wipe_orphans() is None and being_made.exists()
    old = time.time() - 3600
    os.utime(being_made, (old, old))
    assert manager.wipe_orphans() == 0 and not being_made.exists()


def test_wipe_all_and_the_status_bar_size(manager):
    for run_id in (1, 2):
        _fill(manager.new_run(run_id).folder)
    assert manager.wipe_all() >= 4000
    assert list(manager.root.iterdir()) == []
    assert manager.held_bytes() == 0


def test_the_held_count_is_this_windows_and_what_dead_processes_left(manager):
    """Another running window's copies are its own: neither counted here nor wiped."""
    other_window = ScratchManager(manager.root)
    theirs = other_window.new_run(5)
    _fill(theirs.folder)
    assert manager.held_bytes() == 0 and manager.others_checking()
    mine = manager.new_run(6)
    _fill(mine.folder, size=3000)
    assert manager.held_bytes() == size_on_disk(mine.folder) >= 6000 and other_window.others_checking()
    other_window.close(theirs)
    assert not manager.others_checking()


def test_a_new_folder_waits_for_a_liveness_check_that_holds_its_lock(manager, monkeypatch):
    """held_bytes() and the wipes try each folder's lock for an instant, so a folder being
    made may find its lock taken once or twice: it waits, and the check does not fail."""
    tries = []
    real = scratch._try_lock

    def busy_twice(fd):
        tries.append(fd)
        return len(tries) > 2 and real(fd)

    monkeypatch.setattr(scratch, "_try_lock", busy_twice)
    assert manager.new_run(3).folder.is_dir() and len(tries) == 3


def test_recover_leaves_live_folders_and_foreign_files_alone(manager, app_dirs):
    mine = manager.new_run(1)
    (manager.root / "not-ours.txt").write_text("keep")
    other_instance = ScratchManager(manager.root)
    assert other_instance.recover() == []  # locked by a live process (this one)
    assert other_instance.live_run_ids() == {1}
    assert mine.folder.exists() and (manager.root / "not-ours.txt").exists()


CRASHING_RUN = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from naaccord_desktop.store.history import History
    from naaccord_desktop.store.paths import AppPaths
    from naaccord_desktop.store.scratch import ScratchManager, install_exit_wipe
    from naaccord_desktop.store.secrets import load_secrets

    root = Path(sys.argv[1])
    paths = AppPaths(data=root / "data", config=root / "config", cache=root / "cache", logs=root / "logs").ensure()
    history = History(paths.history_db, load_secrets())
    scratch = ScratchManager(paths.scratch_root)
    install_exit_wipe(scratch)
    run_id = history.start_run([], cohort="", app_version="0.1.0", definitions_version="2025.1")
    run = scratch.new_run(run_id)
    (run.folder / "work.duckdb").write_bytes(b"patient rows" * 1000)
    print(run_id, run.folder, flush=True)
    time.sleep(60)
    """
)


def _start_checking_process(root: Path) -> tuple[subprocess.Popen, int, Path]:
    proc = subprocess.Popen(
        [sys.executable, "-c", CRASHING_RUN, str(root)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"},
    )
    line = proc.stdout.readline().strip().split(maxsplit=1)
    assert line, "the checking process did not start"
    return proc, int(line[0]), Path(line[1])


def _paths_under(root: Path):
    from naaccord_desktop.store.paths import AppPaths

    return AppPaths(data=root / "data", config=root / "config", cache=root / "cache", logs=root / "logs")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_after_a_crash_the_next_start_wipes_scratch_and_marks_the_run_interrupted(tmp_path, secure_secrets):
    proc, run_id, folder = _start_checking_process(tmp_path)
    try:
        paths = _paths_under(tmp_path)
        scratch = ScratchManager(paths.scratch_root)
        history = History(paths.history_db, secure_secrets)
        assert recover_crashed_runs(scratch, history) == []  # still alive: left alone
        assert folder.exists()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        assert (folder / "work.duckdb").exists()  # SIGKILL leaves it behind

        assert recover_crashed_runs(scratch, history) == [run_id]
        assert not folder.exists()
        assert list(paths.scratch_root.iterdir()) == []
        [row] = history.runs()
        assert (row.id, row.status) == (run_id, "interrupted")
        history.close()
    finally:
        proc.kill()
        proc.wait()


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM delivery as on POSIX")
def test_sigterm_wipes_scratch_and_the_next_start_marks_the_run_interrupted(tmp_path, secure_secrets):
    proc, run_id, folder = _start_checking_process(tmp_path)
    try:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 128 + signal.SIGTERM
        assert not folder.exists()  # wiped by the handler, before the process ended
        paths = _paths_under(tmp_path)
        history = History(paths.history_db, secure_secrets)
        assert history.running() == [run_id]
        assert recover_crashed_runs(ScratchManager(paths.scratch_root), history) == [run_id]
        assert history.runs()[0].status == "interrupted"
        history.close()
    finally:
        proc.kill()
        proc.wait()


def test_exit_wipe_is_registered_and_chains_to_ctrl_c(manager, monkeypatch):
    registered = []
    monkeypatch.setattr("atexit.register", registered.append)
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)  # a background job starts with it ignored
        install_exit_wipe(manager)
        run = manager.new_run(1)
        _fill(run.folder)
        assert registered == [manager.wipe_all]
        with pytest.raises(KeyboardInterrupt):
            signal.getsignal(signal.SIGINT)(signal.SIGINT, None)
        assert not run.folder.exists()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def test_a_signal_the_process_ignores_stays_ignored(manager, monkeypatch):
    """Started from a background job or nohup, Ctrl+C is ignored: it must not wipe
    the scratch folder of a check that goes on."""
    monkeypatch.setattr("atexit.register", lambda f: None)
    previous = signal.getsignal(signal.SIGINT)
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        install_exit_wipe(manager)
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


def test_recovery_of_a_folder_without_a_lock_waits_for_a_grace_period(manager):
    half_made = manager.root / "run-halfmade"
    half_made.mkdir(parents=True)
    assert manager.recover() == [] and half_made.exists()
    old = time.time() - 3600
    os.utime(half_made, (old, old))
    assert manager.recover() == [] and not half_made.exists()


def test_history_rows_left_running_without_any_scratch_are_interrupted(manager, app_dirs, secure_secrets):
    history = History(app_dirs.history_db, secure_secrets)
    live = history.start_run([], cohort="", app_version="", definitions_version="")
    manager.new_run(live)
    lost = history.start_run([], cohort="", app_version="", definitions_version="")
    done = history.record(clean_result())
    assert recover_crashed_runs(ScratchManager(manager.root), history) == [lost]
    status = {r.id: r.status for r in history.runs()}
    assert status == {live: "running", lost: "interrupted", done: "finished"}
    history.close()
