"""Folding for search and sort: casefolded, diacritics stripped, so "sukru" finds "Şükrü"."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

# Letters NFKD does not take apart, and marks that are not combining characters.
_EXTRA = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ʿ": "",  # ayn, as in "ʿAlī"
        "ʾ": "",  # hamza
        "’": "'",
        "‘": "'",
    }
)


def fold(text: str) -> str:
    """Lower-case, without accents or marks: the stored column and the query both go through it."""
    if text.isascii():  # most V-numbers and references: nothing to strip
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.translate(_EXTRA).split())


def compact(text: str) -> str:
    """Without spaces, dots and dashes: "V 12.34-56" is found by "v123456"."""
    return _compact_folded(fold(text))


def _compact_folded(folded: str) -> str:
    return "".join(ch for ch in folded if ch.isalnum())


def search_text(parts: Iterable[str], identifiers: Iterable[str] = ()) -> str:
    """The stored search column: folded names, plus identifiers with and without separators."""
    words = [fold(p) for p in parts if p]
    for ident in identifiers:
        if ident:
            folded = fold(ident)
            words += [folded, _compact_folded(folded)]
    return " | ".join(w for w in words if w)


def like_patterns(query: str) -> list[str]:
    r"""One `LIKE ? ESCAPE '\'` pattern per word of the query (every word must match)."""
    return [f"%{_escape(word)}%" for word in fold(query).split()]


def _escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
