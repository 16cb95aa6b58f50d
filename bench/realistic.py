"""Bench data that looks like real exports: a patient file and laboratory
files of a given size, written into bench/data/ (git-ignored).

    python bench/realistic.py 500        # bench/data/lab_500mb.csv (+ patient.csv)

What makes them realistic (and the engine's work honest):
- 40,000 patients, their lab rows skewed (a few patients have hundreds of
  times the rows of most), grouped by patient as exports are;
- test names and units drawn from a Zipf-like distribution, with the
  spelling variants of real sites ("cells/uL", "CELLS/UL", "cells/µL");
- free-text results: numbers with the precision of each test, censored
  values ("<50", ">75,000" quoted because of the comma), words ("Detected",
  "see comment") and a small share of unique comments, so the result column
  has tens of thousands of distinct values;
- 5-10% empty cells in the optional columns, a few per thousand in required
  ones; 50 rows with patient IDs the patient file does not have; a few
  values with edge spaces or dates in another form, as real files have.

The files are a pure function of the size and the seed.
"""

from __future__ import annotations

import argparse
import random
import sys
from itertools import accumulate
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
PATIENTS = 40_000
UNKNOWN_ROWS = 50
BYTES_PER_ROW = 58
LAB_HEADER = "cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source"
PATIENT_HEADER = ("cohortPatientId,birthSex,presentSex,birthYear,race,hispanic,enrollDate,lastActivityDate,"
                  "deathDate,deathDateSource,subSiteID,hivNegative,BirthCountry,transgendered,LastNDIDate")

# (name, units variants, low, high, decimals, normal range)
TESTS = [
    ("CD4 Count", ["cells/uL", "cells/µL", "CELLS/UL", "cells/mm3"], 0, 2000, 0, ("500", "1500")),
    ("HIV-1 RNA", ["copies/mL", "copies/ml", "cp/mL"], 20, 10_000_000, 0, ("", "")),
    ("Hemoglobin", ["g/dL", "G/DL", "g/dl"], 5, 19, 1, ("12.0", "17.5")),
    ("Creatinine", ["mg/dL", "µmol/L", "umol/L"], 0, 15, 2, ("0.6", "1.3")),
    ("ALT", ["U/L", "IU/L", "u/L"], 3, 900, 0, ("7", "56")),
    ("AST", ["U/L", "IU/L"], 5, 800, 0, ("10", "40")),
    ("Glucose", ["mg/dL", "mmol/L"], 40, 600, 0, ("70", "110")),
    ("Albumin", ["g/dL", "g/L"], 1, 6, 1, ("3.5", "5.5")),
    ("Platelets", ["THOU/uL", "x10E3/uL", "K/uL", "10*3/uL"], 5, 900, 0, ("150", "400")),
    ("WBC", ["THOU/uL", "x10E3/uL", "K/uL"], 0, 40, 1, ("4.0", "11.0")),
    ("CD4 %", ["%", "percent"], 0, 70, 1, ("30", "60")),
    ("CD8 Count", ["cells/uL", "cells/mm3"], 50, 3000, 0, ("150", "1000")),
    ("Total Cholesterol", ["mg/dL", "mmol/L"], 80, 400, 0, ("", "200")),
    ("HDL", ["mg/dL"], 10, 120, 0, ("40", "")),
    ("LDL", ["mg/dL", "mmol/L"], 20, 300, 0, ("", "130")),
    ("Triglycerides", ["mg/dL"], 30, 2000, 0, ("", "150")),
    ("HbA1c", ["%", "mmol/mol"], 3, 16, 1, ("4.0", "5.6")),
    ("eGFR", ["mL/min/1.73m2", "mL/min/1.73 m2", "ml/min"], 5, 150, 0, (">60", "")),
    ("Hepatitis B sAg", [""], 0, 0, 0, ("", "")),
    ("Hepatitis C Ab", [""], 0, 0, 0, ("", "")),
    ("Syphilis RPR", ["titer", ""], 0, 0, 0, ("", "")),
    ("Bilirubin", ["mg/dL", "µmol/L"], 0, 20, 1, ("0.1", "1.2")),
    ("Sodium", ["mmol/L", "mEq/L"], 110, 160, 0, ("135", "145")),
    ("Potassium", ["mmol/L", "mEq/L"], 2, 7, 1, ("3.5", "5.1")),
]
WORDS = {"Hepatitis B sAg": ["Negative", "Positive", "Non-reactive", "Reactive", "negative", "NEG"],
         "Hepatitis C Ab": ["Negative", "Positive", "Non-reactive", "Reactive", "Indeterminate"],
         "Syphilis RPR": ["Non-reactive", "Reactive", "1:2", "1:4", "1:8", "1:16", "1:32", "Weakly reactive"]}
COMMENTS = ["see comment", "Specimen hemolyzed", "Test not performed", "QNS", "Cancelled", "pending",
            "Specimen clotted", "Result to follow"]
INTERPRETATIONS = [("", 40), ("Normal", 35), ("High", 9), ("Low", 7), ("Abnormal", 3), ("BLQ", 2),
                   ("normal", 1), ("H", 1), ("L", 1), ("ALQ", 0.3), ("nadir", 0.2), ("baseline", 0.2)]
