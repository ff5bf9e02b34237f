"""Wrong passphrases slow down: five tries free, then each wait doubles (up to five minutes).

The count is kept in the cache folder (never beside the case file, which a wrong try must leave
byte for byte as it was), so a script that loops over `termijn` is slowed down as well as the
lock screen. It only slows a guesser at this computer; the KDF is what stops one with a copy.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

FREE_TRIES = 5
FIRST_WAIT_S = 2.0
MAX_WAIT_S = 300.0
FORGET_AFTER_S = 24 * 3600  # a day without tries starts the count again


@dataclass
class Throttle:
    path: Path | None = None  # None: in memory only (tests, a one-off check)
    failures: int = 0
    last: float = 0.0

    def __post_init__(self) -> None:
        if self.path is None:
            return
        with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.failures, self.last = int(data["failures"]), float(data["last"])

    def wait(self, now: float | None = None) -> float:
        """Seconds before the next try is allowed (0: now)."""
        now = time.time() if now is None else now
        if now - self.last > FORGET_AFTER_S:
            self.failures = 0
        if self.failures < FREE_TRIES:
            return 0.0
        delay = min(FIRST_WAIT_S * 2.0 ** (self.failures - FREE_TRIES), MAX_WAIT_S)
        return max(0.0, self.last + delay - now)

    def failed(self, now: float | None = None) -> None:
        self.failures += 1
        self.last = time.time() if now is None else now
        self._save()

    def succeeded(self) -> None:
        if self.failures:
            self.failures = 0
            self._save()

    def _save(self) -> None:
        if self.path is None:
            return
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.partial")
            temp.write_text(
                json.dumps({"failures": self.failures, "last": self.last}), encoding="utf-8"
            )
            os.replace(temp, self.path)
