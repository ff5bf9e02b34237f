"""Build the second test rule pack (tests/fixtures/rulepacks/*.patch.toml) beside a built-in one."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

from desktop.core.rulepack import DEFAULT_PACK, RulePack, open_rule_pack
from tests import tomlwrite

ROOT = Path(__file__).resolve().parents[1]
BUILT_IN = ROOT / "desktop" / "core" / "rulepacks"
SECOND = ROOT / "tests" / "fixtures" / "rulepacks" / "xx-2027.1.patch.toml"


def _merge(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def build_pack(folder: Path, patch: Path = SECOND, base: str = DEFAULT_PACK) -> Path:
    """Write `base` with `patch` applied (and base's texts) into `folder`; return the pack file.

    Built from the newest built-in pack at test time, so the texts always match this version.
    """
    raw = tomllib.loads((BUILT_IN / f"{base}.toml").read_text(encoding="utf-8"))
    changes = tomllib.loads(patch.read_text(encoding="utf-8"))
    pack = _merge(raw, changes)
    target = folder / f"{pack['id']}.toml"
    target.write_text(tomlwrite.dumps(pack), encoding="utf-8")
    shutil.copyfile(BUILT_IN / f"{base}.texts.toml", folder / f"{pack['id']}.texts.toml")
    return target


def second_pack(folder: Path) -> tuple[Path, RulePack]:
    """The second pack, built and opened (results naming it can load it by id)."""
    path = build_pack(folder)
    return path, open_rule_pack(path)
