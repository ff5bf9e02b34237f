"""Encryption at rest: no personal data in any byte, wrong passphrases change nothing, every
conversion survives a SIGKILL at any step, and the recovery key opens the file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from desktop.paths import app_paths
from desktop.privacy import vault
from desktop.privacy.keyfile import WrongSecretError, key_path
from desktop.store import CaseRepository, engine
from desktop.store.backup import make_backup
from desktop.store.demo import demo_cases

ROOT = Path(__file__).resolve().parents[2]
PASS = "correct horse battery staple"
TODAY = date(2026, 11, 1)


def demo(n=300):
    return list(demo_cases(n, seed=7, today=TODAY))


def secrets_of(records, sample=60):
    """Names, V-numbers and dates of birth of demo cases: none may show in the bytes.

    A sample of the cases (every nth), so that searching a file of megabytes stays quick.
    """
    found = set()
    step = max(1, len(records) // sample)
    for case_file, _ in records[::step]:
        found.add(case_file.applicant.name)
        if case_file.v_number:
            found.add(case_file.v_number)
        if case_file.applicant.date_of_birth:
            found.add(case_file.applicant.date_of_birth.isoformat())
    return {s for s in found if len(s) >= 6}


def leaks(folder: Path, secrets: set[str]) -> list[tuple[str, str]]:
    """Every (file, secret) where a secret shows in a file of the folder, in any encoding."""
    out = []
    for path in folder.rglob("*"):
        if not path.is_file() or path.suffix in (".log", ".json") or "logs" in path.parts:
            continue
        data = path.read_bytes()
        for text in secrets:
            for form in (text.encode("utf-8"), text.encode("utf-16-le")):
                if form in data:
                    out.append((path.name, text))
    return out


def fill(paths, key, records):
    with vault.open_case_file(paths, key) as db:
        CaseRepository(db).save_many([c for c, _ in records], [p for _, p in records])


def test_encrypted_file_and_backups_hold_no_personal_data(tmp_path):
    paths = app_paths(tmp_path / "data").ensure()
    records = demo()
    key, recovery = vault.create(paths, PASS)
    fill(paths, key, records)
    make_backup(paths.database, paths.backups, key=key)
    secrets = secrets_of(records)
    assert len(secrets) > 100
    assert leaks(paths.data, secrets) == []
    for path in [paths.database, *paths.backups.glob("termijn-*.sqlite")]:
        with closing(sqlite3.connect(path)) as raw, pytest.raises(sqlite3.DatabaseError):
            raw.execute("SELECT * FROM case_file").fetchall()
    # The runtime check: SQLCipher 4 with its default KDF and page settings.
    with closing(engine.connect_readonly(paths.database, key)) as raw:
        settings = engine.cipher_settings(raw)
    assert settings["cipher_version"].startswith("4.")
    assert settings["kdf_iter"] == "256000" and settings["cipher_page_size"] == "4096"
    assert settings["cipher_hmac_algorithm"] == "HMAC_SHA512"


WRITER = """
import sys
from datetime import date
from desktop.paths import app_paths
from desktop.privacy import vault
from desktop.store import CaseRepository
from desktop.store.demo import demo_cases
paths = app_paths(sys.argv[1])
key = vault.unlock(paths, sys.argv[2])
db = vault.open_case_file(paths, key, daily_backup=False)
repo = CaseRepository(db)
records = list(demo_cases(2000, seed=11, today=date(2026, 11, 1)))
print("writing", flush=True)
while True:  # until killed
    for start in range(0, len(records), 20):
        part = records[start:start + 20]
        repo.save_many([c for c, _ in part], [p for _, p in part])
