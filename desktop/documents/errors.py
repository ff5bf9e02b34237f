"""Why a document cannot be made: reasons as bilingual texts the window and the CLI both show."""

from __future__ import annotations

from datetime import date

from desktop.core.model import Text
from desktop.i18n import format_date, translator


def _in(value: object, lang: str) -> object:
    if isinstance(value, date):
        return format_date(value, lang, "long")
    if isinstance(value, Text):
        return value.get(lang)
    return value


def both(message: str, **values: object) -> Text:
    """One catalog message in English and Dutch; dates ("27 april 2026") and texts per language."""
    out = {}
    for lang in ("en", "nl"):
        filled = {key: _in(value, lang) for key, value in values.items()}
        out[lang] = translator(lang)(message).format(**filled)
    return Text(en=out["en"], nl=out["nl"])


class DocumentError(ValueError):
    """A document cannot be made as asked; the message says why and what to do."""


class DocumentRefused(DocumentError):  # noqa: N818 - the name the window and brief use
    """The case's state or data does not allow this document (a draft may still be allowed).

    `reasons` are whole sentences in both languages, without command-line words, so that the
    window can show them as they are; `str()` is the English, one line, for the CLI.
    """

    def __init__(self, *reasons: Text) -> None:
        self.reasons: tuple[Text, ...] = reasons
        super().__init__(" ".join(r.en for r in reasons))

    @property
    def reason(self) -> Text:
        """All reasons as one text per language (what the window shows)."""
        return Text(
            en=" ".join(r.en for r in self.reasons), nl=" ".join(r.nl for r in self.reasons)
        )


class PrematureNoticeError(DocumentRefused):
    """The Notice would reach the IND too early to count (R4.1); only a draft may be made."""

    def __init__(self, earliest: date) -> None:
        self.earliest = earliest
        super().__init__(
            both(
                "A Notice sent now would reach the IND too early: it counts only if it arrives "
                "on or after {date}. Post or fax it on or after that day, or make a draft.",
                date=earliest,
            )
        )


class DecidedError(DocumentRefused):
    """The IND has already decided: this document would serve no purpose."""

    def __init__(self, decided: date, reason: Text | None = None) -> None:
        self.decided = decided
        super().__init__(
            reason
            or both(
                "The IND already decided on {date}: a Notice of Default is no longer needed.",
                date=decided,
            )
        )
