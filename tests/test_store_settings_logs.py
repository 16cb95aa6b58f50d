"""Settings persisted per user; the rotating log; app folders stay under the
redirected platformdirs; the store's non-GUI modules never import Qt."""

import ast
import json
import logging
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_store_support import app_dirs  # noqa: F401

from naaccord_desktop.store import logs
from naaccord_desktop.store.paths import AppPaths, app_paths
from naaccord_desktop.store.settings import SCRATCH_SUBFOLDER, Settings, load_settings, save_settings, settings_file

STORE = Path(__file__).resolve().parents[1] / "naaccord_desktop" / "store"


def test_defaults_when_there_is_no_file(app_dirs):
    s = load_settings(app_dirs)
    # the memory limit the command line's `check --help` and the README name too
    assert (s.cohort, s.idle_wipe_minutes, s.memory_limit, s.threads, s.scratch_location) == ("", 15, "1GB", 2, "")
    assert s.scratch_root(app_dirs) == app_dirs.scratch_root


def test_settings_round_trip_in_the_config_folder(app_dirs, tmp_path):
    chosen = tmp_path / "big disk"
    saved = Settings(cohort="CNICS", idle_wipe_minutes=5, memory_limit="512MB", threads=4,
                     scratch_location=str(chosen))
    path = save_settings(saved, app_dirs)
    assert path.parent == app_dirs.config
    assert load_settings(app_dirs) == saved
    assert saved.scratch_root(app_dirs) == chosen / SCRATCH_SUBFOLDER  # never the chosen folder itself
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
    assert not list(app_dirs.config.glob("*.tmp"))


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"memory_limit": "lots"}, "memory limit"),
        ({"memory_limit": "0KB"}, "at least 128MB"),
        ({"memory_limit": "120MiB"}, "at least 128MB"),
        ({"threads": 0}, "Threads"),
        ({"idle_wipe_minutes": -1}, "idle wipe"),
        ({"scratch_location": "relative/folder"}, "full folder path"),
    ],
)
def test_bad_values_are_refused_with_plain_words(app_dirs, bad, message):
    with pytest.raises(ValueError, match=message):
        save_settings(Settings(**bad), app_dirs)
    assert not settings_file(app_dirs).exists()


def test_a_damaged_file_falls_back_per_value(app_dirs):
    settings_file(app_dirs).write_text(json.dumps(
        {"cohort": "VACS", "threads": "four", "memory_limit": "9ZB", "idle_wipe_minutes": 30, "unknown": 1}
    ))
    s = load_settings(app_dirs)
    assert (s.cohort, s.threads, s.memory_limit, s.idle_wipe_minutes) == ("VACS", 2, "1GB", 30)
    settings_file(app_dirs).write_text("{not json")
    assert load_settings(app_dirs) == Settings()
    settings_file(app_dirs).write_text("[1, 2]")
    assert load_settings(app_dirs) == Settings()


def test_log_file_rotates_in_the_log_folder(app_dirs, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    path = logs.setup_logging(app_dirs)
    try:
        assert path.parent == app_dirs.logs == logs.log_folder(app_dirs)
        assert path.name.startswith(logs.LOG_PREFIX) and path.name.endswith(f"-{os.getpid()}.log")
        for i in range(200):
            logging.getLogger("naaccord_desktop.test").info("stage %d done in %.1f s", i, 0.5)
        assert path.exists()
        if os.name == "posix":
            assert {p.stat().st_mode & 0o777 for p in app_dirs.logs.iterdir()} == {0o600}
        rotated = sorted(p.name for p in app_dirs.logs.iterdir())
        assert rotated == [path.name] + [f"{path.name}.{i}" for i in range(1, logs.BACKUPS + 1)]
        assert "stage 199 done" in path.read_text("utf-8")
    finally:
        logs.close_logging()
    assert not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in logging.getLogger().handlers)


LOGGING_PROCESS = textwrap.dedent('''
    import logging, os, sys
    from naaccord_desktop.store import logs
    from naaccord_desktop.store.paths import app_paths
    logs.MAX_BYTES = 3_000
    path = logs.setup_logging(app_paths())
    print(path.name, flush=True)
    sys.stdin.readline()  # both processes have their log open before either writes
    for i in range(400):
        logging.getLogger("naaccord_desktop.test").info("process %d record %d", os.getpid(), i)
    logs.close_logging()
''')


def test_two_processes_write_and_rotate_their_own_logs():
    """Two windows at once: each rotates its own file, so neither renames a file the other holds
    open (which fails on Windows), and no record lands in the other's log."""
    procs = [subprocess.Popen([sys.executable, "-c", LOGGING_PROCESS], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    names = [proc.stdout.readline().strip() for proc in procs]
    outcomes = [proc.communicate("go\n", timeout=60) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], outcomes
    assert all("Logging error" not in err for _, err in outcomes)
    assert len(set(names)) == 2
    folder = app_paths().logs  # where both processes log: under the XDG folders conftest chose
    for proc, name in zip(procs, names, strict=True):
        parts = sorted(folder.glob(f"{name}*"))
        assert len(parts) == logs.BACKUPS + 1  # it rotated
        records = "".join(p.read_text("utf-8") for p in parts)
        assert set(re.findall(r"process (\d+) record", records)) == {str(proc.pid)}
        assert f"process {proc.pid} record 399" in (folder / name).read_text("utf-8")


def test_old_process_logs_are_pruned_at_start(app_dirs, monkeypatch):
    monkeypatch.setattr(logs, "KEEP", 3)
    for i in range(5):
        old = app_dirs.logs / f"{logs.LOG_PREFIX}2026010{i}-000000-{100 + i}.log"
        for part in (old, old.with_name(old.name + ".1")):
            part.write_text("earlier\n", "utf-8")
            os.utime(part, (1_700_000_000 + i, 1_700_000_000 + i))
    unrelated = app_dirs.logs / "notes.txt"
    unrelated.write_text("kept\n", "utf-8")
    path = logs.setup_logging(app_dirs)
    logs.close_logging()
    left = sorted(p.name for p in app_dirs.logs.iterdir())
    newest = [f"{logs.LOG_PREFIX}2026010{i}-000000-{100 + i}.log" for i in (3, 4)]
    assert left == sorted([*newest, *(n + ".1" for n in newest), path.name, "notes.txt"])


def test_without_a_log_folder_the_app_runs_without_a_log(tmp_path):
    blocked = tmp_path / "a file"
    blocked.write_text("", "utf-8")
    paths = AppPaths(data=tmp_path / "d", config=tmp_path / "c", cache=tmp_path / "k", logs=blocked / "logs")
    try:
        assert logs.setup_logging(paths) is None
        logging.getLogger("naaccord_desktop.test").info("nowhere to go")
    finally:
        logs.close_logging()
    assert logs.log_folder(paths) == blocked / "logs"  # Help > Open the log folder does not fail either


def test_app_folders_are_redirected_for_tests(app_dirs, tmp_path):
    for folder in (app_dirs.data, app_dirs.config, app_dirs.cache, app_dirs.logs, app_dirs.scratch_root):
        assert tmp_path in folder.parents
        assert folder.is_dir()


def test_store_modules_do_not_import_qt():
    for path in STORE.glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [n for n in names if n.startswith("PySide6") or "gui" in n], path.name
