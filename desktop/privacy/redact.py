"""Redaction by an allow-list: a field reaches the recipient only if it is named here.

A new field added to the case format later is left out until someone adds it to `ALLOWED`
(a block-list would hand it over silently). What is left out is listed by path, so the
recipient knows what they did not get ("applicant.date_of_birth", "notes", "events[2].excuse").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any


class Rule(Enum):
    KEEP = "keep"
    MASK = "mask"  # every digit but the last 4 replaced by "*"


KEEP, MASK = Rule.KEEP, Rule.MASK
VISIBLE = 4  # digits of a V-number the recipient still sees: enough to match it
MASK_CHAR = "*"

_PERSON = {"name": KEEP, "nationality": KEEP}
_EVENT = {
    key: KEEP
    for key in (
        "type",
        "sent",
        "months",
        "weeks",
        "basis",
        "deadline",
        "completed",
        "from",
        "until",
        "kind",
        "date",
        "attended",
        "rescheduled_to",
        "received",
        "notified",
    )
} | {"proof": {k: KEEP for k in ("posted", "delivered", "tracking_number", "fax_report")}}

# The fields a lawyer or another caseworker needs to act on the term. Not here, so left out by
# default: dates of birth, addresses, notes, tags, the archived flag and an appointment's excuse
# (often medical).
Spec = Mapping[str, Any]
ALLOWED: Spec = {
    "procedure": KEEP,
    "received": KEEP,
    "objected_decision_sent": KEEP,
    "ind_stated_end": KEEP,
    "events": [_EVENT],
    "reference": KEEP,
    "ind_reference": KEEP,
    "v_number": MASK,
    "applicant": _PERSON,
    "co_applicants": [_PERSON],
    "representative": {
        k: KEEP for k in ("name", "organisation", "address", "phone", "email")
    },  # the professional who acts: their work contact details are on every letter
    "language": KEEP,
    "sponsor": {"name": KEEP, "v_number": MASK},
    "family_members": [{"name": KEEP, "relation": KEEP, "v_number": MASK}],
    "purpose": KEEP,
    "application_kind": KEEP,
    "objected_decision_reference": KEEP,
    "objection_lodged": KEEP,
    "send_by_fax": KEEP,
}

# What the user may add back on purpose (`--keep applicant.date_of_birth`), by path without
# list indexes; and what they may take out on top of the defaults.
OPTIONAL = (
    "applicant.date_of_birth",
    "applicant.address",
    "co_applicants.date_of_birth",
    "family_members.date_of_birth",
    "events.excuse",
    "notes",
    "tags",
    "v_number",
    "sponsor.v_number",
    "family_members.v_number",
)


@dataclass(frozen=True, slots=True)
class Redacted:
    data: dict[str, Any]
    left_out: tuple[str, ...]  # paths of fields not handed over ("events[1].excuse")
    masked: tuple[str, ...]  # paths of fields handed over masked ("v_number")


def mask(text: str) -> str:
    """`V 301 234 5678` → `V *** *** 5678`: of the digits, only the last VISIBLE stay readable."""
    seen = 0
    out = []
    for ch in reversed(text):
        if ch.isdigit():
            seen += 1
            out.append(ch if seen <= VISIBLE else MASK_CHAR)
        else:
            out.append(ch)
    return "".join(reversed(out))


def is_masked(text: object) -> bool:
    return isinstance(text, str) and MASK_CHAR in text


def _with_keeps(spec: Spec, keep: Iterable[str], unmask: bool) -> Spec:
    """`spec` with the paths in `keep` set to KEEP (a list's items share one spec)."""
    out: dict[str, Any] = dict(spec)
    for path in keep:
        head, _, rest = path.partition(".")
        current = out.get(head)
        if not rest:
            out[head] = KEEP if unmask or current is None or current is KEEP else current
            continue
        if isinstance(current, list):
            out[head] = [_with_keeps(current[0], [rest], unmask)]
        else:
            out[head] = _with_keeps(current if isinstance(current, Mapping) else {}, [rest], unmask)
    return out


def _apply(value: Any, spec: Any, path: str, left: list[str], masked: list[str]) -> Any:
    if spec is KEEP:
        return value
    if spec is MASK:
        if isinstance(value, str) and value:
            masked.append(path)
            return mask(value)
        return value
    if isinstance(spec, list):
        if not isinstance(value, list):
            return value
        return [_apply(item, spec[0], f"{path}[{i}]", left, masked) for i, item in enumerate(value)]
    if not isinstance(value, Mapping):
        return value
    out = {}
    for key, item in value.items():
        where = f"{path}.{key}" if path else key
        if key not in spec:
            if item not in (None, "", [], {}, False):  # nothing held back where nothing was
                left.append(where)
            continue
        out[key] = _apply(item, spec[key], where, left, masked)
    return out


def redact(case: Mapping[str, Any], keep: Iterable[str] = ()) -> Redacted:
    """The case object with only allowed fields (V-numbers masked); `keep` adds OPTIONAL ones.

    Raises:
        ValueError: a `keep` path that is not one of OPTIONAL.
    """
    extra = list(keep)
    unknown = [p for p in extra if p not in OPTIONAL]
    if unknown:
        raise ValueError(
            f"cannot keep {', '.join(unknown)}: the fields that can be kept are "
            f"{', '.join(OPTIONAL)}"
        )
    spec = _with_keeps(ALLOWED, extra, unmask=True)
    left: list[str] = []
    masked: list[str] = []
    data = _apply(case, spec, "", left, masked)
    return Redacted(data, tuple(left), tuple(masked))
