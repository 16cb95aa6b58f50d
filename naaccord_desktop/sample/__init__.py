"""Synthetic NA-ACCORD submissions: clean, with planted defects, or with broken structure.

`write_submission(outdir, rows=..., seed=...)` writes one `<table>.csv` per
table type, all from one patient universe. With `defects=True` it plants
rule defects in those files; with `structural=True` it adds files with
structural problems under `outdir/structural/`; `plant` chooses what to
plant table by table. `answers.json` lists every finding a correct checker
must report (see `defects.py`). The small submission bundled for `--demo`
is the output for `BUNDLED_SAMPLE` (`write_bundled_sample`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..definitions import load_bundled
from ..definitions.model import DefinitionSet
from .defects import AnswerFile, RuleDefects, write_answer
from .structural import STRUCTURAL_FILES, StructuralDefects
from .tables import count_rows, table_rows
from .universe import Universe, default_patients
from .writer import FileFormat, Written, write_table

ANSWER_NAME = "answers.json"
STRUCTURAL_DIR = "structural"
DEFAULT_ROWS = 2000
DEFAULT_SEED = 1


@dataclass(frozen=True)
class Plant:
    """What to plant in the file of one table (`write_submission(plant=...)`):
    rule defects of the kinds `codes` (defects.RULE_CODES), each `repeats`
    times over, or one `structural` kind (defects.StructuralDefects) in the
    file itself. The header is left as it is, and a value keeps no line
    break (as in a clean export): only what is named is planted."""

    codes: tuple[str, ...] = ()
    repeats: int = 1
    structural: str = ""


# The bundled sample, what --demo opens: a small submission that shows what a check finds. The
# laboratory file is blocked (25 rows with patient IDs the patient file lacks, more than a finding
# lists), the patient file has errors (dates, enums), the diagnosis file has well-quoted values with
# quotes inside (the fast reader hands it to the diagnostic path), every other file is clean.
DEMO_PLANT = {
    "laboratory": Plant(("patient_id.unknown",), repeats=5),
    "patient": Plant(("date.invalid", "enum.invalid")),
    "diagnosis": Plant(structural="quoted_values"),
}
BUNDLED_SAMPLE = {"rows": 1500, "patients": 200, "seed": 2026, "plant": DEMO_PLANT}
DEMO_VERDICTS = {"laboratory": "blocked", "patient": "ready"}  # the other files are clean


def demo_verdict(table: str) -> str:
    """The verdict a check gives the bundled sample's file of `table`."""
    return DEMO_VERDICTS.get(table, "clean")


@dataclass(frozen=True)
class SampleFile:
    path: Path
    table: str
    records: int  # data records
    lines: int  # physical lines, header included
    size: int  # bytes
    format: str  # e.g. "UTF-8, LF"
    structural: bool = False


@dataclass(frozen=True)
class SubmissionManifest:
    outdir: Path
    seed: int
    rows: int
    patients: int
    files: tuple[SampleFile, ...]
    answer_file: Path | None
    counts: dict[str, int] = field(default_factory=dict)  # expected findings per code

    @property
    def paths(self) -> dict[str, Path]:
        """The main submission: one file per table type."""
        return {f.table: f.path for f in self.files if not f.structural}

    @property
    def structural_files(self) -> tuple[SampleFile, ...]:
        return tuple(f for f in self.files if f.structural)


