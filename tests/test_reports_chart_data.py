"""The bars and bins of each variable's chart, shared by the window and the HTML report."""

from __future__ import annotations

from dataclasses import replace

from naaccord_desktop.engine.privacy import redacted
from naaccord_desktop.engine.result import FileResult, SubmissionResult, VariableSummary
from naaccord_desktop.reports.chart_data import MAX_BINS, chart_for


def dates(months: list[list]) -> VariableSummary:
    return VariableSummary("d", "date", 100, 0, 50, dates={"min": "", "max": "", "invalid": 0, "months": months})


def test_a_short_date_span_is_drawn_per_month_with_the_empty_months():
    chart = chart_for(dates([["2024-11", 3], ["2025-02", 5]]))
    assert chart.title == "Rows per month" and chart.histogram
    assert [(b.label, b.count) for b in chart.bars] == [("2024-11", 3), ("2024-12", 0), ("2025-01", 0), ("2025-02", 5)]


def test_a_long_date_span_is_drawn_per_year_and_the_shareable_report_always_is():
    long = chart_for(dates([["2001-01", 1], ["2024-06", 2], ["2024-07", 4]]))
    assert long.title == "Rows per year" and len(long.bars) <= MAX_BINS
    assert long.bars[0].short == "2001" and long.bars[-1].count == 6 and sum(b.count for b in long.bars) == 7
    shareable = redacted(SubmissionResult("t", "d", files=[FileResult("lab.csv", "laboratory", summaries={
        "resultDate": replace(dates([["2024-06", 2], ["2024-07", 4]]), column="resultDate")})]), str)
    short = chart_for(shareable.files[0].summaries["resultDate"])
    assert [(b.label, b.count) for b in short.bars] == [("2024", 6)]


def test_years_fill_the_gaps_and_wide_spans_label_a_bin_by_its_first_year():
    few = chart_for(VariableSummary("y", "year", 9, 0, 2, top_values=[["1990", 4], ["1993", 5]]))
    assert [(b.label, b.count) for b in few.bars] == [("1990", 4), ("1991", 0), ("1992", 0), ("1993", 5)]
    wide = chart_for(VariableSummary("y", "year", 2, 0, 2, top_values=[["1890", 1], ["2031", 1]]))
    assert wide.bars[0].label == "1890–1898" and wide.bars[0].short == "1890" and wide.bars[-1].label.endswith("–2031")


def test_value_bars_mark_values_outside_the_allowed_list_and_can_keep_allowed_ones_only():
    s = VariableSummary("sex", "enum", 10, 0, 4, top_values=[["Male", 5], ["Female", 3], ["M", 1], ["", 1]],
                        outside_allowed=[["M", 1], ["", 1], ["m", 1]])
    bars = chart_for(s).bars
    assert [(b.label, b.count, b.outside) for b in bars] == [
        ("Male", 5, False), ("Female", 3, False), ("M", 1, True), ("(empty)", 1, True), ("m", 1, True)]
    assert [b.label for b in chart_for(s, only={"Male", "Female"}).bars] == ["Male", "Female"]
    assert chart_for(s, only=set()) is None


def test_ticks_label_every_kth_bin_from_the_first():
    chart = chart_for(VariableSummary("y", "year", 16, 0, 16, top_values=[[str(2000 + i), 1] for i in range(16)]))
    assert chart.ticks(20) == list(range(16))
    assert chart.ticks(5) == [0, 4, 8, 12]
    assert chart.ticks(1) == [0]


def test_numbers_and_text_without_top_values_have_no_chart():
    text = chart_for(VariableSummary("t", "string", 5, 0, 2, top_values=[["CD4", 3], ["VL", 2]]))
    assert [(b.label, b.count) for b in text.bars] == [("CD4", 3), ("VL", 2)]
    assert chart_for(VariableSummary("t", "string", 5, 0, 2)) is None
    assert chart_for(VariableSummary("n", "numeric", 5, 0, 5, numeric={"min": 1, "max": 2})) is None
    assert chart_for(dates([])) is None
