"""Find and read rule packs (built in, installed in a folder, or a file), hash and cache them."""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from desktop.core.model import Text
from desktop.core.packmodel import Problem, RulePack, RulePackError
from desktop.core.packparse import parse_rule_pack

DEFAULT_PACK = "nl-2026.12"
BUILT_IN = "built-in"
TEXTS_SUFFIX = ".texts.toml"

_installed: list[Path] = []  # the folder installed packs live in (set by the application)
_opened: dict[str, RulePack] = {}  # packs read from a file this session, by id
_in_use: list[str] = []  # the pack chosen for this data folder, if not the default


def set_pack_in_use(pack_id: str | None) -> None:
    """The pack `load_rule_pack()` and `compute()` use when none is named (None: the default)."""
    _in_use[:] = [pack_id] if pack_id else []


def pack_in_use() -> str:
    return _in_use[0] if _in_use else DEFAULT_PACK


def set_installed_folder(folder: Path | None) -> None:
    """Where `termijn rules install` keeps packs (the data folder's `rulepacks`); None: none."""
    _installed[:] = [folder] if folder is not None else []
    _load.cache_clear()


def installed_folder() -> Path | None:
    return _installed[0] if _installed else None


def texts_path(pack_path: Path) -> Path:
    """The texts file that belongs to a pack file: `nl-2026.12.toml` -> `nl-2026.12.texts.toml`."""
    return pack_path.with_name(pack_path.name.removesuffix(".toml") + TEXTS_SUFFIX)


def content_hash(pack_bytes: bytes, texts_bytes: bytes) -> str:
    """SHA-256 of the pack file and its texts file: changes whenever either changes."""
    digest = hashlib.sha256()
    for part in (pack_bytes, texts_bytes):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _toml(data: bytes, file: str) -> tuple[dict[str, object], list[Problem]]:
    try:
        return tomllib.loads(data.decode("utf-8")), []
    except UnicodeDecodeError:
        return {}, [Problem(file, "", "not UTF-8 text")]
    except tomllib.TOMLDecodeError as exc:
        return {}, [Problem(file, "", f"not valid TOML: {exc}")]


def parse_pack_bytes(
    pack_bytes: bytes,
    texts_bytes: bytes,
    *,
    file: str,
    texts_file: str,
    origin: str,
    reference: Mapping[str, Text] | None,
) -> RulePack:
    """Decode, parse and validate the two files of a pack; every problem in one RulePackError."""
    raw, problems = _toml(pack_bytes, file)
    texts, text_problems = _toml(texts_bytes, texts_file)
    if problems or text_problems:
        found = (*problems, *text_problems)
        raise RulePackError(str(found[0]), found)
    return parse_rule_pack(
        raw,
        texts,
        file=file,
        texts_file=texts_file,
        reference=reference,
        content_hash=content_hash(pack_bytes, texts_bytes),
        origin=origin,
    )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise RulePackError(
            f"{path.name}: cannot read: {reason}",
            (Problem(path.name, "", f"cannot read: {reason}"),),
        ) from None


def read_rule_pack(path: Path, origin: str | None = None) -> RulePack:
    """A pack from its file and the texts file beside it, checked against this version's texts."""
    texts = texts_path(path)
    return parse_pack_bytes(
        _read(path),
        _read(texts),
        file=path.name,
        texts_file=texts.name,
        origin=origin if origin is not None else str(path),
        reference=load_rule_pack(DEFAULT_PACK).texts,  # the texts this version shows
    )


def check_rule_pack(path: Path) -> list[Problem]:
    """Every problem that keeps this pack from being used; empty when it is fine."""
    try:
        read_rule_pack(path)
    except RulePackError as exc:
        return list(exc.problems) or [Problem(path.name, "", str(exc))]
    return []


def _built_in_folder() -> Traversable:
    return resources.files("desktop.core") / "rulepacks"


def _pack_ids(names: list[str]) -> list[str]:
    return sorted(
        n.removesuffix(".toml")
        for n in names
        if n.endswith(".toml") and not n.endswith(TEXTS_SUFFIX)
    )


def built_in_packs() -> list[str]:
    return _pack_ids([p.name for p in _built_in_folder().iterdir()])


def installed_packs() -> list[str]:
    folder = installed_folder()
    if folder is None or not folder.is_dir():
        return []
    return _pack_ids([p.name for p in folder.iterdir() if p.is_file()])


def available_packs() -> list[str]:
    """Every pack id this computer has: built in, installed, or opened from a file this session."""
    return sorted({*built_in_packs(), *installed_packs(), *_opened})


def load_rule_pack(pack_id: str | None = None) -> RulePack:
    """A pack by id, or the pack in use: built in, else installed, else opened from a file."""
    return _load(pack_id or pack_in_use())


@cache
def _load(pack_id: str) -> RulePack:
    """Cached: a pack's content never changes (a corrected pack gets a new id)."""
    if pack_id in built_in_packs():
        built_in = _built_in_folder()
        pack = parse_pack_bytes(
            (built_in / f"{pack_id}.toml").read_bytes(),
            (built_in / f"{pack_id}{TEXTS_SUFFIX}").read_bytes(),
            file=f"{pack_id}.toml",
            texts_file=f"{pack_id}{TEXTS_SUFFIX}",
            origin=BUILT_IN,
            reference=None,  # the built-in packs are the reference (tests check them)
        )
    elif pack_id in installed_packs():
        folder = installed_folder()
        assert folder is not None
        pack = read_rule_pack(folder / f"{pack_id}.toml", origin=str(folder))
    elif pack_id in _opened:
        return _opened[pack_id]
    else:
        have = ", ".join(available_packs())
        raise RulePackError(f"unknown rule pack {pack_id!r} (have {have})")
    if pack.id != pack_id:
        raise RulePackError(f"{pack_id}.toml says id = {pack.id!r}")
    return pack


def open_rule_pack(path: Path) -> RulePack:
    """Read a pack file for this session, so results naming its id can find it again.

    Refused when another pack with the same id but other content is known: results name packs by
    id, and one id must mean one law.
    """
    pack = read_rule_pack(path)
    try:
        known: RulePack | None = load_rule_pack(pack.id)
    except RulePackError:
        known = None
    if known is not None and known.content_hash != pack.content_hash:
        raise RulePackError(
            f"{path.name}: id {pack.id!r} is already used by another pack ({known.origin}) "
            "with different content: give this pack a new id"
        )
    if known is None:
        _opened[pack.id] = pack
        _load.cache_clear()
    return known or pack
