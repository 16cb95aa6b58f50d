"""`naaccord-desktop verify-receipt RECEIPT FILE...`: are these the files that were checked?

Exit code 0 when every file matches the receipt, 1 when one has changed or is
not in it, 2 when the receipt or a file cannot be read.
"""

from __future__ import annotations

from pathlib import Path

from ..reports.receipt import ReceiptError, read_receipt, verify_receipt

MARK = {"match": "OK     ", "changed": "CHANGED", "not_in_receipt": "UNKNOWN", "unreadable": "ERROR  "}


def register(sub) -> None:
    p = sub.add_parser("verify-receipt",
                       help="recompute the SHA-256 of files and compare them with a precheck receipt")
    p.add_argument("receipt", type=Path, help="the receipt (.json) written after the check")
    p.add_argument("files", type=Path, nargs="+", metavar="FILE", help="the files to compare")
    p.set_defaults(run=run)


def run(args) -> int:
    try:
        receipt = read_receipt(args.receipt)
        checks = verify_receipt(args.receipt, args.files)
    except ReceiptError as exc:
        print(exc)
        return 2
    if not receipt.get("complete", False):
        print("Note: this receipt is from a check that was cancelled before it finished; "
              "it does not show that the files are ready.")
    for check in checks:
        print(f"{MARK[check.status]} {check.message}")
    if any(c.status == "unreadable" for c in checks):
        return 2
    if all(c.matches for c in checks):
        given = {(c.entry.get("name"), c.entry.get("sha256")) for c in checks}
        not_given = [e.get("name", "?") for e in receipt["files"]
                     if (e.get("name"), e.get("sha256")) not in given]
        if not_given:
            print(f"The files given are the ones that were checked. The receipt also lists "
                  f"{', '.join(not_given)}, which {'was' if len(not_given) == 1 else 'were'} not given.")
        else:
            print("All files are the ones that were checked.")
        return 0
    print("Some files are not the ones that were checked.")
    return 1
