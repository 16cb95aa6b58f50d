"""PRIVACY: after a check is recorded and closed, no byte the app wrote
(history, logs, settings, scratch, cache) contains a planted patient ID or
cell value in the clear."""

import logging

import pytest
from test_store_support import (  # noqa: F401  (fixtures)
    SENTINEL_ID,
    SENTINELS,
    app_dirs,
    files_containing,
    memory_keyring,
    no_keyring,
    sentinel_result,
    use_keyring,
)

from naaccord_desktop.store import logs
from naaccord_desktop.store.history import History
from naaccord_desktop.store.scratch import ScratchManager, recover_crashed_runs
from naaccord_desktop.store.secrets import load_secrets
from naaccord_desktop.store.settings import Settings, save_settings


@pytest.fixture(params=["secure keychain", "no keychain"])
def keychain(request):
    return request.getfixturevalue("memory_keyring" if request.param == "secure keychain" else "no_keyring")


def test_nothing_planted_survives_a_recorded_and_closed_run(app_dirs, keychain, platformdirs_isolated):
    logs.setup_logging(app_dirs)
    try:
        save_settings(Settings(cohort="CNICS", idle_wipe_minutes=5), app_dirs)
        secrets = load_secrets()
        history = History(app_dirs.history_db, secrets)
        scratch = ScratchManager(app_dirs.scratch_root)
        recover_crashed_runs(scratch, history)

        result = sentinel_result()
        run_id = history.start_run(result.files, cohort="CNICS", app_version="0.1.0", definitions_version="2025.1")
        run = scratch.new_run(run_id)
        # what the engine leaves in scratch: a working copy of the rows
        (run.folder / "work.duckdb").write_text("\n".join(SENTINELS))
        logging.getLogger("naaccord_desktop.engine").info("rules done: %d findings", 2)
        history.finish_run(run_id, result)
        run.busy = False

        reopened = history.load(run_id, with_detail=True)
        expected = [SENTINEL_ID] * 3 if secrets.can_store_detail else []
        assert reopened.files[0].findings[0].values == expected  # detail only when it can be encrypted
        history.compare_with_previous(run_id)
        # the search below does find planted values while they are on disk
        assert files_containing(platformdirs_isolated, SENTINELS) != {}

        scratch.close(run)
        history.close()
    finally:
        logs.close_logging()

    written = [p for p in platformdirs_isolated.rglob("*") if p.is_file()]
    assert {p.name for p in written} >= {"history.sqlite3", "settings.json", logs.LOG_FILE}
    assert files_containing(platformdirs_isolated, SENTINELS) == {}
    assert list(app_dirs.scratch_root.iterdir()) == []
