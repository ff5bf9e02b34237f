"""A minimal TOML writer for tests that build rule packs from data (tomllib only reads)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON escapes are valid TOML basic strings
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def dumps(data: dict[str, Any]) -> str:
    """Each top-level key on its own line; tables as inline tables (valid TOML, not pretty)."""
    return "".join(f"{json.dumps(k)} = {_value(v)}\n" for k, v in data.items())
