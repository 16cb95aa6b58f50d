"""The QtCharts view of a variable's chart (its bars come from reports.chart_data).

A histogram's axis is a QCategoryAxis with a label under every k-th bin,
as many as fit the view's width: a QBarCategoryAxis labels every bar and,
when the bars are narrower than a rotated label is tall, cuts each label
to an ellipsis (a column of '⋮' instead of years)."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QApplication

from ...engine.translation import number
from ...reports.chart_data import MAX_BARS, Chart
from ..language import tr

OUTSIDE_COLOUR = "#c0392b"  # the HTML report's colour of a value outside the allowed list
LABEL_GAP = 14.0  # pixels between two labels under a histogram, the axis' own padding included


def chart_view(chart: Chart) -> QChartView:
    view = HistogramView(chart) if chart.histogram else _value_view(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setAccessibleName(chart.title)
    view.setAccessibleDescription("; ".join(
        f"{b.label}: {number(b.count)}" + (" " + tr("(not in the allowed list)") if b.outside else "")
        for b in chart.bars))
    return view


class HistogramView(QChartView):
    """Bins in order; the labels under the axis are chosen again when the width changes."""

    def __init__(self, chart: Chart, parent=None) -> None:
        self.data = chart
        self.axis_x = QCategoryAxis()
        self.axis_x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        self.axis_x.setGridLineVisible(False)
        self.axis_x.setStartValue(-0.5)
        self.axis_x.setRange(-0.5, len(chart.bars) - 0.5)
        self.shown: list[int] = []
        super().__init__(_qchart(chart, self.axis_x), parent)
        self.setMinimumHeight(190)
        self.chart().plotAreaChanged.connect(self._fit_labels)
        self._fit_labels(self.chart().plotArea())

    def _fit_labels(self, plot: QRectF) -> None:
        metrics = QFontMetricsF(self.axis_x.labelsFont())
        widest = max(metrics.horizontalAdvance(b.short) for b in self.data.bars) + LABEL_GAP
        width = plot.width() if plot.width() > 0 else float(self.width())
        shown = self.data.ticks(max(1, int(width / widest) - 1))
        if shown == self.shown:
            return
        for label in self.axis_x.categoriesLabels():
            self.axis_x.remove(label)
        for i in shown:
            self.axis_x.append(self.data.bars[i].short, i)
        self.shown = shown


def _value_view(chart: Chart) -> QChartView:
    axis_x = QBarCategoryAxis()
    axis_x.append([b.label if len(b.label) <= 18 else b.label[:17] + "…" for b in chart.bars])
    if len(chart.bars) > 5:
        axis_x.setLabelsAngle(-90)
        font = axis_x.labelsFont()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        axis_x.setLabelsFont(font)
    view = QChartView(_qchart(chart, axis_x))
    view.setMinimumHeight(220 if len(chart.bars) > 5 else 190)
    return view


def _qchart(chart: Chart, axis_x) -> QChart:
    bar_set = QBarSet(chart.title)
    bar_set.append([float(b.count) for b in chart.bars])
    series = QBarSeries()
    series.append(bar_set)
    series.setBarWidth(0.9 if len(chart.bars) > MAX_BARS else 0.7)
    out = QChart()
    out.addSeries(series)
    out.legend().hide()
    out.setTitle(chart.title)
    out.setBackgroundRoundness(0)
    out.setMargins(out.margins() * 0)
    out.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    if QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128:
        out.setTheme(QChart.ChartTheme.ChartThemeDark)
    axis_y = QValueAxis()
    axis_y.setRange(0, max((b.count for b in chart.bars), default=1) or 1)
    axis_y.setLabelFormat("%d")
    axis_y.applyNiceNumbers()
    out.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    out.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_x)
    series.attachAxis(axis_y)
    bar_set.setSelectedColor(QColor(OUTSIDE_COLOUR))  # after the theme, which sets the colours
    bar_set.selectBars([i for i, b in enumerate(chart.bars) if b.outside])
    return out
