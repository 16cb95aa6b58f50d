"""`check --html/--shareable-html/--receipt/--json` write their exports; the
receipt verifies the checked files and fails on a changed byte."""

from __future__ import annotations

import json

from naaccord_desktop.cli import main
from naaccord_desktop.sample import write_submission


def _submission(tmp_path):
    manifest = write_submission(tmp_path / "sub", rows=300, seed=7, defects=True,
                                tables=["patient", "laboratory"])
    return manifest.paths["patient"], manifest.paths["laboratory"]


def test_check_writes_every_export_and_the_receipt_verifies(tmp_path, capsys):
    patient, lab = _submission(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    code = main(["check", str(patient), str(lab), "--json", str(out / "r.json"),
                 "--html", str(out / "full.html"), "--shareable-html", str(out / "share.html"),
                 "--receipt", str(out / "receipt.json")])
    assert code == 1  # planted unknown patient IDs block the upload
    result = json.loads((out / "r.json").read_text("utf-8"))
    unknown = [i["id"] for f in result["files"] for i in f["patient_ids"]["unknown"]]
    assert unknown
    full = (out / "full.html").read_text("utf-8")
    shareable = (out / "share.html").read_text("utf-8")
    assert all(i in full for i in unknown)
    assert not any(i in shareable for i in unknown)
    assert "Receipt:" in capsys.readouterr().out
    assert (out / "receipt.txt").is_file()

    assert main(["verify-receipt", str(out / "receipt.json"), str(patient), str(lab)]) == 0
    data = bytearray(lab.read_bytes())
    data[-2] ^= 1
    lab.write_bytes(bytes(data))
    assert main(["verify-receipt", str(out / "receipt.json"), str(patient), str(lab)]) == 1


def test_an_export_that_cannot_be_written_exits_2_in_plain_words(tmp_path, capsys):
    patient, lab = _submission(tmp_path)
    missing_folder = tmp_path / "no" / "such" / "folder" / "r.html"
    assert main(["check", str(patient), str(lab), "--html", str(missing_folder)]) == 2
    err = capsys.readouterr().err
    assert "cannot be saved" in err and "Traceback" not in err
