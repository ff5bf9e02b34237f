"""The key of an encrypted case file, kept wrapped twice: by the passphrase and by a recovery key.

The database is encrypted by SQLCipher with a random 256-bit *data key*. That key is never
stored as it is: `termijn.sqlite.key`, beside the case file, holds it encrypted (AES-256-GCM)
under a key derived from the passphrase, and again under a key derived from the recovery key
shown once at the start. Either one opens the file, so a forgotten passphrase does not lose
the cases: the recovery key opens them and a new passphrase is set. Changing the passphrase
rewrites only this small file (atomically), never the database; the recovery key stays valid.

Key derivation: PBKDF2-HMAC-SHA512 with 256,000 iterations and a 16-byte random salt, the same
KDF and settings SQLCipher 4 itself applies to a passphrase. Losing this file loses the cases
as surely as losing the passphrase: it is copied into every backup folder and the recovery
sheet says so.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.privacy.safe_write import write_private

FORMAT = "termijn-key"
VERSION = 1
SUFFIX = ".key"
KDF = "PBKDF2-HMAC-SHA512"
ITERATIONS = 256_000
MIN_ITERATIONS = 100_000  # a file asking for less is not one Termijn wrote
MAX_ITERATIONS = 10_000_000
MAX_FILE_BYTES = 64 << 10
# The recovery key: 160 random bits in base32, eight groups of four (no 0/1/8/9: read aloud,
# O and 0 or I and 1 are not confused; typing 0 or 1 is read as O or I).
RECOVERY_GROUPS = 8
_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


class KeyFileError(ValueError):
    """The key file is missing, damaged, or not one Termijn wrote."""


class WrongSecretError(ValueError):
    """The passphrase (or recovery key) does not open this key file."""


def key_path(database: Path) -> Path:
    """`termijn.sqlite.key` beside `termijn.sqlite`."""
    return database.with_name(database.name + SUFFIX)


def new_data_key() -> bytes:
    return secrets.token_bytes(32)


def sqlcipher_key(data_key: bytes) -> str:
    """The PRAGMA key value: a raw key, so SQLCipher uses it as it is (no second KDF)."""
    if len(data_key) != 32:
        raise ValueError("a data key is 32 bytes")
    return f"\"x'{data_key.hex()}'\""


def key_id(data_key: bytes) -> str:
    """A name for the data key (which backups it opens), that tells nothing about it."""
    return hmac.new(data_key, b"termijn key id", hashlib.sha256).hexdigest()[:16]


def new_recovery_key() -> str:
    raw = secrets.token_bytes(RECOVERY_GROUPS * 4 * 5 // 8)
    text = base64.b32encode(raw).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normal_recovery_key(typed: str) -> str:
    """A typed recovery key in its written form: case, spaces and dashes ignored, 0/1 as O/I."""
    letters = "".join(ch for ch in typed.upper() if ch.isalnum())
    letters = letters.replace("0", "O").replace("1", "I").replace("8", "B")
    if len(letters) != RECOVERY_GROUPS * 4 or any(ch not in _B32 for ch in letters):
        raise WrongSecretError("not a recovery key: it has 8 groups of 4 letters and digits")
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def _derive(secret: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha512", secret.encode("utf-8"), salt, iterations, dklen=32)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@dataclass(frozen=True)
class Slot:
    """The data key wrapped under one secret (a passphrase or the recovery key)."""

    kind: str  # "passphrase" | "recovery"
    salt: bytes
    nonce: bytes
    wrapped: bytes
    iterations: int = ITERATIONS

    def aad(self, ident: str) -> bytes:
        return f"{FORMAT}|{VERSION}|{self.kind}|{ident}|{self.iterations}".encode()

    @classmethod
    def make(cls, kind: str, secret: str, data_key: bytes, ident: str) -> Slot:
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        slot = cls(kind, salt, nonce, b"")
        wrapped = AESGCM(_derive(secret, salt, ITERATIONS)).encrypt(
            nonce, data_key, slot.aad(ident)
        )
        return replace(slot, wrapped=wrapped)

    def open(self, secret: str, ident: str) -> bytes:
        key = _derive(secret, self.salt, self.iterations)
        try:
            return AESGCM(key).decrypt(self.nonce, self.wrapped, self.aad(ident))
        except InvalidTag:
            raise WrongSecretError(f"wrong {self.kind}") from None

    def json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "kdf": KDF,
            "iterations": self.iterations,
            "salt": _b64(self.salt),
            "cipher": "AES-256-GCM",
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
        }


@dataclass(frozen=True)
class KeyFile:
    ident: str  # key_id of the data key
    slots: tuple[Slot, ...] = field(default=())

    @classmethod
    def create(cls, data_key: bytes, passphrase: str, recovery: str) -> KeyFile:
        ident = key_id(data_key)
        return cls(
            ident,
            (
                Slot.make("passphrase", passphrase, data_key, ident),
                Slot.make("recovery", normal_recovery_key(recovery), data_key, ident),
            ),
        )

    def _slot(self, kind: str) -> Slot:
        for slot in self.slots:
            if slot.kind == kind:
                return slot
        raise KeyFileError(f"the key file has no {kind}")

    def _checked(self, data_key: bytes) -> bytes:
        if len(data_key) != 32 or key_id(data_key) != self.ident:
            raise KeyFileError("the key file is damaged: its key does not match its name")
        return data_key

    def unlock(self, passphrase: str) -> bytes:
        """The data key; WrongSecretError for a wrong passphrase."""
        return self._checked(self._slot("passphrase").open(passphrase, self.ident))

    def recover(self, recovery: str) -> bytes:
        """The data key from the recovery key; WrongSecretError if it is not this file's."""
        return self._checked(self._slot("recovery").open(normal_recovery_key(recovery), self.ident))

    def with_passphrase(self, data_key: bytes, passphrase: str) -> KeyFile:
        """The same key file with a new passphrase (the recovery key still opens it)."""
        self._checked(data_key)
        kept = tuple(s for s in self.slots if s.kind != "passphrase")
        return replace(
            self, slots=(Slot.make("passphrase", passphrase, data_key, self.ident), *kept)
        )

    def to_bytes(self) -> bytes:
        data = {
            "format": FORMAT,
            "version": VERSION,
            "note": "Termijn's case file key, wrapped by the passphrase and the recovery key. "
            "Without this file and one of them the case file cannot be opened.",
            "database": "SQLCipher 4 (AES-256-CBC, HMAC-SHA512, 4096-byte pages), raw key",
            "key_id": self.ident,
            "slots": [s.json() for s in self.slots],
        }
        return (json.dumps(data, indent=2) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> KeyFile:
        if len(data) > MAX_FILE_BYTES:
            raise KeyFileError("not a Termijn key file (too large)")
        try:
            raw = json.loads(data.decode("utf-8"))
            if raw.get("format") != FORMAT:
                raise KeyFileError("not a Termijn key file")
            if raw.get("version") != VERSION:
                raise KeyFileError(f"key file format {raw.get('version')!r} is not known here")
            slots = []
            for item in raw["slots"]:
                iterations = int(item["iterations"])
                if item["kdf"] != KDF or not MIN_ITERATIONS <= iterations <= MAX_ITERATIONS:
                    raise KeyFileError("the key file asks for settings Termijn does not use")
                slots.append(
                    Slot(
                        str(item["kind"]),
                        base64.b64decode(item["salt"], validate=True),
                        base64.b64decode(item["nonce"], validate=True),
                        base64.b64decode(item["wrapped"], validate=True),
                        iterations,
                    )
                )
            return cls(str(raw["key_id"]), tuple(slots))
        except KeyFileError:
            raise
        except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
            raise KeyFileError("the key file is damaged") from None

    @classmethod
    def read(cls, path: Path) -> KeyFile:
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            raise KeyFileError(f"no key file {path.name} beside the case file") from None
        except OSError as exc:
            raise KeyFileError(f"the key file cannot be read: {exc.strerror or exc}") from None
        return cls.from_bytes(data)

    def write(self, path: Path) -> None:
        """Atomically and owner-only: the old file or the new one, never half of one."""
        write_private(path, self.to_bytes())
