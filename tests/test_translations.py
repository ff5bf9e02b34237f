"""The Dutch catalog keeps every {placeholder} of its source and leaves nothing untranslated."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
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
