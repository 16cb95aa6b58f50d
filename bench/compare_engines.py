"""Compare two versions of the engine on the same files: every finding, count,
line, value, patient-ID list and summary must be equal.

    python bench/compare_engines.py --old REV [--mb 500] [--threads N]

REV is a git revision of this repository (the engine before a change). Its
`naaccord_desktop` package is exported with `git archive` into a temporary
folder; each engine then checks, in its own process, the sample generator's
defect submission (every table, with planted rule defects) and each of its
structurally broken files against the patient file, plus, with --mb, a
realistic laboratory file of that size (bench/realistic.py) against its patient
file. Everything a result says about the files is compared; only timings,
dates and the scratch folder may differ. Exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import realistic  # noqa: E402

VOLATILE = {"seconds", "started_at", "stages", "app_version"}


def submissions(workdir: Path, megabytes: int) -> list[dict[str, list[str]]]:
    """The submissions both engines check: {table: [paths]} each."""
    sys.path.insert(0, str(ROOT))
    from naaccord_desktop.sample import write_submission

    manifest = write_submission(workdir / "sample", rows=3000, defects=True, structural=True)
    out = [{t: [str(p)] for t, p in manifest.paths.items()}]
    for f in manifest.structural_files:
        files = {f.table: [str(f.path)]}
        if f.table != "patient":
            files["patient"] = [str(manifest.paths["patient"])]
        out.append(files)
    out += edge_cases(workdir / "edges")
    if megabytes:
        out.append({"patient": [str(realistic.patient_file())],
                    "laboratory": [str(realistic.lab_file(megabytes))]})
    return out


def edge_cases(folder: Path) -> list[dict[str, list[str]]]:
    """Files that stress what the sample does not: values repeated on more rows
    than the examples show, quoted newlines, blank lines, a quote inside a value,
    a value that is not UTF-8 outside the ID column, rules over two columns."""
    folder.mkdir(parents=True)
    ph = realistic.PATIENT_HEADER
    rows = []
    for i in range(3000):
        death = f"2020-01-{i % 28 + 1:02d}" if i % 3 == 0 else ("" if i % 7 else " ")
        source = ["N", "", "D", "x"][i % 4]
        birth = ["1970", "NA", "19x0", " 1980", "2001", ""][i % 6] if i % 11 else str(1900 + i % 97)
        sex = ["Male", "", "male", "Female "][i % 4]
        rows.append(f"P{i % 2900},{sex},{'' if i % 5 else 'Woman'},{birth},White,Yes,2001-01-{i % 28 + 1:02d},"
                    f"2020-01-01,{death},{source},,,Canada,No,")
    patient = folder / "patient.csv"
    patient.write_text(ph + "\n" + "\n".join(rows) + "\n", "utf-8")
    lab_rows = []
    for i in range(5000):
        result = ['"multi\nline"', "12", "", '"a, b"'][i % 4] if i % 13 else "7"
        date = ["2020-01-15", "NA", "2020/01/15", "", "2020-02-30"][i % 5]
        lab_rows.append(f"P{i % 3100},CD4,{result},cells/uL,{i % 9 or ''},,{['Normal', 'normal', ''][i % 3]},{date},L1")
        if i % 500 == 7:
            lab_rows.append("")
    lab = folder / "laboratory.csv"
    lab.write_text(realistic.LAB_HEADER + "\n" + "\n".join(lab_rows) + "\n", "utf-8")
    quoted = folder / "laboratory_quote.csv"
    quoted.write_text(realistic.LAB_HEADER + "\n" + "\n".join(lab_rows[:200] + ['P1,CD4,"5""",u,,,,2020-01-01,L1'])
                      + "\n", "utf-8")
    latin = folder / "laboratory_latin1.csv"
    latin.write_bytes((realistic.LAB_HEADER + "\n" + "\n".join(r for r in lab_rows[:300] if r) + "\n"
                       + "P2,CD4,5,\u00b5mol/L,,,,2020-01-01,L1\n").encode("latin-1"))
    extra = folder / "laboratory_extra.csv"  # a quote in a column the definition does not have, one in an ID
    noted = "\n".join(f"{r},n{k % 3}" for k, r in enumerate(lab_rows[:400]) if r)
    extra.write_text(realistic.LAB_HEADER + ",note\n" + noted + '\nP3,CD4,1,u,,,,2020-01-01,L1,"a ""b"""\n', "utf-8")
    quoted_id = folder / "laboratory_quoted_id.csv"
    quoted_id.write_text(realistic.LAB_HEADER + "\n" + "\n".join(r for r in lab_rows[:50] if r)
                         + '\n"P""4",CD4,1,u,,,,2020-01-01,L1\n', "utf-8")
    second = folder / "patient_b.csv"  # shares some IDs with the first
    second.write_text(ph + "\n" + "\n".join(rows[::7]) + "\n", "utf-8")
    return [{"patient": [str(patient)], "laboratory": [str(lab), str(quoted)]},
            {"patient": [str(patient)], "laboratory": [str(latin)]},
            {"patient": [str(patient)], "laboratory": [str(extra)]},
            {"patient": [str(patient)], "laboratory": [str(quoted_id)]},
            {"patient": [str(patient), str(second)]}]


