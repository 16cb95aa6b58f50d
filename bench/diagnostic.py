"""Benchmark of the diagnostic path on a generated laboratory file.

    .venv/bin/python bench/diagnostic.py [--mb 500] [--keep]

Writes bench/data/diagnostic/lab_<mb>mb.csv (clean) and lab_<mb>mb_defects.csv
(the same rows plus planted structural defects at known physical lines), then
times, each in a fresh process (so peak RSS is per run):
  - the structure scan alone, and two other ways to do it (Python's csv
    module; DuckDB's rejects table, which sees neither blank lines nor
    stray quotes),
  - the whole diagnostic path on the defect file,
  - the fast path on the clean file (bare DuckDB read_csv when the fast
    pipeline is not available),
and checks that every planted defect is reported at its line.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "diagnostic"  # realistic.py writes its own lab_<mb>mb.csv into data/
HEADER = "cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source"
TESTS = [("CD4", "cells/µL", 0, 2000), ("HIV RNA", "copies/mL", 0, 10_000_000),
         ("Creatinine", "µmol/L", 20, 400), ("Hemoglobin", "g/dL", 5, 20),
         ("ALT", "U/L", 5, 300), ("Glucose", "mg/dL", 40, 400)]
INTERP = ["Normal", "High", "Low", ""]


def _row(rng: random.Random, pid: int) -> str:
    name, units, lo, hi = rng.choice(TESTS)
    value = rng.randint(lo, hi)
    result = f'">{value:,}"' if value > 1_000_000 and rng.random() < 0.5 else str(value)
    date = f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return (f"C017-{pid:07d},{name},{result},{units},{lo},{hi},"
            f"{rng.choice(INTERP)},{date},Lab{rng.randint(1, 9)}")


def generate(clean: Path, defects: Path, megabytes: int, seed: int = 7) -> dict:
    """Write both files; return the planted defects by kind -> physical lines."""
    rng = random.Random(seed)
    target = megabytes * 1_000_000
    # Pre-make a pool of rows so the generator runs at a few hundred MB/s.
    pool = [_row(rng, pid) for pid in range(1, 20_001) for _ in range(3)]
    planted: dict[str, list[int]] = {k: [] for k in
                                     ("too_many", "too_few", "stray_quote", "blank", "newline_in_value")}
    defect_every = 40_000
    with open(clean, "w", encoding="utf-8", newline="") as fc, \
            open(defects, "w", encoding="utf-8", newline="") as fd:
        fc.write(HEADER + "\n")
        fd.write(HEADER + "\n")
        line = 1
        written = 0
        batch_c, batch_d = [], []
        n = 0
        while written < target:
            row = pool[n % len(pool)]
            n += 1
            batch_c.append(row)
            written += len(row) + 1
            line += 1
            if n % defect_every == 0:
                kind = list(planted)[(n // defect_every) % len(planted)]
                planted[kind].append(line)
                if kind == "too_many":
                    batch_d.append(row + ",extra")
                elif kind == "too_few":
                    batch_d.append(row.rsplit(",", 1)[0])
                elif kind == "stray_quote":
                    batch_d.append(row.replace(",Lab", ',La"b', 1))
                elif kind == "blank":
                    batch_d.append("")
                    line += 1
                    batch_d.append(row)
                else:  # a quoted value holding a line break: one record, two lines
                    batch_d.append(row.replace(",Lab", ',"Lab\nnote",', 1).rsplit(",", 1)[0])
                    line += 1
            else:
                batch_d.append(row)
            if len(batch_c) >= 50_000:
                fc.write("\n".join(batch_c) + "\n")
                fd.write("\n".join(batch_d) + "\n")
                batch_c, batch_d = [], []
        fc.write("\n".join(batch_c) + "\n" if batch_c else "")
        fd.write("\n".join(batch_d) + "\n" if batch_d else "")
    return planted


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(job: str, path: Path) -> None:
    """Run one job in this process; print a JSON line with its figures."""
    t0 = time.perf_counter()
    out: dict = {"job": job}
    if job == "structure":
        from naaccord_desktop.engine.structure import scan_structure

        rep = scan_structure(path)
        out["problems"] = {k: [e.line for e in t.examples] for k, t in rep.tallies.items() if t.count}
        out["counts"] = {k: t.count for k, t in rep.tallies.items() if t.count}
    elif job == "csv_module":  # the pure-Python yardstick for the structure scan
        import csv

        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            width = len(next(reader))
            out["bad_records"] = sum(1 for row in reader if len(row) != width)
    elif job == "duckdb_rejects":  # DuckDB's rejects as a structure scan (no blank lines, no stray quotes)
        import duckdb

        con = duckdb.connect()
        con.execute("SELECT count(*), count(DISTINCT cohortPatientId) FROM read_csv(?, all_varchar=true, "
                    "delim=',', quote='\"', escape='\"', header=true, store_rejects=true, "
                    "rejects_table='rj', rejects_scan='rs')", [str(path)]).fetchall()
        out["bad_records"] = con.execute("SELECT count(*) FROM rj").fetchone()[0]
        con.close()
    elif job == "duckdb":
        import duckdb

        with tempfile.TemporaryDirectory() as scratch:
            con = duckdb.connect()
            con.execute(f"SET temp_directory='{scratch}'")
            con.execute("SELECT count(*), count(DISTINCT cohortPatientId) FROM read_csv(?, all_varchar=true, "
                        "delim=',', quote='\"', header=true)", [str(path)]).fetchall()
            con.close()
    else:  # "fast" or "diagnostic": the pipelines
        from naaccord_desktop.definitions.loader import load_bundled
        from naaccord_desktop.engine.pipeline import CheckOptions, SubmissionFile, check_submission
        from naaccord_desktop.engine.progress import CancelToken

        with tempfile.TemporaryDirectory() as scratch:
            options = CheckOptions(diagnose=job == "diagnostic")
            res = check_submission([SubmissionFile(path, "laboratory")], load_bundled(), options,
                                   lambda e: None, CancelToken(), scratch=Path(scratch))
            f = res.files[0]
            out["path_taken"] = f.path_taken
            out["rows"] = f.rows
            out["problems"] = {x.code: x.lines for x in f.findings if x.code.startswith("structure.")}
            out["counts"] = {x.code: x.count for x in f.findings if x.code.startswith("structure.")}
            out["stages"] = {s.key: round(s.seconds, 2) for s in f.stages}
    out["seconds"] = time.perf_counter() - t0
    out["peak_mib"] = _peak_mib()
    print(json.dumps(out))


def _run(job: str, path: Path) -> dict:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--child", job, str(path)],
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        return {"job": job, "error": proc.stderr.strip().splitlines()[-1:]}
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["wall"] = wall
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=500)
    ap.add_argument("--child", nargs=2, metavar=("JOB", "PATH"))
    ap.add_argument("--keep", action="store_true", help="keep the generated files")
    args = ap.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return 0
    DATA.mkdir(parents=True, exist_ok=True)
    clean, defects = DATA / f"lab_{args.mb}mb.csv", DATA / f"lab_{args.mb}mb_defects.csv"
    t0 = time.perf_counter()
    planted = generate(clean, defects, args.mb)
    print(f"generated {defects.stat().st_size / 1e6:.0f} MB in {time.perf_counter() - t0:.1f} s; "
          f"planted: { {k: len(v) for k, v in planted.items()} }")
    size_mb = defects.stat().st_size / 1e6
    try:
        fast_available = _has_pipeline()
        runs = [_run("structure", defects), _run("csv_module", defects), _run("duckdb_rejects", defects),
                _run("duckdb", clean)]
        if fast_available:
            runs += [_run("diagnostic", defects), _run("fast", clean)]
        for r in runs:
            if "error" in r:
                print(f"{r['job']:<15} FAILED {r['error']}")
                continue
            print(f"{r['job']:<15} {r['wall']:6.2f} s wall  {size_mb / r['wall']:6.0f} MB/s  "
                  f"peak {r['peak_mib']:5.0f} MiB" + (f"  stages (s): {r['stages']}" if "stages" in r else ""))
        by_job = {r["job"]: r for r in runs if "error" not in r}
        yardstick = by_job.get("fast") or by_job.get("duckdb")
        for job in ("structure", "diagnostic"):
            if job in by_job and yardstick:
                print(f"{job} / {yardstick['job']}: x{by_job[job]['wall'] / yardstick['wall']:.2f}")
        expect = {"structure.too_many_fields": planted["too_many"],
                  "structure.too_few_fields": planted["too_few"],
                  "structure.stray_quote": planted["stray_quote"],
                  "structure.blank_line": planted["blank"]}
        for job in ("structure", "diagnostic"):
            if job not in by_job:
                continue
            got = by_job[job]["problems"]
            ok = all(got.get(k, [])[:20] == v[:20] and by_job[job]["counts"].get(k) == len(v)
                     for k, v in expect.items())
            print(f"{job}: planted defects reported at the right lines: {'yes' if ok else 'NO'}")
    finally:
        if not args.keep:
            clean.unlink(missing_ok=True)
            defects.unlink(missing_ok=True)
    return 0


def _has_pipeline() -> bool:
    try:
        from naaccord_desktop.engine.pipeline import check_submission  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
