"""The engine, the definitions and the store's non-GUI modules never import Qt:
they must run headless from the CLI."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "naaccord_desktop"
QT_FREE = ["engine", "definitions", "reports", "commands", "sample"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                names.add("." * node.level + (node.module or ""))
            else:
                names.add(node.module or "")
    return names


def test_qt_free_layers_do_not_import_qt_or_gui():
    offenders = []
    for layer in QT_FREE:
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in _imports(path):
                if name.startswith("PySide6") or name.lstrip(".").startswith("gui"):
                    offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_the_layers_exist():
    for layer in ("engine", "definitions"):
        assert list((PACKAGE / layer).glob("*.py")), layer
