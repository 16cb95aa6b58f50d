"""PRIVACY in French: the engine's words are translated templates, and the one
privacy filter (engine/privacy.py) still takes every planted patient ID, value
and unknown header name out of them. The planted files are those of
test_privacy_every_output.py, checked with the engine speaking French."""

from __future__ import annotations

import json

import pytest
from engine_helpers import LAB_HEADER, check, csv_text, lab_row, write
from test_privacy_every_output import IDS, VALUES, _header_quote, _no_header, _renamed_id_column

from naaccord_desktop.definitions import load_bundled
from naaccord_desktop.engine.privacy import redacted
from naaccord_desktop.engine.translation import SOURCE_LANGUAGE, use_language

HEADER_NAME = "QQSECRETCOLUMNSENTINEL"


def _french_check(tmp_path, patient_file):
    source = tmp_path / "submission"
    source.mkdir()
    patient = patient_file(source)
    lab = write(source / "laboratory.csv", csv_text([*LAB_HEADER, HEADER_NAME], [
        {**lab_row(IDS[0], result=VALUES[0], testName=VALUES[1], resultDate="2020/01/15"), HEADER_NAME: "x"},
        {**lab_row(IDS[2], resultDate=VALUES[2]), HEADER_NAME: VALUES[0]}]))
    use_language("fr")
    try:
        return check(tmp_path, {"patient": patient, "laboratory": lab}).result
    finally:
        use_language(SOURCE_LANGUAGE)


@pytest.mark.parametrize("patient_file", [_header_quote, _no_header, _renamed_id_column])
def test_a_french_check_leaks_nothing_planted_into_the_redacted_result(tmp_path, patient_file):
    result = _french_check(tmp_path, patient_file)
    messages = " ".join(f.message for r in result.files for f in r.findings)
    assert "ligne" in messages or "colonne" in messages  # the engine spoke French
    full = json.dumps(result.to_dict(), ensure_ascii=False)
    needles = (*IDS, *VALUES, HEADER_NAME)
    assert {VALUES[1], VALUES[2]} <= {n for n in needles if n in full}  # the check saw what was planted
    assert HEADER_NAME in messages  # a French message quotes the unknown column: the filter has work to do
    shown = json.dumps(redacted(result, str.lower, load_bundled()).to_dict(), ensure_ascii=False)
    assert [n for n in needles if n in shown] == []
