"""What `naaccord-desktop check` writes besides its summary: the exports
asked for, and the shared file of acknowledged findings."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from ..definitions.model import DefinitionSet
from ..engine.acknowledgements import Acknowledgement, merged
from ..engine.copies import CopyLog
from ..engine.result import SubmissionResult
from ..reports.acknowledgements_file import AcknowledgementsFileError, write_acknowledgements
from ..reports.html import ReportError, check_options, write_html
from ..reports.json_export import ResultFileError, write_json
from ..reports.receipt import ReceiptError, write_receipt
from ..reports.workbook import write_workbook
from ..store.history import History, HistoryError
from ..store.secrets import Secrets


def export(result: SubmissionResult, args, definitions: DefinitionSet, secrets: Secrets, copies: CopyLog) -> bool:
    """Write the exports asked for; False (after saying why) when one cannot be written.
    Those that hold patient IDs or values are reported to `copies` (the audit)."""
    try:
        if args.json:
            write_json(result, args.json, copies)
        for write, path, shareable in ((write_html, args.html, False), (write_html, args.shareable_html, True),
                                       (write_workbook, args.xlsx, False), (write_workbook, args.shareable_xlsx, True)):
            if path:  # as the window saves them: the full ones show each ID's pseudonym beside it
                write(result, path, shareable=shareable, pseudonym=secrets.pseudonym, definitions=definitions,
                      options=check_options(result.options), copies=copies)
        if args.receipt and result.cancelled:
            print("No receipt was written: the check was stopped before the end, so there is no verdict.",
                  file=sys.stderr)
            return False
        if args.receipt:
            json_path, text_path = write_receipt(result, args.receipt)
            print(f"\nReceipt: {json_path} (and {text_path.name})")
    except (ReportError, ResultFileError, ReceiptError) as exc:
        print(str(exc), file=sys.stderr)
        return False
    return True


def share_acknowledgements(history: History | None, shared: list[Acknowledgement],
                           path: Path) -> list[Acknowledgement] | None:
    """This computer's acknowledgements and the file's together, kept in the
    history and written back to the file; None (after saying why) when the file
    cannot be written."""
    try:
        acks = merged(history.acknowledgements() if history else [], shared)
        if history:
            history.acknowledge(acks)
    except (HistoryError, sqlite3.Error):
        acks = shared
        print("The acknowledgements could not be kept in the history of checks; the file's are used for this "
              "check.", file=sys.stderr)
    try:
        write_acknowledgements(acks, path)
    except AcknowledgementsFileError as exc:
        print(str(exc), file=sys.stderr)
        return None
    return acks
