"""Benchmark of the fast path against bare DuckDB, with the targets of issue #12.

    python bench/fast_path.py [--sizes 500,2000] [--runs 5] [--submission-mb 200] [--only CASES]

Data (bench/realistic.py, written into bench/data/ when missing): a patient
file of 40,000 patients (3 MB) and laboratory files of each size (8.6 M rows
at 500 MB, free-text results, skewed enums, 5-10% empty cells); with
--submission-mb, a 16-table submission from the sample generator of about
that size in all.

Each case runs in its own process, whole process timed (start-up and imports
included, as a coordinator pays them); the cases of one size run interleaved,
run after run, so a busy machine slows them alike. Printed: the median wall
and CPU seconds with min-max, peak RSS, and each target's ratio as the ratio
of the medians with the min-max of the per-run ratios.

  bare     bare DuckDB: SELECT DISTINCT cohortPatientId of the lab and of the
           patient file, and the anti-join (the unknown IDs)
  fast     our whole fast path on the patient and the lab file (DuckDB threads:
           one per core); also the time to the patient-ID verdict (the last
           file's Cross-check done), from the process start
  fast1    the same with --threads 1
  diag     our diagnostic path on the same files (--diagnose)
  polars   polars scan_csv(lab).select(id).unique()
  startup  `check` on the patient file alone
  old      with --old REV: the whole fast path of the engine at git revision REV
           (exported into bench/data/), to compare before and after a change
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import realistic  # noqa: E402

CASES = ("bare", "fast", "fast1", "diag", "polars", "startup")
OLD_TREE = realistic.DATA / "old_engine"
TARGETS = [  # (what, numerator case and figure, denominator case and figure, at most; negative: at least)
    ("whole fast path / bare DuckDB, wall", ("fast", "wall"), ("bare", "wall"), 2.0),
    ("whole fast path / bare DuckDB, CPU", ("fast", "cpu"), ("bare", "cpu"), 2.0),
    ("patient-ID verdict / bare DuckDB, wall", ("fast", "verdict"), ("bare", "wall"), 1.3),
    ("patient-ID verdict / bare DuckDB, CPU", ("fast", "verdict_cpu"), ("bare", "cpu"), 1.3),
    ("1 thread / one per core, whole fast path, wall", ("fast1", "wall"), ("fast", "wall"), -1.5),
    ("diagnostic path / fast path, wall", ("diag", "wall"), ("fast", "wall"), 1.5),
    ("fast path / polars, wall (for reference)", ("fast", "wall"), ("polars", "wall"), 0),
    ("engine before / now, wall", ("old", "wall"), ("fast", "wall"), 0),
    ("engine before / now, CPU", ("old", "cpu"), ("fast", "cpu"), 0),
]


# --------------------------------------------------------------------------- inside a child process


def child(case: str, files: dict[str, list[str]]) -> dict:
    if case == "bare":
        return _bare(files)
    if case == "polars":
        import polars as pl

        lab = files["laboratory"][0]
        return {"answer": pl.scan_csv(lab, infer_schema=False).select("cohortPatientId").unique().collect().height}
    return _engine(case, files)


def _bare(files: dict[str, list[str]]) -> dict:
    """Per file: the distinct IDs, and for the non-patient files the anti-join."""
    import duckdb

    con = duckdb.connect()
    patient = files["patient"][0]
    con.execute(f"CREATE TABLE p AS SELECT DISTINCT cohortPatientId AS id FROM read_csv('{patient}')")
    unknown = 0
    for table, paths in files.items():
        for path in paths if table != "patient" else []:
            unknown += con.execute(f"SELECT count(*) FROM (SELECT DISTINCT cohortPatientId AS id FROM "
                                   f"read_csv('{path}')) ANTI JOIN p USING (id)").fetchone()[0]
    return {"answer": unknown}


def _engine(case: str, files: dict[str, list[str]]) -> dict:
    from naaccord_desktop.definitions import load_bundled
    from naaccord_desktop.engine.pipeline import check_submission
    from naaccord_desktop.engine.progress import CancelToken
    from naaccord_desktop.engine.result import CheckOptions
    from naaccord_desktop.engine.run import SubmissionFile

    verdict: dict = {}
    waiting = {p for t, ps in files.items() for p in ps if t != "patient"}

    def progress(event) -> None:
        """The verdict is known when the last file's Cross-check is done."""
        if event.stage == "crosscheck" and event.kind == "done":
            waiting.discard(event.file)
            if not waiting:
                usage = resource.getrusage(resource.RUSAGE_SELF)
                verdict.update(verdict_at=time.time(), verdict_cpu=usage.ru_utime + usage.ru_stime)

    listed = [SubmissionFile(Path(p), t) for t, paths in files.items() for p in paths]
    options = CheckOptions(diagnose=case == "diag", **({"threads": 1} if case == "fast1" else {}))
    with tempfile.TemporaryDirectory(dir=realistic.DATA) as scratch:
        result = check_submission(listed, load_bundled(), options, progress, CancelToken(), scratch=Path(scratch))
    lab = next((f for f in result.files if f.table == "laboratory"), result.files[0])
    return {"answer": lab.patient_ids.not_in_patient_file, "paths": sorted({f.path_taken for f in result.files}),
            "stages": {s.key: round(s.seconds, 2) for s in lab.stages}, **verdict}


