"""Citations from the rule pack in a letter's style: "artikel 4:17, derde lid, van de Awb".

The pack writes citations compactly ("Awb 4:17(3)", "Vw 30c(1)(b)", "Vw 2u(1); Vw 29(2)").
Dutch running text spells them out ("artikel 30c, eerste lid, onder b, van de
Vreemdelingenwet 2000"); English keeps the compact article ("Article 30c(1)(b) of the Aliens Act
2000 (Vw)"). The law names come from the pack's `letters.laws`; a law it does not name, or a
pack without that table, keeps the pack's own abbreviation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.rulepack import RulePack

# "Awb 4:17(3)", "Vw 30c(1)(b)", "Vw 69(1)-(2)", "RWN 9(4)": law, article, then the rest.
_PART = re.compile(r"^\s*(?P<law>[A-Za-z]+)\s+(?P<article>\d+[a-z]*(?::\d+[a-z]*)?)(?P<rest>.*)$")
_PAREN = re.compile(r"\(([^)]*)\)")
_ORDINALS = (
    "eerste",
    "tweede",
    "derde",
    "vierde",
    "vijfde",
    "zesde",
    "zevende",
    "achtste",
    "negende",
    "tiende",
    "elfde",
    "twaalfde",
)


@dataclass(frozen=True, slots=True)
class _Citation:
    law: str
    article: str
    rest: str  # "(3)", "(1)(b)", "(1)-(2)" or ""


def _parse(basis: str) -> list[_Citation] | None:
    parts = []
    for piece in basis.split(";"):
        found = _PART.match(piece)
        if found is None:
            return None  # not a citation the letters can spell out: print it as it stands
        parts.append(_Citation(found["law"], found["article"], found["rest"].strip()))
    return parts


def _ordinal(number: str) -> str:
    if number.isdigit() and 1 <= int(number) <= len(_ORDINALS):
        return _ORDINALS[int(number) - 1]
    return f"{number}e"


def _dutch_article(part: _Citation) -> str:
    """The Dutch article phrase, e.g. "artikel 30c, eerste lid, onder b" (without the law)."""
    pieces = _PAREN.findall(part.rest)
    members = [p for p in pieces if p.isdigit()]
    letters = [p for p in pieces if not p.isdigit()]
    out = f"artikel {part.article}"
    if "-" in part.rest and len(members) == 2:
        adjacent = members[1].isdigit() and int(members[1]) - int(members[0]) == 1
        joint = "en" if adjacent else "tot en met"
        out += f", {_ordinal(members[0])} {joint} {_ordinal(members[1])} lid"
    elif members:
        out += f", {_ordinal(members[0])} lid"
    if letters:
        out += f", onder {letters[0]}"
    return out


def cite(basis: str, lang: str, pack: RulePack) -> str:
    """`basis` as running text in `lang`; the pack's string as it stands if it is no citation."""
    parts = _parse(basis)
    laws = pack.letters.laws if pack.letters is not None else {}
    if not parts:
        return basis
    if lang == "nl":
        # Group consecutive articles of one law: "artikel 2u, eerste lid, en artikel 29, tweede
        # lid, van de Vreemdelingenwet 2000". A comma closes a "lid" or "onder" clause.
        phrases = []
        for law, members in _groups(parts):
            text = ""
            for i, part in enumerate(members):
                if i:
                    text += ", en " if members[i - 1].rest else " en "
                text += _dutch_article(part)
            comma = "," if members[-1].rest else ""
            phrases.append(
                f"{text}{comma} van de {laws[law].nl}" if law in laws else f"{text} {law}"
            )
        return " en ".join(phrases)
    english = []
    for law, members in _groups(parts):
        articles = [f"{p.article}{p.rest}" for p in members]
        word = "Articles" if len(articles) > 1 else "Article"
        name = f"the {laws[law].en}" if law in laws else law
        english.append(f"{word} {' and '.join(articles)} of {name}")
    return " and ".join(english)


def _groups(parts: list[_Citation]) -> list[tuple[str, list[_Citation]]]:
    """Consecutive citations of one law together."""
    groups: list[tuple[str, list[_Citation]]] = []
    for part in parts:
        if groups and groups[-1][0] == part.law:
            groups[-1][1].append(part)
        else:
            groups.append((part.law, [part]))
    return groups


def short(basis: str, lang: str) -> str:
    """A compact citation for a table cell: "art. 25 lid 1 Vw" / "Vw 25(1)"."""
    parts = _parse(basis)
    if not parts or lang != "nl":
        return basis
    out = []
    for part in parts:
        pieces = _PAREN.findall(part.rest)
        members = [p for p in pieces if p.isdigit()]
        letters = [p for p in pieces if not p.isdigit()]
        text = f"art. {part.article}"
        if members:
            text += " lid " + "-".join(members)
        if letters:
            text += f" sub {letters[0]}"
        out.append(f"{text} {part.law}")
    return "; ".join(out)
