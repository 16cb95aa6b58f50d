"""The File tab: what the file is (size, hash, encoding, layout) and how it was read."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from ...engine.inspect import DELIMITER_NAMES
from ...engine.result import FileResult
from ...engine.translation import _, counted, number
from ...reports.words import human_size, stage_title
from ..language import duration, tr

LINE_ENDINGS = {"lf": QT_TR_NOOP("Unix (LF)"), "crlf": QT_TR_NOOP("Windows (CR LF)"), "cr": QT_TR_NOOP("old Mac (CR)"),
                "mixed": QT_TR_NOOP("mixed"), "none": QT_TR_NOOP("none (a single line)")}
ENCODINGS = {"utf-8": "UTF-8", "not utf-8": QT_TR_NOOP("not UTF-8")}  # the fast path's words (FileInfo.encoding)


def file_facts(r: FileResult) -> list[tuple[str, str]]:
    info = r.file_info
    unknown = tr("not known")
    endings = info.line_endings or ""
    counts = info.line_ending_counts
    if endings.lower() == "mixed" and counts:
        endings = tr("mixed: {counts}").format(
            counts=", ".join(f"{number(n)} {kind}" for kind, n in counts.items() if n))
    else:
        endings = tr(LINE_ENDINGS[endings.lower()]) if endings.lower() in LINE_ENDINGS else endings or unknown
    path = tr("Fast (the whole file read at once)") if r.path_taken == "fast" else tr("Line by line (diagnostic)")
    encoding = tr(ENCODINGS[info.encoding]) if info.encoding in ENCODINGS else info.encoding or unknown
    if info.read_as:
        encoding = tr("{encoding} (read as {read_as})").format(encoding=encoding, read_as=info.read_as)
    delimiter = info.delimiter if info.delimiter not in DELIMITER_NAMES.values() else _(info.delimiter)
    facts = [
        (tr("File"), r.path),
        (tr("Table type"), r.table),
        (tr("Size"), tr("{size} ({bytes})").format(size=human_size(r.size),
                                                   bytes=counted(r.size, "{n} byte", "{n} bytes"))),
        (tr("Rows"), number(r.rows)),
        ("SHA-256", r.sha256 or tr("not computed")),
        (tr("Encoding"), encoding),
        (tr("Byte order mark"), tr("yes") if info.bom else tr("no")),
        (tr("Delimiter"), delimiter or unknown),
        (tr("Line endings"), endings),
        (tr("How it was read"), path),
    ]
    if r.fallback_reason:
        facts.append((tr("Why"), r.fallback_reason))
    if r.stages:
        facts.append((tr("Time per stage"), ", ".join(f"{stage_title(s.key)} {duration(s.seconds)}"
                                                      for s in r.stages)))
    return facts


class FileInfoView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("File facts"))
        self.form = QFormLayout(self)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.set_result(None)

    def set_result(self, result: FileResult | None) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        if result is None:
            self.form.addRow(QLabel(tr("Check the file to see its details.")))
            return
        for name, value in file_facts(result):
            label = QLabel(value)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(tr("{name}:").format(name=name), label)
