"""Files that are not what they say: refused with a clear message, left byte for byte as found.

Each state is opened and restored from; afterwards every file in the folder is unchanged (no
journal-mode switch, no WAL left beside it, no backup of it taken).
"""

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from desktop.store import CaseRepository, Problem, StorageError, open_database
from desktop.store import schema as schema_module
from desktop.store.backup import make_backup, restore
from desktop.store.checks import check_file
from desktop.store.schema import SCHEMA, Step, Version
from tests.store.helpers import files_of, filled

ROOT = Path(__file__).resolve().parents[2]


def _sql(path, *statements):
    with closing(sqlite3.connect(path)) as raw:
        for statement in statements:
            raw.execute(statement)
        raw.commit()
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _cut(path, n):
    path.write_bytes(path.read_bytes()[:-n])


def _grown(path, n):
    path.write_bytes(path.read_bytes() + os.urandom(n))


def _other_tables(path):
    _sql(path, "DROP TABLE audit", "DROP TABLE document", "CREATE TABLE notes (x)")


def _version(packed):
    return lambda path: _sql(path, f"PRAGMA user_version = {packed}")


def _zero_zero(path):
    _sql(path, "PRAGMA user_version = 0")


HOSTILE = {
    # name: (how the good file is spoiled, expected problem, words in the message)
    "last 200 bytes cut off": (lambda p: _cut(p, 200), Problem.CORRUPT, "cut short"),
    "last page cut off": (lambda p: _cut(p, 4096), Problem.CORRUPT, "header says"),
    "bytes added": (lambda p: _grown(p, 4096), Problem.CORRUPT, "header says"),
    "odd bytes added": (lambda p: _grown(p, 100), Problem.CORRUPT, "cut short or added to"),
    "other tables": (_other_tables, Problem.NOT_A_DATABASE, "missing table audit, document"),
    "extra table": (
        lambda p: _sql(p, "CREATE TABLE notes (x)"),
        Problem.NOT_A_DATABASE,
        "unexpected database table notes",
    ),
    "extra column": (
        lambda p: _sql(p, "ALTER TABLE case_file ADD COLUMN secret TEXT"),
        Problem.NOT_A_DATABASE,
        "case_file: unexpected column secret",
    ),
    "missing column": (
        lambda p: _sql(p, "ALTER TABLE document DROP COLUMN file_name"),
        Problem.NOT_A_DATABASE,
        "document: missing column file_name",
    ),
    "a trigger": (
        lambda p: _sql(
            p, "CREATE TRIGGER t AFTER INSERT ON case_file BEGIN DELETE FROM case_file; END"
        ),
        Problem.NOT_A_DATABASE,
        "unexpected database trigger t",
    ),
    "negative version": (_version(-5), Problem.NOT_A_DATABASE, "schema version -5"),
    "version 0.0 with tables": (_zero_zero, Problem.NOT_A_DATABASE, "schema 0.0 with tables"),
    "version 0.3": (_version(3), Problem.NOT_A_DATABASE, "schema 0.3, which no Termijn wrote"),
    "newer major": (_version((SCHEMA.major + 1) << 16), Problem.TOO_NEW, "Update Termijn"),
    "other application id": (
        lambda p: _sql(p, "PRAGMA application_id = 7"),
        Problem.NOT_A_DATABASE,
        "application_id 0x7",
    ),
    "page size garbage": (
        lambda p: p.write_bytes(p.read_bytes()[:16] + b"\x03\x00" + p.read_bytes()[18:]),
        Problem.NOT_A_DATABASE,
        "not a Termijn case file",
    ),
}


@pytest.fixture
def good(tmp_path):
    """A healthy case file with one good backup beside it."""
    path = tmp_path / "data" / "termijn.sqlite"
    filled(path, 20)
    backup = make_backup(path, path.parent / "backups")
    return path, backup


@pytest.mark.parametrize("state", HOSTILE, ids=str)
def test_a_hostile_file_is_refused_and_left_as_it_was(good, state):
    path, backup = good
    spoil, problem, words = HOSTILE[state]
    spoil(path)
    before = files_of(path.parent)
    with pytest.raises(StorageError) as info:
        open_database(path)
    assert info.value.problem is problem
    message = str(info.value)
    assert words in message and str(path) in message
    assert "Termijn has not changed the file" in message
    if problem is not Problem.TOO_NEW:
        assert f"termijn restore {backup}" in message  # the newest good backup is offered
    assert files_of(path.parent) == before


