"""Where the app keeps things: one module over platformdirs.

Everything the app writes lives under these folders. Tests redirect them by
setting the XDG_* variables (or platformdirs' own fixture) before use. A
folder that cannot be made (a read-only disk, a name taken by a file) never
stops the app: the part that needs it says so and the rest works.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "NA-ACCORD Desktop Precheck"
APP_AUTHOR = "NA-ACCORD"
APP_DOMAIN = "naaccord.org"  # Qt's organisation domain; reversed, it begins the macOS bundle id (build.spec)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AppPaths:
    data: Path  # run history
    config: Path  # settings
    cache: Path  # scratch folders live under cache/scratch
    logs: Path

    @property
    def scratch_root(self) -> Path:
        return self.cache / "scratch"

    @property
    def history_db(self) -> Path:
        return self.data / "history.sqlite3"

    def ensure(self) -> AppPaths:
        """Make every folder that can be made (mode 0700); each user of one checks it with `usable_folder`."""
        for folder in (self.data, self.config, self.cache, self.logs, self.scratch_root):
            usable_folder(folder)
        return self


def usable_folder(folder: Path) -> bool:
    """Make `folder` if it is missing (mode 0700); False when it cannot be made or written to."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            folder.chmod(0o700)
    except OSError as exc:
        log.warning("An app folder cannot be made (%s).", type(exc).__name__)
        return False
    return os.access(folder, os.W_OK)


def private_file(path: Path) -> Path:
    """`path`, created empty if missing, readable by the user only (mode 0600) either way."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    if os.name == "posix":
        path.chmod(0o600)
    return path


def app_paths() -> AppPaths:
    dirs = platformdirs.PlatformDirs(APP_NAME, APP_AUTHOR)
    return AppPaths(
        data=Path(dirs.user_data_dir),
        config=Path(dirs.user_config_dir),
        cache=Path(dirs.user_cache_dir),
        logs=Path(dirs.user_log_dir),
    )
