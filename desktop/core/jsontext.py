r"""Bytes to JSON values, safely: size, UTF-8, nesting depth and number length checked first.

Python's `json.loads` trusts its input: deep nesting ends in `RecursionError`, an integer of
more than 4,300 digits in `ValueError: Exceeds the limit`, `NaN` is accepted, a repeated key
keeps its last value without a word, and a `\ud800` escape yields a string that UTF-8 (the
database, the PDF, standard output) cannot encode. Every reader of case JSON (the CLI's input
boundary, the window's import, the store's `transfer`) calls `load_json` or `load_json_file`.
"""

from __future__ import annotations

import json
import os
import re
from array import array
from io import UnsupportedOperation
from itertools import accumulate
from typing import Any, BinaryIO, NoReturn

from desktop.core.errors import CaseInputError, quote
from desktop.core.limits import bad_text

# An export of the whole store is the biggest file Termijn writes: ~1.1 kB a case, so 100,000
# cases (what the store is built for) take ~110 MB. Anything bigger is not a case file, and
# parsing it would take more than a gigabyte of memory.
MAX_INPUT_BYTES = 128 * 1024 * 1024
# A batch or an export nests five deep (list, case, events, event, proof); room to grow.
MAX_DEPTH = 32
# The longest number a case holds is a count of months or weeks (at most 600); 20 digits holds
# any 64-bit number an outside tool might write, and stays far below Python's 4,300-digit limit.
MAX_INT_DIGITS = 20

_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}
# A JSON string (possessive: no backtracking on a 100 MB text), then every non-bracket.
_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]++")
_SQUARE = bytes.maketrans(b"{}", b"[]")
_STEP = bytes.maketrans(b"[]", b"\x01\xff")  # +1 and -1 as signed bytes
# A \u escape of half a surrogate pair somewhere in the text: only then can a string hold one.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}")


class JsonTextError(ValueError):
    """The bytes are not JSON Termijn reads: too big, not UTF-8, malformed or too deep."""


class _NumberTooLongError(Exception):
    def __init__(self, literal: str) -> None:
        self.literal = literal


