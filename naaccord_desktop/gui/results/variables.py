"""The Variables tab: one card per column with its fill rate, distinct values,
values outside the allowed list and a chart."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...engine.result import VariableSummary
from ...engine.translation import counted, decimal, number
from ...reports.chart_data import chart_for, most_common
from ...reports.rules_reference import type_words
from ...reports.words import rows
from ..language import tr
from .badges import BANNER_COLOURS
from .charts import chart_view

COLUMNS = 2


def facts(s: VariableSummary) -> str:
    filled = s.count - s.missing
    percent = 100.0 * filled / s.count if s.count else 0.0
    parts = [tr("Filled in {percent} % of {rows}").format(percent=number(percent, 1), rows=rows(s.count)),
             counted(s.distinct, "{n} distinct value", "{n} distinct values")]
    if s.numeric:
        n = s.numeric
        parts.append(tr("from {min} to {max}, median {median}").format(
            min=_plain(n.get("min")), max=_plain(n.get("max")), median=_plain(n.get("median"))))
        if n.get("invalid"):
            parts.append(counted(n["invalid"], "{n} not a number", "{n} not numbers"))
    if s.dates and s.dates.get("min"):
        parts.append(tr("from {min} to {max}").format(min=s.dates["min"], max=s.dates.get("max")))
        if s.dates.get("invalid"):
            parts.append(counted(s.dates["invalid"], "{n} not a valid date", "{n} not valid dates"))
    return " · ".join(parts)


def outside_text(s: VariableSummary) -> str:
    shown = ", ".join(f"“{escape(str(v))}” ({number(int(c))})" for v, c in s.outside_allowed[:6])
    more = "…" if len(s.outside_allowed) > 6 else ""
    return tr("Not in the allowed list: {values}").format(values=shown + more)


def _plain(value) -> str:
    """A statistic as the engine gives it (1975, 4.5), with the language's decimal mark."""
    return decimal(int(value) if isinstance(value, float) and value.is_integer() else value)


class VariableCard(QFrame):
    def __init__(self, summary: VariableSummary, parent=None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(tr("Variable {column}").format(column=summary.column))
        title = QLabel(f"<b>{escape(summary.column)}</b> <span>({escape(type_words(summary.type))})</span>")
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
            common = ", ".join(f"{escape(v)} ({number(c)})" for v, c in most_common(summary))
            most = QLabel(tr("Most common: {values}").format(values=common))
            most.setWordWrap(True)
            layout.addWidget(most)
        layout.addStretch(1)


class VariablesView(QScrollArea):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(tr("Variables"))
        self.cards: list[VariableCard] = []
        self._empty()

    def _empty(self, text: str = QT_TR_NOOP("No summaries yet: check the file to see them.")) -> None:
        label = QLabel(tr(text))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWidget(label)
        self.cards = []

    def set_summaries(self, summaries: dict[str, VariableSummary] | None) -> None:
        """None: not checked yet; empty: checked, but nothing could be summarised."""
        if summaries is None:
            self._empty()
            return
        if not summaries:
            self._empty(QT_TR_NOOP("No summaries: the file could not be read far enough."))
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
