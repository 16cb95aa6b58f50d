"""The stepper: one row per stage of the pipeline the engine says it uses for
this file (from its "path" events), with state, live progress, what was found
so far, elapsed time and an estimate of the time left."""

from __future__ import annotations

import time

from PySide6.QtCore import QT_TR_NOOP
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..engine.progress import ProgressEvent, Stage
from ..engine.result import FileResult, StageRecord
from ..engine.translation import _, counted, number
from ..reports.words import findings_count, rows
from .language import duration, tr
from .results.badges import BANNER_COLOURS, state_icon

STATE_WORDS = {
    "waiting": QT_TR_NOOP("waiting"),
    "running": QT_TR_NOOP("running"),
    "done": QT_TR_NOOP("done"),
    "failed": QT_TR_NOOP("failed"),
    "skipped": QT_TR_NOOP("skipped"),
    "cancelled": QT_TR_NOOP("stopped"),
}
# The counts a stage reports (engine/progress.py), in words.
COUNT_WORDS = {
    "rows": ("{n} row", "{n} rows"),
    "bytes": ("{n} byte", "{n} bytes"),
    "records": ("{n} record", "{n} records"),
    "problems": ("{n} problem", "{n} problems"),
    "unreadable": ("{n} unreadable", "{n} unreadable"),
    "lines": ("{n} line", "{n} lines"),
}
STATE_ICONS = {"waiting": "new", "running": "checking", "done": "clean", "failed": "failed",
               "skipped": "cancelled", "cancelled": "cancelled"}
EVENT_STATES = {"start": "running", "progress": "running", "done": "done", "failed": "failed",
                "skipped": "skipped", "cancelled": "cancelled"}
MIN_FRACTION_FOR_ESTIMATE = 0.03
MIN_SECONDS_FOR_ESTIMATE = 1.0


def time_left(elapsed: float, fraction: float | None) -> str:
    if not fraction or fraction < MIN_FRACTION_FOR_ESTIMATE or elapsed < MIN_SECONDS_FOR_ESTIMATE:
        return ""
    return tr("about {time} left").format(time=duration(elapsed * (1 - fraction) / fraction))


def counts_text(counts: dict, stage: str = "", table: str = "") -> str:
    """What a stage found so far, in words; duplicate IDs only matter in the patient file.
    The findings a stage added come last."""
    counts = dict(counts)
    findings = counts.pop("findings", None)
    if stage == "patient_ids" and "distinct" in counts:
        text = counted(counts["distinct"], "{n} distinct patient", "{n} distinct patients")
        if table == "patient":
            twice = counts.get("duplicated", 0)
            text = (counted(twice, "{patients}, {n} ID more than once", "{patients}, {n} IDs more than once",
                            patients=text) if twice else tr("{patients}, each once").format(patients=text))
    elif stage == "crosscheck" and "unknown" in counts:
        unknown = counts["unknown"]
        text = (counted(unknown, "{n} ID not in the patient file ({rows})", "{n} IDs not in the patient file ({rows})",
                        rows=rows(counts.get("rows", 0))) if unknown
                else tr("every ID is in the patient file"))
    else:
        text = ", ".join(_count(k, v) for k, v in counts.items())
    return ", ".join(part for part in (text, findings_text(findings, stage)) if part)


def findings_text(findings: int | None, stage: str = "") -> str:
    """'3 findings'; the Rules stage also says when it found nothing."""
    if findings:
        return findings_count(findings)
    return tr("no findings") if stage == "rules" and findings == 0 else ""


def _count(name: str, value) -> str:
    if isinstance(value, int) and name in COUNT_WORDS:
        return counted(value, *COUNT_WORDS[name])
    words = name.replace("_", " ")
    return f"{number(value)} {words}" if isinstance(value, int) else f"{words}: {value}"


