"""Help > Rules: the tables of the loaded definitions and their columns on the
left, the chosen table's columns, types, allowed values and rules in plain
words on the right (reports/rules_html.py, the same words as
`naaccord-desktop definitions --html`). A finding's "What does this rule
mean?" opens it at its column."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..definitions.model import DefinitionSet
from ..reports.rules_html import FILE_RULES_TITLE, column_anchor, file_rules_section, table_section
from .language import tr

WHERE = Qt.ItemDataRole.UserRole  # (table, column) of a tree item; ("", "") for the rules of every file
STYLE = """
h2 { font-size: large; } h3 { margin-top: 14px; } .type { color: #5b6576; }
th { background-color: #eef1f5; text-align: left; }
.s-blocker .sev { color: #b3261e; font-weight: bold; } .s-error .sev { color: #b34700; font-weight: bold; }
.s-warning .sev { color: #8a6d00; font-weight: bold; }
"""


class RulesDialog(QDialog):
    def __init__(self, definitions: DefinitionSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Rules of definitions {version}").format(version=definitions.version))
        self.resize(1100, 760)
        self.definitions = definitions
        self.shown_table: str | None = None
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(tr("Tables and columns"))
        for table in definitions.tables.values():
            item = QTreeWidgetItem([f"{table.title} ({table.name})"])
            item.setData(0, WHERE, (table.name, ""))
            for column in table.columns:
                child = QTreeWidgetItem([column.name])
                child.setData(0, WHERE, (table.name, column.name))
                item.addChild(child)
            self.tree.addTopLevelItem(item)
        every = QTreeWidgetItem([FILE_RULES_TITLE])
        every.setData(0, WHERE, ("", ""))
        self.tree.addTopLevelItem(every)
        self.tree.currentItemChanged.connect(self._chosen)
        self.page = QTextBrowser()
        self.page.setAccessibleName(tr("Rules"))
        self.page.document().setDefaultStyleSheet(STYLE)
        self.page.setOpenLinks(False)
        self.page.anchorClicked.connect(lambda url: self.page.scrollToAnchor(url.fragment()))
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(self.page)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([280, 820])
        note = QLabel(tr("Definitions {version} ({source}): what each rule means, and how serious a finding of it "
                         "is. Only the depot's own refusals block the upload. The definitions are written in "
                         "English.").format(version=definitions.version, source=definitions.source))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def show_rule(self, table: str, column: str = "") -> None:
        """Select `column` of `table` (the table alone when "", the rules of every
        file when the table is "" or not in these definitions)."""
        if table not in self.definitions.tables:
            table, column = "", ""
        elif self.definitions.tables[table].column(column) is None:
            column = ""
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, WHERE)[0] != table:
                continue
            children = (item.child(k) for k in range(item.childCount()))
            self.tree.setCurrentItem(next((c for c in children if c.data(0, WHERE)[1] == column), item))
            return

    def _chosen(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        table, column = item.data(0, WHERE)
        if table != self.shown_table:
            self.shown_table = table
            html = table_section(self.definitions.tables[table]) if table else file_rules_section()
            self.page.setHtml(html)
        if column:
            self.page.scrollToAnchor(column_anchor(table, column))
        else:
            self.page.verticalScrollBar().setValue(0)
