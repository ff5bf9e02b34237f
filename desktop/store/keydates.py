"""Key dates of a case from the deadline core, cached per case so the list can filter by stage."""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from desktop.core.model import Case
from desktop.core.stage import KeyDates

if TYPE_CHECKING:
    from desktop.core.rulepack import RulePack

log = logging.getLogger("termijn.store")


class KeyDateSource:
    """Computes KeyDates with one rule pack (loaded on first use)."""

    def __init__(self, rules: RulePack | None = None) -> None:
        self._rules = rules

    @property
    def rules(self) -> RulePack:
        if self._rules is None:
            from desktop.core.rulepack import load_rule_pack

            self._rules = load_rule_pack()
        return self._rules

    @property
    def rules_id(self) -> str:
        return str(self.rules.id)

    def compute(self, case: Case, case_id: int | None = None) -> KeyDates | None:
        """KeyDates, or None when the core cannot compute this case (it is saved all the same)."""
        from desktop.core.compute import compute
        from desktop.core.stage import key_dates

        try:
            # Key dates do not depend on `today`; the core only needs one.
            return key_dates(compute(case, today=date.today(), rules=self.rules, explain=False))
        except Exception as exc:  # a calculator problem must never lose a save
            # The case id only: the message could quote the case's data.
            log.warning("key dates not computed for case %s: %s", case_id, type(exc).__name__)
            return None