class StageRow:
    """The widgets of one stage in the stepper grid, and what it knows so far."""

    def __init__(self, stage: Stage, grid: QGridLayout, row: int, table: str = "") -> None:
        self.stage = stage
        self.table = table
        self.counts: dict = {}
        self.message = ""
        self.state = "waiting"
        self.fraction: float | None = None
        self.started_at: float | None = None
        self.seconds = 0.0
        self.icon = QLabel()
        self.title = QLabel(_(stage.title))
        self.title.setToolTip(_(stage.description))
        self.status = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(12)
        self.bar.setAccessibleName(tr("{stage} progress").format(stage=_(stage.title)))
        self.elapsed = QLabel()
        self.found = QLabel()
        self.found.setWordWrap(True)
        for col, widget in enumerate((self.icon, self.title, self.status, self.bar, self.elapsed, self.found)):
            grid.addWidget(widget, row, col)
        self.render()

    def apply(self, event: ProgressEvent) -> None:
        state = EVENT_STATES[event.kind]
        if state == "running" and (event.seconds or self.started_at is None):
            self.started_at = time.monotonic() - event.seconds  # the engine's clock wins
        self.state = state
        if event.fraction is not None:
            self.fraction = max(0.0, min(1.0, event.fraction))
        if event.seconds or state != "running":
            self.seconds = event.seconds or self.live_seconds()
        self.counts.update(event.counts)
        self.message = event.message or self.message
        self.show_found()
        self.render()

    def show_found(self) -> None:
        """A message says the counts; the findings this stage added come after it. The
        Cross-check's counts say its verdict in fewer words than its message, which is
        for the terminal (here the banner says that the file is blocked)."""
        if self.message and not (self.stage.key == "crosscheck" and "unknown" in self.counts):
            found = ", ".join(p for p in (self.message, findings_text(self.counts.get("findings"))) if p)
        else:
            found = counts_text(self.counts, self.stage.key, self.table)
        self.found.setText(found)
        self.found.setToolTip(found)

    def take_record(self, record: StageRecord) -> None:
        """The file's result is in: how many findings this stage added is the result's count."""
        self.counts["findings"] = record.findings
        self.show_found()
        self.render()

    def stop(self) -> None:
        """The run ended while this stage was running or waiting."""
        if self.state in ("running", "waiting"):
            if self.state == "running":
                self.seconds = self.live_seconds()
            self.state = "cancelled"
            self.render()

    def live_seconds(self) -> float:
        if self.state == "running" and self.started_at is not None:
            return time.monotonic() - self.started_at
        return self.seconds

    def render(self) -> None:
        running = self.state == "running"
        self.icon.setPixmap(state_icon(STATE_ICONS[self.state]).pixmap(16, 16))
        elapsed = self.live_seconds()
        if running and self.fraction is not None:
            self.status.setText(tr("{percent} %").format(percent=number(self.fraction * 100)))
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(self.fraction * 1000))
        else:
            self.status.setText(tr(STATE_WORDS[self.state]))
            if running:
                self.bar.setRange(0, 0)  # busy: the engine cannot tell how far it is
        self.bar.setVisible(running)
        left = time_left(elapsed, self.fraction) if running else ""
        shown = duration(elapsed) if (elapsed or running) and self.state != "waiting" else ""
        self.elapsed.setText(f"{shown}  {left}".strip())
        font = self.title.font()
        font.setBold(running)
        self.title.setFont(font)
        summary = f"{_(self.stage.title)}: {self.status.text()} {self.elapsed.text()} {self.found.text()}"
        self.title.setAccessibleName(summary.strip())


class Stepper(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: dict[str, StageRow] = {}
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setObjectName("fallbackReason")
        background, text = BANNER_COLOURS["ready"]
        self.reason.setStyleSheet(f"#fallbackReason {{ background: {background}; color: {text};"
                                  " padding: 6px; border-radius: 4px; }")
        self.reason.hide()
        self.placeholder = QLabel(tr("Not checked yet. Press “Check all” to check the submission."))
        self.placeholder.setWordWrap(True)
        self.grid_holder = QFrame()
        self.grid = QGridLayout(self.grid_holder)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setColumnStretch(5, 1)
        self.grid.setColumnMinimumWidth(3, 120)
        # wide enough for the longest clock text, so the rows do not jump while it changes
        longest = "88 min  " + tr("about {time} left").format(time="88 min")
        self.grid.setColumnMinimumWidth(4, self.fontMetrics().horizontalAdvance(longest) + 8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.reason)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.grid_holder)
        layout.addStretch(1)  # the rows stay together when the stepper is given more height
        self.setAccessibleName(tr("Check progress"))
        self._path_seen = False
        self.table = ""

    def heightForWidth(self, width: int) -> int:
        """A stepper hidden in the StepperStack takes no height (the stack's layout asks every page)."""
        return 0 if self.isHidden() else super().heightForWidth(width)

    def begin_run(self, table: str = "") -> None:
        self._path_seen = False
        self.table = table
        self.placeholder.setText(tr("Waiting for the other files to finish…"))
        self.placeholder.show()

    def apply(self, event: ProgressEvent) -> None:
        if event.kind == "path":
            self.set_path(event.stages, event.message if self._path_seen else "")
            self._path_seen = True
        elif event.stage in self.rows:
            self.rows[event.stage].apply(event)

    def set_path(self, stages: tuple[Stage, ...], reason: str = "") -> None:
        while self.grid.count():
            self.grid.takeAt(0).widget().deleteLater()
        self.rows = {stage.key: StageRow(stage, self.grid, i, self.table) for i, stage in enumerate(stages)}
        self.placeholder.hide()
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))

    def tick(self) -> None:
        for row in self.rows.values():
            if row.state == "running":
                row.render()

    def end_run(self, stopped: bool) -> None:
        """The run is over; if it was `stopped` early, unfinished stages say so."""
        if stopped:
            for row in self.rows.values():
                row.stop()
        if not self.rows:
            self.placeholder.setText(tr("This file was not reached before the check stopped."))

    def show_result(self, result: FileResult) -> None:
        """The file's result is in: each row's findings are the ones its stage
        added to the result, so the rows add up to the findings table."""
        for record in result.stages:
            row = self.rows.get(record.key)
            if row is not None and row.state == record.status:
                row.take_record(record)

    @property
    def running(self) -> bool:
        return any(row.state == "running" for row in self.rows.values())

    def states(self) -> dict[str, str]:
        return {key: row.state for key, row in self.rows.items()}


class StepperStack(QStackedWidget):
    """One stepper per file, as tall as the one shown: a plain QStackedWidget
    is as tall as its tallest page, which spread a shorter stepper's rows
    apart. Hidden pages are given an Ignored size policy, which the stack's
    layout leaves out of its size hint (and a hidden Stepper has no height
    for any width)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(self._fit_current)

    def addWidget(self, page: QWidget) -> int:
        index = super().addWidget(page)
        self._fit_current()
        return index

    def _fit_current(self) -> None:
        for i in range(self.count()):
            page = self.widget(i)
            policy = QSizePolicy.Policy.Preferred if page is self.currentWidget() else QSizePolicy.Policy.Ignored
            page.setSizePolicy(QSizePolicy.Policy.Preferred, policy)
        self.updateGeometry()
