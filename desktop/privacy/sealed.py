"""Bytes sealed to a passphrase: scrypt derives the key, AES-256-GCM encrypts and authenticates.

Used for hand-over bundles (a lawyer receives the file and, by another way, the passphrase).
The format is a short plain header followed by the ciphertext:

    TRMJSEAL | version (1 byte) | header length (2 bytes, big-endian) | header JSON | ciphertext

The header names the KDF and its parameters, the salt and the nonce; it is authenticated as
associated data, so changing one byte of the file (header or body) makes opening fail. Why
scrypt and `cryptography`'s AES-GCM: scrypt is memory-hard (a guessing rig needs 128 MiB per
guess), both are in OpenSSL behind well-kept Python APIs, and GCM refuses any changed byte.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import struct
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"TRMJSEAL"
VERSION = 1
# scrypt: N=2^17, r=8, p=1 costs 128 MiB and about half a second per try (OWASP's floor is
# N=2^17). A file may ask for more, up to MAX_N; more than that is refused, not attempted.
SCRYPT_N = 1 << 17
SCRYPT_R = 8
SCRYPT_P = 1
MAX_N = 1 << 20
_MAXMEM = (1 << 31) - 1  # scrypt needs 128 * N * r bytes; hashlib refuses more than `maxmem`
_HEADER = struct.Struct(">8sBH")


class SealError(ValueError):
    """The sealed bytes cannot be opened: wrong passphrase, changed, or not sealed at all."""


@dataclass(frozen=True, slots=True)
class Cost:
    """scrypt's cost parameters (tests may lower N; a file's own are read from its header)."""

    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P


def is_sealed(data: bytes) -> bool:
    return data.startswith(MAGIC)


def _key(passphrase: str, salt: bytes, cost: Cost) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=salt,
        n=cost.n,
        r=cost.r,
        p=cost.p,
        maxmem=_MAXMEM,
        dklen=32,
    )


def seal(data: bytes, passphrase: str, *, content: str, cost: Cost | None = None) -> bytes:
    """`data` encrypted to `passphrase`; `content` says what it is ("bundle")."""
    if not passphrase:
        raise ValueError("an empty passphrase protects nothing")
    cost = cost or Cost()
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    header = json.dumps(
        {
            "content": content,
            "kdf": "scrypt",
            "n": cost.n,
            "r": cost.r,
            "p": cost.p,
            "salt": base64.b64encode(salt).decode("ascii"),
            "cipher": "AES-256-GCM",
            "nonce": base64.b64encode(nonce).decode("ascii"),
        },
        sort_keys=True,
    ).encode("utf-8")
    prefix = _HEADER.pack(MAGIC, VERSION, len(header)) + header
    return prefix + AESGCM(_key(passphrase, salt, cost)).encrypt(nonce, data, prefix)


def header_of(data: bytes) -> dict[str, Any]:
    """The plain header of sealed bytes (what it holds and how it is sealed), checked."""
    if len(data) < _HEADER.size or not is_sealed(data):
        raise SealError("not a sealed file")
    _, version, length = _HEADER.unpack_from(data)
    if version != VERSION:
        raise SealError(f"sealed with format {version}, which this Termijn does not know")
    try:
        header = json.loads(data[_HEADER.size : _HEADER.size + length].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise SealError("its header is damaged") from None
    if not isinstance(header, dict) or header.get("kdf") != "scrypt":
        raise SealError("its header is damaged")
    return header


def unseal(data: bytes, passphrase: str, *, content: str) -> bytes:
    """The data sealed by `seal`; SealError if the passphrase is wrong or any byte changed."""
    header = header_of(data)
    if header.get("content") != content:
        raise SealError(f"it holds {header.get('content')!r}, not a {content}")
    try:
        cost = Cost(int(header["n"]), int(header["r"]), int(header["p"]))
        salt = base64.b64decode(header["salt"], validate=True)
        nonce = base64.b64decode(header["nonce"], validate=True)
    except (KeyError, TypeError, ValueError):
        raise SealError("its header is damaged") from None
    if not (1 < cost.n <= MAX_N and cost.n & (cost.n - 1) == 0) or not (
        0 < cost.r <= 8 and 0 < cost.p <= 16 and len(salt) >= 16 and len(nonce) == 12
    ):
        raise SealError("its header asks for settings Termijn does not use")
    body_at = _HEADER.size + _HEADER.unpack_from(data)[2]
    try:
        return AESGCM(_key(passphrase, salt, cost)).decrypt(nonce, data[body_at:], data[:body_at])
    except InvalidTag:
        raise SealError("wrong passphrase, or the file was changed after it was made") from None
