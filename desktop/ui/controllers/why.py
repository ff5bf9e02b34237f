"""Build the "Why this date?" text from the core's steps, in the current language."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from html import escape

from desktop.core.model import Result, Step
from desktop.i18n import _, current_language, format_date


def relevant_steps(result: Result, kinds: Iterable[str], day: date | None) -> list[Step]:
    wanted = set(kinds)
    return [s for s in result.steps if s.kind in wanted or (day is not None and s.date == day)]


def _step_html(step: Step, lang: str) -> str:
    when = escape(format_date(step.date, lang)) if step.date else ""
    text = escape(step.text.get(lang)).replace("\n", "<br>")
    head = f"<b>{when}</b><br>" if when else ""
    legal = ""
    if step.basis:
        basis = _("Legal basis: {basis}").format(basis=step.basis)
        legal = f"<br><i>{escape(basis)}</i>"
    return f"<p>{head}{text}{legal}</p>"


def why_html(result: Result, kinds: Iterable[str], day: date | None) -> str:
    """Escaped HTML: the steps about this date first, then how the whole term was worked out."""
    lang = current_language()
    about = relevant_steps(result, kinds, day)
    parts = []
    if about:
        parts.append("<h3>" + escape(_("About this date")) + "</h3>")
        parts.extend(_step_html(s, lang) for s in about)
    parts.append("<h3>" + escape(_("How every date was worked out")) + "</h3>")
    parts.extend(_step_html(s, lang) for s in result.steps)
    rules = _("Rules: {pack}").format(pack=result.rules)
    parts.append(f"<p><small>{escape(rules)}</small></p>")
    return "".join(parts)
