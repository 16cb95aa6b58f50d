"""The main window's body: the title row with the cohort, the submission on
the left, the selected file's stepper and results on the right."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .language import tr
from .results.badges import VerdictBanner
from .results.view import FileResultsView
from .stepper import StepperStack

WELCOME = QT_TR_NOOP("<h2>Check your submission before you upload it</h2>"
                     "<p>Drag the files of your submission into the list on the left, "
                     "or use <b>Add files</b> (Ctrl+O) or <b>Add folder</b>.</p>"
                     "<p>Check that each file has the right table type, then press <b>Check all</b>. "
                     "Your files stay on this computer and are never changed.</p>")


def _button(text: str, action, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setToolTip(f"{action.statusTip()} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                      if not action.shortcut().isEmpty() else action.statusTip())
    button.clicked.connect(action.trigger)
    return button


def build_body(w, cohorts: list[str]) -> QWidget:
    """Sets the window's widgets (`cohort_box`, `list` placed, buttons, `results_view`, ...)."""
    title = QLabel(tr("NA-ACCORD Desktop Precheck"))
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    title.setFont(font)
    w.cohort_box = QComboBox()
    w.cohort_box.setAccessibleName(tr("Cohort"))
    w.cohort_box.setToolTip(tr("Your cohort: some cohorts use their own names for a few columns"))
    w.cohort_box.addItem(tr("Other (no column renames)"), "")
    for name in cohorts:
        w.cohort_box.addItem(name, name)
    cohort_label = QLabel(tr("&Cohort:"))
    cohort_label.setBuddy(w.cohort_box)
    top = QHBoxLayout()
    top.addWidget(title)
    top.addStretch(1)
    top.addWidget(cohort_label)
    top.addWidget(w.cohort_box)
    top.addSpacing(16)
    top.addWidget(QLabel(tr("Definitions {version}").format(version=w.definitions.version)))

    w.add_files_button = _button(tr("Add files…"), w.add_files_action, tr("Add files"))
    w.add_folder_button = _button(tr("Add folder…"), w.add_folder_action, tr("Add folder"))
    w.remove_button = _button(tr("Remove"), w.remove_action, tr("Remove the selected file"))
    w.remove_all_button = _button(tr("Remove all"), w.remove_all_action, tr("Remove all files"))
    w.check_all_button = _button(tr("Check all"), w.check_all_action, tr("Check all files"))
    w.check_all_button.setDefault(True)
    buttons = QHBoxLayout()
    for b in (w.add_files_button, w.add_folder_button, w.remove_button, w.remove_all_button):
        buttons.addWidget(b)
    buttons.addStretch(1)
    submission_title = QLabel(tr("<b>Submission</b>"))
    w.submission_banner = VerdictBanner()
    w.submission_banner.setAccessibleName(tr("Verdict for the whole submission"))
    left = QWidget()
    left_layout = QVBoxLayout(left)
    left_layout.addWidget(submission_title)
    left_layout.addLayout(buttons)
    left_layout.addWidget(w.list, 1)
    left_layout.addWidget(w.submission_banner)
    left_layout.addWidget(w.check_all_button)

    w.file_header = QLabel()
    header_font = w.file_header.font()
    header_font.setBold(True)
    w.file_header.setFont(header_font)
    w.file_header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    w.check_file_button = _button(tr("Check this file"), w.check_file_action, tr("Check this file"))
    w.stop_button = _button(tr("Stop checking"), w.stop_action, tr("Stop checking"))
    file_bar = QHBoxLayout()
    file_bar.addWidget(w.file_header, 1)
    file_bar.addWidget(w.stop_button)
    file_bar.addWidget(w.check_file_button)
    w.stepper_stack = StepperStack()
    w.results_view = FileResultsView()
    detail = QWidget()
    detail_layout = QVBoxLayout(detail)
    detail_layout.addLayout(file_bar)
    detail_layout.addWidget(w.stepper_stack)
    detail_layout.addWidget(w.results_view, 1)
    welcome = QLabel(tr(WELCOME))
    welcome.setWordWrap(True)
    welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
    welcome.setMargin(40)
    w.right = QStackedWidget()
    w.right.addWidget(welcome)
    w.right.addWidget(detail)

    w.splitter = QSplitter()
    w.splitter.addWidget(left)
    w.splitter.addWidget(w.right)
    w.splitter.setStretchFactor(0, 2)
    w.splitter.setStretchFactor(1, 5)
    w.splitter.setSizes([460, 820])
    body = QWidget()
    layout = QVBoxLayout(body)
    layout.addLayout(top)
    layout.addWidget(w.splitter, 1)
    return body
