"""Schema versions: the numbered migration steps, each version's layout, a new file's tables.

The SQLModel tables (`tables.py`) describe the newest schema; they are imported only to create
a new file (`schema_ddl`), never to open one (SQLAlchemy costs a third of a second). What an
older or the current version's file must hold is schema 1.0 as released plus the steps to it,
worked out in memory (`layout`); tests check that equals what the tables create.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.store import engine, schema_1_0
from desktop.store.engine import Connection, Shape

log = logging.getLogger("termijn.store")

APPLICATION_ID = 0x54524D4A  # "TRMJ": tells our files from any other SQLite file


@dataclass(frozen=True, order=True)
class Version:
    """Schema version; a newer minor opens in an older Termijn, a newer major does not."""

    major: int
    minor: int

    @property
    def packed(self) -> int:
        return self.major << 16 | self.minor

    @classmethod
    def unpack(cls, value: int) -> Version:
        return cls(value >> 16, value & 0xFFFF)

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}"


@dataclass(frozen=True)
class Step:
    """One numbered migration: applied in one transaction together with its version bump."""

    to: Version
    changes: str  # one line: what the step changes, e.g. "case_file: + guardian_name"
    apply: Callable[[Connection], None]


def _to_1_1(raw: Connection) -> None:
    """The key-date cache holds the inputs of the core's next step (desktop.core.nextstep)."""
    raw.execute("DROP INDEX ix_case_key_dates")
    raw.execute("ALTER TABLE case_file RENAME COLUMN kd_penalty_last_day TO kd_day_42")
    for column, kind in (
        ("kd_notice_state", "VARCHAR"),
        ("kd_window_last", "DATE"),
        ("kd_claim_due", "DATE"),
        ("kd_penalty_fixed", "DATE"),
        ("kd_remedy_until", "DATE"),
        ("kd_provisional", "BOOLEAN"),
    ):
        raw.execute(f"ALTER TABLE case_file ADD COLUMN {column} {kind}")
    raw.execute(
        "CREATE INDEX ix_case_next_step ON case_file (deleted, archived, kd_safe_notice_receipt, "
        "kd_notice_state, kd_window_last, kd_certain_from, kd_penalty_applies, kd_day_42, "
        "kd_claim_due, kd_penalty_fixed, kd_decided, kd_remedy_until, procedure)"
    )
    # Every cached row is stale now: the window recomputes them at start, with progress.
    raw.execute("UPDATE case_file SET kd_rules = ''")


def _to_1_2(raw: Connection) -> None:
    """The calendar feed's published events and the reminders' snoozes (desktop.feed)."""
    raw.execute(
        "CREATE TABLE calendar_event (case_id INTEGER NOT NULL, kind VARCHAR NOT NULL, "
        "day DATE NOT NULL, sequence INTEGER NOT NULL, digest VARCHAR NOT NULL, "
        "cancelled BOOLEAN NOT NULL, changed DATETIME NOT NULL, PRIMARY KEY (case_id, kind), "
        "FOREIGN KEY(case_id) REFERENCES case_file (id) ON DELETE CASCADE)"
    )
    raw.execute(
        "CREATE TABLE calendar_snooze (case_id INTEGER NOT NULL, until DATE NOT NULL, "
        "PRIMARY KEY (case_id), FOREIGN KEY(case_id) REFERENCES case_file (id) ON DELETE CASCADE)"
    )


def _to_1_3(raw: Connection) -> None:
    """Letters print a sponsor, family members, the purpose of stay, the contested decision."""
    raw.execute("ALTER TABLE case_file ADD COLUMN particulars VARCHAR")


SCHEMA = Version(1, 3)
# Released schemas and the steps between them; each released schema has a golden file in
# tests/fixtures/db/.
MIGRATIONS: tuple[Step, ...] = (
    Step(Version(1, 1), "case_file: the next step's key dates (+6 kd_ columns)", _to_1_1),
    Step(Version(1, 2), "+ calendar_event, calendar_snooze (calendar feed, reminders)", _to_1_2),
    Step(Version(1, 3), "case_file: + particulars (a letter's sponsor, family, purpose)", _to_1_3),
)


def pending(found: Version, target: Version | None = None) -> list[Step]:
    goal = target or SCHEMA
    return [step for step in MIGRATIONS if found < step.to <= goal]


FIRST = Version(1, 0)  # the first released schema: `schema_1_0.DDL`


def known_versions() -> set[Version]:
    """Every schema version a Termijn up to this one has written."""
    return {FIRST, *(step.to for step in MIGRATIONS)}


@functools.cache
def _layout_of(steps: tuple[Step, ...]) -> Shape:
    raw = engine.memory()
    try:
        for statement in schema_1_0.DDL:
            raw.execute(statement)
        for step in steps:
            step.apply(raw)
        return engine.shape(raw)
    finally:
        raw.close()


def layout(version: Version) -> Shape:
    """The tables and columns a file of `version` (<= SCHEMA) has: 1.0 plus the steps to it."""
    return _layout_of(tuple(pending(FIRST, version)))


def schema_ddl() -> list[str]:
    """The CREATE statements of the current schema, in dependency order."""
    # Imported here: SQLAlchemy/SQLModel only describe the schema; opening needs neither.
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable

    from desktop.store.tables import metadata

    dialect = sqlite.dialect()
    ddl: list[str] = []
    for table in metadata.sorted_tables:
        ddl.append(str(CreateTable(table).compile(dialect=dialect)).strip())
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            ddl.append(str(CreateIndex(index).compile(dialect=dialect)).strip())
    return ddl


def create_fresh(raw: Connection) -> None:
    """The newest schema's tables in an empty database, marked as ours and of this version."""
    with engine.immediate_transaction(raw):
        for statement in schema_ddl():
            raw.execute(statement)
        engine.set_marks(raw, APPLICATION_ID, SCHEMA.packed)


def version_of(raw: Connection) -> Version:
    return Version.unpack(engine.user_version(raw))


def migrate(raw: Connection, backups: Path, key: engine.Key | None = None) -> None:
    """Back up, then apply each pending step in its own transaction with its version bump.

    Call it holding the data folder's lock: two Termijns started on an old file must not both
    migrate it. Each step still checks the version inside its transaction.
    """
    found = version_of(raw)
    steps = pending(found)
    if not steps:
        return
    from desktop.store.backup import backup_file

    saved = backup_file(raw, backups, reason=f"before-migration-{found}", key=key)
    log.info("backed up before migrating from schema %s to %s: %s", found, SCHEMA, saved.name)
    # Foreign keys off: a step may rebuild a table; the check after each step guards the result.
    engine.foreign_keys(raw, on=False)
    try:
        for step in steps:
            with engine.immediate_transaction(raw):
                if version_of(raw) >= step.to:
                    continue  # another process got there first
                step.apply(raw)
                broken = engine.foreign_key_problems(raw)
                if broken:
                    raise RuntimeError(f"migration to {step.to} broke foreign keys: {broken[:3]}")
                engine.set_marks(raw, APPLICATION_ID, step.to.packed)
            log.info("migrated to schema %s (%s)", step.to, step.changes)
    finally:
        engine.foreign_keys(raw, on=True)
