"""Structural defects, each in a file of its own: ragged rows, extra empty
values, an unclosed quote, stray quotes, blank lines, a missing patient-ID
column, another encoding; and the list of those files (`STRUCTURAL_FILES`).
Their expected findings are located by `writer.write_table` like the rule
defects' (defects.py)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from ..definitions.model import Table
from .defects import MAX_REPEATS
from .universe import csv_field
from .writer import Expected, FileFormat, Located, Record, RowShaper

RAGGED_TOO_MANY = "1,250,000"  # an unquoted number with thousands separators
STRAY_QUOTED = ('Kaposi"s sarcoma', 'Lesion 2" diameter', 'Hepatitis B "carrier"')


class StructuralDefects(RowShaper):
    """One kind of structural defect in a file of its own.

    kinds: "ragged" (too many / too few values), "unclosed_quote" (one quote
    that is never closed; needs a table whose values never need quotes),
    "stray_quote" (a quote inside an unquoted value), "quoted_values" (the
    same values well quoted: no defect, but the fast reader hands the file
    to the diagnostic path), "blank_lines", "extra_empty" (one or two empty
    values after the last column),
    "no_patient_id" (the ID column renamed), "encoded" (a row with a
    character outside ASCII, for a file written in another encoding; the
    writer locates the first bad byte)."""

    line_breaks = True

    def __init__(self, kind: str, table: Table, rows: int, seed: int) -> None:
        if kind == "encoded" and table.name != "laboratory":
            raise ValueError("The encoding defect is planted in a laboratory file.")
        self.kind, self.table = kind, table
        rng = random.Random(f"{seed}/{table.name}/{kind}")
        repeats = min(MAX_REPEATS, 1 + rows // 100_000)
        if kind == "unclosed_quote":
            chosen = [rows * 2 // 3] if rows else []
        elif kind == "encoded":
            chosen = [min(rows - 1, 3)] if rows else []
        elif kind in ("ragged", "stray_quote", "quoted_values", "blank_lines", "extra_empty"):
            chosen = rng.sample(range(rows), min(rows // 3, 4 * repeats))
        else:
            chosen = []
        self.special = set(chosen)
        self._order = {row: i for i, row in enumerate(sorted(chosen))}

    def header(self, table: Table) -> list[str]:
        names = list(table.column_names)
        if self.kind == "no_patient_id":
            names[names.index("cohortPatientId")] = "patientId"
        return names

    def header_expected(self) -> tuple[Expected, ...]:
        if self.kind != "no_patient_id":
            return ()
        return (Expected("header.no_patient_id", "cohortPatientId", ""),
                Expected("header.extra_column", "patientId", "patientId",
                         note="the patient-ID column under another name"))

    def records(self, index: int, fields: list[str]) -> list[Record]:
        n = self._order[index]
        kind = self.kind
        if kind == "ragged":
            if n % 2 == 0:
                at = self.table.column_names.index("result") if "result" in self.table.column_names else 1
                text = ",".join(fields[:at] + [RAGGED_TOO_MANY] + fields[at + 1:])
                return [Record(text, (Expected("structure.too_many_fields", None, text),))]
            text = ",".join(fields[:-2])
            return [Record(text, (Expected("structure.too_few_fields", None, text),))]
        if kind == "unclosed_quote":
            text = fields[0] + ',"' + ",".join(fields[1:])
            return [Record(text, (Expected("structure.unclosed_quote", None, text,
                                           note="every later line is inside the open quote"),))]
        if kind == "stray_quote":
            text = ",".join([fields[0], STRAY_QUOTED[n % len(STRAY_QUOTED)], *fields[2:]])
            return [Record(text, (Expected("structure.stray_quote", None, text),))]
        if kind == "quoted_values":
            return [Record(",".join([fields[0], csv_field(STRAY_QUOTED[n % len(STRAY_QUOTED)]), *fields[2:]]))]
        if kind == "blank_lines":
            return [Record("", (Expected("structure.blank_line", None, ""),)), Record(",".join(fields))]
        if kind == "extra_empty":
            text = ",".join(fields) + "," * (1 + n % 2)
            return [Record(text, (Expected("structure.extra_empty_fields", None, text),))]
        if kind == "encoded":
            return [Record(",".join(_creatinine_si(fields)))]
        raise ValueError(f"Unknown structural defect {kind!r}.")


def _creatinine_si(fields: list[str]) -> list[str]:
    """A laboratory row in SI units: µ is the one character outside ASCII."""
    return [fields[0], "Creatinine", "88", "µmol/L", "53", "115", "Normal", *fields[7:]]


@dataclass(frozen=True)
class StructuralFile:
    name: str
    table: str
    kind: str  # a StructuralDefects kind, "rules" (rule defects) or "empty"
    fmt: FileFormat = FileFormat()

    def expected_whole_file(self) -> tuple[Located, ...]:
        return (Located(0, Expected("file.empty", None, "")),) if self.kind == "empty" else ()


STRUCTURAL_FILES = (
    StructuralFile("laboratory_ragged.csv", "laboratory", "ragged"),
    StructuralFile("hospitalization_unclosed_quote.csv", "hospitalization", "unclosed_quote"),
    StructuralFile("diagnosis_stray_quote.csv", "diagnosis", "stray_quote"),
    StructuralFile("encounter_blank_lines.csv", "encounter", "blank_lines"),
    StructuralFile("medication_extra_empty.csv", "medication", "extra_empty"),
    # Not defects in themselves: line numbers must stay right with a BOM and CRLF.
    StructuralFile("laboratory_bom_crlf.csv", "laboratory", "rules", FileFormat(bom=True, newline="\r\n")),
    StructuralFile("laboratory_latin1.csv", "laboratory", "encoded", FileFormat(encoding="latin-1")),
    StructuralFile("risk_factor_no_patient_id.csv", "risk_factor", "no_patient_id"),
    StructuralFile("mortality_empty.csv", "mortality", "empty"),
)
