"""The results widgets, fed with report objects built here."""

from __future__ import annotations

import re

from gui_helpers import blocked_result, clean_result, screenshot, unknown_ids_finding
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from naaccord_desktop.definitions.loader import load_bundled
from naaccord_desktop.engine.result import Finding, SubmissionResult, VariableSummary
from naaccord_desktop.gui.results.charts import chart_view
from naaccord_desktop.gui.results.view import FileResultsView
from naaccord_desktop.reports.chart_data import chart_for
from naaccord_desktop.reports.html import render_html
from naaccord_desktop.reports.words import headline, submission_verdict


def test_verdict_words():
    warning = Finding("enum.case", "warning", "units", 3, [7], "x")
    error = Finding("date.invalid", "error", "resultDate", 40, [9], "y")
    assert headline([]) == "Ready to upload"
    assert headline([warning] * 12) == "Ready to upload, with 12 warnings"
    assert headline([error, warning]) == "Ready to upload, with 1 error and 1 warning"
    assert headline([unknown_ids_finding(), error]) == \
        "Blocked: 50 rows use patient IDs that are not in the patient file"
    second = Finding("file.encoding", "blocker", None, 1, [174], "This file is not UTF-8.")
    assert headline([second]) == "Blocked: this file is not UTF-8"
    assert headline([unknown_ids_finding(), second]).endswith("(and 1 other blocking problem)")


def test_submission_verdict_names_the_blocked_files():
    verdict, text, advice = submission_verdict([blocked_result(), clean_result()], 3, stopped=False)
    assert verdict == "blocked"
    assert text == "Blocked: 1 file of 3 cannot be uploaded yet (laboratory.csv)"
    assert "1 file not checked yet" in advice
    assert submission_verdict([clean_result()], 1, stopped=False)[:2] == ("clean", "Ready to upload")
    assert submission_verdict([], 16, stopped=False)[1] == "16 files, not checked yet"


def test_the_submission_is_never_ready_while_a_file_is_unchecked_or_stopped():
    ready = blocked_result()
    ready.findings = ready.findings[1:]  # errors and a warning, nothing blocks
    ready.verdict = "ready"
    verdict, text, advice = submission_verdict([ready, clean_result()], 8, stopped=False)
    assert (verdict, text) == ("neutral", "Not ready yet: 6 files of 8 not checked")
    assert advice.startswith("So far, in the 2 files checked: 1 error and 1 warning.")
    verdict, text, advice = submission_verdict([ready], 3, stopped=True, unfinished=2)
    assert (verdict, text) == ("neutral", "Not checked: the check was stopped")
    assert "2 files of 3 could not be checked to the end" in advice
    for words in (text, advice):
        assert "Ready" not in words and "ready" not in words
    assert submission_verdict([], 3, stopped=True, unfinished=3)[1] == "Not checked: the check was stopped"
    assert submission_verdict([ready, clean_result()], 2, stopped=False)[1] == \
        "Ready to upload, with 1 error and 1 warning"


def test_blocked_file_shows_banner_findings_and_details(qtbot):
    definitions = load_bundled()
    view = FileResultsView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.set_result(blocked_result(), definitions.table("laboratory"))
    assert view.banner.headline.text() == "Blocked: 50 rows use patient IDs that are not in the patient file"
    assert view.findings.model.rowCount() == 3
    first = view.findings.current_finding()
    assert first.severity == "blocker"  # sorted by severity, worst first
    html = view.findings.detail.toHtml()
    assert "Add these patients" in html and "88" in html and "P-10" in html
    view.findings.copy_button.click()
    assert QGuiApplication.clipboard().text() == "12, 88, 140"
    screenshot(view, "results-blocked-findings")


def test_findings_filter_by_severity_and_column_and_sort(qtbot):
    view = FileResultsView()
    qtbot.addWidget(view)
    view.set_result(blocked_result(), None)
    findings = view.findings
    findings.severity_box.setCurrentIndex(findings.severity_box.findData("warning"))
    assert findings.proxy.rowCount() == 1
    assert findings.count_label.text() == "1 of 3 findings"
    findings.severity_box.setCurrentIndex(0)
    findings.column_box.setCurrentIndex(findings.column_box.findData("resultDate"))
    assert findings.proxy.rowCount() == 1
    assert findings.proxy.index(0, 2).data() == "resultDate"
    findings.column_box.setCurrentIndex(0)
    findings.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # by row count
    assert [findings.proxy.index(r, 3).data() for r in range(3)] == ["50", "40", "3"]


