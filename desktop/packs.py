"""Rule packs on this computer: built in or installed in the data folder; install and pick one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from desktop.core.rulepack import (
    DEFAULT_PACK,
    Problem,
    RulePack,
    RulePackError,
    available_packs,
    built_in_packs,
    check_rule_pack,
    installed_packs,
    load_rule_pack,
    open_rule_pack,
    read_rule_pack,
    set_installed_folder,
    set_pack_in_use,
    texts_path,
)
from desktop.paths import AppPaths

FOLDER = "rulepacks"  # in the data folder, beside the case file
IN_USE = "in-use"  # a file in that folder naming the pack chosen in the window (one id)


def packs_folder(paths: AppPaths) -> Path:
    return paths.data / FOLDER


def use_data_folder(paths: AppPaths) -> str:
    """Make this data folder's packs loadable by id, and its chosen pack the one in use.

    Returns a problem to tell the user ("" when none): a chosen pack that is gone or broken is
    not used; the newest built-in pack is, and the user is told so.
    """
    folder = packs_folder(paths)
    set_installed_folder(folder)
    set_pack_in_use(None)
    try:
        chosen = (folder / IN_USE).read_text(encoding="utf-8").strip()
    except OSError:
        return ""  # never chosen: the default
    if not chosen:
        return ""
    try:
        load_rule_pack(chosen)
    except RulePackError as exc:
        return f"the chosen rule pack {chosen!r} cannot be used ({exc}); using {DEFAULT_PACK}"
    set_pack_in_use(chosen)
    return ""


def choose_pack(paths: AppPaths, pack_id: str) -> RulePack:
    """Use this pack (built in or installed) from now on, in the window and on the command line."""
    use_data_folder(paths)
    pack = load_rule_pack(pack_id)  # raises when unusable: nothing is changed then
    folder = packs_folder(paths)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    target = folder / IN_USE
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".in-use-")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(pack.id + "\n")
    os.replace(tmp, target)  # atomic: the old choice or the new, never half a file
    set_pack_in_use(pack.id)
    return pack


class InstallError(RulePackError):
    """A pack that may not be installed: it fails `check`, or its id is taken."""


def install_pack(source: Path, paths: AppPaths) -> RulePack:
    """Copy a checked pack (and its texts file) into the data folder; never overwrite one.

    Refused, naming every problem, when the pack fails `check`; refused when a pack with its id
    exists (built in or installed): one id must always mean one law, so a corrected pack needs a
    new id.
    """
    use_data_folder(paths)
    problems = check_rule_pack(source)
    if problems:
        raise InstallError(
            f"{source.name} is not installed: {len(problems)} problem(s); "
            "`termijn rules check` lists them",
            tuple(problems),
        )
    pack = read_rule_pack(source)
    existing = load_rule_pack(pack.id) if pack.id in available_packs() else None
    # Built in or installed: taken. Opened from a file this session only: taken unless the same.
    kept = pack.id in built_in_packs() or pack.id in installed_packs()
    if existing is not None and (kept or existing.content_hash != pack.content_hash):
        same = " (the same content)" if existing.content_hash == pack.content_hash else ""
        raise InstallError(
            f"{source.name} is not installed: a pack with id {pack.id!r} is already there"
            f"{same} ({existing.origin}); a corrected pack needs a new id"
        )
    folder = packs_folder(paths)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    target = folder / f"{pack.id}.toml"
    # Texts first: a pack file without its texts would be listed but unusable.
    _write_new(texts_path(target), texts_path(source).read_bytes())
    _write_new(target, source.read_bytes())
    set_installed_folder(folder)  # clears the cache, so the new id loads
    return load_rule_pack(pack.id)


def _write_new(target: Path, data: bytes) -> None:
    """Write a file that must not exist yet, completely or not at all (user-only)."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".install-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o600)
        os.link(tmp, target)  # fails if the target exists: never overwrites
    finally:
        os.unlink(tmp)


def resolve_pack(spec: str | None, paths: AppPaths | None = None) -> RulePack:
    """`--rules ID|FILE`: an id this computer has or a pack file (checked); None: the one in use."""
    if paths is not None:
        use_data_folder(paths)
    if not spec:
        return load_rule_pack()  # the pack in use
    if spec in available_packs():
        return load_rule_pack(spec)
    path = Path(spec)
    if path.suffix == ".toml" or path.exists():
        if not path.is_file():
            raise RulePackError(f"{spec}: no such file")
        return open_rule_pack(path)
    raise RulePackError(
        f"no rule pack {spec!r}: give one of {', '.join(available_packs())} or a pack file"
    )


def problem_lines(problems: tuple[Problem, ...] | list[Problem]) -> list[str]:
    return [str(p) for p in problems]
