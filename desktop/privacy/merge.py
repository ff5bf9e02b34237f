"""Merging a received case into one Termijn already has: add what is new, never lose a thing.

A value from the bundle replaces the stored one only where the bundle has one (not empty, not
masked, not left out by redaction); events are joined (the stored ones stay, new ones are added
after them); people in lists are matched by name and merged one by one. So merging a redacted
bundle never replaces a full V-number with `*******7890` or drops the notes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from desktop.store.search import fold

_EMPTY: tuple[object, ...] = (None, "", [], {})


def _same_event(stored: Mapping[str, Any], incoming: Mapping[str, Any]) -> bool:
    """The same event: equal in every field the incoming one states (proof aside).

    A redacted bundle leaves an appointment's excuse out; that event is still the stored one.
    """
    return all(
        stored.get(key) == value
        for key, value in incoming.items()
        if key != "proof" and value is not None
    ) and stored.get("type") == incoming.get("type")


def _events(old: Sequence[Any], new: Sequence[Any], path: str, masked: set[str]) -> list[Any]:
    out = [dict(e) if isinstance(e, Mapping) else e for e in old]
    for i, event in enumerate(new):
        if not isinstance(event, Mapping):
            continue
        match = next(
            (j for j, e in enumerate(out) if isinstance(e, Mapping) and _same_event(e, event)),
            None,
        )
        if match is None:
            out.append(dict(event))
        else:
            out[match] = _merge(out[match], event, f"{path}[{i}]", masked)
    return out


def _people(old: Sequence[Any], new: Sequence[Any], path: str, masked: set[str]) -> list[Any]:
    out = list(old)
    for i, person in enumerate(new):
        if not isinstance(person, Mapping):
            continue
        key = fold(str(person.get("name") or ""))
        match = next(
            (
                j
                for j, p in enumerate(out)
                if isinstance(p, Mapping) and key and fold(str(p.get("name") or "")) == key
            ),
            None,
        )
        if match is None:
            out.append(dict(person))
        else:
            out[match] = _merge(out[match], person, f"{path}[{i}]", masked)
    return out


def _merge(old: Any, new: Any, path: str, masked: set[str]) -> Any:
    if new in _EMPTY or new is False:
        return old if old is not None else new
    if path in masked:
        return old if old not in _EMPTY else new
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        out = dict(old)
        for key, value in new.items():
            where = f"{path}.{key}" if path else key
            if key == "events" and not path:
                out[key] = _events(old.get(key) or [], value or [], key, masked)
            else:
                out[key] = _merge(old.get(key), value, where, masked)
        return out
    if isinstance(old, list) and isinstance(new, list):
        if all(isinstance(p, Mapping) and "name" in p for p in [*old, *new]):
            return _people(old, new, path, masked)
        return old + [item for item in new if item not in old]  # tags
    return new


def merge_case(
    stored: Mapping[str, Any], incoming: Mapping[str, Any], masked: Sequence[str] = ()
) -> dict[str, Any]:
    """The stored case object with what `incoming` adds (both in the export form)."""
    result = _merge(dict(stored), dict(incoming), "", set(masked))
    assert isinstance(result, dict)
    return result
