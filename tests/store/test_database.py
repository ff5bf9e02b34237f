import os
import shutil
import sqlite3
import stat
from contextlib import closing
from datetime import date, timedelta

import pytest

from desktop.store import CaseQuery, CaseRepository, Problem, StorageError, engine, open_database
from desktop.store import schema as schema_module
from desktop.store.backup import (
    KEEP_DAILY,
    daily_backup,
    make_backup,
    newest_good_backup,
    restore,
)
from desktop.store.schema import APPLICATION_ID, SCHEMA, Step, Version
from tests.store.helpers import make_case


def _pragma(path, name):
    with closing(sqlite3.connect(path)) as raw:
        return raw.execute(f"PRAGMA {name}").fetchone()[0]


def test_fresh_file_is_private_stamped_and_configured(db_path, db):
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    assert _pragma(db_path, "application_id") == APPLICATION_ID
    assert _pragma(db_path, "user_version") == SCHEMA.packed
    assert _pragma(db_path, "journal_mode") == "wal"
    with db.reading() as conn:
        pragma = lambda name: conn.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL
        assert pragma("busy_timeout") >= 5000


def test_writers_take_the_lock_up_front(db):
    # BEGIN IMMEDIATE: holding a write transaction shows as a reserved lock for others.
    with (
        db.writing(),
        # The store's own driver: two SQLite libraries in one process do not see each
        # other's locks (POSIX locks are per process), so the check must use the same one.
        closing(engine.driver.connect(db.path, timeout=0)) as other,
        pytest.raises(engine.driver.OperationalError, match="locked"),
    ):
        other.execute("BEGIN IMMEDIATE")


def _filled(db_path, n=3):
    with open_database(db_path) as db:
        CaseRepository(db).save_many([make_case(reference=f"R{i}") for i in range(n)])
        with db.writing() as conn:  # a checkpoint, so the main file holds everything
            conn.execute("SELECT 1")
    with closing(sqlite3.connect(db_path)) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_not_a_database_is_refused_and_left_alone(db_path):
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"Dear IND, " * 1000)
    before = db_path.read_bytes()
    with pytest.raises(StorageError) as info:
        open_database(db_path)
    assert info.value.problem is Problem.NOT_A_DATABASE
    assert str(db_path) in str(info.value)
    assert db_path.read_bytes() == before


def test_another_apps_sqlite_file_is_refused(db_path):
    db_path.parent.mkdir(parents=True)
    with closing(sqlite3.connect(db_path)) as raw:
        raw.execute("CREATE TABLE t (x)")
        raw.commit()
    with pytest.raises(StorageError) as info:
        open_database(db_path)
    assert info.value.problem is Problem.NOT_A_DATABASE


def test_corrupt_file_names_the_newest_good_backup_and_is_not_touched(db_path):
    _filled(db_path)
    with open_database(db_path):  # makes today's backup
        pass
    # A damaged backup newer than the good one must not be offered.
    good = newest_good_backup(db_path.parent / "backups")
    assert good is not None
    bad = db_path.parent / "backups" / "termijn-29991231-000000-000000-manual.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    data = bytearray(db_path.read_bytes())
    page = _pragma(db_path, "page_size")
    for offset in range(2 * page, len(data), page):  # scribble over every page after the schema
        data[offset + 8 : offset + 200] = os.urandom(192)
    db_path.write_bytes(bytes(data))
    before = db_path.read_bytes()
    with pytest.raises(StorageError) as info:
        open_database(db_path)
    assert info.value.problem in (Problem.CORRUPT, Problem.NOT_A_DATABASE)
    assert info.value.backup == good
    assert str(good) in str(info.value) and str(db_path) in str(info.value)
    assert db_path.read_bytes() == before


def test_truncated_file_gives_a_clear_error(db_path):
    _filled(db_path, 300)
    assert "No good backup" in str(StorageError(Problem.CORRUPT, db_path))
    open_database(db_path).close()  # today's backup
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])
    before = db_path.read_bytes()
    with pytest.raises(StorageError) as info:
        open_database(db_path)
    assert info.value.problem is Problem.CORRUPT
    assert "restore" in str(info.value)
    assert db_path.read_bytes() == before


