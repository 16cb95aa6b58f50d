"""The HTML report's charts as inline SVG, drawn from reports.chart_data."""

from __future__ import annotations

from .chart_data import Chart
from .markup import e

LABEL_CHAR, LABEL_GAP = 6.5, 14  # width of a label's character and the space between labels, in SVG units


def bar_chart(chart: Chart, label: str) -> str:
    """Horizontal bars: value label, bar, count; values outside the allowed list in red."""
    row, left, width, right = 20, 150, 230, 70
    top = max(b.count for b in chart.bars) or 1
    height = row * len(chart.bars) + 4
    parts = [f'<svg class="chart" viewBox="0 0 {left + width + right} {height}" role="img" '
             f'aria-label="{e(label)}" xmlns="http://www.w3.org/2000/svg">']
    for i, bar in enumerate(chart.bars):
        y = i * row + 2
        w = max(1.0, width * bar.count / top)
        text = bar.label if len(bar.label) <= 22 else bar.label[:21] + "…"
        text = text.replace(" ", "·") if text != text.strip() else text
        parts.append(
            f"<g><title>{e(bar.label)}: {bar.count:,}</title>"
            f'<text x="{left - 6}" y="{y + 13}" text-anchor="end" class="lbl">{e(text)}</text>'
            f'<rect x="{left}" y="{y + 2}" width="{w:.1f}" height="{row - 6}" '
            f'class="{"bar bad" if bar.outside else "bar"}"/>'
            f'<text x="{left + w + 4:.1f}" y="{y + 13}" class="cnt">{bar.count:,}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def histogram(chart: Chart, label: str) -> str:
    """Vertical bars in order, the peak above, a label under every k-th bar (as many as fit)."""
    width, height, base = 450, 130, 108
    bins = chart.bars
    top = max(b.count for b in bins) or 1
    step = width / len(bins)
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{e(label)}" xmlns="http://www.w3.org/2000/svg">',
             f'<text x="0" y="10" class="cnt">max {top:,} rows</text>']
    for i, b in enumerate(bins):
        h = max(1.0, (base - 16) * b.count / top) if b.count else 0
        parts.append(f'<rect x="{i * step + 0.5:.1f}" y="{base - h:.1f}" '
                     f'width="{max(0.8, step - 1):.1f}" height="{h:.1f}" class="bar">'
                     f"<title>{e(b.label)}: {b.count:,}</title></rect>")
    parts.append(f'<line x1="0" y1="{base}" x2="{width}" y2="{base}" class="axis"/>')
    widest = max(len(b.short) for b in bins) * LABEL_CHAR + LABEL_GAP
    for i in chart.ticks(int(width // widest)):
        text = bins[i].short
        x, half = (i + 0.5) * step, len(text) * LABEL_CHAR / 2
        x, anchor = (0, "start") if x < half else (width, "end") if x + half > width else (x, "middle")
        parts.append(f'<text x="{x:.1f}" y="{base + 16}" text-anchor="{anchor}" class="lbl">{e(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)
