"""The precheck receipt: a small JSON file (and a readable .txt twin) that says
which files were checked, against which definitions, with which verdict. The
depot, or anyone, can recompute the SHA-256 of an uploaded file and compare.

The receipt holds no patient IDs and no cell values: names, sizes, hashes,
versions, verdicts, counts, and the findings the site acknowledged (code,
column the definitions name, and the coordinator's note with any ID or value
the check knows taken out: engine/privacy.py). It is not signed: it proves
which bytes were checked, not who checked them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path, PurePath

from ..engine.inspect import file_digest
from ..engine.privacy import REMOVED, redacted
from ..engine.result import SubmissionResult
from .files import save
from .words import counts_words, verdict_label, verdict_sentence

RECEIPT_SCHEMA = "naaccord-precheck-receipt/1"


class ReceiptError(Exception):
    """A receipt cannot be written or read; the message is for the coordinator."""


@dataclass
class FileCheck:
    """The outcome of comparing one file with a receipt."""

    path: Path
    status: str  # "match" | "changed" | "not_in_receipt" | "unreadable"
    message: str
    entry: dict | None = None  # the receipt's entry for the file, when there is one

    @property
    def matches(self) -> bool:
        return self.status == "match"


def build_receipt(result: SubmissionResult) -> dict:
    _refuse_unfingerprinted(result)
    entries = []
    noted = redacted(result, lambda _id: REMOVED)  # an acknowledgement's note is the coordinator's free text
    for f, shown in zip(result.files, noted.files, strict=True):
        entries.append({
            "name": PurePath(f.path).name,
            "size": f.size,
            "sha256": f.sha256,
            "table": f.table,
            "cohort": result.cohort,
            "definitions_version": result.definitions_version,
            "app_version": result.app_version,
            "verdict": f.verdict,
            "findings": f.counts_by_severity(),
            "rows": f.rows,
            "checked_at": result.started_at,
            "acknowledged": [{"code": x.code, "severity": x.severity, "column": x.acknowledged.column,
                              "note": x.acknowledged.note, "since": x.acknowledged.since}
                             for x in shown.findings if x.acknowledged],
        })
    return {
        "schema": RECEIPT_SCHEMA,
        "verdict": result.verdict,
        "complete": not result.cancelled,
        "checked_at": result.started_at,
        "files": entries,
    }


def write_receipt(result: SubmissionResult, path: Path) -> tuple[Path, Path]:
    """Write the receipt to `path` (JSON) and its readable twin next to it (.txt)."""
    receipt = build_receipt(result)
    path = Path(path)
    if path.suffix.lower() == ".txt":
        path = path.with_suffix(".json")
    text_path = path.with_suffix(".txt")
    save(path, json.dumps(receipt, indent=2, ensure_ascii=False) + "\n", ReceiptError, "The receipt")
    save(text_path, receipt_text(receipt), ReceiptError, "The receipt")
    return path, text_path


def receipt_text(receipt: dict) -> str:
    lines = ["NA-ACCORD precheck receipt", "=" * 26, ""]
    if not receipt["complete"]:
        lines += ["This check was CANCELLED before it finished: it is not proof that the",
                  "files are ready to upload.", ""]
    lines += [f"Submission verdict: {verdict_sentence(receipt['verdict'])}",
              f"Checked at:         {receipt['checked_at']}", ""]
    for entry in receipt["files"]:
        lines += [
            f"File:        {entry['name']}",
            f"  Size:        {entry['size']:,} bytes",
            f"  SHA-256:     {entry['sha256']}",
            f"  Table type:  {entry['table']}",
            f"  Cohort:      {entry['cohort'] or 'none chosen'}",
            f"  Definitions: {entry['definitions_version']}",
            f"  App version: {entry['app_version']}",
            f"  Verdict:     {verdict_sentence(entry['verdict'])}",
            f"  Findings:    {counts_words(entry['findings'])}",
            *(f"  Acknowledged: {a['code']}{' in ' + a['column'] if a['column'] else ''} "
              f"({a['severity']}, since {a['since'][:10]}): {a['note']}" for a in entry.get("acknowledged", [])),
            "",
        ]
    lines += ["To confirm that a file is the one that was checked, compute its SHA-256",
              "(for example `naaccord-desktop verify-receipt RECEIPT FILE`, `sha256sum FILE`",
              "or `certutil -hashfile FILE SHA256`) and compare it with the value above.", ""]
    return "\n".join(lines)


def read_receipt(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReceiptError(f"The receipt {Path(path).name} cannot be opened: "
                           f"{exc.strerror or exc}.") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ReceiptError(f"{Path(path).name} is not a precheck receipt (it is not the JSON "
                           "file the app writes; the .txt twin cannot be verified).") from None
    files = data.get("files") if isinstance(data, dict) else None
    if (not isinstance(data, dict) or data.get("schema") != RECEIPT_SCHEMA
            or not isinstance(files, list) or not all(isinstance(f, dict) for f in files)):
        raise ReceiptError(f"{Path(path).name} is not a precheck receipt this version can read.")
    return data


def verify_receipt(receipt_path: Path, files: list[Path]) -> list[FileCheck]:
    """Recompute each file's SHA-256 (streamed) and compare it with the receipt:
    first with the entry of the same name, else with any entry (a renamed file)."""
    entries = read_receipt(receipt_path)["files"]
    by_hash = {e.get("sha256"): e for e in entries}
    checks = []
    for path in map(Path, files):
        try:
            digest = file_digest(path)
        except OSError as exc:
            checks.append(FileCheck(path, "unreadable",
                                    f"{path.name} cannot be read: {exc.strerror or exc}."))
            continue
        same_name = [e for e in entries if e.get("name") == path.name]
        checks.append(_compare(path, digest, same_name, by_hash.get(digest)))
    return checks


def _compare(path: Path, digest: str, same_name: list[dict], same_hash: dict | None) -> FileCheck:
    entry = next((e for e in same_name if e.get("sha256") == digest), None)
    if entry is not None:
        return FileCheck(path, "match", f"{path.name} is the file that was checked "
                                        f"({_outcome(entry)}).", entry)
    if same_hash is not None:
        return FileCheck(path, "match", f"{path.name} is the file that was checked under the "
                                        f"name {same_hash.get('name')} ({_outcome(same_hash)}).",
                         same_hash)
    if same_name:
        return FileCheck(path, "changed", f"{path.name} has changed since it was checked "
                                          "(its SHA-256 differs); check it again.", same_name[0])
    return FileCheck(path, "not_in_receipt", f"{path.name} is not in this receipt.")


def _refuse_unfingerprinted(result: SubmissionResult) -> None:
    """A receipt names every file by a SHA-256 that is the file's as it was checked."""
    def named(test) -> list[str]:
        return [PurePath(f.path).name for f in result.files if test(f)]

    def said(f, code: str) -> bool:
        return any(x.code == code for x in f.findings)

    unhashed = named(lambda f: said(f, "file.unhashed"))
    missing = named(lambda f: not f.sha256)
    changed = named(lambda f: said(f, "file.changed"))
    if unhashed:
        why = (f"{', '.join(unhashed)} could not be read again for {'its' if len(unhashed) == 1 else 'their'} "
               "SHA-256 fingerprint after the check. Close the programs that use it, then check again.")
    elif missing:
        why = (f"the check did not get far enough to fingerprint {', '.join(missing)}. Run the check again and "
               "let it finish.")
    elif changed:
        why = (f"{', '.join(changed)} changed while {'it was' if len(changed) == 1 else 'they were'} checked, so "
               "the fingerprint may not be that of the file you upload. Check again once the file is complete.")
    else:
        return
    raise ReceiptError(f"No receipt can be written: {why}")


def _outcome(entry: dict) -> str:
    return (f"as {entry.get('table')}, verdict {verdict_label(str(entry.get('verdict')))}, "
            f"definitions {entry.get('definitions_version')}")

