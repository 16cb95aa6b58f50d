"""Cohort column renames, applied to a file's header when the user names the cohort.

Some cohorts (the CNICS group) send their own names for a few columns, such as
`sitePatientId` for `cohortPatientId`. `cohorts.toml` maps each such cohort to
a group and lists, per group, the renames for every table type with per-table
exceptions. A cohort that is not listed is read as it is.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

COHORTS_FILE = Path(__file__).with_name("cohorts.toml")


@dataclass(frozen=True)
class CohortGroup:
    name: str
    title: str
    default: Mapping[str, str]
    tables: Mapping[str, Mapping[str, str]]

    def renames_for(self, table: str) -> Mapping[str, str]:
        return self.tables.get(table, self.default)


@cache
def _mappings() -> tuple[dict[str, str], dict[str, CohortGroup]]:
    data = tomllib.loads(COHORTS_FILE.read_text("utf-8"))
    groups = {
        name: CohortGroup(
            name=name,
            title=raw.get("title", name),
            default=MappingProxyType(raw.get("default", {})),
            tables=MappingProxyType({t: MappingProxyType(r) for t, r in raw.get("tables", {}).items()}),
        )
        for name, raw in data["groups"].items()
    }
    return dict(data["cohorts"]), groups


def _key(name: str) -> str:
    return name.strip().casefold()


def cohort_names() -> list[str]:
    """The cohorts that have renames, in the order the mapping file lists them."""
    return list(_mappings()[0])


def cohort_group(cohort: str) -> CohortGroup | None:
    """The rename group of `cohort` (matched ignoring case and outer spaces), or None: read as is."""
    cohorts, groups = _mappings()
    by_key = {_key(name): group for name, group in cohorts.items()}
    group = by_key.get(_key(cohort))
    return groups[group] if group else None


def rename_header(header: list[str], cohort: str, table: str) -> tuple[list[str], dict[str, str]]:
    """Apply the cohort's renames for `table` to `header`.

    Returns the new header and {old: new} for each column renamed. Source names
    match ignoring case and outer spaces; each rename applies to the first
    matching column only, and is skipped when the file already has the target
    column (renaming would make two columns of the same name).
    """
    group = cohort_group(cohort)
    if group is None:
        return list(header), {}
    source_keys = [_key(name) for name in header]
    new = list(header)
    renamed: dict[str, str] = {}
    for source, target in group.renames_for(table).items():
        if _key(source) not in source_keys or _key(target) in {_key(name) for name in new}:
            continue
        index = source_keys.index(_key(source))
        renamed[header[index]] = target
        new[index] = target
    return new, renamed
