"""The File tab: what the file is (size, hash, encoding, layout) and how it was read."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from ...engine.result import FileResult
from ...reports.words import human_size, stage_title

LINE_ENDINGS = {"lf": "Unix (LF)", "crlf": "Windows (CR LF)", "cr": "old Mac (CR)", "mixed": "mixed",
                "none": "none (a single line)"}


def file_facts(r: FileResult) -> list[tuple[str, str]]:
    info = r.file_info
    endings = info.line_endings or "not known"
    counts = info.line_ending_counts
    if endings.lower() == "mixed" and counts:
        endings = "mixed: " + ", ".join(f"{n:,} {kind}" for kind, n in counts.items() if n)
    path = "Fast (the whole file read at once)" if r.path_taken == "fast" else "Line by line (diagnostic)"
    facts = [
        ("File", r.path),
        ("Table type", r.table),
        ("Size", f"{human_size(r.size)} ({r.size:,} bytes)"),
        ("Rows", f"{r.rows:,}"),
        ("SHA-256", r.sha256 or "not computed"),
        ("Encoding", (info.encoding or "not known") + (f" (read as {info.read_as})" if info.read_as else "")),
        ("Byte order mark", "yes" if info.bom else "no"),
        ("Delimiter", info.delimiter or "not known"),
        ("Line endings", LINE_ENDINGS.get(endings.lower(), endings)),
        ("How it was read", path),
    ]
    if r.fallback_reason:
        facts.append(("Why", r.fallback_reason))
    if r.stages:
        facts.append(("Time per stage", ", ".join(f"{stage_title(s.key)} {s.seconds:.1f} s" for s in r.stages)))
    return facts


class FileInfoView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName("File facts")
        self.form = QFormLayout(self)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.set_result(None)

    def set_result(self, result: FileResult | None) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        if result is None:
            self.form.addRow(QLabel("Check the file to see its details."))
            return
        for name, value in file_facts(result):
            label = QLabel(value)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(f"{name}:", label)
