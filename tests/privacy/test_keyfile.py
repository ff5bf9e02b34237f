"""The key file: the data key opens with the passphrase or the recovery key, and nothing else."""

from __future__ import annotations

import json

import pytest

from desktop.privacy.keyfile import (
    KeyFile,
    KeyFileError,
    WrongSecretError,
    key_path,
    new_data_key,
    new_recovery_key,
    normal_recovery_key,
)


def test_passphrase_and_recovery_key_both_open_it(tmp_path):
    data_key, recovery = new_data_key(), new_recovery_key()
    path = key_path(tmp_path / "termijn.sqlite")
    KeyFile.create(data_key, "correct horse battery", recovery).write(path)
    assert path.name == "termijn.sqlite.key" and path.stat().st_mode & 0o077 == 0
    stored = KeyFile.read(path)
    assert stored.unlock("correct horse battery") == data_key
    assert stored.recover(recovery) == data_key
    assert stored.recover(recovery.lower().replace("-", " ")) == data_key  # as typed
    with pytest.raises(WrongSecretError):
        stored.unlock("Correct horse battery")
    with pytest.raises(WrongSecretError):
        stored.recover(new_recovery_key())
    text = path.read_text(encoding="utf-8")
    assert data_key.hex() not in text and "correct horse" not in text


def test_a_new_passphrase_keeps_the_recovery_key_and_drops_the_old_one():
    data_key, recovery = new_data_key(), new_recovery_key()
    first = KeyFile.create(data_key, "old passphrase!", recovery)
    second = first.with_passphrase(data_key, "new passphrase!")
    assert second.unlock("new passphrase!") == data_key
    assert second.recover(recovery) == data_key
    with pytest.raises(WrongSecretError):
        second.unlock("old passphrase!")


def test_recovery_key_form():
    key = new_recovery_key()
    groups = key.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert normal_recovery_key(key.replace("O", "0").lower()) == key
    with pytest.raises(WrongSecretError, match="8 groups"):
        normal_recovery_key("ABCD-EFGH")


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(format="other"),
        lambda d: d["slots"][0].update(iterations=1000),
        lambda d: d["slots"][0].update(wrapped="!!"),
        lambda d: d.pop("slots"),
    ],
)
def test_a_damaged_or_foreign_key_file_is_refused_in_words(change):
    data = json.loads(KeyFile.create(new_data_key(), "passphrase 1", new_recovery_key()).to_bytes())
    change(data)
    with pytest.raises(KeyFileError):
        KeyFile.from_bytes(json.dumps(data).encode())


def test_a_swapped_wrapped_key_does_not_open():
    one = KeyFile.create(new_data_key(), "same passphrase", new_recovery_key())
    two = KeyFile.create(new_data_key(), "same passphrase", new_recovery_key())
    mixed = KeyFile(one.ident, two.slots)
    with pytest.raises(WrongSecretError):
        mixed.unlock("same passphrase")  # the key id is bound into each wrapping
