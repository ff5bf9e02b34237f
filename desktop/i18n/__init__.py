"""One gettext catalog for window, documents and CLI, plus Babel formatting of dates and money."""

from __future__ import annotations

import gettext
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache

from babel.dates import format_date as _babel_format_date
from babel.numbers import format_currency

from desktop.resources import locale_dir

DOMAIN = "termijn"
LANGUAGES = ("en", "nl")
LOCALES = {"en": "en_GB", "nl": "nl_NL"}

_current = "en"


class MissingCatalogError(RuntimeError):
    """The Dutch catalog was not built; Dutch must never silently fall back to English."""


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog for `lang`; English is the source language and needs none."""
    if lang == "en":
        return gettext.NullTranslations()
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language: {lang!r}")
    try:
        return gettext.translation(DOMAIN, localedir=locale_dir(), languages=[lang], fallback=False)
    except FileNotFoundError as exc:
        raise MissingCatalogError(
            f"the {lang} catalog is not compiled; run `python scripts/i18n.py compile`"
        ) from exc


def set_language(lang: str) -> None:
    global _current
    translations(lang)  # fail now, not at the first string
    _current = lang


def current_language() -> str:
    return _current


def _(message: str) -> str:
    """Translate into the current language, read at call time."""
    return translations(_current).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count` in the current language ("1 case", "2 cases")."""
    return translations(_current).ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a constant for extraction; translate it where it is shown."""
    return message


def translator(lang: str) -> Callable[[str], str]:
    """A `_` for a fixed language: a Dutch Notice prints from an English window."""
    return translations(lang).gettext


@lru_cache(maxsize=8192)
def format_date(day: date, lang: str, style: str = "full") -> str:
    """'maandag 27 april 2026' / 'Monday, 27 April 2026' (cached: the core formats many dates)."""
    return _babel_format_date(day, style, locale=LOCALES[lang])


def long_date(day: date | None, lang: str | None = None) -> str:
    """'27 april 2026' / '27 April 2026' ("" for no date), in `lang` or the window's language."""
    return format_date(day, lang or _current, "long") if day else ""


def full_date(day: date | None, lang: str | None = None) -> str:
    """With the weekday, for a day someone must act on: 'maandag 27 april 2026'."""
    return format_date(day, lang or _current, "full") if day else ""


@lru_cache(maxsize=4096)
def format_money(amount: Decimal, lang: str) -> str:
    """'€ 1.442,00' / '€1,442.00' (cached: the same amounts recur across cases)."""
    return format_currency(amount, "EUR", locale=LOCALES[lang])
