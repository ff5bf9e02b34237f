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
        """Create the missing directories, readable by the user only (cases hold personal data).

        Existing folders keep the permissions the user gave them; a folder that cannot be made
        is left to whoever needs it to report (the store says why it cannot open the file).
        """
        for folder in (self.data, self.logs, self.cache, self.backups):
            try:
                make_private_dir(folder)
            except OSError:
                continue
        return self


def make_private_dir(folder: Path) -> None:
    """Create `folder` and any missing parents with mode 0700; never touch an existing one.

    `Path.mkdir(parents=True)` would give the parents the default mode, and `mode` is masked by
    the umask; each folder made here is set to 0700 right after it is made (it is ours).
    """
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for made in reversed(missing):
        try:
            made.mkdir(mode=0o700)
        except FileExistsError:
            continue  # another process made it meanwhile: theirs is as private as ours
        os.chmod(made, 0o700)


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
