"""The Variables tab: one card per column with its fill rate, distinct values,
values outside the allowed list and a chart."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...engine.result import VariableSummary
from ...reports.chart_data import chart_for, most_common
from ...reports.words import plural
from .badges import BANNER_COLOURS
from .charts import chart_view

COLUMNS = 2


def facts(s: VariableSummary) -> str:
    filled = s.count - s.missing
    percent = 100.0 * filled / s.count if s.count else 0.0
    parts = [f"Filled in {percent:.1f} % of {plural(s.count, 'row')}", plural(s.distinct, "distinct value")]
    if s.numeric:
        n = s.numeric
        parts.append(f"from {n.get('min')} to {n.get('max')}, median {n.get('median')}")
        if n.get("invalid"):
            parts.append(f"{n['invalid']:,} not numbers")
    if s.dates and s.dates.get("min"):
        parts.append(f"from {s.dates['min']} to {s.dates.get('max')}")
        if s.dates.get("invalid"):
            parts.append(f"{s.dates['invalid']:,} not valid dates")
    return " · ".join(parts)


def outside_text(s: VariableSummary) -> str:
    shown = ", ".join(f"“{escape(str(v))}” ({int(c):,})" for v, c in s.outside_allowed[:6])
    more = "…" if len(s.outside_allowed) > 6 else ""
    return f"Not in the allowed list: {shown}{more}"


class VariableCard(QFrame):
    def __init__(self, summary: VariableSummary, parent=None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(f"Variable {summary.column}")
        title = QLabel(f"<b>{escape(summary.column)}</b> <span>({escape(summary.type)})</span>")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        facts_label = QLabel(facts(summary))
        facts_label.setWordWrap(True)
        layout.addWidget(facts_label)
        if summary.outside_allowed:
            background, text = BANNER_COLOURS["ready"]
            warning = QLabel(outside_text(summary))
            warning.setWordWrap(True)
            warning.setStyleSheet(f"background: {background}; color: {text}; padding: 3px; border-radius: 3px;")
            layout.addWidget(warning)
        chart = chart_for(summary) if summary.type != "string" else None  # free text: its top values in words
        self.chart = chart_view(chart) if chart else None
        if self.chart:
            layout.addWidget(self.chart)
        elif summary.top_values:
            common = ", ".join(f"{escape(v)} ({c:,})" for v, c in most_common(summary))
            most = QLabel(f"Most common: {common}")
            most.setWordWrap(True)
            layout.addWidget(most)
        layout.addStretch(1)


class VariablesView(QScrollArea):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Variables")
        self.cards: list[VariableCard] = []
        self._empty()

    def _empty(self, text: str = "No summaries yet: check the file to see them.") -> None:
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWidget(label)
        self.cards = []

    def set_summaries(self, summaries: dict[str, VariableSummary] | None) -> None:
        """None: not checked yet; empty: checked, but nothing could be summarised."""
        if summaries is None:
            self._empty()
            return
        if not summaries:
            self._empty("No summaries: the file could not be read far enough.")
            return
        holder = QWidget()
        grid = QGridLayout(holder)
        self.cards = [VariableCard(s) for s in summaries.values()]
        for i, card in enumerate(self.cards):
            grid.addWidget(card, i // COLUMNS, i % COLUMNS)
        for c in range(COLUMNS):
            grid.setColumnStretch(c, 1)
        grid.setRowStretch(len(self.cards) // COLUMNS + 1, 1)
        self.setWidget(holder)
