"""The NA-ACCORD table definitions: model, bundled set, loader and depot importer."""

from .loader import DefinitionError, load_bundled, load_folder, write_folder
from .model import AllowedValue, Column, Condition, DefinitionSet, Reference, Table

__all__ = [
    "AllowedValue", "Column", "Condition", "DefinitionError", "DefinitionSet", "Reference",
    "Table", "load_bundled", "load_folder", "write_folder",
]