def _stamp(db_path, version):
    with closing(sqlite3.connect(db_path)) as raw:
        raw.execute(f"PRAGMA user_version = {version.packed}")
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.execute("PRAGMA journal_mode = DELETE")


def test_newer_major_schema_is_refused_byte_identical(db_path):
    _filled(db_path)
    _stamp(db_path, Version(SCHEMA.major + 1, 0))
    before = db_path.read_bytes()
    with pytest.raises(StorageError) as info:
        open_database(db_path)
    assert info.value.problem is Problem.TOO_NEW
    assert "Update Termijn" in str(info.value)
    assert db_path.read_bytes() == before
    assert not (db_path.parent / "backups").exists() or not any(
        (db_path.parent / "backups").iterdir()
    )


def test_newer_minor_schema_opens(db_path):
    _filled(db_path)
    _stamp(db_path, Version(SCHEMA.major, SCHEMA.minor + 1))
    with open_database(db_path) as db:
        assert CaseRepository(db).count() == 3


def _on_new_writer(db, monkeypatch, setup):
    """Run `setup` on every write connection made from now on (idle ones are dropped first)."""
    made = db._new_connection

    def new_connection(writer):
        raw = made(writer)
        if writer:
            setup(raw)
        return raw

    db.close()
    monkeypatch.setattr(db, "_new_connection", new_connection)


def test_read_only_file_gives_a_clear_error_on_save(db_path, monkeypatch):
    # Works as root too: SQLite refuses to write through a read-only connection.
    _filled(db_path)
    with open_database(db_path) as db:
        repo = CaseRepository(db)
        _on_new_writer(db, monkeypatch, lambda raw: raw.execute("PRAGMA query_only = ON"))
        with pytest.raises(StorageError) as info:
            repo.save(make_case())
        assert info.value.problem is Problem.READ_ONLY
        assert "nothing saved before is lost" in str(info.value)
        assert repo.count() == 3


def test_full_disk_gives_a_clear_error_and_loses_nothing(db_path, monkeypatch):
    _filled(db_path)
    with open_database(db_path) as db:
        repo = CaseRepository(db)

        def tiny_disk(raw):
            pages = raw.execute("PRAGMA page_count").fetchone()[0]
            raw.execute(f"PRAGMA max_page_count = {pages + 1}")

        _on_new_writer(db, monkeypatch, tiny_disk)
        with pytest.raises(StorageError) as info:
            repo.save_many([make_case(notes="x" * 50_000) for _ in range(20)])
        assert info.value.problem is Problem.FULL
        assert "disk is full" in str(info.value)
        assert repo.count() == 3


def test_a_failed_write_rolls_back_and_the_connection_stays_usable(db, repo):
    repo.save(make_case(reference="kept"))
    with pytest.raises(engine.driver.IntegrityError), db.writing() as conn:
        conn.execute("UPDATE case_file SET reference = 'half'")
        conn.execute("INSERT INTO case_event (case_id, position, type, day) VALUES (99, 0, 'x', 0)")
    with pytest.raises(KeyError), db.writing() as conn:
        conn.execute("UPDATE case_file SET reference = 'half'")
        raise KeyError(1)
    assert [r.reference for r in repo.rows(repo.ordered_ids(CaseQuery())).values()] == ["kept"]
    repo.save(make_case(reference="after"))  # the pooled connections are clean again
    assert repo.count() == 2


def test_daily_backups_roll_over_keeping_fourteen(db_path, db):
    folder = db_path.parent / "backups"
    with closing(db.raw()) as raw:
        start = date(2026, 1, 1)
        for i in range(20):
            daily_backup(raw, folder, start + timedelta(days=i))
    names = sorted(p.name for p in folder.glob("termijn-2026-01-*.sqlite"))
    assert len(names) == KEEP_DAILY
    assert names[-1] == "termijn-2026-01-20.sqlite"
    assert all(stat.S_IMODE((folder / n).stat().st_mode) == 0o600 for n in names)


