"""Each released schema's golden file migrates to the newest and then equals a fresh schema."""

import shutil
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest

from desktop.core.casefile import parse_case_file
from desktop.store import SCHEMA, CaseRepository, Version, open_database
from desktop.store.schema import MIGRATIONS

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "db"
GOLDEN_FILES = sorted(GOLDEN.glob("v*.sqlite"))


def schema_of(path):
    """Tables, columns, indexes and foreign keys as data (ALTER TABLE changes the SQL text)."""
    with closing(sqlite3.connect(path)) as raw:
        tables = [
            r[0]
            for r in raw.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        shape = {}
        for table in tables:
            indexes = {}
            for _, name, unique, origin, partial in raw.execute(f"PRAGMA index_list({table})"):
                columns = [r[2] for r in raw.execute(f"PRAGMA index_info({name})")]
                indexes[name] = (unique, origin, partial, columns)
            shape[table] = {
                "columns": [r[1:] for r in raw.execute(f"PRAGMA table_xinfo({table})")],
                "indexes": indexes,
                "foreign_keys": [r[2:] for r in raw.execute(f"PRAGMA foreign_key_list({table})")],
            }
        shape["user_version"] = raw.execute("PRAGMA user_version").fetchone()[0]
        shape["application_id"] = raw.execute("PRAGMA application_id").fetchone()[0]
        return shape


def test_there_is_a_golden_file_for_the_current_schema():
    assert GOLDEN / f"v{SCHEMA.major}.{SCHEMA.minor}.sqlite" in GOLDEN_FILES
    released = {Version(1, 0), *(step.to for step in MIGRATIONS)}
    have = {Version(*map(int, p.stem[1:].split("."))) for p in GOLDEN_FILES}
    assert released == have


@pytest.mark.parametrize("golden", GOLDEN_FILES, ids=lambda p: p.stem)
def test_golden_file_migrates_to_the_fresh_schema(golden, tmp_path):
    migrated = tmp_path / "old" / "termijn.sqlite"
    migrated.parent.mkdir()
    shutil.copy(golden, migrated)
    fresh = tmp_path / "fresh" / "termijn.sqlite"
    with open_database(migrated) as db:
        repo = CaseRepository(db)
        assert repo.count() == 2  # the third seed case is in the bin
        assert repo.get_setting("language") == "nl"
        first = repo.get(1)
        sys.path.insert(0, str(GOLDEN))
        try:
            from make_golden import SEED_CASES
        finally:
            sys.path.remove(str(GOLDEN))
        assert first.case_file == parse_case_file(SEED_CASES[0])
        assert list(first.notice_proofs.values())[0].tracking_number == "3SABCD1234567NL"
        assert len(repo.documents(1)) == 1
        assert repo.get(3, include_deleted=True).deleted
    open_database(fresh).close()
    assert schema_of(migrated) == schema_of(fresh)
    if Version(*map(int, golden.stem[1:].split("."))) < SCHEMA:
        assert list((migrated.parent / "backups").glob("*before-migration-*.sqlite"))


def test_schema_1_0_as_frozen_is_the_released_one(tmp_path):
    from desktop.store.schema import APPLICATION_ID
    from desktop.store.schema_1_0 import DDL

    made = tmp_path / "base.sqlite"
    with closing(sqlite3.connect(made)) as raw:
        for statement in DDL:
            raw.execute(statement)
        raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        raw.execute(f"PRAGMA user_version = {Version(1, 0).packed}")
        raw.commit()
    assert schema_of(made) == schema_of(GOLDEN / "v1.0.sqlite")


@pytest.mark.parametrize("golden", GOLDEN_FILES, ids=lambda p: p.stem)
def test_the_layout_checked_on_open_is_each_golden_files(golden):
    from desktop.store.engine import shape
    from desktop.store.schema import layout

    version = Version(*map(int, golden.stem[1:].split(".")))
    with closing(sqlite3.connect(f"{golden.as_uri()}?mode=ro", uri=True)) as raw:
        assert layout(version) == shape(raw)


def test_the_layout_checked_on_open_is_what_the_tables_create():
    from desktop.store.engine import shape
    from desktop.store.schema import layout, schema_ddl

    with closing(sqlite3.connect(":memory:")) as raw:
        for statement in schema_ddl():
            raw.execute(statement)
        assert layout(SCHEMA) == shape(raw)
