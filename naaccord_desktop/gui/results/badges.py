"""Small painted status icons and the verdict banner. Colours are set in pairs
(background and text) so they read the same in light and dark mode."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from ...reports.words import VERDICT_LABEL, verdict_label
from ..language import tr

# state: (circle colour, glyph, words for screen readers and tooltips; a verdict's are words.VERDICT_LABEL)
STATES = {
    "new": ("#8a8f98", "•", QT_TR_NOOP("Not checked yet")),
    "checking": ("#2f6fbf", "…", QT_TR_NOOP("Checking")),
    "clean": ("#2e7d32", "✓", ""),
    "ready": ("#b26a00", "!", ""),
    "blocked": ("#c62828", "✕", ""),
    "cancelled": ("#8a8f98", "–", QT_TR_NOOP("Check stopped")),
    "failed": ("#c62828", "?", QT_TR_NOOP("The check could not finish")),
}

# verdict: (background, text)
BANNER_COLOURS = {
    "clean": ("#e3f4e4", "#1b4d1e"),
    "ready": ("#fff1d6", "#5c3900"),
    "blocked": ("#fde2e1", "#7a1212"),
    "neutral": ("#e8eaee", "#2a2d33"),
}

SEVERITY_STATE = {"blocker": "blocked", "error": "ready", "warning": "new"}

_cache: dict[tuple[str, int], QIcon] = {}


def state_icon(state: str, size: int = 16) -> QIcon:
    key = (state, size)
    if key not in _cache:
        colour, glyph, _ = STATES[state]
        scale = 2  # crisp at 200 % scaling
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(size * 0.7))
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, glyph)
        painter.end()
        _cache[key] = QIcon(pixmap)
    return _cache[key]


def state_words(state: str) -> str:
    return verdict_label(state) if state in VERDICT_LABEL else tr(STATES[state][2])


class VerdictBanner(QFrame):
    """The verdict first, in words: a bold headline and one line of advice."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictBanner")
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.headline.setFont(font)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        self.setAccessibleName(tr("Verdict"))
        self.show_verdict("neutral", "", "")

    def show_verdict(self, verdict: str, headline: str, detail: str) -> None:
        background, text = BANNER_COLOURS.get(verdict, BANNER_COLOURS["neutral"])
        self.setStyleSheet(
            f"#verdictBanner {{ background: {background}; border-radius: 6px; }}"
            f"#verdictBanner QLabel {{ color: {text}; background: transparent; }}"
        )
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.setAccessibleDescription(f"{headline}. {detail}")
        self._fit_height()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """Wrapped text needs more height in a narrow pane; layouts do not always ask."""
        needed = self.layout().heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)