@pytest.mark.parametrize("state", HOSTILE, ids=str)
def test_restore_refuses_a_hostile_source_and_changes_nothing(good, tmp_path, state):
    path, _backup = good
    source = tmp_path / "source.sqlite"
    shutil.copy(path, source)
    spoil, problem, words = HOSTILE[state]
    spoil(source)
    before_data, before_source = files_of(path.parent), source.read_bytes()
    with pytest.raises(StorageError) as info:
        restore(path, source, path.parent / "backups")
    assert info.value.problem is problem and info.value.path == source
    assert words in str(info.value)
    assert "No good backup" not in str(info.value)
    assert files_of(path.parent) == before_data
    assert source.read_bytes() == before_source


def test_a_hostile_file_named_in_the_cli_is_left_as_it_was(good):
    path, _backup = good
    _other_tables(path)
    before = files_of(path.parent)
    for command in (["cases", "list"], ["backup"], ["demo", "--cases", "1"]):
        result = subprocess.run(
            [sys.executable, "-m", "desktop", "--data-dir", str(path.parent), *command],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 1, result.stderr
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "not a Termijn case file" in lines[0], result.stderr
        assert "missing table audit" in lines[0] and "Traceback" not in result.stderr
    assert files_of(path.parent) == before


def test_a_table_name_of_a_megabyte_is_quoted_short(good):
    path, _backup = good
    _sql(path, f'CREATE TABLE "{"x" * 1_000_000}" (y)')
    with pytest.raises(StorageError) as info:
        open_database(path)
    assert len(str(info.value)) < 1000


def test_an_unknown_minor_version_below_ours_is_refused(good, monkeypatch):
    path, _backup = good
    one, two = (Version(SCHEMA.major, SCHEMA.minor + n) for n in (1, 2))
    monkeypatch.setattr(schema_module, "SCHEMA", two)
    monkeypatch.setattr(schema_module, "MIGRATIONS", (Step(two, "x", lambda raw: None),))
    _version(one.packed)(path)
    before = path.read_bytes()
    with pytest.raises(StorageError) as info:
        open_database(path)
    assert f"schema {one}, which no Termijn wrote" in str(info.value)
    assert path.read_bytes() == before


def test_a_newer_minor_may_add_but_not_take_away(good):
    path, _backup = good
    newer = Version(SCHEMA.major, SCHEMA.minor + 1)
    _sql(path, "ALTER TABLE case_file ADD COLUMN guardian TEXT", "CREATE TABLE later (x)")
    _version(newer.packed)(path)
    with open_database(path) as db:  # a newer minor only adds: it opens
        assert CaseRepository(db).count() == 20
    _sql(path, "ALTER TABLE case_file DROP COLUMN notes")
    before = path.read_bytes()
    with pytest.raises(StorageError) as info:
        open_database(path)
    assert "case_file: missing column notes" in str(info.value)
    assert path.read_bytes() == before


def test_empty_files_become_new_case_files(tmp_path):
    zero = tmp_path / "zero" / "termijn.sqlite"
    zero.parent.mkdir(mode=0o700)
    zero.touch(mode=0o600)
    bare = tmp_path / "bare" / "termijn.sqlite"
    bare.parent.mkdir(mode=0o700)
    _sql(bare, "PRAGMA journal_mode = WAL", "PRAGMA page_size = 1024", "VACUUM")
    for path in (zero, bare):
        with open_database(path) as db:
            assert CaseRepository(db).count() == 0
        assert check_file(path).version == SCHEMA


@pytest.mark.parametrize("suffix", ["-wal", "-journal"])
def test_a_stray_log_beside_a_missing_file_is_kept_aside_not_replayed(tmp_path, good, suffix):
    path, _backup = good
    other = tmp_path / "other.sqlite"
    shutil.copy(path, other)
    if suffix == "-wal":
        with closing(sqlite3.connect(other)) as raw:
            raw.execute("PRAGMA wal_autocheckpoint = 0")
            raw.execute("UPDATE case_file SET notes = 'stray'")
            raw.commit()
            stray = Path(f"{other}-wal").read_bytes()
    else:
        _interrupted_write(other)
        stray = Path(f"{other}-journal").read_bytes()
    assert stray
    fresh = tmp_path / "fresh" / "termijn.sqlite"
    fresh.parent.mkdir()
    Path(f"{fresh}{suffix}").write_bytes(stray)
    with open_database(fresh) as db:
        assert CaseRepository(db).count() == 0
    kept = list(fresh.parent.glob(f"termijn.sqlite{suffix}.orphan-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == stray


def _live_copy(path, tmp_path):
    """The case file and its WAL as a crash would leave them: a commit not yet checkpointed."""
    writer = open_database(path, daily_backup=False)
    with writer.writing() as conn:
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("UPDATE case_file SET notes = 'x' || zeroblob(20000)")
    crashed = tmp_path / "crashed" / "termijn.sqlite"
    crashed.parent.mkdir()
    shutil.copy(path, crashed)
    shutil.copy(f"{path}-wal", f"{crashed}-wal")
    writer.close()
    return crashed


def _pages(path):
    """The page count SQLite sees (the file and its log together)."""
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as raw:
        return raw.execute("PRAGMA page_count").fetchone()[0]


def test_a_file_with_its_log_after_a_crash_opens(good, tmp_path):
    path, _backup = good
    crashed = _live_copy(path, tmp_path)
    assert crashed.stat().st_size // 4096 < _pages(crashed)  # the log holds the rest
    with open_database(crashed, daily_backup=False) as db:
        assert CaseRepository(db).count() == 20


def test_a_file_cut_short_beside_its_log_is_damaged(good, tmp_path):
    path, _backup = good
    crashed = _live_copy(path, tmp_path)
    assert crashed.stat().st_size // 4096 < _pages(crashed)
    _cut(crashed, 4096)  # one page the log does not hold goes
    before = crashed.read_bytes()
    with pytest.raises(StorageError) as info:
        open_database(crashed, daily_backup=False)
    assert info.value.problem is Problem.CORRUPT and "lacks page" in str(info.value)
    assert crashed.read_bytes() == before


def _interrupted_write(path):
    """A rollback-mode write killed halfway: the file half changed, its journal beside it."""
    with closing(sqlite3.connect(path)) as raw:
        raw.execute("PRAGMA journal_mode = DELETE")
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        raw = sqlite3.connect(path, isolation_level=None)
        raw.execute("PRAGMA cache_size = 1")  # changed pages spill into the file itself
        raw.execute("BEGIN")
        raw.execute("UPDATE case_file SET notes = 'half' || zeroblob(5000)")
        os._exit(0)
    os.waitpid(pid, 0)
    assert Path(f"{path}-journal").stat().st_size > 0


def test_an_interrupted_write_is_rolled_back_in_the_case_file(good):
    path, _backup = good
    _interrupted_write(path)
    with open_database(path) as db, db.reading() as conn:
        assert {r[0] for r in conn.execute("SELECT notes FROM case_file")} == {""}
    assert not Path(f"{path}-journal").exists()


def test_a_restore_source_with_an_interrupted_write_is_refused_untouched(good, tmp_path):
    path, _backup = good
    source = tmp_path / "source.sqlite"
    shutil.copy(path, source)
    _interrupted_write(source)
    before = files_of(tmp_path)
    with pytest.raises(StorageError) as info:
        restore(path, source, path.parent / "backups")
    assert info.value.problem is Problem.CORRUPT and "interrupted" in str(info.value)
    assert files_of(tmp_path) == before


@pytest.fixture
def dutch():
    from desktop.i18n import set_language

    set_language("nl")
    yield
    set_language("en")  # the language is process-wide: leave English for the next test


def test_a_refusal_is_said_in_the_language_of_the_window(good, dutch):
    path, backup = good
    _other_tables(path)
    with pytest.raises(StorageError) as info:
        open_database(path)
    message = str(info.value)
    assert message.startswith("Het is Termijn niet gelukt het zaakbestand te openen: dit is geen")
    assert "gemarkeerd als zaakbestand van Termijn met schema" in message
    assert "ontbrekende tabel audit, document" in message
    assert f"zet die terug met: termijn restore {backup}" in message