def write_submission(
    outdir: Path,
    rows: int = DEFAULT_ROWS,
    seed: int = DEFAULT_SEED,
    defects: bool = False,
    tables: list[str] | None = None,
    structural: bool = False,
    *,
    patients: int | None = None,
    definitions: DefinitionSet | None = None,
    answer: bool = True,
    plant: Mapping[str, Plant] | None = None,
) -> SubmissionManifest:
    """Write a synthetic submission to `outdir` (created if needed).

    rows: laboratory rows (the biggest table); the other tables follow the
    number of patients (default: rows / 10, between 20 and 200,000).
    plant: what to plant in each table's file instead of `defects` (the
    files of the tables it does not name are clean)."""
    if rows < 1:
        raise ValueError("The number of rows must be at least 1.")
    if plant and defects:
        raise ValueError("Plant defects either everywhere (defects) or table by table (plant), not both.")
    definitions = definitions or load_bundled()
    names = list(dict.fromkeys(tables)) if tables else list(definitions.tables)
    unknown = [n for n in names if n not in definitions.tables]
    if unknown:
        raise ValueError(f"Unknown table type {', '.join(unknown)}. "
                         f"Known types: {', '.join(definitions.tables)}.")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    universe = Universe(patients or default_patients(rows), seed)
    listed: list[AnswerFile] = []
    files: list[SampleFile] = []

    def keep(relative: str, table: str, written: Written, fmt: FileFormat, is_structural: bool) -> None:
        listed.append(AnswerFile(relative, table, written, fmt.label, is_structural))
        files.append(SampleFile(written.path, table, written.records, written.lines, written.size,
                                fmt.label, is_structural))

    for name in names:
        table = definitions.table(name)
        shaper = None
        spec = (plant or {}).get(name)
        if defects:
            shaper = RuleDefects(table, count_rows(table, universe, seed, rows), universe, seed)
        elif spec is not None:
            shaper = _planted(spec, table, count_rows(table, universe, seed, rows), universe, seed)
        fmt = FileFormat()
        written = write_table(outdir / f"{name}.csv", table, table_rows(table, universe, seed, rows),
                              fmt, shaper)
        keep(f"{name}.csv", name, written, fmt, False)

    if structural:
        folder = outdir / STRUCTURAL_DIR
        folder.mkdir(exist_ok=True)
        for spec in STRUCTURAL_FILES:
            if spec.table not in names:
                continue
            table = definitions.table(spec.table)
            path = folder / spec.name
            if spec.kind == "empty":
                path.write_bytes(b"")
                written = Written(path, 0, 0, 0, spec.expected_whole_file())
            else:
                n = count_rows(table, universe, seed, rows)
                shaper = (RuleDefects(table, n, universe, seed, header=False) if spec.kind == "rules"
                          else StructuralDefects(spec.kind, table, n, seed))
                written = write_table(path, table, table_rows(table, universe, seed, rows),
                                      spec.fmt, shaper)
            keep(f"{STRUCTURAL_DIR}/{spec.name}", spec.table, written, spec.fmt, True)

    answer_path, counts = None, {}
    if answer:
        answer_path = outdir / ANSWER_NAME
        facts = {"definitions_version": definitions.version, "seed": seed, "rows": rows,
                 "patients": universe.size, "with_defects": defects, "with_structural": structural}
        counts = write_answer(answer_path, listed, facts)["counts"]
    return SubmissionManifest(outdir, seed, rows, universe.size, tuple(files), answer_path, counts)


def _planted(spec: Plant, table, rows: int, universe: Universe, seed: int):
    if spec.structural:
        shaper = StructuralDefects(spec.structural, table, rows, seed)
    else:
        shaper = RuleDefects(table, rows, universe, seed, header=False, codes=spec.codes, repeats=spec.repeats)
    shaper.line_breaks = False
    return shaper


def bundled_sample_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "sample_data"


def bundled_sample_files() -> list[tuple[Path, str]]:
    """(path, table type) of the bundled clean sample submission, patient file first."""
    folder = bundled_sample_dir()
    names = sorted(load_bundled().tables, key=lambda name: name != "patient")
    return [(folder / f"{name}.csv", name) for name in names if (folder / f"{name}.csv").is_file()]


def write_bundled_sample(folder: Path, answer: bool = False) -> SubmissionManifest:
    """Regenerate the bundled sample (the files in `bundled_sample_dir()`)."""
    return write_submission(folder, answer=answer, **BUNDLED_SAMPLE)


__all__ = [
    "BUNDLED_SAMPLE", "DEMO_PLANT", "Plant", "SampleFile", "demo_verdict", "SubmissionManifest", "bundled_sample_dir",
    "bundled_sample_files", "write_bundled_sample", "write_submission",
]
