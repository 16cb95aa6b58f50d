"""The depot's upload decision, as its code makes it: what it refuses, and
what it accepts but stores differently from the file.

Read from the depot's repository (erikwestlund-nih/naaccord-data-depot) at
DEPOT_COMMIT, whose upload reads CSV with duckdb 0.10.0. Every rule below
names the depot function that makes it; the engine's blockers come from here
(and from the findings whose codes say the depot refuses: patient IDs,
structure). Nothing else may block: our own rules are errors and warnings.

An upload is refused when (FileUploadService.process_file_upload_secure and
CohortSubmissionDataTable.validate_file_upload, in this order): a non-patient
table comes before a patient file; the file is empty or larger than MAX_BYTES;
its suffix is not one of SUFFIXES; duckdb 0.10 cannot read it (invalid UTF-8,
a record its sniffer cannot place); no column is the patient ID (`id_column`);
or, for a non-patient table, an ID is not in the patient list the depot keeps
(`universe_column`, `id_sql`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

DEPOT_COMMIT = "42021ce47085ac9c722d721d1c1227d4c0772a54"  # 2026-01-06, duckdb==0.10.0

PATIENT_ID = "cohortPatientId"

# CohortSubmissionDataTable.validate_file_upload: `os.path.splitext(name)[1].lower()`
# must be one of these, and the size more than 0 and at most 3 GiB.
SUFFIXES = (".csv", ".tsv", ".txt")
MAX_BYTES = 3 * 1024**3

# Python's str.strip() removes exactly these; the depot strips each ID with it
# (InMemoryDuckDBExtractor.extract_patient_ids_flexible) and so do we, in SQL.
# Written out: finding them among every code point took 57 ms at each start.
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
              "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")

# duckdb 0.10 trims these (space separators) from the ends of header names, but
# not tabs, NEL or the line separator; the depot's lookup strips the rest.
DUCKDB_HEADER_TRIM = " \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"

# duckdb 0.10's sniffer reads this many rows: a record with extra empty values
# (`a,b,c,,`) among them makes it refuse the file; after them, the extra values
# are dropped and the record kept (measured with the depot's read options).
SNIFFED_ROWS = 20_480


def suffix_refused(name: str) -> bool:
    """CohortSubmissionDataTable.validate_file_upload: only the last suffix counts, any case."""
    return os.path.splitext(name)[1].lower() not in SUFFIXES


def size_refused(size: int) -> bool:
    """CohortSubmissionDataTable.validate_file_upload (an empty file is refused there too)."""
    return size > MAX_BYTES


def id_sql(cell: str) -> str:
    """SQL: a cell as the depot compares it, `str.strip()`-ed. Empty cells (NULL or
    '') are no ID at all; a cell of spaces only becomes the ID '' (never in the
    patient list, so the depot refuses the file). DuckDB's trim over 29 characters
    costs ten times a plain read, so only a cell that starts or ends with one is
    trimmed."""
    spaces = f"'{WHITESPACE}'"
    return (f"(CASE WHEN contains({spaces}, left({cell}, 1)) OR contains({spaces}, right({cell}, 1)) "
            f"THEN trim({cell}, {spaces}) ELSE {cell} END)")


def id_column(header: Sequence[str], renames: dict[str, str]) -> int | None:
    """The column the depot's upload reads patient IDs from, or None: it refuses the file.

    FileUploadService._get_patient_id_column_names gives cohortPatientId, and for a
    cohort with renames (CNICS) the file's name for it (sitePatientId);
    InMemoryDuckDBExtractor.extract_patient_ids_flexible matches them after
    `lower().strip()` of duckdb's header names: case and spaces around the name do
    not matter, spaces inside it do. Of two names that match alike, the last wins."""
    candidates = [PATIENT_ID, *(source for source, target in renames.items() if target == PATIENT_ID)]
    keys = {_duckdb_name(name).lower().strip(): i for i, name in enumerate(header)}
    return next((keys[c.lower().strip()] for c in candidates if c.lower().strip() in keys), None)


def submission_delimiter(name: str) -> str:
    """PHIStorageManager.convert_to_duckdb: the stored table is read with a tab only
    when the file name ends in `.tsv` (lower case), with a comma otherwise."""
    return "\t" if name.endswith(".tsv") else ","


def universe_column(header: Sequence[str], delimiter: str, name: str, renames: dict[str, str]) -> int | None:
    """The column the depot keeps the patient list from, or None: it keeps an empty list
    and refuses every other table's IDs (extract_patient_ids_task ->
    PatientIDExtractor._extract_from_duckdb, a few seconds after the upload, on the
    table read with `submission_delimiter`; the first column whose name, after
    DataMappingService's renames, is `cohortpatientid` in lower case, nothing stripped)."""
    if len(header) > 1 and delimiter != submission_delimiter(name):
        return None  # read with the other delimiter: one column named after the whole header
    for i, raw in enumerate(header):
        column = _duckdb_name(raw)
        renamed = next((t for s, t in renames.items() if s.lower() == column.lower()), column)
        if renamed.lower() == PATIENT_ID.lower():
            return i
    return None


def _duckdb_name(name: str) -> str:
    return name.strip(DUCKDB_HEADER_TRIM)
