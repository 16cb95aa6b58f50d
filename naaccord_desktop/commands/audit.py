"""`naaccord-desktop audit`: what on this computer holds patient data from this
app right now, and the trail of every copy it made and wiped (the window's
Privacy ▸ Audit). Starting it looks again at every copy first: a scratch
folder a crash left is wiped, an export moved or deleted is recorded as gone.

Exit 0, or 2 when the audit cannot be read or the CSV cannot be written.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

from ..engine.translation import counted
from ..reports.files import write_atomically
from ..reports.words import human_size
from ..store.audit import CREATED, Audit, Copy, Event, when_words
from ..store.paths import app_paths
from ..store.session import open_local_state

NOTHING_HELD = "Nothing: no copy of patient data made by this app is on this computer (as far as it recorded)."


def register(sub) -> None:
    p = sub.add_parser("audit", help="what holds patient data from this app now, and every copy made and wiped")
    p.add_argument("--json", action="store_true", help="print the audit as JSON")
    p.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="the trail from this day on")
    p.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="the trail up to this day (included)")
    p.add_argument("--csv", type=Path, metavar="OUT", help="also save the trail as CSV, for a privacy officer")
    p.set_defaults(run=run)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day written YYYY-MM-DD.") from None


def run(args) -> int:
    try:
        state = open_local_state(app_paths().ensure())
    except OSError as exc:
        print(f"The audit could not be opened: the app's folders could not be made "
              f"({exc.strerror or type(exc).__name__}).", file=sys.stderr)
        return 2
    try:
        if state.audit is None:
            print(f"{state.history_problem} The audit is kept in the same file, so it cannot be shown.",
                  file=sys.stderr)
            return 2
        return _show(state.audit, args)
    finally:
        state.close()


def _show(audit: Audit, args) -> int:
    present, trail = audit.present(), audit.trail(args.since, args.until)
    if args.json:
        print(json.dumps({"present": [asdict(c) for c in present],
                          "trail": [{"when": e.when, "event": e.event, "reason": e.reason, "copy": asdict(e.copy)}
                                    for e in trail]}, indent=2, ensure_ascii=False))
    else:
        print(render(present, trail))
    if args.csv:
        try:
            write_atomically(args.csv, audit.trail_csv(args.since, args.until), newline="")
        except OSError as exc:
            print(f"The trail cannot be saved as {args.csv}: {exc.strerror or exc}.", file=sys.stderr)
            return 2
        print(f"\nTrail saved as {args.csv}.", file=sys.stderr if args.json else sys.stdout)
    if audit.problem:
        print(audit.problem, file=sys.stderr)
    return 0


def render(present: list[Copy], trail: list[Event]) -> str:
    lines = [f"Holding patient data from this app now ({len(present)}):"]
    lines += [f"  {c.kind_words} ({c.check_words}), {human_size(c.size)}, made {when_words(c.created_at)}: {c.path}"
              for c in present] or [f"  {NOTHING_HELD}"]
    lines += ["", counted(len(trail), "Trail ({n} event, oldest first):", "Trail ({n} events, oldest first):")]
    width = max((len(e.words) for e in trail), default=0)
    for e in trail:
        size = "" if e.event == CREATED else f", {human_size(e.copy.size)}"
        reason = f" {e.reason}" if e.reason else ""
        lines.append(f"  {when_words(e.when)}  {e.words:<{width}}  {e.copy.kind_words} ({e.copy.check_words})"
                     f"{size}: {e.copy.path}{reason}")
    return "\n".join(lines)
