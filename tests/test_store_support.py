"""Fixtures and keyring backends shared by the tests/test_store_*.py files.

The test keyring backends live here, in tests/, never in app modules: any
imported KeyringBackend with priority >= 1 can become the default
(environment.md §6, trap 2).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked

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
)
from naaccord_desktop.store.paths import AppPaths, app_paths
from naaccord_desktop.store.secrets import Secrets, load_secrets

SENTINEL_ID = "ZQPID7734SENTINEL"
SENTINEL_DUP_ID = "ZQDUP5521SENTINEL"
SENTINEL_VALUE = "QQVAL9182SENTINEL"
SENTINEL_HINT = "QQHINT4410SENTINEL"
SENTINEL_TOP = "QQTOP6603SENTINEL"
SENTINEL_NUMBER = 987654.321
SENTINEL_DATE = "1811-03-17"
SENTINEL_ACCENT = "QQÉTÉ7788SENTINEL"
SENTINELS = (
    SENTINEL_ACCENT,
    SENTINEL_ID,
    SENTINEL_DUP_ID,
    SENTINEL_VALUE,
    SENTINEL_HINT,
    SENTINEL_TOP,
    str(SENTINEL_NUMBER),
    SENTINEL_DATE,
    SENTINEL_DATE[:7],
)


# Pick the default backend now, before the classes below exist, so that they
# can never be chosen as the default for the rest of the test session.
keyring.get_keyring()


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username))


class LockedKeyring(MemoryKeyring):
    """A secure-looking backend whose every call fails, as a locked wallet does."""

    def get_password(self, service, username):
        raise KeyringLocked("locked")

    def set_password(self, service, username, password):
        raise KeyringLocked("locked")


class BrokenKeyring(MemoryKeyring):
    """A backend that fails with something that is not a KeyringError."""

    def get_password(self, service, username):
        raise RuntimeError("D-Bus went away")


@pytest.fixture
def use_keyring():
    """Install a keyring backend for one test and put the previous one back."""
    previous = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring(use_keyring) -> MemoryKeyring:
    ring = MemoryKeyring()
    use_keyring(ring)
    return ring


@pytest.fixture
def no_keyring(use_keyring) -> None:
    use_keyring(keyring.backends.fail.Keyring())


@pytest.fixture
def secure_secrets(memory_keyring) -> Secrets:
    secrets = load_secrets()
    assert secrets.can_store_detail
    return secrets


@pytest.fixture
def app_dirs(platformdirs_isolated) -> AppPaths:
    """Every app folder under the test's tmp_path, never the real home."""
    paths = app_paths().ensure()
    assert platformdirs_isolated in paths.data.parents
    return paths


def sentinel_result(*, table: str = "laboratory", extra_findings: list[Finding] | None = None) -> SubmissionResult:
    """A result that carries patient IDs and cell values in every place they may appear."""
    lab = FileResult(
        path=f"/clinic/exports/{table}_2025Q3.csv",
        table=table,
        sha256="ab" * 32,
        size=1234,
        rows=40,
        verdict="blocked",
        path_taken="diagnostic",
        fallback_reason=f"Line 7 has a stray quote: {SENTINEL_VALUE}",
        file_info=FileInfo(encoding="utf-8", header=["cohortPatientId", "resultDate",
                                                     f"{SENTINEL_VALUE};{SENTINEL_ACCENT}"]),
        patient_ids=PatientIds(
            distinct=30,
            duplicates=[IdCount(SENTINEL_DUP_ID, 2, [4, 9])],
            not_in_patient_file=1,
            rows_with_unknown=3,
            unknown=[IdCount(SENTINEL_ID, 3, [5, 6, 8])],
        ),
        findings=[
            Finding(
                "patient_id.unknown",
                "blocker",
                "cohortPatientId",
                3,
                [5, 6, 8],
                f"3 rows use patient IDs that are not in patient.csv, e.g. line 5: {SENTINEL_ID}",
                "Add these patients to patient.csv or remove the rows.",
                [SENTINEL_ID] * 3,
            ),
            Finding(
                "date.invalid",
                "error",
                "resultDate",
                2,
                [11, 12],
                "`resultDate` must be a date written YYYY-MM-DD. 2 rows differ.",
                f"Write {SENTINEL_VALUE} as YYYY-MM-DD.",
                [SENTINEL_VALUE, SENTINEL_VALUE],
                hint=SENTINEL_HINT,
            ),
            *(extra_findings or []),
        ],
        summaries={
            "units": VariableSummary(
                "units", "enum", 40, 1, 3, [[SENTINEL_TOP, 30]], [[SENTINEL_VALUE, 2], [SENTINEL_ACCENT, 1]]
            ),
            "result": VariableSummary(
                "result", "numeric", 40, 0, 30, numeric={"min": SENTINEL_NUMBER, "max": 1.5, "invalid": 4}
            ),
            "resultDate": VariableSummary(
                "resultDate",
                "date",
                40,
                0,
                20,
                dates={"min": SENTINEL_DATE, "max": "2025-01-01", "invalid": 2, "months": [[SENTINEL_DATE[:7], 1]]},
            ),
        },
        stages=[StageRecord("inspect", "done", 0.1), StageRecord("rules", "done", 1.5)],
    )
    return SubmissionResult(
        app_version="0.1.0",
        definitions_version="2025.1",
        options=CheckOptions(cohort="CNICS"),
        started_at="2026-11-27T10:00:00+00:00",
        seconds=2.5,
        verdict="blocked",
        files=[lab],
    )


def clean_result(table: str = "laboratory") -> SubmissionResult:
    return SubmissionResult(
        app_version="0.1.0",
        definitions_version="2025.1",
        options=CheckOptions(cohort="CNICS"),
        seconds=1.0,
        verdict="clean",
        files=[FileResult(path=f"{table}.csv", table=table, rows=10)],
    )


def files_containing(root, needles) -> dict[str, list[str]]:
    """Every file under `root` whose bytes contain one of `needles` (as UTF-8,
    or as JSON writes it with non-ASCII escaped), with which."""
    forms = {n: {n.encode("utf-8"), json.dumps(n)[1:-1].encode("ascii")} for n in needles}
    hits: dict[str, list[str]] = {}
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found = [n for n in needles if any(form in data for form in forms[n])]
            if found:
                hits[str(path.relative_to(root))] = found
    return hits


ORPHAN_RUN = (
    "import os, sys\n"
    "from pathlib import Path\n"
    "from naaccord_desktop.store.scratch import ScratchManager\n"
    "run = ScratchManager(Path(sys.argv[1])).new_run(None)\n"
    "(run.folder / 'work.duckdb').write_bytes(b'patient rows' * int(sys.argv[2]))\n"
    "print(run.folder, flush=True)\n"
    "os._exit(1)  # dies without wiping, as a crashed check does\n"
)


def leave_orphan_scratch(root, repeat: int = 400):
    """A scratch folder as a crashed check (another process) leaves it: locked
    by that process while it lived, free now. Returns the folder."""
    done = subprocess.run([sys.executable, "-c", ORPHAN_RUN, str(root), str(repeat)],
                          capture_output=True, text=True, timeout=60, check=False)
    folder = Path(done.stdout.strip())
    assert done.returncode == 1 and folder.is_dir(), done.stderr
    return folder
