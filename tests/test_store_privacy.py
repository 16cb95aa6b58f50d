"""PRIVACY: after a check is recorded and closed, no byte the app wrote
(history, logs, settings, scratch, cache) contains a planted patient ID or
cell value in the clear."""

import json
import logging
import os
from pathlib import Path

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

        detail = history.detail(run_id)  # only when it can be stored encrypted
        if secrets.can_store_detail:
            assert detail.files[0].findings[0].values == [SENTINEL_ID] * 3
        else:
            assert detail is None
        assert SENTINEL_ID not in history.load(run_id).files[0].findings[0].values
        history.compare_with_previous(run_id)
        # the search below does find planted values while they are on disk
        assert files_containing(platformdirs_isolated, SENTINELS) != {}

        scratch.close(run)
        history.close()
    finally:
        logs.close_logging()

    written = [p for p in platformdirs_isolated.rglob("*") if p.is_file()]
    assert {p.name for p in written} >= {"history.sqlite3", "settings.json"}
    assert any(p.name.startswith(logs.LOG_PREFIX) for p in written)
    assert files_containing(platformdirs_isolated, SENTINELS) == {}
    assert list(app_dirs.scratch_root.iterdir()) == []


PATIENT_HEADER = "cohortPatientId,birthSex,presentSex,birthYear,race,hispanic,enrollDate,lastActivityDate"
LAB_HEADER = "cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source"
PLANTED_IDS = ("ZQPAT0001SENTINEL", "ZQPAT0002SENTINEL", "ZQUNK0009SENTINEL")
PLANTED_VALUES = ("QQSEXSENTINEL", "QQDATESENTINEL", "QQUNITSENTINEL", "QQRESULTSENTINEL", "QQTESTSENTINEL")


def _write_submission(folder):
    p1, p2, unknown = PLANTED_IDS
    sex, bad_date, units, result, test = PLANTED_VALUES
    patient = folder / "patient.csv"
    patient.write_text("\n".join([
        PATIENT_HEADER,
        f"{p1},Male,,1970,White,No,2001-01-01,2020-01-01",
        f"{p2},{sex},,{result},{units},No,{bad_date},2020-01-01",
        f"{p2},Female,,1972,White,No,2002-01-01,2021-01-01",
        f"{p1},Female,,1973,White,No,2003-01-01,2021-01-01",
    ]) + "\n")
    lab = folder / "laboratory.csv"
    lab.write_text("\n".join([
        LAB_HEADER,
        f"{p1},CD4,500,cells/uL,400,1600,Normal,2020-01-15,L1",
        f"{unknown},{test},{result},{units},400,1600,Normal,{bad_date},L1",
        f"{p2},CD4,\"{result}, with a comma\",cells/uL,400,1600,Normal,2020-02-15,L1",
    ]) + "\n")
    return [patient, lab]


def test_a_real_check_of_planted_data_leaves_nothing_behind(app_dirs, memory_keyring, platformdirs_isolated,
                                                            tmp_path_factory, monkeypatch):
    from naaccord_desktop.definitions.loader import load_bundled
    from naaccord_desktop.engine.pipeline import CheckOptions, SubmissionFile, check_submission
    from naaccord_desktop.engine.progress import CancelToken

    sources = tmp_path_factory.mktemp("sources")
    working_dir = tmp_path_factory.mktemp("cwd")
    monkeypatch.chdir(working_dir)  # nothing may land in the working directory either
    files = [SubmissionFile(p, "patient" if p.stem == "patient" else "laboratory")
             for p in _write_submission(sources)]
    needles = PLANTED_IDS + PLANTED_VALUES
    log = logging.getLogger("naaccord_desktop.gui")

    logs.setup_logging(app_dirs)
    try:
        history = History(app_dirs.history_db, load_secrets())
        scratch = ScratchManager(app_dirs.scratch_root)
        run_id = history.start_run(files, cohort="", app_version="0.1.0", definitions_version="x")
        run = scratch.new_run(run_id)
        result = check_submission(
            files, load_bundled(), CheckOptions(),
            lambda e: log.info("%s %s %s", Path(e.file).name, e.kind, e.stage), CancelToken(), scratch=run.folder,
        )
        history.finish_run(run_id, result)
        # the engine did see each planted needle: the in-memory result holds it
        in_memory = json.dumps(result.to_dict())
        assert [n for n in needles if n not in in_memory] == []
        scratch.close(run)
        history.load(run_id)
        history.compare_with_previous(run_id)
        history.close()
    finally:
        logs.close_logging()

    assert files_containing(platformdirs_isolated, needles) == {}
    assert list(app_dirs.scratch_root.iterdir()) == []
    assert list(working_dir.iterdir()) == []