class _DuplicateKeyError(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def load_json(data: bytes) -> Any:
    """Parse case JSON; `JsonTextError` for the document, `CaseInputError` for a field.

    A `CaseInputError` (a lone surrogate) names the field as the case parsers do, with the
    case's index when the document is a list.
    """
    if len(data) > MAX_INPUT_BYTES:
        raise JsonTextError(too_large(len(data)))
    text = _decode(data)
    if not text.strip():
        raise JsonTextError("empty: expected a case object or a list of them")
    _check_depth(text)
    try:
        value = json.loads(
            text, parse_int=_parse_int, parse_constant=_no_constant, object_pairs_hook=_unique
        )
    except _DuplicateKeyError as exc:
        raise JsonTextError(
            f"the key {quote(exc.key, 30)} appears twice in one object: keep the one you mean"
        ) from None
    except _NumberTooLongError as exc:
        line, column = _position(text, text.find(exc.literal))
        raise JsonTextError(
            f"line {line} column {column}: a number of {len(exc.literal.lstrip('-')):,} digits "
            f"(at most {MAX_INT_DIGITS})"
        ) from None
    except json.JSONDecodeError as exc:
        raise JsonTextError(
            f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    if _SURROGATE_ESCAPE.search(text):
        _check_strings(value)
    return value


def read_bounded(handle: BinaryIO) -> bytes:
    """The bytes of an open file or stream, refusing more than MAX_INPUT_BYTES.

    A regular file over the limit is refused by its size, unread; a pipe or a device (size 0)
    is read to one byte past the limit, never further.
    """
    try:
        size = os.fstat(handle.fileno()).st_size
    except (OSError, AttributeError, UnsupportedOperation):
        size = 0  # a stream without a file (tests, an in-memory buffer)
    if size > MAX_INPUT_BYTES:
        raise JsonTextError(too_large(size))
    data = handle.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise JsonTextError(too_large(None))
    return data


def load_json_file(path: str | os.PathLike[str]) -> Any:
    """`load_json` of a file, read through `read_bounded` (OSError if it cannot be opened)."""
    with open(path, "rb") as handle:
        return load_json(read_bounded(handle))


def too_large(size: int | None) -> str:
    """The refusal of an input over MAX_INPUT_BYTES (`size` None: only a bounded part read)."""
    found = f"{size:,} bytes" if size is not None else f"more than {MAX_INPUT_BYTES:,} bytes"
    return f"too large ({found}); Termijn reads case files of at most {MAX_INPUT_BYTES >> 20} MiB"


def _decode(data: bytes) -> str:
    for bom, name in _BOMS.items():
        if data.startswith(bom):
            raise JsonTextError(f"{name} text, not UTF-8: save the file as UTF-8")
    try:
        # utf-8-sig: a byte-order mark (Windows Notepad writes one) is skipped, not an error.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise JsonTextError(
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at line {line} column {column}"
            " (save the file as UTF-8)"
        ) from None


def _parse_int(literal: str) -> int:
    if len(literal) > MAX_INT_DIGITS and len(literal.lstrip("-")) > MAX_INT_DIGITS:
        raise _NumberTooLongError(literal)
    return int(literal)


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object, refusing a repeated key (json.loads would silently keep the last value)."""
    value = dict(pairs)
    if len(value) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return value


def _no_constant(name: str) -> NoReturn:
    raise JsonTextError(f"{name} is not a JSON value (use a number or null)")


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH without recursing (json.loads would, per level).

    Strings and everything but brackets removed, the deepest point is the highest running
    sum of +1 per opener and -1 per closer. json.loads stops at the first bracket that does
    not match, so it never recurses deeper than the running sum up to there.
    """
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text)).encode("ascii").translate(_SQUARE)
    if b"[" * (MAX_DEPTH + 1) in brackets:  # "[[[[…": settled at once, however long
        raise JsonTextError(f"nested more than {MAX_DEPTH} levels deep")
    # Each pass strips the innermost pairs, one level: a real case file's brackets (five
    # levels) are gone in a few, and what is left is MAX_DEPTH - passes deep at most.
    passes = 0
    while brackets and passes < 6:
        inner = brackets.replace(b"[]", b"")
        if len(inner) == len(brackets):
            break
        brackets, passes = inner, passes + 1
    if brackets and max(accumulate(array("b", brackets.translate(_STEP)))) > MAX_DEPTH - passes:
        raise JsonTextError(f"nested more than {MAX_DEPTH} levels deep")


def _position(text: str, index: int) -> tuple[int, int]:
    index = max(index, 0)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _check_strings(value: Any) -> None:
    """Find the first string (or key) that UTF-8 cannot encode and name its field."""
    top_is_batch = isinstance(value, list)
    stack: list[tuple[Any, str, int]] = []
    if top_is_batch:
        stack.extend((item, "", i) for i, item in reversed(list(enumerate(value))))
    else:
        stack.append((value, "", 0))  # a single case is case 0, as the parsers call it
    while stack:
        item, path, case = stack.pop()
        try:
            if isinstance(item, str):
                bad_text(item, path or "case", controls=False)
            elif isinstance(item, dict):
                children = []
                for key, child in item.items():
                    bad_text(key, f"{path or 'case'} key {quote(key, 30)}", controls=False)
                    children.append((child, _field(path, key), case))
                stack.extend(reversed(children))
            elif isinstance(item, list):
                stack.extend(
                    (child, f"{path}[{i}]", case) for i, child in reversed(list(enumerate(item)))
                )
        except CaseInputError as exc:
            raise exc.with_index(case) from None


def _field(path: str, key: str) -> str:
    """`events[1].basis` as the parsers name it; odd or long keys quoted and shortened."""
    shown = key if _NAME.fullmatch(key) else quote(key, 30)
    return f"{path}.{shown}" if path else shown
