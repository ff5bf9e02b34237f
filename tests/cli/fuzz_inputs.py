"""Seeded generator of malformed case inputs, and a runner that checks how a command refuses them.

Every input belongs to one class of the input boundary's promises (issue 12). The runner checks
the property a user relies on: exit status 2, exactly one line on standard error of at most 200
characters, nothing on standard output, nothing written (no PDF, the case database unchanged).

    python -m tests.cli.fuzz_inputs --count 5000 --processes 500   # counts per class and failure
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = ("compute", "notice", "checklist", "import")
MAX_LINE = 200
try:  # one byte over the boundary's limit (before it existed: over any limit it could set)
    from desktop.core.jsontext import MAX_INPUT_BYTES

    OVERSIZE_BYTES = MAX_INPUT_BYTES + 1
except ImportError:  # pragma: no cover - measuring the code before the boundary
    OVERSIZE_BYTES = 129 * 1024 * 1024
TIMEOUT = 60
SLOW = 20  # seconds: a refusal must never take long, even of a 128 MiB file

# A valid case file with every field the parsers read, each event type once, and a proof (import).
BASE: dict[str, Any] = {
    "procedure": "regular",
    "received": "2025-10-01",
    "ind_stated_end": "2026-04-01",
    "events": [
        {
            "type": "info_request",
            "sent": "2025-11-03",
            "deadline": "2025-11-17",
            "completed": "2025-11-10",
        },
        {"type": "extension", "sent": "2025-12-01", "months": 6, "basis": "Vw 25(2)"},
        {"type": "pause", "from": "2025-12-10", "until": "2025-12-20", "basis": "Awb 4:15(2)(a)"},
        {
            "type": "appointment",
            "kind": "biometrics",
            "date": "2025-10-20",
            "attended": False,
            "rescheduled_to": "2025-10-27",
            "excuse": "in hospital",
        },
        {
            "type": "notice",
            "received": "2026-09-01",
            "proof": {
                "posted": "2026-08-28",
                "delivered": "2026-09-01",
                "tracking_number": "RR123456789NL",
                "fax_report": "",
            },
        },
        {"type": "decision", "sent": "2026-10-01"},
        {"type": "mvv_granted", "notified": "2026-10-15"},
        {"type": "penalty_fixed", "sent": "2026-10-20"},
    ],
    "reference": "2025-017",
    "v_number": "3012345678",
    "ind_reference": "IND-1",
    "applicant": {
        "name": "Şükrü Ağaoğlu",
        "date_of_birth": "1988-12-31",
        "nationality": "Turkse",
        "address": "Kerkstraat 1\n3511 AB Utrecht",
    },
    "co_applicants": [{"name": "Ayşe Ağaoğlu", "date_of_birth": "2015-03-02"}],
    "representative": {
        "name": "mr. J. de Vries",
        "organisation": "Vries Advocaten",
        "address": "Postbus 1\n1000 AA Amsterdam",
        "phone": "020-1234567",
        "email": "devries@example.nl",
    },
    "sponsor": {"name": "Mehmet Ağaoğlu", "v_number": "3098765432"},
    "family_members": [
        {"name": "Elif Ağaoğlu", "date_of_birth": "1985-06-01", "v_number": "", "relation": "wife"}
    ],
    "purpose": "verblijf bij partner",
    "application_kind": "first",
    "objected_decision_reference": "IND-0",
    "objection_lodged": "2025-10-15",
    "send_by_fax": False,
    "language": "nl",
    "notes": "first contact by phone",
    "tags": ["family"],
    "archived": False,
}
OBJECTION: dict[str, Any] = {
    "procedure": "objection",
    "objected_decision_sent": "2025-09-15",
    "events": [{"type": "decision", "sent": "2025-12-01"}],
    "applicant": {"name": "J. Jansen"},
}

Path_ = tuple[str | int, ...]
DATE_FIELDS: list[Path_] = [
    ("received",),
    ("ind_stated_end",),
    ("events", 0, "sent"),
    ("events", 0, "deadline"),
    ("events", 0, "completed"),
    ("events", 1, "sent"),
    ("events", 2, "from"),
    ("events", 2, "until"),
    ("events", 3, "date"),
    ("events", 3, "rescheduled_to"),
    ("events", 4, "received"),
    ("events", 5, "sent"),
    ("events", 6, "notified"),
    ("events", 7, "sent"),
    ("applicant", "date_of_birth"),
    ("co_applicants", 0, "date_of_birth"),
    ("family_members", 0, "date_of_birth"),
    ("objection_lodged",),
]
PROOF_DATES: list[Path_] = [("events", 4, "proof", "posted"), ("events", 4, "proof", "delivered")]
TEXT_FIELDS: list[Path_] = [
    ("events", 1, "basis"),
    ("events", 2, "basis"),
    ("events", 3, "excuse"),
    ("reference",),
    ("v_number",),
    ("ind_reference",),
    ("applicant", "name"),
    ("applicant", "nationality"),
    ("applicant", "address"),
    ("co_applicants", 0, "name"),
    ("co_applicants", 0, "nationality"),
    ("co_applicants", 0, "address"),
    ("representative", "name"),
    ("representative", "organisation"),
    ("representative", "address"),
    ("representative", "phone"),
    ("representative", "email"),
    ("notes",),
    ("tags", 0),
    ("sponsor", "name"),
    ("sponsor", "v_number"),
    ("family_members", 0, "name"),
    ("family_members", 0, "relation"),
    ("purpose",),
    ("objected_decision_reference",),
]
REQUIRED_FIELDS: list[Path_] = [
    ("procedure",),
    ("received",),
    ("events", 0, "type"),
    ("events", 0, "sent"),
    ("events", 1, "sent"),
    ("events", 1, "months"),
    ("events", 1, "basis"),
    ("events", 2, "from"),
    ("events", 2, "until"),
    ("events", 2, "basis"),
    ("events", 3, "kind"),
    ("events", 3, "date"),
    ("events", 3, "attended"),
    ("events", 4, "received"),
    ("events", 5, "sent"),
    ("events", 6, "notified"),
    ("events", 7, "sent"),
]
# Fields with the values that are the wrong type for them (null is allowed where optional).
WRONG_TYPES: list[tuple[Path_, list[Any]]] = [
    *((p, [20260105, 2026.5, True, [], {}, ["2026-01-05"]]) for p in DATE_FIELDS),
    *((p, [1, 1.5, False, [], {}, ["x"]]) for p in TEXT_FIELDS),
    (("procedure",), [1, True, [], {}, ["regular"]]),
    (("events",), [{}, "x", 1, True]),
    (("events", 0), ["info_request", 1, [], None]),
    (("events", 1, "months"), ["6", 6.5, True, 0, -1, 601, [6], 10**30]),
    (("events", 3, "attended"), ["no", 0, 1, None, []]),
    (("events", 3, "kind"), [1, True, [], {}]),
    (("applicant",), ["Jan", 1, [], True]),
    (("co_applicants",), [{}, "Jan", 1, True]),
    (("co_applicants", 0), ["Jan", 1, [], None]),
    (("representative",), ["mr. X", 1, [], True]),
    (("tags",), ["family", 1, {}, [1], [None]]),
    (("language",), ["de", 1, True, [], ""]),
    (("archived",), ["yes", 1, []]),
    (("sponsor",), ["x", 1, []]),
    (("family_members",), [{}, "x", 1]),
    (("family_members", 0), ["x", 1, []]),
    (("application_kind",), ["second", 1, []]),
    (("send_by_fax",), ["yes", 1, []]),
]
# Only import reads a notice's proof of receipt (the other commands ignore the key).
IMPORT_ONLY_WRONG_TYPES: list[tuple[Path_, list[Any]]] = [
    (("events", 4, "proof"), ["x", 1, []]),
    (("events", 4, "proof", "posted"), [20260828, []]),
]
UNKNOWN_VALUES: list[tuple[Path_, list[Any]]] = [
    (("procedure",), ["visa", "Regular", " regular", "regular ", "", "x" * 5000]),
    (("events", 0, "type"), ["info-request", "Notice", "", "y" * 5000, None]),
    (("events", 3, "kind"), ["fingerprints", "Biometrics", "", "z" * 5000, None]),
]
BAD_DATES = [
    "9999-12-31",
    "9999-01-01",
    "10000-01-01",
    "0001-01-01",
    "0000-01-01",
    "1989-12-31",
    "2101-01-01",
    "2026-02-30",
    "2026-1-5",
    "20260105",
    "2026-W02-1",
    "2026-01-05T00:00",
    " 2026-01-05",
    "",
    "٢٠٢٦-٠١-٠٥",
]
SURROGATES = ["\ud800", "\udc80", "A\ud800B", "\udfff", "\udc00\ud800", "\ud83d", "x\udbff"]
INVALID_UTF8 = [
    b"\xff",
    b"\xc3\x28",
    b"\xc0\xaf",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\xe2\x82",
    b"\x80",
]
BASIS_SPELLINGS = [
    "vw 25(2)",
    "Vw 25(2) ",
    " Vw 25(2)",
    "VW 25(2)",
    "Vw  25(2)",
    "Vw 25 (2)",
    "art. Vw 25(2)",
]


@dataclass(frozen=True)
class FuzzInput:
    """One malformed input: its class, a readable name, the bytes, and how it is fed."""

    kind: str
    name: str
    source: bytes | Callable[[], bytes]  # a callable: built when run (megabytes each)
    stdin: bool = False
    commands: tuple[str, ...] = COMMANDS
    oversize: bool = False  # the payload is a prefix; the file is padded to OVERSIZE_BYTES

    @property
    def payload(self) -> bytes:
        return self.source if isinstance(self.source, bytes) else self.source()


def dump(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")


def _set(data: Any, path: Path_, value: Any) -> Any:
    out = copy.deepcopy(data)
    target = out
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return out


def _delete(data: Any, path: Path_) -> Any:
    out = copy.deepcopy(data)
    target = out
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return out


def _where(path: Path_) -> str:
    return ".".join(str(p) for p in path)


def _texts(limit: int) -> list[str]:
    return ["x" * limit, "ä" * limit, "Vw 25(2)" + " " * limit]


try:  # one character over each field's limit
    from desktop.core.limits import TEXT_LIMITS
except ImportError:  # pragma: no cover - measuring the code before the limits (the same numbers)
    TEXT_LIMITS = {
        **dict.fromkeys(["basis", "name", "organisation"], 200),
        **{"excuse": 2_000, "nationality": 100, "address": 500, "phone": 50, "email": 254},
        **{"reference": 100, "v_number": 50, "ind_reference": 100, "tag": 50},
        "notes": 100_000,
        **{"relation": 50, "purpose": 200},
    }


def _limit_key(path: Path_) -> str:
    if path[0] == "tags":
        return "tag"
    return "reference" if path[-1] == "objected_decision_reference" else str(path[-1])


def _variants(rng: random.Random) -> dict[str, Callable[[], Iterator[FuzzInput]]]:
    """Per class: a systematic list of inputs (every field), then random ones for ever."""

    def shuffled(items: list[FuzzInput]) -> Iterator[FuzzInput]:
        rng.shuffle(items)
        yield from items
        while True:
            yield rng.choice(items)

    def deep() -> Iterator[FuzzInput]:
        items = []
        for depth in (33, 100, 5_000, 1_000_000):
            items += [
                FuzzInput("deep nesting", f"array {depth}", b"[" * depth + b"]" * depth),
                FuzzInput("deep nesting", f"unclosed {depth}", b"[" * depth),
                FuzzInput(
                    "deep nesting",
                    f"object {depth}",
                    b'{"a":' * depth + b"1" + b"}" * depth,
                ),
                FuzzInput(
                    "deep nesting",
                    f"in notes {depth}",
                    dump(BASE)[:-1] + b',"x":' + b"[" * depth + b"]" * depth + b"}",
                ),
                FuzzInput(
                    "deep nesting",
                    f"in events {depth}",
                    dump(_set(BASE, ("events", 1, "basis"), None)).replace(
                        b'"basis": null', b'"basis": ' + b"[" * depth + b"]" * depth
                    ),
                ),
            ]
        items.append(
            FuzzInput("deep nesting", "stdin 100000", b"[" * 100_000 + b"]" * 100_000, stdin=True)
        )
        return shuffled(items)

    def huge_int() -> Iterator[FuzzInput]:
        items = []
        for digits in (4_301, 5_000, 100_000):
            n = b"9" * digits
            items += [
                FuzzInput(
                    "huge integer",
                    f"ignored field {digits}",
                    dump(BASE)[:-1] + b',"x":' + n + b"}",
                ),
                FuzzInput("huge integer", f"top level {digits}", n),
                FuzzInput(
                    "huge integer", f"negative {digits}", dump(BASE)[:-1] + b',"x":-' + n + b"}"
                ),
                FuzzInput(
                    "huge integer",
                    f"months {digits}",
                    dump(BASE).replace(b'"months": 6', b'"months": ' + n),
                ),
                FuzzInput("huge integer", f"in list {digits}", b"[" + n + b"]"),
                FuzzInput("huge integer", f"stdin {digits}", n, stdin=True),
            ]
        return shuffled(items)

    def dates() -> Iterator[FuzzInput]:
        items = []
        for path in DATE_FIELDS:
            birth = path[-1] == "date_of_birth"  # from 1900: 1989 is a fine year of birth
            for bad in [*BAD_DATES, "1899-12-31"] if birth else BAD_DATES:
                if birth and bad == "1989-12-31":
                    continue
                items.append(
                    FuzzInput("bad date", f"{_where(path)}={bad}", dump(_set(BASE, path, bad)))
                )
        for path in PROOF_DATES:
            for bad in BAD_DATES:
                items.append(
                    FuzzInput(
                        "bad date",
                        f"{_where(path)}={bad}",
                        dump(_set(BASE, path, bad)),
                        commands=("import",),
                    )
                )
        for bad in BAD_DATES:
            items.append(
                FuzzInput(
                    "bad date",
                    f"objected_decision_sent={bad}",
                    dump(_set(OBJECTION, ("objected_decision_sent",), bad)),
                )
            )
        for year in ("9998", "9999", "2101", "1989"):
            shifted = (
                dump(BASE).decode().replace('"2025-', f'"{year}-').replace('"2026-', f'"{year}-')
            )
            items.append(FuzzInput("bad date", f"whole case in {year}", shifted.encode()))
        return shuffled(items)

    def surrogates() -> Iterator[FuzzInput]:
        items = []
        for path in [*TEXT_FIELDS, ("procedure",), ("events", 0, "type"), ("received",)]:
            for s in SURROGATES:
                raw = json.dumps(_set(BASE, path, s))  # ensure_ascii: the \udxxx escape
                items.append(FuzzInput("lone surrogate", f"{_where(path)}={s!a}", raw.encode()))
        for s in SURROGATES:
            escaped = json.dumps(s)
            items.append(
                FuzzInput(
                    "lone surrogate",
                    f"key {s!a}",
                    (json.dumps(BASE)[:-1] + f",{escaped}: 1}}").encode(),
                )
            )
            items.append(
                FuzzInput(
                    "lone surrogate",
                    f"ignored field {s!a}",
                    (json.dumps(BASE)[:-1] + f', "x": {escaped}}}').encode(),
                )
            )
            items.append(
                FuzzInput(
                    "lone surrogate",
                    f"stdin notes {s!a}",
                    json.dumps(_set(BASE, ("notes",), s)).encode(),
                    stdin=True,
                )
            )
        return shuffled(items)

    def utf8() -> Iterator[FuzzInput]:
        items = []
        for path in TEXT_FIELDS:
            for bad in INVALID_UTF8:
                marker = "@@MARK@@"
                raw = dump(_set(BASE, path, f"a{marker}b")).replace(marker.encode(), bad)
                for stdin in (False, True):
                    items.append(
                        FuzzInput(
                            "invalid UTF-8",
                            f"{_where(path)}={bad!r}{' stdin' if stdin else ''}",
                            raw,
                            stdin=stdin,
                        )
                    )
        text = json.dumps(BASE, ensure_ascii=False)
        for encoding in ("utf-16", "utf-32", "latin-1", "cp1252"):
            for stdin in (False, True):
                items.append(
                    FuzzInput(
                        "invalid UTF-8",
                        f"{encoding}{' stdin' if stdin else ''}",
                        text.encode(encoding, "replace"),
                        stdin=stdin,
                    )
                )
        return shuffled(items)

    def huge_text() -> Iterator[FuzzInput]:
        items = []
        for path in TEXT_FIELDS:
            over = TEXT_LIMITS[_limit_key(path)] + 1
            for text in [*_texts(1_000_000), "é" * over, "x" * (over - 1) + "\n"]:
                if text:
                    items.append(
                        FuzzInput(
                            "huge text",
                            f"{_where(path)} {len(text)}",
                            lambda path=path, text=text: dump(_set(BASE, path, text)),
                        )
                    )
        for count in (10_000, 100_000):
            for key, item in (
                ("events", {"type": "decision", "sent": "2026-10-01"}),
                ("co_applicants", {"name": "x"}),
                ("tags", "t"),
            ):
                items.append(
                    FuzzInput(
                        "huge text",
                        f"{count} {key}",
                        lambda key=key, item=item, n=count: dump(_set(BASE, (key,), [item] * n)),
                    )
                )
        return shuffled(items)

    def wrong_types() -> Iterator[FuzzInput]:
        items = []
        for path, values in WRONG_TYPES:
            for value in values:
                items.append(
                    FuzzInput(
                        "wrong type",
                        f"{_where(path)}={value!r:.30}",
                        dump(_set(BASE, path, value)),
                    )
                )
        for path, values in IMPORT_ONLY_WRONG_TYPES:
            for value in values:
                items.append(
                    FuzzInput(
                        "wrong type",
                        f"{_where(path)}={value!r:.30}",
                        dump(_set(BASE, path, value)),
                        commands=("import",),
                    )
                )
        for top in (b'"regular"', b"1", b"null", b"true", b"[1]", b'["x"]', b"[[]]", b"[null]"):
            items.append(FuzzInput("wrong type", f"top level {top!r}", top))
        return shuffled(items)

    def missing() -> Iterator[FuzzInput]:
        items = [
            FuzzInput("missing field", _where(path), dump(_delete(BASE, path)))
            for path in REQUIRED_FIELDS
        ]
        items.append(
            FuzzInput(
                "missing field",
                "objected_decision_sent",
                dump(_delete(OBJECTION, ("objected_decision_sent",))),
            )
        )
        items += [
            FuzzInput("missing field", "empty object", b"{}"),
            FuzzInput("missing field", "empty list", b"[]", commands=("notice", "checklist")),
            FuzzInput("missing field", "event {}", dump(_set(BASE, ("events", 0), {}))),
            FuzzInput(
                "missing field", "months and weeks", dump(_delete(BASE, ("events", 1, "months")))
            ),
            FuzzInput("missing field", "stdin {}", b"{}", stdin=True),
        ]
        for path in REQUIRED_FIELDS:
            items.append(
                FuzzInput("missing field", f"{_where(path)}=null", dump(_set(BASE, path, None)))
            )
        return shuffled(items)

    def unknown() -> Iterator[FuzzInput]:
        items = []
        for path, values in UNKNOWN_VALUES:
            for value in values:
                items.append(
                    FuzzInput(
                        "unknown value",
                        f"{_where(path)}={value!r:.30}",
                        dump(_set(BASE, path, value)),
                    )
                )
        return shuffled(items)

    def malformed() -> Iterator[FuzzInput]:
        good = dump(BASE)
        items = [
            FuzzInput("malformed JSON", "empty", b""),
            FuzzInput("malformed JSON", "whitespace", b"  \n\t "),
            FuzzInput("malformed JSON", "NaN", good[:-1] + b',"x": NaN}'),
            FuzzInput(
                "malformed JSON",
                "Infinity months",
                good.replace(b'"months": 6', b'"months": Infinity'),
            ),
            FuzzInput("malformed JSON", "-Infinity", good[:-1] + b',"x": -Infinity}'),
            FuzzInput("malformed JSON", "trailing comma", good[:-1] + b",}"),
            FuzzInput("malformed JSON", "two documents", good + good),
            FuzzInput("malformed JSON", "single quotes", good.replace(b'"', b"'")),
            FuzzInput("malformed JSON", "comment", b"// case\n" + good),
            FuzzInput("malformed JSON", "NUL", good[:10] + b"\x00" + good[10:]),
            FuzzInput(
                "malformed JSON", "1e999 months", good.replace(b'"months": 6', b'"months": 1e999')
            ),
            FuzzInput("malformed JSON", "stdin truncated", good[:40], stdin=True),
            FuzzInput("malformed JSON", "repeated key", good[:-1] + b',"procedure": "asylum"}'),
            FuzzInput(
                "malformed JSON",
                "repeated key in an event",
                good.replace(b'"months": 6', b'"months": 6, "months": 3'),
            ),
        ]
        for cut in sorted(rng.sample(range(1, len(good) - 1), 40)):
            items.append(FuzzInput("malformed JSON", f"truncated at {cut}", good[:cut]))
        for _ in range(40):
            spot = rng.randrange(len(good))
            byte = bytes([rng.choice(b'{}[]":,\\0123456789tfn ')])
            items.append(
                FuzzInput(
                    "malformed JSON",
                    f"byte {byte!r} at {spot}",
                    good[:spot] + byte + good[spot + 1 :],
                )
            )
        return shuffled([i for i in items if _is_bad_json(i.payload)])

    def oversize() -> Iterator[FuzzInput]:
        prefix = dump(BASE)[:-1] + b',"x": "'
        items = [
            FuzzInput("oversize", "file", prefix, oversize=True),
            FuzzInput("oversize", "stdin", prefix, stdin=True, oversize=True),
        ]
        return shuffled(items)

    return {
        "deep nesting": deep,
        "huge integer": huge_int,
        "bad date": dates,
        "lone surrogate": surrogates,
        "invalid UTF-8": utf8,
        "huge text": huge_text,
        "wrong type": wrong_types,
        "missing field": missing,
        "unknown value": unknown,
        "malformed JSON": malformed,
        "oversize": oversize,
    }


def _is_bad_json(payload: bytes) -> bool:
    """Byte flips may leave valid JSON (a digit for a digit): keep only the broken ones."""

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        if len({key for key, _ in pairs}) != len(pairs):
            raise ValueError("repeated key")
        return dict(pairs)

    try:
        json.loads(payload, parse_constant=lambda name: 1 / 0, object_pairs_hook=unique)
    except (ValueError, ZeroDivisionError, RecursionError):
        return True
    return False


def generate(count: int, seed: int = 12) -> list[FuzzInput]:
    """`count` inputs, round robin over the classes: every class is hit by the first dozen."""
    rng = random.Random(seed)
    streams = {kind: make() for kind, make in _variants(rng).items()}
    out: list[FuzzInput] = []
    kinds = list(streams)
    # The oversize class is expensive (an 80 MB file): at most two of them per run.
    seen_oversize = 0
    while len(out) < count:
        for kind in kinds:
            if len(out) >= count:
                break
            item = next(streams[kind])
            if item.oversize:
                if seen_oversize >= 2:
                    continue
                seen_oversize += 1
            out.append(item)
    return out


def basis_inputs() -> list[tuple[str, bytes]]:
    """Extensions whose basis is not spelt as the contract spells it: valid:false, not an error."""
    return [(b, dump(_set(BASE, ("events", 1, "basis"), b))) for b in BASIS_SPELLINGS]


# ---------------------------------------------------------------------------------- running


@dataclass
class Outcome:
    code: int | None
    stdout: bytes
    stderr: bytes
    seconds: float
    written: list[str] = field(default_factory=list)
    crash: str = ""

    def failures(self) -> list[str]:
        """What is wrong with this refusal (empty: the property holds)."""
        problems = []
        if self.crash:
            problems.append(f"crash: {self.crash}")
        if self.code is None:
            problems.append("timeout")
        elif self.seconds > SLOW:
            problems.append(f"slower than {SLOW} s")
        elif self.code != 2:
            problems.append(f"exit {self.code}")
        if self.stdout:
            problems.append("stdout not empty")
        try:
            text = self.stderr.decode("utf-8")
        except UnicodeDecodeError:
            problems.append("stderr not UTF-8")
            text = self.stderr.decode("utf-8", "replace")
        lines = text.splitlines()
        if len(lines) != 1:
            problems.append(f"{len(lines)} stderr lines")
        if any(len(line) > MAX_LINE for line in lines):
            problems.append(f"stderr line of {max(len(line) for line in lines)} characters")
        if "Traceback" in text:
            problems.append("traceback")
        if lines and not lines[0].startswith("error: "):
            problems.append("no 'error: '")
        if self.written:
            problems.append(f"wrote {', '.join(self.written)}")
        return problems


class Workspace:
    """A folder per run (the input file, the -o target) and one data folder holding a case.

    The data folder is shared: every run must leave it byte-identical, which is checked after
    each run against one snapshot (taken again only if a failing run changed it).
    """

    def __init__(self, base: Path, data: Path) -> None:
        self.base = base
        self.data = data
        self.before = snapshot(data)
        self.lock = threading.Lock()

    def prepare(self, item: FuzzInput, index: int) -> tuple[Path, Path]:
        folder = self.base / f"run{index}"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        case = folder / "case.json"
        if item.oversize:
            with case.open("wb") as handle:
                handle.write(item.payload)
                handle.write(b"y" * (OVERSIZE_BYTES - len(item.payload) - 2))
                handle.write(b'"}')
        elif not item.stdin:
            case.write_bytes(item.payload)
        return folder, case

    def run(self, runner: Runner, command: str, item: FuzzInput, index: int) -> Outcome:
        folder, case = self.prepare(item, index)
        out = folder / "out.pdf"
        argv = argv_for(command, item, case, self.data, out)
        outcome = runner(argv, stdin_bytes(item))
        if out.exists():
            outcome.written.append("the -o file")
        stray = [p.name for p in folder.iterdir() if p.name not in ("case.json", "out.pdf")]
        outcome.written += [f"stray {name}" for name in stray]
        shutil.rmtree(folder, ignore_errors=True)
        with self.lock:  # runs may be checked from two threads
            return self._check_data(outcome)

    def _check_data(self, outcome: Outcome) -> Outcome:
        after = snapshot(self.data)
        if after != self.before:
            changed = sorted(
                k for k in set(self.before) | set(after) if self.before.get(k) != after.get(k)
            )
            outcome.written.append(f"data folder: {', '.join(changed)}")
            self.before = after
        return outcome


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def argv_for(command: str, item: FuzzInput, case: Path, data: Path, out: Path) -> list[str]:
    source = "-" if item.stdin else str(case)
    if command == "import":
        return ["--data-dir", str(data), "cases", "import", source]
    # BASE is decided on 2026-10-01: after that no Notice and no checklist is made (issue 11),
    # so the document commands work on the day before, the Notice as a draft.
    today = "2026-09-30" if command in ("notice", "checklist") else "2026-11-25"
    argv = ["--data-dir", str(data), command, source, "--today", today]
    if command == "notice":
        argv.append("--draft")
    if command in ("notice", "checklist"):
        argv += ["-o", str(out)]
    return argv


def stdin_bytes(item: FuzzInput) -> bytes:
    if item.oversize and item.stdin:
        return item.payload + b"y" * (OVERSIZE_BYTES - len(item.payload) - 2) + b'"}'
    return item.payload if item.stdin else b""


Runner = Callable[[list[str], bytes], Outcome]


def run_subprocess(argv: list[str], stdin: bytes) -> Outcome:
    """`python -m desktop ARGV` as a user runs it, in UTF-8 English."""
    env = {**os.environ, "LANG": "en_GB.UTF-8"}
    env.pop("LC_ALL", None)
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "desktop", *argv],
            input=stdin,
            capture_output=True,
            cwd=ROOT,
            env=env,
            timeout=TIMEOUT,
            check=False,
        )
        code, stdout, stderr = done.returncode, done.stdout, done.stderr
    except subprocess.TimeoutExpired as exc:
        code, stdout, stderr = None, exc.stdout or b"", exc.stderr or b""
    return Outcome(code, stdout, stderr, time.perf_counter() - started)


def run_in_process(argv: list[str], stdin: bytes) -> Outcome:
    """`desktop.cli.main(ARGV)` in this process, with its own stdin, stdout and stderr.

    The CLI's own code runs unchanged; what only a real process shows (the interpreter's exit
    status on an uncaught exception, its traceback) is recorded as a crash instead.
    """
    from desktop.cli import main

    streams = [
        io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"),
        io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True),
        io.TextIOWrapper(
            io.BytesIO(), encoding="utf-8", errors="backslashreplace", write_through=True
        ),
    ]
    saved = sys.stdin, sys.stdout, sys.stderr
    crash = ""
    code: int | None
    started = time.perf_counter()
    sys.stdin, sys.stdout, sys.stderr = streams
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException as exc:  # any escape is the failure being looked for
        crash = f"{type(exc).__name__}: {str(exc)[:100]}"
        code = 1
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        sys.stdin, sys.stdout, sys.stderr = saved
    return Outcome(
        code,
        streams[1].buffer.getvalue(),  # type: ignore[attr-defined]
        streams[2].buffer.getvalue(),  # type: ignore[attr-defined]
        time.perf_counter() - started,
        crash=crash,
    )


def seed_data_folder(target: Path) -> Path:
    """A data folder with one imported case (the import fuzz checks it stays byte-identical)."""
    target.mkdir(parents=True, exist_ok=True)
    case = target.parent / "seed-case.json"
    case.write_bytes(dump(BASE))
    env = {**os.environ, "LANG": "en_GB.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(target), "cases", "import", str(case)],
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"cannot seed the data folder: {done.stderr.decode(errors='replace')}")
    return target


def _problem_kind(problem: str) -> str:
    """'stderr line of 5103 characters' and '... of 223 ...' count as one kind of failure."""
    if problem.startswith("stderr line of"):
        return "stderr line over 200 characters"
    if problem.startswith("exit"):
        return problem
    return problem.split(":")[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=400, help="inputs to generate")
    parser.add_argument(
        "--processes", type=int, default=0, help="runs as subprocesses (rest in-process)"
    )
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--work", default="", help="work folder (default: a temporary one)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every failure")
    args = parser.parse_args()
    import tempfile

    base = Path(args.work or tempfile.mkdtemp(prefix="termijn-fuzz-"))
    space = Workspace(base / "runs", seed_data_folder(base / "seed" / "data"))
    items = generate(args.count, args.seed)
    runs = failures = 0
    by_class: Counter[str] = Counter()
    by_problem: Counter[str] = Counter()
    inputs_by_class = Counter(item.kind for item in items)
    failed_inputs: set[int] = set()
    slowest = 0.0
    for index, item in enumerate(items):
        for command in item.commands:
            runner = run_subprocess if runs < args.processes else run_in_process
            outcome = space.run(runner, command, item, index)
            runs += 1
            slowest = max(slowest, outcome.seconds)
            problems = outcome.failures()
            if problems:
                failures += 1
                failed_inputs.add(index)
                by_class[item.kind] += 1
                for p in problems:
                    by_problem[_problem_kind(p)] += 1
                if args.verbose:
                    err = outcome.stderr.decode("utf-8", "replace").strip().splitlines()
                    last = err[-1][:150] if err else ""
                    print(f"FAIL {item.kind} | {item.name} | {command}: {problems} | {last}")
    print(
        f"inputs {len(items)} in {len(inputs_by_class)} classes, runs {runs} "
        f"({min(runs, args.processes)} as subprocesses), failed runs {failures}, "
        f"failed inputs {len(failed_inputs)}, slowest run {slowest:.1f} s"
    )
    for kind, n in inputs_by_class.items():
        print(f"  {kind}: {n} inputs, {by_class[kind]} failed runs")
    for problem, n in by_problem.most_common():
        print(f"  problem {problem}: {n}")
    if not args.work:
        shutil.rmtree(base, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