def test_the_generated_sample_with_defects_leaves_no_patient_id_or_offending_value(
        app_dirs, memory_keyring, platformdirs_isolated, tmp_path_factory):
    """The "done when" of issue 6 over the sample generator's submission: every
    patient ID (known and planted unknown ones) and every distinctive offending
    value the engine found is absent from the app folders afterwards."""
    from naaccord_desktop.definitions.loader import load_bundled
    from naaccord_desktop.engine.pipeline import CheckOptions, SubmissionFile, check_submission
    from naaccord_desktop.engine.progress import CancelToken
    from naaccord_desktop.sample import write_submission

    manifest = write_submission(tmp_path_factory.mktemp("sample"), rows=300, defects=True, answer=False,
                                tables=["patient", "laboratory", "medication", "diagnosis"])
    files = [SubmissionFile(path, table) for table, path in manifest.paths.items()]
    logs.setup_logging(app_dirs)
    try:
        history = History(app_dirs.history_db, load_secrets())
        scratch = ScratchManager(app_dirs.scratch_root)
        run_id = history.start_run(files, cohort="", app_version="0.1.0", definitions_version="x")
        run = scratch.new_run(run_id)
        result = check_submission(files, load_bundled(), CheckOptions(), lambda e: None, CancelToken(),
                                  scratch=run.folder)
        history.finish_run(run_id, result)
        scratch.close(run)
        history.close()
    finally:
        logs.close_logging()

    ids = {line.split(",", 1)[0] for line in manifest.paths["patient"].read_text("utf-8").splitlines()[1:]}
    ids |= {i.id for f in result.files for i in (*f.patient_ids.unknown, *f.patient_ids.duplicates)}
    published = {v.value for t in load_bundled().tables.values() for c in t.columns for v in c.values}
    values = {v.strip() for f in result.files for x in f.findings for v in x.values if len(v.strip()) >= 6}
    values -= published  # an allowed value written with other capitals is the definitions' word, not the data's
    assert len(ids) >= manifest.patients and result.files[1].patient_ids.unknown  # planted unknown IDs found
    assert values  # the defects produced offending values to look for
    assert files_containing(platformdirs_isolated, sorted(ids | values)) == {}
    assert list(app_dirs.scratch_root.iterdir()) == []


def test_the_audit_of_a_check_its_exports_and_a_crash_holds_no_planted_id_or_value(
        app_dirs, memory_keyring, platformdirs_isolated, tmp_path_factory):
    """Issue #18: the audit records every copy (scratch, DuckDB's overflow folder,
    the copies of the detailed check, exports that hold IDs and values), never what is in one."""
    from naaccord_desktop.definitions.loader import load_bundled
    from naaccord_desktop.engine.pipeline import CheckOptions, SubmissionFile
    from naaccord_desktop.engine.progress import CancelToken
    from naaccord_desktop.reports.csv_export import write_finding_rows
    from naaccord_desktop.reports.html import write_html
    from naaccord_desktop.reports.json_export import write_json
    from naaccord_desktop.store.audit import Audit
    from naaccord_desktop.store.session import CheckSession

    sources, exports = tmp_path_factory.mktemp("sources"), tmp_path_factory.mktemp("exports")
    files = [SubmissionFile(p, "patient" if p.stem == "patient" else "laboratory")
             for p in _write_submission(sources)]
    needles = PLANTED_IDS + PLANTED_VALUES
    history = History(app_dirs.history_db, load_secrets())
    audit = Audit(history)
    scratch = ScratchManager(app_dirs.scratch_root, audit)
    session = CheckSession(load_bundled(), scratch, history)
    result = session.run(files, CheckOptions(diagnose=True), lambda e: None, CancelToken())
    copies = audit.for_check(session.last_run_id)
    write_html(result, exports / "full.html", copies=copies)
    write_json(result, exports / "result.json", copies=copies)
    rows = sorted({line for f in result.files[1].findings for line in f.lines if line > 1})
    write_finding_rows(result.files[1], exports / "rows.csv", rows, copies=copies)
    # a check that crashed: its folder, with a copy of the rows, is wiped late
    crashed = scratch.new_run(None)
    crashed.copies.made("clean_copy", crashed.folder / "f0.clean.csv")
    (crashed.folder / "f0.clean.csv").write_text("\n".join(needles))
    os.close(crashed._lock_fd)
    crashed._lock_fd = None
    scratch._runs.clear()
    recover_crashed_runs(ScratchManager(app_dirs.scratch_root, audit), history)

    kinds = {c.kind for c in audit.copies()}
    assert kinds >= {"scratch", "spill", "clean_copy", "full_report", "json_result", "rows_csv"}
    assert {c.ended for c in audit.copies() if c.kind == "scratch"} == {"wiped", "wiped late"}
    assert set(files_containing(exports, needles)) == {"full.html", "result.json", "rows.csv"}
    with history.reading() as db:
        recorded = json.dumps(db.execute("SELECT * FROM copies").fetchall())
    assert [n for n in needles if n in recorded] == []
    history.close()
    assert files_containing(platformdirs_isolated, needles) == {}
    assert list(app_dirs.scratch_root.iterdir()) == []