CHILD = """
import json, sys, tempfile
from pathlib import Path
from naaccord_desktop.definitions import load_bundled
from naaccord_desktop.engine.pipeline import check_submission
from naaccord_desktop.engine.progress import CancelToken
from naaccord_desktop.engine.result import CheckOptions
from naaccord_desktop.engine.run import SubmissionFile
jobs, threads = json.loads(sys.argv[1]), int(sys.argv[2])
out = []
for files in jobs:
    listed = [SubmissionFile(Path(p), t) for t, paths in files.items() for p in paths]
    with tempfile.TemporaryDirectory() as scratch:
        result = check_submission(listed, load_bundled(), CheckOptions(threads=threads), lambda e: None,
                                  CancelToken(), scratch=Path(scratch))
    out.append(result.to_dict())
print(json.dumps(out))
"""


def run_engine(tree: Path, jobs: list[dict], threads: int) -> list[dict]:
    done = subprocess.run([sys.executable, "-c", CHILD, json.dumps(jobs), str(threads)], cwd=tree,
                          capture_output=True, text=True, env={"PYTHONPATH": str(tree), "PATH": ""})
    if done.returncode:
        raise SystemExit(f"the engine in {tree} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def comparable(value):
    """A result without what may differ between two runs of the same engine."""
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return value


def differences(old, new, where: str = "") -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        out = []
        for k in sorted(set(old) | set(new), key=str):
            out += differences(old.get(k, "<absent>"), new.get(k, "<absent>"), f"{where}.{k}")
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [d for k, (a, b) in enumerate(zip(old, new, strict=True)) for d in differences(a, b, f"{where}[{k}]")]
    return [] if old == new else [f"{where}: {str(old)[:300]} != {str(new)[:300]}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", required=True, help="git revision of the engine to compare with")
    parser.add_argument("--mb", type=int, default=0, help="also a realistic laboratory file of this size")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        old_tree = work / "old"
        old_tree.mkdir()
        archive = subprocess.run(["git", "archive", args.old, "naaccord_desktop"], cwd=ROOT, capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old_tree)], input=archive, check=True)
        jobs = submissions(work, args.mb)
        old = comparable(run_engine(old_tree, jobs, args.threads))
        new = comparable(run_engine(ROOT, jobs, args.threads))
    found = differences(old, new)
    files = sum(len(s["files"]) for s in new)
    findings = sum(len(f["findings"]) for s in new for f in s["files"])
    for line in found:
        print(line)
    print(f"{len(jobs)} submissions, {files} files, {findings} findings: "
          f"{'identical' if not found else f'{len(found)} differences'}")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
