"""What each variable's chart shows (plain data) and the QtCharts view of it."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QApplication

from ...engine.result import VariableSummary

MAX_BARS = 12
MAX_BINS = 16


def chart_data(summary: VariableSummary) -> tuple[str, list[tuple[str, int]]] | None:
    """(what the chart shows, [(label, count), ...]) or None when no chart fits."""
    if summary.type in ("enum", "boolean") and summary.top_values:
        return "Rows per value", _top_bars(summary.top_values)
    if summary.type == "year":
        years = [(int(float(v)), c) for v, c in summary.top_values if _is_number(v)]
        return ("Rows per year", _histogram(years)) if years else None
    if summary.type == "date" and summary.dates.get("months"):
        months = [(str(m), int(c)) for m, c in summary.dates["months"]]
        if len(months) <= 24:
            return "Rows per month", sorted(months)
        return "Rows per year", _histogram([(int(m[:4]), c) for m, c in months if m[:4].isdigit()])
    return None


def _top_bars(values: list[list]) -> list[tuple[str, int]]:
    ordered = sorted(((str(v) if v not in (None, "") else "(empty)", int(c)) for v, c in values),
                     key=lambda vc: -vc[1])
    if len(ordered) <= MAX_BARS:
        return ordered
    rest = sum(c for _, c in ordered[MAX_BARS - 1:])
    return ordered[: MAX_BARS - 1] + [("all others", rest)]


def _histogram(points: list[tuple[int, int]]) -> list[tuple[str, int]]:
    """Counts per year, in year order; wide spans are grouped into equal bins."""
    low, high = min(p for p, _ in points), max(p for p, _ in points)
    width = max(1, -(-(high - low + 1) // MAX_BINS))
    bins: dict[int, int] = {}
    for year, count in points:
        start = low + (year - low) // width * width
        bins[start] = bins.get(start, 0) + count
    starts = range(low, high + 1, width)
    label = (lambda s: str(s)) if width == 1 else (lambda s: f"{s}–{min(s + width - 1, high)}")
    return [(label(s), bins.get(s, 0)) for s in starts]


def _is_number(value) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def bar_chart(title: str, bars: list[tuple[str, int]]) -> QChartView:
    bar_set = QBarSet(title)
    bar_set.append([float(c) for _, c in bars])
    series = QBarSeries()
    series.append(bar_set)
    series.setBarWidth(0.9 if len(bars) > MAX_BARS else 0.7)
    chart = QChart()
    chart.addSeries(series)
    chart.legend().hide()
    chart.setTitle(title)
    chart.setBackgroundRoundness(0)
    chart.setMargins(chart.margins() * 0)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    if QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128:
        chart.setTheme(QChart.ChartTheme.ChartThemeDark)
    axis_x = QBarCategoryAxis()
    axis_x.append([label if len(label) <= 18 else label[:17] + "…" for label, _ in bars])
    if len(bars) > 5:
        axis_x.setLabelsAngle(-90)
        font = axis_x.labelsFont()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        axis_x.setLabelsFont(font)
    axis_y = QValueAxis()
    axis_y.setRange(0, max((c for _, c in bars), default=1) or 1)
    axis_y.setLabelFormat("%d")
    axis_y.applyNiceNumbers()
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_x)
    series.attachAxis(axis_y)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220 if len(bars) > 5 else 190)
    view.setAccessibleName(title)
    view.setAccessibleDescription("; ".join(f"{label}: {count:,}" for label, count in bars))
    return view