def test_restore_checks_the_file_and_keeps_the_current_aside(db_path, tmp_path):
    _filled(db_path, 2)
    copy = tmp_path / "copy.sqlite"
    with closing(sqlite3.connect(db_path)) as raw, closing(sqlite3.connect(copy)) as out:
        raw.backup(out)
    with open_database(db_path) as db:
        CaseRepository(db).save(make_case(reference="after the copy"))
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("not a database")
    with pytest.raises(StorageError):
        restore(db_path, bogus, db_path.parent / "backups")
    with open_database(db_path) as db:
        assert CaseRepository(db).count() == 3
    aside = restore(db_path, copy, db_path.parent / "backups")
    with open_database(db_path) as db:
        assert CaseRepository(db).count() == 2
    with open_database(aside, daily_backup=False) as kept:
        assert CaseRepository(kept).count() == 3


def _smash(path):
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the header's tail and the schema page
    path.write_bytes(bytes(data))
    return bytes(data)


def test_restore_over_a_damaged_file_keeps_it_aside_and_restores(db_path):
    _filled(db_path, 2)
    folder = db_path.parent / "backups"
    good = make_backup(db_path, folder)
    damaged = _smash(db_path)
    with pytest.raises(StorageError):
        open_database(db_path)
    kept = restore(db_path, good, folder)
    assert kept.parent == db_path.parent and kept.name.startswith("termijn.sqlite.damaged-")
    assert kept.read_bytes() == damaged  # renamed, every byte kept
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    with open_database(db_path) as db:
        assert CaseRepository(db).count() == 2
    with pytest.raises(StorageError):  # still the damaged file, never repaired or deleted
        open_database(kept, backups=folder)


def test_restore_errors_do_not_claim_there_is_no_backup(db_path, tmp_path):
    _filled(db_path, 1)
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    with pytest.raises(StorageError) as info:
        restore(db_path, bogus, db_path.parent / "backups")
    assert info.value.path == bogus
    assert "restore" in str(info.value)
    assert "No good backup" not in str(info.value)
    with open_database(db_path) as db:
        assert CaseRepository(db).count() == 1


def test_migration_backs_up_first_and_each_step_is_atomic(db_path, monkeypatch):
    _filled(db_path)

    def add_column(raw):
        raw.execute("ALTER TABLE case_file ADD COLUMN guardian TEXT")

    def broken(raw):
        raw.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("step failed halfway")

    target = Version(SCHEMA.major, SCHEMA.minor + 1)
    monkeypatch.setattr(schema_module, "SCHEMA", Version(SCHEMA.major, SCHEMA.minor + 2))
    monkeypatch.setattr(
        schema_module,
        "MIGRATIONS",
        (
            *schema_module.MIGRATIONS,
            Step(target, "case_file: + guardian", add_column),
            Step(Version(SCHEMA.major, SCHEMA.minor + 2), "broken", broken),
        ),
    )
    with pytest.raises(RuntimeError, match="halfway"):
        open_database(db_path)
    # The first step is kept with its bump, the broken one left nothing behind.
    assert _pragma(db_path, "user_version") == target.packed
    with closing(sqlite3.connect(db_path)) as raw:
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master")}
        columns = {r[1] for r in raw.execute("PRAGMA table_info(case_file)")}
    assert "half_done" not in tables and "guardian" in columns
    backups = list((db_path.parent / "backups").glob(f"*before-migration-{SCHEMA}.sqlite"))
    assert len(backups) == 1
    assert _pragma(backups[0], "user_version") == SCHEMA.packed


def test_backup_copy_is_a_single_good_file(db_path, db):
    from desktop.store.backup import backup_file, is_good

    with closing(db.raw()) as raw:
        made = backup_file(raw, db_path.parent / "backups")
    assert is_good(made)
    assert not os.path.exists(f"{made}-wal")
    shutil.copy(made, db_path.parent / "moved.sqlite")
    assert is_good(db_path.parent / "moved.sqlite")
