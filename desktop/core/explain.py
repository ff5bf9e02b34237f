"""Render the rule pack's bilingual texts with dates, amounts and words formatted per language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from desktop.core.model import Step, Text, Warning
from desktop.core.rulepack import RulePack
from desktop.i18n import format_date, format_money

Param = date | Decimal | Text | str | int


def render(pack: RulePack, key: str, /, **params: Param) -> Text:
    """Fill a text's placeholders in both languages (one pass: this is the core's hot path)."""
    template = pack.text(key)
    if not params:
        return template
    en: dict[str, str] = {}
    nl: dict[str, str] = {}
    for name, value in params.items():
        if isinstance(value, date):
            en[name], nl[name] = format_date(value, "en"), format_date(value, "nl")
        elif isinstance(value, Text):
            en[name], nl[name] = value.en, value.nl
        elif isinstance(value, Decimal):
            en[name], nl[name] = format_money(value, "en"), format_money(value, "nl")
        else:
            en[name] = nl[name] = str(value)
    return Text(en=template.en.format_map(en), nl=template.nl.format_map(nl))


NO_TEXT = Text("", "")


class Explainer:
    """Collects the dated steps and the warnings of one computation.

    With `enabled=False` it renders nothing (texts come back empty, warnings keep only their
    code): for callers that need dates only, such as the store's key-date cache.
    """

    def __init__(self, pack: RulePack, enabled: bool = True) -> None:
        self.pack = pack
        self.enabled = enabled
        self.steps: list[Step] = []
        self.warnings: list[Warning] = []

    def step(
        self, day: date, key: str, basis: str, rule: str, /, *, kind: str = "", **params: Param
    ) -> None:
        if not self.enabled:
            return
        self.steps.append(Step(day, render(self.pack, key, **params), basis, rule, kind or key))

    def warn(self, code: str, key: str, rule: str = "", /, **params: Param) -> None:
        text = render(self.pack, key, **params) if self.enabled else NO_TEXT
        self.warnings.append(Warning(code, text, rule))

    def text(self, key: str, /, **params: Param) -> Text:
        return render(self.pack, key, **params) if self.enabled else NO_TEXT
