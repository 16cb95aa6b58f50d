"""`naaccord-desktop`: with no subcommand it opens the window; with one it runs headless.

Each subcommand lives in its own module under `naaccord_desktop.commands`
with `register(subparsers)` and `run(args) -> int` (exit code).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__
from .app_mutex import hold_app_mutex

COMMANDS = ("definitions", "verify-receipt", "check", "sample", "audit")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="naaccord-desktop",
        description="Check an NA-ACCORD data submission on this computer before uploading it.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="open the window with the bundled sample submission loaded")
    parser.add_argument("--self-test", action="store_true",
                        help="check that this installation has every part it needs, then exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f".commands.{name.replace('-', '_')}", __package__)
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    hold_app_mutex()  # Windows: the installer waits until no process of the app runs
    args = build_parser().parse_args(argv)
    if args.self_test:
        from .selftest import run_self_test

        return run_self_test()
    if args.command is None:
        from .gui.app import run_gui

        return run_gui(demo=args.demo)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
