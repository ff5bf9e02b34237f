"""The CLI's one input boundary: every command that reads case JSON reads it here.

`read_case_json` reads a file or standard input as bytes, at most `MAX_INPUT_BYTES` of them,
and hands them to the core's `load_json` (UTF-8, depth, number length, lone surrogates); the
case parsers then check dates, texts and lists (`desktop/core/limits.py`). Every refusal is a
`UsageError` of one line that fits `MAX_LINE` characters: exit status 2, no traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from desktop.cli import UsageError
from desktop.core.casefile import CaseFile, parse_case_file
from desktop.core.errors import CaseInputError
from desktop.core.jsontext import JsonTextError, load_json, read_bounded

MAX_LINE = 200  # characters of an error line, "error: " included: one terminal line or two
_BUDGET = MAX_LINE - len("error: ")
STDIN = "-"


def read_case_json(source: str) -> Any:
    """The JSON value in file `source` (or standard input for `-`), checked before parsing."""
    shown = source_name(source)
    data = _read_bytes(source, shown)
    try:
        return load_json(data)
    except JsonTextError as exc:
        raise UsageError(f"{shown}: {exc}") from None
    except CaseInputError as exc:
        raise UsageError(str(exc)) from None


def read_case_files(source: str) -> tuple[list[CaseFile], bool]:
    """Every case in `source`, validated (personal fields too), and whether it was a list.

    One bad case fails the lot: nothing is computed or written for half a batch.
    """
    data = read_case_json(source)
    batch = isinstance(data, list)
    try:
        # A single case is case 0 in messages too, as the contract's example shows.
        items = data if batch else [data]
        return [parse_case_file(item, i) for i, item in enumerate(items)], batch
    except CaseInputError as exc:
        raise UsageError(str(exc)) from None


def read_one_case_file(source: str) -> CaseFile:
    """The single case a document is made of; a list is refused (which case would it be?)."""
    data = read_case_json(source)
    if isinstance(data, list):
        raise UsageError(f"{source_name(source)}: expected one case object, not a list")
    try:
        return parse_case_file(data, 0)
    except CaseInputError as exc:
        raise UsageError(str(exc)) from None


def one_line(head: str, problems: Sequence[str]) -> str:
    """`head: first; second (and 3 more)`: as many problems as fit on one error line."""
    shown: list[str] = []
    for problem in problems:
        rest = len(problems) - len(shown) - 1
        tail = f" (and {rest} more)" if rest else ""
        line = f"{head}: {'; '.join([*shown, problem])}{tail}"
        if len(line) > _BUDGET:
            break
        shown.append(problem)
    if not shown:  # even the first is too long: cut it rather than break the one-line promise
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        room = _BUDGET - len(head) - 2 - len(more) - 1
        return f"{head}: {problems[0][:room]}…{more}"
    rest = len(problems) - len(shown)
    return f"{head}: {'; '.join(shown)}" + (f" (and {rest} more)" if rest else "")


def source_name(source: str) -> str:
    """How messages name the input: 'standard input', or the path (its end, when long)."""
    if source == STDIN:
        return "standard input"
    return source if len(source) <= 60 else "…" + source[-59:]


def _read_bytes(source: str, shown: str) -> bytes:
    """At most MAX_INPUT_BYTES + 1 bytes: enough to know an input is too large, no more."""
    try:
        if source == STDIN:
            if sys.stdin is None:
                raise UsageError("standard input is closed")
            return read_bounded(sys.stdin.buffer)
        with open(source, "rb") as handle:
            return read_bounded(handle)
    except JsonTextError as exc:
        raise UsageError(f"{shown}: {exc}") from None
    except OSError as exc:
        raise UsageError(f"cannot read {shown}: {exc.strerror or type(exc).__name__}") from None


# ------------------------------------------------------------------ other inputs than case JSON


def read_file(source: str, limit: int, what: str = "file") -> bytes:
    """The bytes of a file that is not case JSON (a hand-over bundle), refused past `limit`."""
    shown = source_name(source)
    try:
        with open(source, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {shown}: {exc.strerror or type(exc).__name__}") from None
    if len(data) > limit:
        raise UsageError(f"{shown}: larger than {limit >> 20} MiB: not a {what}")
    return data


def read_first_line(source: str, where: str, limit: int = 1024) -> str:
    """The first line of a small UTF-8 file (a passphrase file), without its line ending.

    Refused when unreadable, empty or longer than `limit` characters; `where` names the
    setting that pointed to the file in the message.
    """
    try:
        with open(source, encoding="utf-8") as handle:
            first = handle.readline(limit + 2)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
        raise UsageError(f"{where}: cannot read {source}: {reason}") from None
    line = first.rstrip("\r\n")
    if not line:
        raise UsageError(f"{where}: {source} is empty: its first line is the passphrase")
    if len(line) > limit:
        raise UsageError(f"{where}: the first line of {source} is longer than {limit} characters")
    return line


def interactive() -> bool:
    """Someone at a terminal can answer a question (a confirmation, a passphrase)."""
    return sys.stdin is not None and sys.stdin.isatty()


def ask_line(prompt: str) -> str:
    """One typed line ("" at the end of input)."""
    try:
        return input(prompt)
    except EOFError:
        return ""