"""


def test_a_sigkill_mid_write_leaves_an_encrypted_log_and_a_file_that_opens(tmp_path):
    paths = app_paths(tmp_path / "data").ensure()
    key, _ = vault.create(paths, PASS)
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(paths.data), PASS],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    time.sleep(0.7)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    wal = paths.database.with_name(paths.database.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0, "the kill must come mid-write"
    secrets = secrets_of(list(demo_cases(2000, seed=11, today=TODAY)))
    assert leaks(paths.data, secrets) == []
    with vault.open_case_file(paths, key) as db:
        count = CaseRepository(db).count()
    assert count > 0 and count % 20 == 0  # whole batches: each was one transaction


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "cache" not in p.parts and "logs" not in p.parts
    }


def termijn(*args, data, env=None):
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env=dict(os.environ, TERMIJN_DATA_DIR=str(data), **(env or {})),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_a_wrong_passphrase_leaves_every_file_byte_for_byte(tmp_path):
    paths = app_paths(tmp_path / "data").ensure()
    key, _ = vault.create(paths, PASS)
    fill(paths, key, demo(20))
    before = snapshot(paths.data)
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    result = termijn("cases", "list", data=paths.data, env={"TERMIJN_PASSPHRASE_FILE": str(wrong)})
    assert result.returncode == 2
    assert result.stderr.startswith("error: wrong passphrase: the case file was not opened")
    assert snapshot(paths.data) == before
    with pytest.raises(WrongSecretError):
        vault.unlock(paths, "not the passphrase")
    assert snapshot(paths.data) == before


def test_the_recovery_key_opens_the_file_and_sets_a_new_passphrase(tmp_path):
    paths = app_paths(tmp_path / "data").ensure()
    key, recovery = vault.create(paths, PASS)
    fill(paths, key, demo(5))
    assert vault.recover(paths, recovery, "a brand new passphrase") == key
    assert vault.unlock(paths, "a brand new passphrase") == key
    with pytest.raises(WrongSecretError):
        vault.unlock(paths, PASS)
    with vault.open_case_file(paths, vault.unlock(paths, "a brand new passphrase")) as db:
        assert CaseRepository(db).count() == 5


def test_five_wrong_tries_slow_down(tmp_path):
    paths = app_paths(tmp_path / "data").ensure()
    vault.create(paths, PASS)
    for _ in range(5):
        with pytest.raises(WrongSecretError):
            vault.unlock(paths, "nope")
    with pytest.raises(vault.TooManyTriesError):
        vault.unlock(paths, PASS)  # even the right one waits its turn
    assert vault.remember_wait(paths) > 0


# ------------------------------------------------------------------ conversions under SIGKILL

NEW = "another passphrase entirely"


def unlocked(paths, passphrases=(PASS, NEW)):
    for passphrase in passphrases:
        try:
            return vault.read_key_file(paths).unlock(passphrase)
        except WrongSecretError:
            continue
    raise AssertionError("no passphrase opens the key file")


def opens(paths, expect_cases):
    """The folder opens (encrypted or plain) with every case, backups too; encrypted or not."""
    found = vault.state(paths)
    key = unlocked(paths) if found.needs_key else None
    with vault.open_case_file(paths, key, daily_backup=False) as db:
        assert CaseRepository(db).count() == expect_cases
    for backup in [*found.encrypted_backups, *found.plain_backups]:
        backup_key = unlocked(paths) if vault.is_encrypted_file(backup) else None
        with closing(engine.connect_readonly(backup, backup_key)) as raw:
            assert engine.quick_check(raw) == ["ok"]
    assert not list(paths.data.glob(".*.partial")) or True  # swept at the next open
    return found.database_encrypted


STEPS = {
    "encrypt": ("key-file", "key-files", "exported", "verified", "swapped", "backup"),
    "decrypt": ("exported", "verified", "swapped", "backup", "converted"),
    "passphrase": ("key-file", "key-files"),
}


@pytest.mark.parametrize(("command", "step"), [(c, s) for c, steps in STEPS.items() for s in steps])
def test_a_conversion_killed_at_any_step_leaves_the_old_file_or_the_new_and_finishes(
    tmp_path, command, step
):
    paths = app_paths(tmp_path / "data").ensure()
    records = demo(120)
    if command == "encrypt":
        fill(paths, None, records)
        make_backup(paths.database, paths.backups)
    else:
        key, _ = vault.create(paths, PASS)
        fill(paths, key, records)
        make_backup(paths.database, paths.backups, key=key)
    old, new = tmp_path / "old", tmp_path / "new"
    old.write_text(PASS + "\n", encoding="utf-8")
    new.write_text((PASS if command == "encrypt" else NEW) + "\n", encoding="utf-8")
    env = {"TERMIJN_PASSPHRASE_FILE": str(old), "TERMIJN_NEW_PASSPHRASE_FILE": str(new)}
    args = [command, "--yes"] if command == "decrypt" else [command]
    killed = termijn(*args, data=paths.data, env={**env, vault.FAULT_ENV: step})
    assert killed.returncode == -signal.SIGKILL, (killed.returncode, killed.stderr)
    opens(paths, len(records))  # the old file is intact or the new one is

    again = termijn(*args, data=paths.data, env=env)
    done = vault.state(paths)
    if command == "encrypt":
        assert again.returncode == 0, again.stderr
        assert done.database_encrypted and not done.plain_backups
        assert leaks(paths.data, secrets_of(records)) == []
    elif command == "decrypt":
        assert again.returncode == 0, again.stderr
        assert not done.database_encrypted and not done.encrypted_backups
        assert not key_path(paths.database).exists()
    else:
        # The new passphrase may be in place already: then the old one is refused, in words.
        assert again.returncode == 0 or "wrong passphrase" in again.stderr
        assert vault.unlock(paths, NEW, tries=vault.Throttle()) is not None
    assert opens(paths, len(records)) == (command != "decrypt")
    # A killed run's temporary copy goes at the next start (older than that process).
    termijn("cases", "list", data=paths.data, env=env)
    assert not list(paths.data.glob(".*.partial*")), list(paths.data.glob(".*.partial*"))


def test_an_export_of_an_encrypted_file_says_it_is_unencrypted_and_where(tmp_path):
    paths = app_paths(tmp_path / "data").ensure()
    key, _ = vault.create(paths, PASS)
    fill(paths, key, demo(3))
    secret = tmp_path / "pass"
    secret.write_text(PASS + "\n", encoding="utf-8")
    out = tmp_path / "out.json"
    done = termijn(
        "cases", "export", str(out), data=paths.data, env={"TERMIJN_PASSPHRASE_FILE": str(secret)}
    )
    assert done.returncode == 0, done.stderr
    assert f"note: {out} holds the cases unencrypted" in done.stderr
    assert out.stat().st_mode & 0o077 == 0


def test_erasure_lists_encrypted_backups_that_still_hold_the_person(tmp_path):
    from desktop.privacy import erasure
    from desktop.privacy.person import Subject

    paths = app_paths(tmp_path / "data").ensure()
    records = demo(10)
    key, _ = vault.create(paths, PASS)
    fill(paths, key, records)
    make_backup(paths.database, paths.backups, key=key)
    name = records[0][0].applicant.name
    with vault.open_case_file(paths, key, daily_backup=False) as db:
        repo = CaseRepository(db)
        subject = Subject(name, records[0][0].v_number)
        erasure.erase(repo, erasure.plan(repo, subject))
        held = erasure.backups_holding(paths.backups, subject, db.key)
    assert held and all(vault.is_encrypted_file(h.path) for h in held)
    assert erasure.backups_holding(paths.backups, subject) == []  # without the key: unreadable
