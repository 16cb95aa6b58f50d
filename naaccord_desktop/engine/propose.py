"""Which table a file holds, from its name and its header, before any check."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..definitions.model import DefinitionSet
from . import messages
from .depot import SUFFIXES  # the depot takes these (a folder adds only them)
from .header import fold
from .inspect import read_head
from .translation import _


def propose_table(path: Path, definitions: DefinitionSet) -> str | None:
    """The table type a file most likely holds: by its name, then by its header.
    None for a folder; `why_unproposable` says why in plain words."""
    if path.is_dir():
        return None
    stem = "".join(ch for ch in path.stem.lower() if ch.isalnum())
    by_name = [t for t in definitions.tables if t.replace("_", "") in stem]
    if by_name:
        return max(by_name, key=len)
    try:
        header = {fold(h) for h in read_head(path).header}
    except OSError:
        return None
    best, best_score = None, 0.5
    for name, table in definitions.tables.items():
        names = {fold(c) for c in table.column_names}
        score = len(names & header) / len(names)
        if score > best_score or (score == best_score and best is not None and
                                  len(names) > len(definitions.tables[best].columns)):
            best, best_score = name, score
    return best


def why_unproposable(path: Path) -> str:
    """Plain words for a file whose table type `propose_table` could not tell."""
    try:
        head = read_head(path)
    except OSError as exc:
        return messages.cannot_open(path, exc, during=False)[0]
    if head.size == 0:
        return _("{file} is empty, so its header cannot tell which table it holds.").format(file=path.name)
    if head.binary:
        return _("{file} is not a text file: it looks like {kind}.").format(file=path.name, kind=head.binary)
    if not any(h.strip() for h in head.header):
        return _("{file} has no header line, so it cannot tell which table it holds.").format(file=path.name)
    return _("Neither the name nor the header of {file} matches a table: fewer than half of any "
             "table's columns are in its header. Choose its table type yourself.").format(file=path.name)


@dataclass
class Gathered:
    """The files a list of paths stands for, and what could not be looked at, in plain words."""

    files: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def gather(paths: list[Path]) -> Gathered:
    """Files as given, folders as the data files in them (not their subfolders).
    Never raises for a path that is missing or that the system will not open."""
    out = Gathered()
    for path in paths:
        try:
            if not path.is_dir():
                if path.is_file():
                    out.files.append(path)
                else:
                    out.problems.append(_("File not found: {path}").format(path=path))
                continue
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
        except OSError as exc:
            out.problems.append(_cannot_look(path, exc))
            continue
        if not found:
            out.problems.append(_("The folder {path} holds no .csv, .tsv or .txt file.").format(path=path))
        out.files.extend(found)
    return out


def _cannot_look(path: Path, exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return _("{path} cannot be opened: this computer does not allow your account to look into it. "
                 "Ask for read access, or copy the files to a folder of your own.").format(path=path)
    return _("{path} cannot be opened (the system refused it: is it on a drive that was disconnected?).").format(
        path=path)
