"""The Dutch catalog keeps every {placeholder} of its source and leaves nothing untranslated."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "translations" / "nl" / "LC_MESSAGES" / "termijn.po"


def placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def load():
    with PO.open("rb") as fh:
        return [m for m in read_po(fh, locale="nl") if m.id]


MESSAGES = load()


def _id(message) -> str:
    text = message.id if isinstance(message.id, str) else message.id[0]
    return re.sub(r"\s+", " ", text)[:60]


def test_catalog_has_messages():
    assert len(MESSAGES) > 100


@pytest.mark.parametrize("message", MESSAGES, ids=_id)
def test_dutch_entry_is_complete_and_keeps_placeholders(message):
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    assert not message.fuzzy, "fuzzy entries are not shown: review and clear the flag"
    assert all(s.strip() for s in strings), "empty Dutch translation"
    wanted = set().union(*(placeholders(i) for i in ids))
    for text in strings:
        assert placeholders(text) == wanted


def test_placeholder_check_can_fail():
    assert placeholders("Ontvangen {datum}") != placeholders("Received {date}")


def _literal_gettext_calls_in_f_strings(source: str) -> list[int]:
    """Lines where `_("...")` sits inside an f-string, which Babel's extractor cannot see."""
    found = []
    for fstring in (n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.JoinedStr)):
        for node in ast.walk(fstring):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.append(node.lineno)
    return found


def test_no_translated_text_hides_in_an_f_string():
    hidden = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in (ROOT / "desktop").rglob("*.py")
        for line in _literal_gettext_calls_in_f_strings(path.read_text(encoding="utf-8"))
    ]
    assert not hidden, "move these _() calls out of the f-string: " + ", ".join(hidden)


def test_f_string_check_can_fail():
    assert _literal_gettext_calls_in_f_strings("x = f\"<b>{_('Hello')}</b>\"\n") == [1]


def test_every_message_in_the_code_is_in_the_catalog():
    in_code = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / "desktop",
            method_map=[("**.py", "python")],
            keywords={"_": None, "N_": None, "ngettext": (1, 2)},
        )
    }
    in_catalog = {m.id for m in MESSAGES}
    assert len(in_code) > 100
    assert not sorted(in_code - in_catalog), "run: python scripts/i18n.py update, then translate"
