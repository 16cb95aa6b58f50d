"""Per-user settings: a small JSON file in the config folder.

A missing, unreadable or partly wrong file never stops the app: each value
that cannot be used falls back to its default (and the log says which key).
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from ..engine.result import CheckOptions, every_core
from ..engine.translation import LANGUAGES, _
from .paths import AppPaths, app_paths

log = logging.getLogger(__name__)

FILE_NAME = "settings.json"
MEMORY_LIMIT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$", re.IGNORECASE)
UNIT_BYTES = {"kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12,
              "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}  # as DuckDB counts them
MIN_MEMORY_MB = 128
SCRATCH_SUBFOLDER = "NA-ACCORD Precheck scratch"
MAX_THREADS = 64
MAX_IDLE_MINUTES = 24 * 60
MAX_KEEP_DAYS = 10 * 365
SYSTEM_LANGUAGE = "system"


@dataclass
class Settings:
    cohort: str = ""
    idle_wipe_minutes: int = 15  # 0 = never wipe on idle
    memory_limit: str = CheckOptions.memory_limit  # DuckDB memory_limit: one default for the window and `check`
    threads: int = field(default_factory=every_core)  # DuckDB threads
    scratch_location: str = ""  # a folder chosen by the user; "" = under the app's cache
    keep_days: int = 365  # run history and audit records older than this are forgotten at start
    language: str = SYSTEM_LANGUAGE  # the window's language: the system's, or one of LANGUAGES

    def scratch_root(self, paths: AppPaths) -> Path:
        """Scratch always gets a folder of its own, so wiping it never touches
        anything else in a folder the user picked."""
        return Path(self.scratch_location) / SCRATCH_SUBFOLDER if self.scratch_location else paths.scratch_root

    def problems(self) -> list[str]:
        """Plain-words reasons why these values cannot be used (empty when fine)."""
        out = [p for p in (memory_limit_problem(self.memory_limit), threads_problem(self.threads)) if p]
        if not 0 <= self.idle_wipe_minutes <= MAX_IDLE_MINUTES:
            out.append(_("The idle wipe must be between 0 (never) and {most} minutes.").format(most=MAX_IDLE_MINUTES))
        if not 1 <= self.keep_days <= MAX_KEEP_DAYS:
            out.append(_("The history and audit must be kept between 1 and {most} days.").format(most=MAX_KEEP_DAYS))
        if self.scratch_location and not Path(self.scratch_location).is_absolute():
            out.append(_("The scratch location must be a full folder path."))
        if self.language != SYSTEM_LANGUAGE and self.language not in LANGUAGES:
            out.append(_("The language must be the system's or one the app has."))
        return out


def memory_limit_problem(text: str) -> str | None:
    """Why DuckDB should not be given this memory limit, in plain words (None: fine)."""
    match = MEMORY_LIMIT.match(text or "")
    if not match:
        return _("The memory limit must be a number with a unit, such as 2GB or 512MB.")
    if float(match[1]) * UNIT_BYTES[match[2].lower()] < MIN_MEMORY_MB * UNIT_BYTES["mb"]:
        return _("The memory limit must be at least {least}MB; 1GB or more is best.").format(least=MIN_MEMORY_MB)
    return None


def threads_problem(threads: int) -> str | None:
    """Why DuckDB should not be given this many threads (None: fine)."""
    if isinstance(threads, bool) or not isinstance(threads, int) or not 1 <= threads <= MAX_THREADS:
        return _("Threads must be a whole number between 1 and {most}.").format(most=MAX_THREADS)
    return None


def settings_file(paths: AppPaths | None = None) -> Path:
    return (paths or app_paths()).config / FILE_NAME


def load_settings(paths: AppPaths | None = None) -> Settings:
    path = settings_file(paths)
    try:
        raw = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("Settings file unreadable (%s); using defaults.", type(exc).__name__)
        return Settings()
    if not isinstance(raw, dict):
        log.warning("Settings file is not a JSON object; using defaults.")
        return Settings()
    return _from_dict(raw)


def save_settings(settings: Settings, paths: AppPaths | None = None) -> Path:
    """Write atomically (temporary file, then rename), readable by the user only."""
    problems = settings.problems()
    if problems:
        raise ValueError(" ".join(problems))
    path = settings_file(paths)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(asdict(settings), out, indent=2)
    os.replace(tmp, path)
    return path


def _from_dict(raw: dict) -> Settings:
    defaults = Settings()
    values = {}
    for f in fields(Settings):
        if f.name not in raw:
            continue
        value, default = raw[f.name], getattr(defaults, f.name)
        if type(value) is not type(default):
            log.warning("Setting %r has the wrong type; using its default.", f.name)
            continue
        candidate = Settings(**{f.name: value})
        if candidate.problems():
            log.warning("Setting %r is out of range; using its default.", f.name)
            continue
        values[f.name] = value
    return Settings(**values)
