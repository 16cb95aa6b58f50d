"""The NA-ACCORD table definitions as plain, immutable data."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

COLUMN_TYPES = ("id", "string", "enum", "boolean", "date", "year", "numeric")
SUMMARY_KINDS = ("bar_chart", "histogram", "examples")


class Severity(StrEnum):
    """Worst first. Only the depot's own refusals block (engine/codes.py); a
    definition's rule is at most an error."""

    BLOCKER = "blocker"
    ERROR = "error"
    WARNING = "warning"


RULE_SEVERITIES = (Severity.ERROR, Severity.WARNING)  # what a definition may give its conditional rules


@dataclass(frozen=True)
class AllowedValue:
    """One accepted spelling; `meaning` is the enum description or the boolean key."""

    value: str
    meaning: str = ""


@dataclass(frozen=True)
class Condition:
    """`required_when` / `forbidden_when`: applies where `column` is present (or absent)."""

    column: str
    when_present: bool
    severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class Reference:
    """`in_file`: every value must exist in `table.column` of the submission."""

    table: str
    column: str


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    label: str = ""
    optional: bool = False
    values: tuple[AllowedValue, ...] = ()
    unique: bool = False
    range: tuple[float, float] | None = None
    required_when: Condition | None = None
    forbidden_when: Condition | None = None
    recommended: str = ""
    must_exist_in: Reference | None = None
    summaries: tuple[str, ...] = ()
    example: str = ""
    case_sensitive: bool = False  # an allowed value written with other capitals is not allowed

    @property
    def presence_is_conditional(self) -> bool:
        """Where required_when/forbidden_when alone decide whether a value must be there."""
        return self.required_when is not None or self.forbidden_when is not None

    @property
    def always_optional(self) -> bool:
        """An empty cell is never an error in this column."""
        return self.required_when is None and (self.optional or self.forbidden_when is not None)

    @property
    def display_name(self) -> str:
        return self.label or self.name


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


@dataclass(frozen=True)
class DefinitionSet:
    version: str
    source: str
    tables: dict[str, Table] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # what an import passed over, in plain words

    def table(self, name: str) -> Table:
        try:
            return self.tables[name]
        except KeyError:
            known = ", ".join(sorted(self.tables))
            raise KeyError(f"Unknown table type {name!r}. Known types: {known}.") from None
