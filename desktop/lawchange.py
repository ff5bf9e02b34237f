"""When the law in use changes (pack or pending change), recompute every case and report what moved.

Nothing is recomputed silently: the window and `termijn rules diff --cases` show the report, one
row per case whose next step or key dates moved, the most urgent new date first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from desktop.core.changes import CaseChange, ChangeReport, compare_case, sort_changes
from desktop.core.compute import compute
from desktop.core.model import Case, KeyDates
from desktop.core.rulepack import RulePack
from desktop.store.keydates import CACHE_FORMAT
from desktop.store.repository import CaseRepository
from desktop.store.snapshot import (
    CachedCase,
    all_cases,
    cached_cases,
    case_count_and_usual_law,
)

Progress = Callable[[int, int], None]


def law_label(cache_key: str) -> str:
    """A cache key ("kd2:nl-2026.12+bill_36349") as people read it: "nl-2026.12 + bill_36349"."""
    return " + ".join(cache_key.removeprefix(f"{CACHE_FORMAT}:").split("+"))


def recompute_with_report(
    repo: CaseRepository,
    today: date,
    switch: Callable[[], None] | None = None,
    progress: Progress | None = None,
) -> ChangeReport:
    """Apply `switch`, recompute what is stale, and report each case whose dates moved.

    `switch` chooses a pack or switches a pending change; every case whose dates came from other
    law is then recomputed (with `progress`), and compared with its cached dates as it is
    recomputed: one read and one write of the file. Without `switch`, the cases cached under
    other law (after an upgrade, or a change made elsewhere) are brought up to date, with the
    same report.
    """
    total, old_law = case_count_and_usual_law(repo.db)
    if switch is not None:
        switch()
    changes: list[CaseChange] = []
    first_time = 0

    def observe(was: CachedCase, key: KeyDates | None) -> None:
        nonlocal first_time
        if not was.rules:  # never computed (imported for later): nothing to compare with
            first_time += 1
            return
        change = compare_case(
            was.id, was.reference, was.applicant_name, was.procedure, was.key, key, today
        )
        if change is not None:
            changes.append(change)

    repo.refresh_key_dates(progress=progress, observe=observe)
    return ChangeReport(
        before=law_label(old_law or repo.key_dates.cache_key),
        after=law_label(repo.key_dates.cache_key),
        today=today,
        checked=total - first_time,
        first_time=first_time,
        changes=tuple(sort_changes(changes, today)),
    )


def diff_cases(
    repo: CaseRepository,
    old: RulePack,
    new: RulePack,
    today: date,
    flags: frozenset[str] = frozenset(),
    progress: Progress | None = None,
) -> ChangeReport:
    """Each case computed with both packs (nothing stored): what would move from `old` to `new`."""
    names = cached_cases(repo.db)
    total, done = len(names), 0
    changes = []
    old_flags = frozenset(f for f in flags if f in old.pending)
    new_flags = frozenset(f for f in flags if f in new.pending)
    for case_id, case in all_cases(repo.db):
        info = names.get(case_id)
        if info is None:
            continue  # added while this ran
        before = _key_dates(case, old, old_flags, today)
        after = _key_dates(case, new, new_flags, today)
        change = compare_case(
            case_id, info.reference, info.applicant_name, info.procedure, before, after, today
        )
        if change is not None:
            changes.append(change)
        done += 1
        if progress is not None and done % 500 == 0:
            progress(done, total)
    return ChangeReport(
        before=" + ".join([old.id, *sorted(old_flags)]),
        after=" + ".join([new.id, *sorted(new_flags)]),
        today=today,
        checked=done,
        first_time=0,
        changes=tuple(sort_changes(changes, today)),
    )


def _key_dates(case: Case, pack: RulePack, flags: frozenset[str], today: date) -> KeyDates | None:
    try:
        return compute(case, today=today, rules=pack, flags=flags, explain=False).key_dates
    except Exception:  # a case the core cannot compute shows as "no dates", never a crash
        return None