SOURCES = [("L1", 60), ("L2", 20), ("L3", 9), ("", 6), ("L4", 4), ("L5", 1)]
TEST_WEIGHTS = [1 / (k + 1) ** 0.9 for k in range(len(TESTS))]


def patient_id(i: int) -> str:
    return f"C017-{i:07d}"


def write_patient(path: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    races = ["White", "Black", "Asian", "Multiracial", "Other", "Unknown", ""]
    countries = ["United States", "Canada", "Mexico", "Haiti", '"Korea, Republic of"', "", ""]
    rows = [PATIENT_HEADER]
    for i in range(PATIENTS):
        year = rng.randint(1935, 2004)
        dead = rng.random() < 0.08
        death = f"{rng.randint(2005, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if dead else ""
        rows.append(",".join([
            patient_id(i), rng.choice(["Male", "Female", "Male", "Intersex"]), "", str(year),
            rng.choice(races), rng.choice(["Yes", "No", "No", "Unknown"]),
            f"{year + rng.randint(18, 40)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "2024-01-15", death, rng.choice(["N", "D", "U"]) if dead else "", "", "",
            rng.choice(countries), rng.choice(["No", "No", "Yes", ""]), ""]))
    path.write_text("\n".join(rows) + "\n", "utf-8")


def _weighted(rng: random.Random, pairs: list[tuple[str, float]], n: int) -> list[str]:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights, k=n)


def _result(rng: random.Random, test: tuple) -> str:
    name, _, low, high, decimals, _ = test
    roll = rng.random()
    if roll < 0.002:
        return f"{rng.choice(COMMENTS)}: ref {rng.randint(10_000, 99_999_999)}"  # unique free text
    if roll < 0.01:
        return rng.choice(COMMENTS)
    if name in WORDS:
        return rng.choice(WORDS[name])
    if name == "HIV-1 RNA":
        if roll < 0.55:
            return rng.choice(["<20", "<50", "<40", "Not detected", "<20", "<50", "Detected <20"])
        value = int(10 ** rng.uniform(1.3, 7))
        return f'">{value:,}"' if value > 5_000_000 else str(value)
    value = rng.triangular(low, high, low + (high - low) / 4)
    text = f"{value:.{decimals}f}"
    return f"<{text}" if roll > 0.995 else text


def _date(rng: random.Random) -> str:
    year = rng.randint(2000, 2024)
    if rng.random() < 0.0005:
        return f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/{year}"  # another form: a rule finds it
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _rows_per_patient(rng: random.Random, rows: int) -> list[int]:
    weights = [rng.paretovariate(1.5) for _ in range(PATIENTS)]
    total = sum(weights)
    counts = [max(1, int(rows * w / total)) for w in weights]
    counts[0] += rows - sum(counts)
    if counts[0] < 1:
        raise ValueError("file too small for the patient count")
    return counts


def write_lab(path: Path, megabytes: int, seed: int = 1) -> None:
    """About `megabytes` MB of lab rows grouped by patient."""
    rng = random.Random(seed * 1000 + megabytes)
    rows = megabytes * 1_000_000 // BYTES_PER_ROW
    counts = _rows_per_patient(rng, rows - UNKNOWN_ROWS)
    unknown_after = set(rng.sample(range(PATIENTS), UNKNOWN_ROWS))
    cumulative = list(accumulate(TEST_WEIGHTS))
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(LAB_HEADER + "\n")
        batch: list[str] = []
        for p, n in enumerate(counts):
            pid = patient_id(p)
            tests = rng.choices(TESTS, cum_weights=cumulative, k=n)
            interpretations = _weighted(rng, INTERPRETATIONS, n)
            sources = _weighted(rng, SOURCES, n)
            for test, interpretation, source in zip(tests, interpretations, sources, strict=True):
                name, units, _, _, _, (lo, hi) = test
                unit = rng.choice(units) if rng.random() > 0.06 else ""
                if rng.random() < 0.08:
                    lo = hi = ""
                row_pid = pid if rng.random() > 0.0002 else f" {pid}"  # an edge space, now and then
                batch.append(f"{row_pid},{name},{_result(rng, test)},{unit},{lo},{hi},{interpretation},"
                             f"{_date(rng)},{source}")
            if p in unknown_after:
                batch.append(f"X999-{p:07d},CD4 Count,350,cells/uL,500,1500,Low,{_date(rng)},L1")
            if len(batch) > 200_000:
                out.write("\n".join(batch) + "\n")
                batch = []
        if batch:
            out.write("\n".join(batch) + "\n")


def lab_file(megabytes: int) -> Path:
    """bench/data/lab_<mb>mb.csv, written when missing."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"lab_{megabytes}mb.csv"
    if not path.exists():
        partial = path.with_suffix(".partial")
        write_lab(partial, megabytes)
        partial.rename(path)
    return path


def patient_file() -> Path:
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / "patient.csv"
    if not path.exists():
        write_patient(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("megabytes", type=int, nargs="+")
    args = parser.parse_args()
    print(patient_file())
    for mb in args.megabytes:
        print(lab_file(mb), file=sys.stdout, flush=True)


if __name__ == "__main__":
    main()
