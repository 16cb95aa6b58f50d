"""The shared words: one verdict label, one sentence, one stage title and one
size format, whichever part of the app shows them."""

from __future__ import annotations

from naaccord_desktop.commands.check import render
from naaccord_desktop.definitions.loader import load_bundled
from naaccord_desktop.engine.result import FileResult, SubmissionResult
from naaccord_desktop.reports.receipt import receipt_text
from naaccord_desktop.reports.words import human_size, stage_title, verdict_label, verdict_sentence


def test_sizes_count_in_1024s_everywhere():
    assert [human_size(n) for n in (0, 1, 1023, 1024, 1536, 5 * 2**20, 3 * 2**30, 2**41)] == [
        "0 bytes", "1 byte", "1,023 bytes", "1.0 KB", "1.5 KB", "5.0 MB", "3.0 GB", "2.0 TB"]


def test_stage_keys_become_the_engine_titles():
    assert stage_title("patient_ids") == "Patient IDs"
    assert stage_title("tolerant_load") == "Tolerant load"
    assert stage_title("something_new") == "Something new"


def test_the_command_line_and_the_receipt_say_the_verdict_alike():
    result = SubmissionResult("0.1.0", "2025.1", verdict="ready",
                              files=[FileResult(path="lab.csv", table="laboratory", verdict="ready",
                                                sha256="0" * 64)])
    sentence = verdict_sentence("ready")
    assert f"Verdict: {sentence}" in render(result, load_bundled(), str)
    receipt = {"complete": True, "verdict": "ready", "checked_at": "", "files": [
        {"name": "lab.csv", "size": 1, "sha256": "0" * 64, "table": "laboratory", "cohort": "",
         "definitions_version": "2025.1", "app_version": "0.1.0", "verdict": "ready",
         "findings": {"blocker": 0, "error": 1, "warning": 0}}]}
    assert f"Submission verdict: {sentence}" in receipt_text(receipt)
    assert verdict_label("blocked") == "Blocked"
