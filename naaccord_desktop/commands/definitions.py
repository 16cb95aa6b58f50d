"""`naaccord-desktop definitions`: list the table types and their columns, or
write the rules reference (--html)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..definitions import DefinitionError, load_bundled, load_folder
from ..definitions.cohorts import cohort_group, cohort_names
from ..definitions.depot_import import import_depot_folder
from ..reports.html import ReportError
from ..reports.rules_html import write_reference


def register(sub) -> None:
    p = sub.add_parser("definitions", help="list the table types and their columns")
    p.add_argument("table", nargs="?", help="show the columns of this table type only")
    p.add_argument("--folder", type=Path, help="a definition set in the project's format")
    p.add_argument("--depot", type=Path, metavar="FOLDER",
                   help="a folder of the depot's published *_definition.json files")
    p.add_argument("--cohorts", action="store_true",
                   help="list the cohorts whose column names are renamed, and the renames")
    p.add_argument("--html", type=Path, metavar="OUT",
                   help="write the rules reference (every table, column and rule in plain words) as one web page")
    p.set_defaults(run=run)


def run(args) -> int:
    if args.cohorts:
        _print_cohorts()
        return 0
    try:
        if args.depot:
            definitions = import_depot_folder(args.depot, version=f"imported from {args.depot.name}")
        elif args.folder:
            definitions = load_folder(args.folder)
        else:
            definitions = load_bundled()
    except DefinitionError as exc:
        print(f"These definitions cannot be used: {exc}")
        return 2
    for note in definitions.notes:
        print(f"Note: {note}", file=sys.stderr)
    if args.html:
        try:
            path = write_reference(definitions, args.html)
        except ReportError as exc:
            print(exc)
            return 2
        print(f"Rules reference of definitions {definitions.version} written to {path}")
        return 0
    if args.table:
        try:
            table = definitions.table(args.table)
        except KeyError as exc:
            print(exc.args[0])
            return 2
        print(f"{table.title} ({table.name}): {table.description}")
        for c in table.columns:
            print(f"  {c.name:<28} {c.type:<8} {_column_facts(c)}")
        return 0
    print(f"Definitions {definitions.version} ({len(definitions.tables)} tables)")
    for table in definitions.tables.values():
        print(f"  {table.name:<28} {len(table.columns):>3} columns  {table.title}")
    return 0


def _column_facts(c) -> str:
    facts = ["conditional"] if c.presence_is_conditional else ["optional" if c.optional else "required"]
    if c.values:
        facts.append("values: " + " | ".join(v.value or "(empty)" for v in c.values))
    if c.unique:
        facts.append("no duplicates")
    if c.range:
        facts.append(f"range {c.range[0]:g}..{c.range[1]:g}")
    for label, cond in (("required when", c.required_when), ("forbidden when", c.forbidden_when)):
        if cond:
            state = "present" if cond.when_present else "empty"
            as_warning = " (warning)" if cond.severity == "warning" else ""
            facts.append(f"{label} {cond.column} is {state}{as_warning}")
    if c.recommended:
        facts.append("recommended")
    if c.must_exist_in:
        facts.append(f"must exist in {c.must_exist_in.table}.{c.must_exist_in.column}")
    return "; ".join(facts)


def _print_cohorts() -> None:
    print("Cohorts whose files use their own column names, renamed before checking"
          " when you name the cohort:")
    groups = {}
    for name in cohort_names():
        group = cohort_group(name)
        groups[group.name] = group
        print(f"  {name:<28} {group.title}")
    print("Files of any other cohort are read as they are.")
    for group in groups.values():
        print(f"{group.title} renames:")
        if group.default:
            exceptions = f" except {', '.join(group.tables)}" if group.tables else ""
            print(f"  every table{exceptions}: {_renames(group.default)}")
        for table, renames in group.tables.items():
            print(f"  {table}: {_renames(renames)}")


def _renames(renames) -> str:
    return ", ".join(f"{old} -> {new}" for old, new in renames.items())
