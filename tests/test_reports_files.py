"""Every export is saved whole or not at all: a failed save (here, the final
rename) leaves neither the file nor its .partial copy, which holds patient IDs."""

from __future__ import annotations

import os
import stat

import pytest
from test_reports_sample import sample_result

from naaccord_desktop.reports.csv_export import CsvExportError, write_finding_rows
from naaccord_desktop.reports.files import write_atomically
from naaccord_desktop.reports.html import ReportError, write_html
from naaccord_desktop.reports.json_export import ResultFileError, write_json
from naaccord_desktop.reports.receipt import ReceiptError, write_receipt
from naaccord_desktop.reports.workbook import write_workbook


@pytest.fixture
def rename_fails(monkeypatch):
    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(os, "replace", refuse)


def _sha_filled(result):
    for i, f in enumerate(result.files):
        f.sha256 = f"{i:064x}"
    return result


@pytest.mark.parametrize("save, error", [
    (lambda r, p: write_json(r, p), ResultFileError),
    (lambda r, p: write_html(r, p), ReportError),
    (lambda r, p: write_receipt(_sha_filled(r), p), ReceiptError),
    (lambda r, p: write_finding_rows(_source(r.files[0], p.parent.parent), p, [2]), CsvExportError),
    (lambda r, p: write_workbook(r, p), ReportError),
], ids=["json", "html", "receipt", "csv", "xlsx"])
def test_a_failed_rename_leaves_no_partial_copy(tmp_path, rename_fails, save, error):
    out = tmp_path / "out" / "out.json"
    out.parent.mkdir()
    with pytest.raises(error, match="Permission denied"):
        save(sample_result(), out)
    assert list(out.parent.iterdir()) == []


def _source(file_result, folder):
    """The file a row export reads back."""
    path = folder / "source.csv"
    path.write_bytes(b"cohortPatientId,resultDate\nP-1,2020-13-01\n")
    file_result.path, file_result.sha256 = str(path), ""
    return file_result


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize("save", [
    lambda r, p: write_json(r, p),
    lambda r, p: write_html(r, p),
    lambda r, p: write_html(r, p, shareable=True, pseudonym=str.upper),
    lambda r, p: write_receipt(_sha_filled(r), p),
    lambda r, p: write_finding_rows(_source(r.files[0], p.parent), p, [2]),
    lambda r, p: write_workbook(r, p),
    lambda r, p: write_workbook(r, p, shareable=True, pseudonym=str.upper),
], ids=["json", "html", "shareable-html", "receipt", "csv", "xlsx", "shareable-xlsx"])
def test_every_export_is_readable_by_this_account_only(tmp_path, save):
    """Shareable ones too: one mode for all leaves no file to get wrong."""
    out = tmp_path / "out.txt"
    out.write_text("an older copy, readable by all")
    out.chmod(0o644)
    save(sample_result(), out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_failing_writer_leaves_nothing_and_its_error_passes_through(tmp_path):
    def writer(out):
        out.write("P-123,half a row")
        raise ValueError("stop")
    with pytest.raises(ValueError, match="stop"):
        write_atomically(tmp_path / "rows.csv", writer)
    assert list(tmp_path.iterdir()) == []


def test_a_writer_returns_its_outcome_and_the_file_is_replaced_whole(tmp_path):
    target = tmp_path / "rows.csv"
    target.write_text("old", encoding="utf-8")
    assert write_atomically(target, lambda out: out.write("new")) == 3
    assert target.read_text(encoding="utf-8") == "new"
    assert list(tmp_path.iterdir()) == [target]
