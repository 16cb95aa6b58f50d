"""Every export is saved whole or not at all: a failed save (here, the final
rename) leaves neither the file nor its .partial copy, which holds patient IDs."""

from __future__ import annotations

import os

import pytest
from test_reports_sample import sample_result

from naaccord_desktop.reports.csv_export import CsvExportError, write_offending_rows
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
    (lambda r, p: write_offending_rows(r.files[0], p, rows=[(2, "c", "P-1", "date.invalid")]), CsvExportError),
    (lambda r, p: write_workbook(r, p), ReportError),
], ids=["json", "html", "receipt", "csv", "xlsx"])
def test_a_failed_rename_leaves_no_partial_copy(tmp_path, rename_fails, save, error):
    with pytest.raises(error, match="Permission denied"):
        save(sample_result(), tmp_path / "out.json")
    assert list(tmp_path.iterdir()) == []


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


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_every_export_is_readable_by_its_owner_only(tmp_path):
    result = sample_result()
    pseudonym = str.upper
    private = [write_json(result, tmp_path / "full.json"), write_html(result, tmp_path / "full.html"),
               write_workbook(result, tmp_path / "full.xlsx"),
               tmp_path / "rows.csv"]
    write_offending_rows(result.files[0], private[-1], rows=[(2, "c", "P-1", "date.invalid")])
    shared = [write_html(result, tmp_path / "shared.html", shareable=True, pseudonym=pseudonym),
              write_workbook(result, tmp_path / "shared.xlsx", shareable=True, pseudonym=pseudonym)]
    written = private + shared  # every export, shareable ones too, is this user's only
    assert {p.name: p.stat().st_mode & 0o777 for p in written} == dict.fromkeys((p.name for p in written), 0o600)
