"""`naaccord-desktop sample OUTDIR`: write a synthetic submission (optionally with known defects)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..reports.words import human_size
from ..sample import DEFAULT_ROWS, DEFAULT_SEED, write_submission


def register(sub) -> None:
    p = sub.add_parser(
        "sample",
        help="write a synthetic submission (all table types) for trying the app or testing it",
        description="Write one synthetic CSV file per table type into OUTDIR, all about the same "
                    "made-up patients, plus answers.json: the findings a correct check must report.",
    )
    p.add_argument("outdir", type=Path, help="folder to write into (created if needed)")
    p.add_argument("--rows", type=_positive, default=DEFAULT_ROWS,
                   help=f"rows of the laboratory file, the biggest one (default {DEFAULT_ROWS}); "
                        "the other files grow with the number of patients, one per ten rows")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED,
                   help="the same seed always gives the same files")
    p.add_argument("--defects", action="store_true",
                   help="plant known rule defects (bad values, dates, IDs, headers)")
    p.add_argument("--structural", action="store_true",
                   help="also write files with broken structure under OUTDIR/structural")
    p.add_argument("--tables", type=_names, metavar="A,B",
                   help="only these table types (comma-separated)")
    p.set_defaults(run=run)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def run(args) -> int:
    try:
        manifest = write_submission(args.outdir, rows=args.rows, seed=args.seed, defects=args.defects,
                                    tables=args.tables, structural=args.structural)
    except ValueError as exc:
        print(exc)
        return 2
    except OSError as exc:
        print(f"Could not write to {args.outdir}: {exc.strerror or exc}.")
        return 2
    print(f"Wrote a synthetic submission about {manifest.patients:,} patients "
          f"(seed {manifest.seed}) to {manifest.outdir}:")
    for f in manifest.files:
        name = f.path.relative_to(manifest.outdir).as_posix()
        print(f"  {name:<42} {f.table:<26} {f.records:>12,} rows {human_size(f.size):>10}  {f.format}")
    if manifest.answer_file:
        total = sum(manifest.counts.values())
        print(f"Answer file: {manifest.answer_file} ({total:,} expected findings)")
        for code, n in manifest.counts.items():
            print(f"  {code:<28} {n:>8,}")
    return 0