# --------------------------------------------------------------------------- the parent


def measure(case: str, files: dict[str, list[str]]) -> dict:
    """One run of a case in its own process: wall, CPU, peak RSS and what it said."""
    if case == "startup":
        command = [str(Path(sys.executable).parent / "naaccord-desktop"), "check", "--no-history",
                   *files["patient"]]
    else:
        command = [sys.executable, __file__, "--child", case, json.dumps(files)]
    env = {**os.environ, "PYTHONPATH": str(OLD_TREE)} if case == "old" else None
    start = time.time()
    with tempfile.TemporaryFile("w+") as errors:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True, env=env)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.time() - start
        if os.waitstatus_to_exitcode(status) not in (0, 1) or (case != "startup" and not out.strip()):
            errors.seek(0)
            raise SystemExit(f"case {case} failed: {out[-1000:]}{errors.read()[-2000:]}")
    said = json.loads(out) if case != "startup" else {}
    run = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024, "said": said}
    if "verdict_at" in said:
        run["verdict"] = said["verdict_at"] - start
        run["verdict_cpu"] = said["verdict_cpu"]
    return run


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f} ({min(values):.2f}-{max(values):.2f})"


def report(label: str, runs: dict[str, list[dict]]) -> None:
    print(f"\n{label}, median (min-max) of {len(next(iter(runs.values())))} interleaved runs", flush=True)
    for case, rs in runs.items():
        extra = f"  verdict {spread([r['verdict'] for r in rs])} s" if "verdict" in rs[0] else ""
        print(f"  {case:<8} wall {spread([r['wall'] for r in rs])} s  cpu {spread([r['cpu'] for r in rs])} s  "
              f"peak {max(r['rss'] for r in rs):5.0f} MiB{extra}   {rs[0]['said'].get('stages', '')}")
    for what, (top, top_figure), (bottom, bottom_figure), limit in TARGETS:
        if top not in runs or bottom not in runs:
            continue
        tops = [r[top_figure] for r in runs[top]]
        bottoms = [r[bottom_figure] for r in runs[bottom]]
        ratio = statistics.median(tops) / statistics.median(bottoms)
        per_run = [t / b for t, b in zip(tops, bottoms, strict=True)]
        aim = met = ""
        if limit:
            aim = f" (target {'>=' if limit < 0 else '<='} {abs(limit)})"
            met = " met" if (ratio >= -limit if limit < 0 else ratio <= limit) else " NOT met"
        print(f"  {what:<48} {ratio:5.2f} ({min(per_run):.2f}-{max(per_run):.2f}){aim}{met}")


def interleaved(cases: list[str], files: dict[str, list[str]], runs: int) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {c: [] for c in cases}
    for _ in range(runs):
        for case in cases:
            out[case].append(measure(case, files))
    return out


def export_old(revision: str) -> None:
    """The engine at `revision`, exported into OLD_TREE (replacing an earlier export)."""
    subprocess.run(["rm", "-rf", str(OLD_TREE)], check=True)
    OLD_TREE.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", revision, "naaccord_desktop"], cwd=HERE.parent, check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(OLD_TREE)], input=archive, check=True)


def submission(megabytes: int) -> dict[str, list[str]]:
    """The sample generator's 16 tables, about `megabytes` MB in all."""
    from naaccord_desktop.sample import write_submission

    folder = realistic.DATA / f"submission_{megabytes}mb"
    if not (folder / "laboratory.csv").exists():
        write_submission(folder, rows=megabytes * 4_000, seed=3, answer=False)  # about 250 bytes a lab row
    return {p.stem: [str(p)] for p in sorted(folder.glob("*.csv"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500", help="laboratory file sizes in MB")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default=",".join(CASES), help="cases to run, e.g. bare,fast")
    parser.add_argument("--submission-mb", type=int, default=0)
    parser.add_argument("--old", metavar="REV", help="also time the engine at this git revision")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, json.loads(args.files))))
        return
    cases = [c for c in args.only.split(",") if c]
    if args.old:
        export_old(args.old)
        cases = [*(c for c in cases if c != "old"), "old"]
    print(f"load average at the start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    patient = str(realistic.patient_file())
    for size in (int(s) for s in args.sizes.split(",") if s):
        lab = realistic.lab_file(size)
        files = {"patient": [patient], "laboratory": [str(lab)]}
        report(f"{lab.name} ({lab.stat().st_size / 1e6:.0f} MB) + patient.csv", interleaved(cases, files, args.runs))
    if args.submission_mb:
        files = submission(args.submission_mb)
        total = sum(Path(p).stat().st_size for ps in files.values() for p in ps) / 1e6
        runs = interleaved(["bare", "fast", *(["old"] if args.old else [])], files, args.runs)
        report(f"16-table submission ({total:.0f} MB)", runs)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
