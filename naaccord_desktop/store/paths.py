"""Where the app keeps things: one module over platformdirs.

Everything the app writes lives under these folders. Tests redirect them by
setting the XDG_* variables (or platformdirs' own fixture) before use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "NA-ACCORD Desktop Precheck"
APP_AUTHOR = "NA-ACCORD"


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
        for folder in (self.data, self.config, self.cache, self.logs, self.scratch_root):
            folder.mkdir(parents=True, exist_ok=True)
            if os.name == "posix":
                folder.chmod(0o700)
        return self


def app_paths() -> AppPaths:
    dirs = platformdirs.PlatformDirs(APP_NAME, APP_AUTHOR)
    return AppPaths(
        data=Path(dirs.user_data_dir),
        config=Path(dirs.user_config_dir),
        cache=Path(dirs.user_cache_dir),
        logs=Path(dirs.user_log_dir),
    )
