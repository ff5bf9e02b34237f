"""Render the rule pack's bilingual texts with dates, amounts and words formatted per language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from desktop.core.model import Step, Text, Warning
from desktop.core.rulepack import RulePack
from desktop.i18n import format_date, format_money

Param = date | Decimal | Text | str | int


def _format(value: Param, lang: str) -> str:
    if isinstance(value, date):
        return format_date(value, lang)
    if isinstance(value, Decimal):
        return format_money(value, lang)
    if isinstance(value, Text):
        return value.get(lang)
    return str(value)


def render(pack: RulePack, key: str, /, **params: Param) -> Text:
    template = pack.text(key)
    return Text(
        en=template.en.format(**{k: _format(v, "en") for k, v in params.items()}),
        nl=template.nl.format(**{k: _format(v, "nl") for k, v in params.items()}),
    )


class Explainer:
    """Collects the dated steps and the warnings of one computation."""

    def __init__(self, pack: RulePack) -> None:
        self.pack = pack
        self.steps: list[Step] = []
        self.warnings: list[Warning] = []

    def step(
        self, day: date, key: str, basis: str, rule: str, /, *, kind: str = "", **params: Param
    ) -> None:
        self.steps.append(Step(day, render(self.pack, key, **params), basis, rule, kind or key))

    def warn(self, code: str, key: str, rule: str = "", /, **params: Param) -> None:
        self.warnings.append(Warning(code, render(self.pack, key, **params), rule))

    def text(self, key: str, /, **params: Param) -> Text:
        return render(self.pack, key, **params)
