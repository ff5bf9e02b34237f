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
    """Computes KeyDates with one rule pack (loaded on first use) and the switched-on flags."""

    def __init__(self, rules: RulePack | None = None, flags: frozenset[str] = frozenset()) -> None:
        self._rules = rules
        # Pending legislation the user switched on (settings); names the pack lacks are ignored.
        self.flags = flags

    @property
    def rules(self) -> RulePack:
        if self._rules is None:
            from desktop.core.rulepack import load_rule_pack

            self._rules = load_rule_pack()
        return self._rules

    @property
    def rules_id(self) -> str:
        return str(self.rules.id)

    @property
    def active_flags(self) -> frozenset[str]:
        return frozenset(f for f in self.flags if f in self.rules.flags)

    @property
    def cache_key(self) -> str:
        """What cached key dates depend on: the pack and its active flags, "nl-2026.11+bill_36349".

        A case whose stored key differs is stale (another pack, or flags switched since).
        """
        return "+".join([self.rules_id, *sorted(self.active_flags)])

    def compute(self, case: Case, case_id: int | None = None) -> KeyDates | None:
        """KeyDates, or None when the core cannot compute this case (it is saved all the same)."""
        from desktop.core.compute import compute
        from desktop.core.stage import key_dates

        try:
            # Key dates do not depend on `today`; the core only needs one.
            result = compute(
                case, today=date.today(), rules=self.rules, flags=self.active_flags, explain=False
            )
            return key_dates(result)
        except Exception as exc:  # a calculator problem must never lose a save
            # The case id only: the message could quote the case's data.
            log.warning("key dates not computed for case %s: %s", case_id, type(exc).__name__)
            return None
