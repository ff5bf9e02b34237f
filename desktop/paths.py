"""Where Termijn keeps data, logs and cache (platformdirs; override for tests or portable use)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "Termijn"
DATA_DIR_ENV = "TERMIJN_DATA_DIR"


@dataclass(frozen=True)
class AppPaths:
    data: Path
    logs: Path
    cache: Path

    @property
    def database(self) -> Path:
        return self.data / "termijn.sqlite"

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    def ensure(self) -> AppPaths:
        """Create the directories, readable by the user only (cases hold personal data)."""
        for folder in (self.data, self.logs, self.cache, self.backups):
            folder.mkdir(parents=True, exist_ok=True)
            os.chmod(folder, 0o700)
        return self


def app_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """`--data-dir` beats TERMIJN_DATA_DIR beats the platform default; one override sets all."""
    override = data_dir or os.environ.get(DATA_DIR_ENV)
    if override:
        root = Path(override).expanduser().resolve()
        return AppPaths(data=root, logs=root / "logs", cache=root / "cache")
    dirs = PlatformDirs(APP_NAME, appauthor=False)
    return AppPaths(
        data=Path(dirs.user_data_dir),
        logs=Path(dirs.user_log_dir),
        cache=Path(dirs.user_cache_dir),
    )
