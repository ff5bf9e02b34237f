"""Settings kept in the case file: a key-value table, and the pending legislation switched on."""

from __future__ import annotations

from collections.abc import Iterable

from desktop.store.database import Database
from desktop.store.engine import Connection, Cursor

FLAGS_SETTING = "rules.flags"  # pending legislation switched on: "bill_35749,bill_36349"


def flags_in(conn: Connection | Cursor) -> frozenset[str]:
    """The switched-on flags, read inside the caller's transaction."""
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (FLAGS_SETTING,)).fetchone()
    return frozenset(f for f in (row[0] if row else "").split(",") if f)


class Settings:
    """Read and write settings; each write is its own transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str, default: str | None = None) -> str | None:
        with self.db.reading() as conn:
            row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def set(self, key: str, value: str) -> None:
        with self.db.writing() as conn:
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def flags(self) -> frozenset[str]:
        """The pending legislation the user switched on (cached key dates are computed with it)."""
        with self.db.reading() as conn:
            return flags_in(conn)

    def set_flags(self, flags: Iterable[str]) -> None:
        """Switch flags; every case cached with other flags is then stale (`KeyDateCache`)."""
        self.set(FLAGS_SETTING, ",".join(sorted(set(flags))))
