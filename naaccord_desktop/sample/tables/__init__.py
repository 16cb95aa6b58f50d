"""The row source of every table type, in the order the definitions list
its columns, and the rows of one table."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ...definitions.model import Table
from ..universe import MEAN_ROWS, TableContext, Universe
from .care import (
    diagnosis_rows,
    discharge_dx_rows,
    encounter_rows,
    hospitalization_rows,
    insurance_rows,
    procedure_rows,
    risk_factor_rows,
)
from .laboratory import laboratory_rows
from .medication import medication_administration_rows, medication_rows
from .patients import mortality_rows, patient_rows
from .places import census_rows, geography_rows
from .surveys import mental_health_survey_rows, substance_survey_rows


@dataclass(frozen=True)
class TableSource:
    columns: tuple[str, ...]  # the order the row source writes
    rows: Callable[[TableContext], Iterator[list[str]]]


SOURCES: dict[str, TableSource] = {
    "patient": TableSource(
        ("cohortPatientId", "birthSex", "presentSex", "birthYear", "race", "hispanic", "enrollDate",
         "lastActivityDate", "deathDate", "deathDateSource", "subSiteID", "hivNegative",
         "BirthCountry", "transgendered", "LastNDIDate"), patient_rows),
    "diagnosis": TableSource(("cohortPatientId", "diagnosis", "diagnosisDate", "source"),
                             diagnosis_rows),
    "laboratory": TableSource(
        ("cohortPatientId", "testName", "result", "units", "normalMin", "normalMax",
         "interpretation", "resultDate", "source"), laboratory_rows),
    "medication": TableSource(
        ("cohortPatientId", "medicationName", "startDate", "stopDate", "form", "strength", "units",
         "route", "sig", "source"), medication_rows),
    "medication_administration": TableSource(
        ("cohortPatientId", "medicationName", "administrationDate", "source", "strength", "units"),
        medication_administration_rows),
    "mortality": TableSource(("cohortPatientId", "cause", "type", "source"), mortality_rows),
    "geography": TableSource(
        ("cohortPatientId", "stateProv", "postCode", "resDate", "stateProvApprox"), geography_rows),
    "encounter": TableSource(
        ("cohortPatientId", "encounterDate", "encounterType", "encounterInsType1",
         "encounterInsType2", "encounterInsType3", "encounterInsType4", "encounterInsType5"),
        encounter_rows),
    "insurance": TableSource(
        ("cohortPatientId", "insurance", "insuranceStartDate", "insuranceStopDate"), insurance_rows),
    "hospitalization": TableSource(
        ("cohortPatientId", "encounterID", "admitDate", "dischargeDate"), hospitalization_rows),
    "substance_survey": TableSource(
        ("cohortPatientId", "question", "response", "responseDate", "questionLabel",
         "responseLabel"), substance_survey_rows),
    "mental_health_survey": TableSource(
        ("cohortPatientId", "question", "response", "responseDate", "questionLabel",
         "responseLabel", "instrument", "administration"), mental_health_survey_rows),
    "procedure": TableSource(
        ("cohortPatientId", "siteProcedure", "procedureDate", "procedureResult", "source"),
        procedure_rows),
    "discharge_dx": TableSource(
        ("cohortPatientId", "dischargeDx", "dischargeDxDate", "ranking", "source", "encounterID"),
        discharge_dx_rows),
    "risk_factor": TableSource(("cohortPatientId", "risk"), risk_factor_rows),
    "census": TableSource(
        ("cohortPatientId", "resDate", "censusTract", "zcta", "county", "state", "mTractIncome",
         "mZCTAIncome", "mCountyIncome", "mStateIncome", "pTractEmployed", "pZCTAEmployed",
         "pCountyEmployed", "pStateEmployed", "pTractCollege", "pZCTACollege", "pCountyCollege",
         "pStateCollege"), census_rows),
}


def table_rows(table: Table, universe: Universe, seed: int, lab_rows: int) -> Iterator[list[str]]:
    """Every row of one table, each a list of CSV-encoded fields in the definition's order."""
    source = SOURCES.get(table.name)
    if source is None:
        raise ValueError(f"The sample generator does not know the table type {table.name!r}.")
    if source.columns != table.column_names:
        raise ValueError(
            f"The sample generator writes the {table.name} columns "
            f"{', '.join(source.columns)}, but the definitions list {', '.join(table.column_names)}.")
    rows = lab_rows if table.name == "laboratory" else round(MEAN_ROWS.get(table.name, 1) * universe.size)
    ctx = TableContext(table, universe, seed, rows, random.Random(f"{seed}/{table.name}"))
    return source.rows(ctx)


def count_rows(table: Table, universe: Universe, seed: int, lab_rows: int) -> int:
    """How many rows `table_rows` gives (by producing them: sizes of linked tables vary)."""
    if table.name == "laboratory":
        return lab_rows
    return sum(1 for _ in table_rows(table, universe, seed, lab_rows))
