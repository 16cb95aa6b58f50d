"""Faults that are not the file's: a full disk under the scratch folder, and a
file that is written to while it is checked. Each gets its true cause."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from engine_helpers import LAB_HEADER, PATIENT_HEADER, check, csv_text, findings, lab_row, one, patient_row, write

from naaccord_desktop.engine.progress import CancelToken
from naaccord_desktop.reports.receipt import ReceiptError, build_receipt

FULL_DISK = textwrap.dedent('''
    import subprocess, sys
    from pathlib import Path
    scratch, patient, lab = sys.argv[1], sys.argv[2], sys.argv[3]
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", scratch], check=True)
    from naaccord_desktop.store.paths import app_paths
    from naaccord_desktop.store.settings import Settings, save_settings
    save_settings(Settings(scratch_location=scratch), app_paths().ensure())
    from naaccord_desktop.cli import main
    sys.exit(main(["check", "--no-history", patient, lab]))
''')


def _big_lab(tmp_path, rows: int):
    lines = csv_text(LAB_HEADER, [lab_row(f"P{i % 2 + 1}", result=str(i) * 20) for i in range(rows)])
    lines[5] += ",an extra value"  # the detailed check writes copies
    return write(tmp_path / "laboratory.csv", lines)


@pytest.mark.skipif(sys.platform != "linux", reason="a tmpfs in a user namespace is Linux's")
def test_a_full_scratch_disk_is_named_not_the_source(tmp_path):
    """A 1 MB tmpfs as the scratch location and a 3 MB file: the copy the
    detailed check writes hits ENOSPC (the fast path stores no table)."""
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1"), patient_row("P2")]))
    lab = _big_lab(tmp_path, 40_000)
    assert lab.stat().st_size > 3 << 20
    scratch = tmp_path / "small-disk"
    scratch.mkdir()
    env = {**os.environ, **{v: str(tmp_path / v.lower()) for v in
                           ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")},
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    done = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", sys.executable, "-c", FULL_DISK,
                           str(scratch), str(patient), str(lab)],
                          env=env, capture_output=True, text=True, timeout=300)
    out = done.stdout + done.stderr
    assert done.returncode == 2, out  # a file that could not be checked
    assert "The disk that holds the app's temporary copies is full, so laboratory.csv was not checked" in out
    assert "could not be read any more" not in out and "disconnected" not in out
    assert "patient.csv (patient): clean" in out  # the other file keeps its verdict


def test_a_file_cut_short_during_the_load_has_no_verdict_and_no_receipt(tmp_path):
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1")]))
    lab = write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, [lab_row("P1")] * 50))
    whole = lab.read_bytes()

    def truncate(event):
        if event.file == str(lab) and event.stage == "load" and event.kind == "start":
            lab.write_bytes(whole[: len(whole) // 2])

    run = check(tmp_path, {"patient": patient, "laboratory": lab}, on_event=truncate)
    f = run.file("laboratory.csv")
    changed = one(f, "file.changed")
    assert "laboratory.csv changed while it was checked" in changed.message
    assert not f.finished(run.result.cancelled)
    assert run.file("patient.csv").finished(False)
    with pytest.raises(ReceiptError, match="laboratory.csv changed while it was checked"):
        build_receipt(run.result)


def test_a_file_appended_to_during_the_check_is_named(tmp_path):
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1")]))
    lab = write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, [lab_row("P1")] * 5))
    before = lab.stat().st_size

    def append(event):
        if event.file == str(lab) and event.stage == "rules" and event.kind == "start":
            with lab.open("ab") as out:
                out.write(b"P1,CD4,500,cells/uL,400,1600,Normal,2020-01-15,L1\n")

    run = check(tmp_path, {"patient": patient, "laboratory": lab}, on_event=append)
    changed = one(run.file("laboratory.csv"), "file.changed")
    assert f"its size went from {before:,} to {lab.stat().st_size:,} bytes" in changed.message


def test_a_file_left_alone_is_not_called_changed(tmp_path):
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1")]))
    lab = write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, [lab_row("P1")]))
    for diagnose in (False, True):
        run = check(tmp_path / str(diagnose), {"patient": patient, "laboratory": lab}, diagnose=diagnose)
        assert not any(findings(f, "file.changed") for f in run.result.files)
        build_receipt(run.result)


def _hashes_watched(monkeypatch, on_read=None) -> tuple[list[str], list[set[str]], list]:
    """Every file_digest call (its file's name), the files whose Cross-check had ended
    by then, and the progress events seen; `on_read(path)` runs before each read."""
    from naaccord_desktop.engine import fast
    read, verdicts, seen = [], [], []
    real_digest = fast.file_digest

    def digest(path, cancel=None):
        read.append(path.name)
        verdicts.append({Path(e.file).name for e in seen if e.stage == "crosscheck" and e.kind != "start"})
        if on_read is not None:
            on_read(path)
        return real_digest(path, cancel)

    monkeypatch.setattr(fast, "file_digest", digest)
    return read, verdicts, seen


def test_the_hash_is_read_after_every_verdict_and_a_file_gone_by_then_has_none(tmp_path, monkeypatch):
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1")]))
    lab = write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, [lab_row("P1")] * 3))
    ragged = write(tmp_path / "laboratory_ragged.csv", csv_text(LAB_HEADER, [lab_row("P1"), "P1,x"]))
    read, verdicts, seen = _hashes_watched(monkeypatch, lambda path: path == lab and lab.unlink())
    run = check(tmp_path, {"patient": patient, "laboratory": [lab, ragged]}, on_event=seen.append)
    # the ragged file went to the detailed check during its load: its hash waits for the verdicts too
    assert sorted(read) == ["laboratory.csv", "laboratory_ragged.csv", "patient.csv"]
    assert all(v == {"patient.csv", "laboratory.csv", "laboratory_ragged.csv"} for v in verdicts)
    assert run.file("laboratory_ragged.csv").path_taken == "diagnostic"
    for name, path in (("patient.csv", patient), ("laboratory_ragged.csv", ragged)):
        assert run.file(name).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    gone = run.file("laboratory.csv")
    assert gone.sha256 == "" and "laboratory.csv" in one(gone, "file.changed").message
    assert not findings(gone, "file.unhashed")
    with pytest.raises(ReceiptError):
        build_receipt(run.result)


def test_a_file_that_cannot_be_read_for_its_hash_keeps_its_verdict_with_a_warning(tmp_path, monkeypatch):
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1")]))
    lab = write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, [lab_row("P1")] * 3))

    def locked(path):
        if path == lab:
            raise PermissionError(13, "The process cannot access the file", str(lab))

    _hashes_watched(monkeypatch, locked)
    f = check(tmp_path, {"patient": patient, "laboratory": lab}).file("laboratory.csv")
    warning = one(f, "file.unhashed")
    assert warning.severity == "warning" and f.verdict == "clean" and f.sha256 == ""
    assert "laboratory.csv was checked to the end, but could not be read again" in warning.message
    assert not findings(f, "file.changed")
    with pytest.raises(ReceiptError, match="laboratory.csv could not be read again for its SHA-256"):
        build_receipt(check(tmp_path / "again", {"patient": patient, "laboratory": lab}).result)


def test_a_cancelled_check_keeps_the_hashes_read_before_cancel(tmp_path, monkeypatch):
    patient = write(tmp_path / "patient.csv", csv_text(PATIENT_HEADER, [patient_row("P1")]))
    lab = write(tmp_path / "laboratory.csv", csv_text(LAB_HEADER, [lab_row("P1")] * 3))
    read, _, seen = _hashes_watched(monkeypatch)
    cancel = CancelToken()

    def cancel_at_the_patient_rules(event):
        seen.append(event)
        if event.file == str(patient) and event.stage == "rules" and event.kind == "start":
            deadline = time.monotonic() + 10
            while len(read) < 2 and time.monotonic() < deadline:  # both reads have started...
                time.sleep(0.01)
            time.sleep(0.2)  # ...and, a few bytes each, ended
            cancel.cancel()

    run = check(tmp_path, {"patient": patient, "laboratory": lab}, cancel=cancel, on_event=cancel_at_the_patient_rules)
    assert run.result.cancelled
    for f, path in ((run.file("patient.csv"), patient), (run.file("laboratory.csv"), lab)):
        assert f.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert not findings(f, "file.unhashed")
    build_receipt(run.result)
