"""`naaccord-desktop`: with no subcommand it opens the window (with the files
and folders given, as a double-click or "Open with" passes them); with one it
runs headless.

Each subcommand lives in its own module under `naaccord_desktop.commands`
with `register(subparsers)` and `run(args) -> int` (exit code).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from . import __version__
from .app_mutex import hold_app_mutex
from .engine.depot import SUFFIXES

COMMANDS = ("definitions", "verify-receipt", "check", "sample", "audit")
WINDOW_USAGE = "naaccord-desktop [--demo] [FILE|FOLDER ...]"


def build_parser(only: str = "") -> argparse.ArgumentParser:
    """The whole parser; `only`: with that subcommand alone (the others' modules are not imported)."""
    parser = argparse.ArgumentParser(
        prog="naaccord-desktop",
        description="Check an NA-ACCORD data submission on this computer before uploading it.",
        epilog=f"Without a command, the window opens; {WINDOW_USAGE} opens it with those files added "
               "(to the window already open, if there is one).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="open the window with the bundled sample submission loaded")
    parser.add_argument("--self-test", action="store_true",
                        help="check that this installation has every part it needs, then exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in (only,) if only else COMMANDS:
        module = importlib.import_module(f".commands.{name.replace('-', '_')}", __package__)
        module.register(sub)
    return parser


def window_parser() -> argparse.ArgumentParser:
    """`naaccord-desktop FILE|FOLDER...`: what a double-click or "Open with" runs."""
    parser = argparse.ArgumentParser(prog="naaccord-desktop", usage=WINDOW_USAGE,
                                     description="Open the window with these files and folders added.")
    parser.add_argument("--demo", action="store_true", help="with the bundled sample submission instead")
    parser.add_argument("paths", nargs="*", type=Path, metavar="FILE|FOLDER")
    return parser


def opens_files(argv: list[str]) -> bool:
    """True when the first argument that is no option names a file or folder, not a subcommand."""
    first = next((a for a in argv if not a.startswith("-")), None)
    return first is not None and first not in COMMANDS and (Path(first).exists() or _looks_like_a_path(first))


def _looks_like_a_path(text: str) -> bool:
    return any(sep in text for sep in ("/", "\\")) or Path(text).suffix.lower() in SUFFIXES


def main(argv: list[str] | None = None) -> int:
    argv = [a for a in (sys.argv[1:] if argv is None else argv) if not a.startswith("-psn_")]  # macOS Finder's
    hold_app_mutex()  # Windows: the installer waits until no process of the app runs
    if opens_files(argv):
        args = window_parser().parse_args(argv)
        from .gui.app import run_gui

        return run_gui(demo=args.demo, files=args.paths)
    args = build_parser(argv[0] if argv and argv[0] in COMMANDS else "").parse_args(argv)
    if args.self_test:
        from .selftest import run_self_test

        return run_self_test()
    if args.command is None:
        from .gui.app import run_gui

        return run_gui(demo=args.demo)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
