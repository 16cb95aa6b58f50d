"""The submission as a whole: New submission (Remove all) and File ▸ Recent
submissions, the lists of files checked together. Recent submissions keep
each file's path and table type in the window's QSettings, never anything
read from a file."""

from __future__ import annotations

import json
from pathlib import Path

from ...engine.translation import counted
from ..dialog_frame import yes_or_no
from ..language import tr

RECENT_KEY = "recent_submissions"
MAX_RECENT = 8
NAMES_SHOWN = 3


class Submissions:
    def remove_all(self) -> None:
        """Start a new submission: every file leaves the list (their checks stay in History)."""
        if self.running or not self.list.entries:
            return
        if self.results and not self.confirm_remove_all():
            return
        self.list.remove_all()
        self.last_submission = None
        self.stopped_early = False
        self.statusBar().showMessage(tr("New submission: add its files."), 5000)

    def confirm_remove_all(self) -> bool:
        return yes_or_no(self, tr("Start a new submission?"), counted(
            len(self.list.entries), "Take the {n} file out of the list? Its results stay in History.",
            "Take all {n} files out of the list? Their results stay in History."))

    # --- recent submissions ------------------------------------------------------

    def recent_submissions(self) -> list[list[tuple[str, str]]]:
        """Most recent first: each a list of (path, table type)."""
        try:
            stored = json.loads(str(self.settings.value(RECENT_KEY, "[]")))
            return [[(str(path), str(table)) for path, table in files] for files in stored][:MAX_RECENT]
        except (ValueError, TypeError):
            return []

    def remember_submission(self) -> None:
        """The files of the list, as a check starts; the same files checked again move to the top."""
        files = [(str(e.path), e.table) for e in self.list.entries.values()]
        if not files:
            return
        paths = {path for path, _ in files}
        earlier = [s for s in self.recent_submissions() if {path for path, _ in s} != paths]
        self.settings.setValue(RECENT_KEY, json.dumps([files, *earlier][:MAX_RECENT]))

    def forget_recent(self) -> None:
        self.settings.remove(RECENT_KEY)

    def open_recent(self, index: int) -> None:
        recent = self.recent_submissions()
        if not 0 <= index < len(recent) or self.running:
            return
        if self.list.entries:
            self.remove_all()
            if self.list.entries:  # the coordinator kept the current one
                return
        files = recent[index]
        self.add_paths([Path(path) for path, _ in files])
        for path, table in files:
            self.list.set_table(path, table)

    def fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = self.recent_submissions()
        for index, files in enumerate(recent):
            action = menu.addAction(submission_words(files))
            action.setToolTip("\n".join(path for path, _ in files))
            action.setEnabled(not self.running)
            action.triggered.connect(lambda _checked=False, i=index: self.open_recent(i))
        if recent:
            menu.addSeparator()
            menu.addAction(tr("Clear this list"), self.forget_recent)
        else:
            menu.addAction(tr("No submission checked yet")).setEnabled(False)


def submission_words(files: list[tuple[str, str]]) -> str:
    """'patient.csv, laboratory.csv, medication.csv and 13 more (in sub)'."""
    names = [Path(path).name for path, _ in files]
    shown = ", ".join(names[:NAMES_SHOWN])
    if len(names) > NAMES_SHOWN:
        shown = tr("{files} and {more} more").format(files=shown, more=len(names) - NAMES_SHOWN)
    folders = {Path(path).parent.name for path, _ in files}
    return tr("{files} (in {folder})").format(files=shown, folder=folders.pop()) if len(folders) == 1 else shown
