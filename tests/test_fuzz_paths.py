"""Property tests over the kinds of damage real exports show: whichever path
reads a file (the fast path, or the detailed one asked for), it gets one
verdict; and nothing planted in it (patient IDs, values) reaches what the
app shows or keeps outside the full report: the redacted result (history,
shareable reports) and the terminal."""

from __future__ import annotations

import json
import shutil

from engine_helpers import LAB_HEADER, PATIENT_HEADER, csv_text, lab_row, patient_row
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from naaccord_desktop.commands.check import render
from naaccord_desktop.definitions.loader import load_bundled
from naaccord_desktop.engine.pipeline import CheckOptions, SubmissionFile, check_submission
from naaccord_desktop.engine.privacy import redacted
from naaccord_desktop.engine.progress import CancelToken

DEFINITIONS = load_bundled()
IDS = [f"ZQP{i}SENTINEL" for i in range(6)]
VALUES = ["QQUNITSENTINEL", "QQTESTSENTINEL"]


def _lines() -> list[str]:
    rows = [lab_row(IDS[i % 5], units=VALUES[0] if i == 2 else "cells/uL", testName=VALUES[1] if i == 3 else "CD4")
            for i in range(8)]
    rows.append(lab_row(IDS[5]))  # not in the patient file
    return csv_text(LAB_HEADER, rows)


def _header_quote(lines):
    return [lines[0].replace("source", '"source'), *lines[1:]]


def _on(k, change):
    return lambda lines: [change(line) if i == k else line for i, line in enumerate(lines)]


MUTATIONS = {
    "header quote": _header_quote,
    "trailing empty values": lambda lines: [lines[0], *(line + ",," for line in lines[1:3]), *lines[3:]],
    "one trailing empty value": _on(4, lambda line: line + ","),
    "extra value": _on(2, lambda line: line + ",x"),
    "missing value": _on(3, lambda line: line.rsplit(",", 1)[0]),
    "stray quote": _on(2, lambda line: line.replace(VALUES[0], 'QQ"UNITSENTINEL')),
    "unclosed quote": _on(5, lambda line: line.replace("CD4", '"CD4')),
    "unclosed quote at the end": _on(9, lambda line: line + '"'),
    "NUL byte": _on(2, lambda line: line.replace("cells", "cel\x00ls")),
    "huge value": _on(6, lambda line: line.replace("CD4", "C" * 300_000)),
    "blank lines": lambda lines: [lines[0], "", *lines[1:4], "", "", *lines[4:]],
    "quoted line break": _on(3, lambda line: line.replace(VALUES[1], f'"{VALUES[1]}\nmore"')),
}
ENDS = {"LF": "\n", "CRLF": "\r\n", "CR": "\r"}
BOMS = {"none": b"", "UTF-8 BOM": b"\xef\xbb\xbf"}


@st.composite
def damaged_files(draw) -> bytes:
    lines = _lines()
    for name in draw(st.lists(st.sampled_from(sorted(MUTATIONS)), max_size=3, unique=True)):
        lines = MUTATIONS[name](lines)
    end = ENDS[draw(st.sampled_from(sorted(ENDS)))]
    bom = BOMS[draw(st.sampled_from(sorted(BOMS)))]
    if draw(st.integers(0, 20)) == 0:
        return bom  # a file that is its byte order mark alone
    return bom + (end.join(lines) + end).encode("utf-8")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=damaged_files())
def test_both_paths_give_one_verdict_and_nothing_planted_leaks(tmp_path, data):
    patient = tmp_path / "patient.csv"
    patient.write_text("\n".join(csv_text(PATIENT_HEADER, [patient_row(i) for i in IDS[:5]])) + "\n", "utf-8")
    lab = tmp_path / "laboratory.csv"
    lab.write_bytes(data)
    files = [SubmissionFile(patient, "patient"), SubmissionFile(lab, "laboratory")]
    verdicts = []
    for diagnose in (False, True):
        scratch = tmp_path / "scratch"
        shutil.rmtree(scratch, ignore_errors=True)
        result = check_submission(files, DEFINITIONS, CheckOptions(diagnose=diagnose), lambda e: None,
                                  CancelToken(), scratch=scratch)
        verdicts.append(result.files[1].verdict)
        shown = json.dumps(redacted(result, lambda i: "P-" + str(len(i)), DEFINITIONS).to_dict())
        terminal = render(result, DEFINITIONS, lambda i: "P-" + str(len(i)))
        leaked = [n for n in IDS + VALUES if n in shown or n in terminal]
        assert leaked == [], (diagnose, leaked)
        assert not [p for p in scratch.rglob("*") if p.is_file()]
    assert verdicts[0] == verdicts[1], [(x.code, x.severity) for x in result.files[1].findings]