def test_variables_cards_have_charts_for_enums_dates_and_years(qtbot):
    view = FileResultsView()
    qtbot.addWidget(view)
    view.resize(1000, 900)
    view.set_result(blocked_result(), None)
    cards = {c.accessibleName(): c for c in view.variables.cards}
    assert cards["Variable interpretation"].chart is not None
    assert cards["Variable resultDate"].chart is not None
    assert cards["Variable testName"].chart is None  # free text: most common values instead
    view.tabs.setCurrentWidget(view.variables)
    screenshot(view, "results-variables")
    view.set_result(clean_result(), None)
    assert view.variables.cards[0].chart is not None


def test_chart_data_groups_wide_year_spans_and_many_values():
    years = VariableSummary("y", "year", 100, 0, 100, top_values=[[str(1900 + i), 1] for i in range(100)])
    chart = chart_for(years)
    assert chart.title == "Rows per year" and len(chart.bars) <= 16 and sum(b.count for b in chart.bars) == 100
    enum = VariableSummary("e", "enum", 100, 0, 30, top_values=[[f"v{i}", 30 - i] for i in range(30)])
    bars = chart_for(enum).bars
    assert len(bars) == 12 and bars[-1].label == "all others" and sum(b.count for b in bars) == sum(range(1, 31))
    assert chart_for(VariableSummary("s", "string", 1, 0, 1)) is None


def _drawn_texts(view) -> list[str]:
    """The texts QtCharts draws (axis labels, title), as they are on screen."""
    view.show()
    QApplication.processEvents()
    items = (item.toGraphicsObject() for item in view.scene().items())
    return [o.toPlainText() for o in items if o is not None and hasattr(o, "toPlainText") and o.isVisible()]


def test_year_labels_are_readable_years_in_a_narrow_card(qtbot):
    """A label under every bar did not fit a narrow card: QtCharts cut each one to '...'."""
    years = VariableSummary("y", "year", 100, 0, 100, top_values=[[str(1900 + i), 1] for i in range(100)])
    for width in (330, 600, 1200):
        view = chart_view(chart_for(years))
        qtbot.addWidget(view)
        view.resize(width, 200)
        texts = _drawn_texts(view)
        labels = [t for t in texts if t.isdigit() and len(t) == 4]
        assert len(labels) >= 3 and "1900" in labels, (width, texts)
        assert not [t for t in texts if "..." in t or "…" in t], (width, texts)


def test_the_window_and_the_html_report_chart_the_same_bins(qtbot):
    summary = clean_result().summaries["birthYear"]
    view = chart_view(chart_for(summary))
    qtbot.addWidget(view)
    in_window = view.accessibleDescription().split("; ")
    result = SubmissionResult("0.1.0", "2025.1", files=[clean_result()])
    html = render_html(result)
    in_report = re.findall(r"<rect [^>]*><title>([^<]*)</title>", html)
    assert in_window == in_report and len(in_report) == len(chart_for(summary).bars) >= 10


def test_patient_ids_and_file_tabs(qtbot):
    view = FileResultsView()
    qtbot.addWidget(view)
    view.set_result(blocked_result(), None)
    ids = view.patient_ids
    assert "120 different patient IDs" in ids.summary.text()
    assert "Not in the patient file: 3 IDs (50 rows)." in ids.summary.text()
    assert ids.unknown.rowCount() == 3 and not ids.duplicates_box.isVisibleTo(view)
    form = view.file_info.form
    values = {form.itemAt(r, form.ItemRole.LabelRole).widget().text():
              form.itemAt(r, form.ItemRole.FieldRole).widget().text() for r in range(form.rowCount())}
    assert values["SHA-256:"] == "ab" * 32
    assert values["Delimiter:"] == "comma" and values["Line endings:"] == "Unix (LF)"
    assert values["Rows:"] == "1,000"
    view.set_result(None, None)
    assert not view.banner.isVisibleTo(view) and not view.tabs.isVisibleTo(view)
