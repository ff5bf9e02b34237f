"""Key dates of a case from the deadline core, cached per case for the list's next step."""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from desktop.core.model import Case, KeyDates

if TYPE_CHECKING:
    from desktop.core.rulepack import RulePack

log = logging.getLogger("termijn.store")

# Bumped whenever what the cache holds changes meaning: every case cached before is then stale.
CACHE_FORMAT = "kd2"


class KeyDateSource:
    """Computes KeyDates with a rule pack (given, else the one in use) and the switched-on flags."""

    def __init__(self, rules: RulePack | None = None, flags: frozenset[str] = frozenset()) -> None:
        self._rules = rules
        # Pending legislation the user switched on (settings); names the pack lacks are ignored.
        self.flags = flags

    @property
    def rules(self) -> RulePack:
        if self._rules is not None:
            return self._rules
        from desktop.core.rulepack import load_rule_pack

        return load_rule_pack()  # the pack in use (cached): follows a change of pack

    @property
    def rules_id(self) -> str:
        return str(self.rules.id)

    @property
    def active_flags(self) -> frozenset[str]:
        return frozenset(f for f in self.flags if f in self.rules.flags)

    @property
    def cache_key(self) -> str:
        """What cached key dates depend on: format, pack, active flags: "kd2:nl-2026.11+bill_36349".

        A case whose stored key differs is stale (another pack, flags switched since, or cached
        by a Termijn whose key dates meant something else).
        """
        return f"{CACHE_FORMAT}:" + "+".join([self.rules_id, *sorted(self.active_flags)])

    def compute(self, case: Case, case_id: int | None = None) -> KeyDates | None:
        """KeyDates, or None when the core cannot compute this case (it is saved all the same)."""
        from desktop.core.compute import compute

        try:
            # Key dates do not depend on `today`; the core only needs one.
            result = compute(
                case, today=date.today(), rules=self.rules, flags=self.active_flags, explain=False
            )
            return result.key_dates
        except Exception as exc:  # a calculator problem must never lose a save
            # The case id only: the message could quote the case's data.
            log.warning("key dates not computed for case %s: %s", case_id, type(exc).__name__)
            return None
