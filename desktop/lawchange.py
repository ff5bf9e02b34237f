"""When the law in use changes (pack or pending change), recompute every case and report what moved.

Nothing is recomputed silently: the window and `termijn rules diff --cases` show the report, one
row per case whose next step or key dates moved, the most urgent new date first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date

from desktop.core.changes import CaseChange, ChangeReport, compare_case, sort_changes
from desktop.core.compute import compute
from desktop.core.model import Case, KeyDates
from desktop.core.rulepack import RulePack
from desktop.store.keydates import CACHE_FORMAT
from desktop.store.repository import CaseRepository
from desktop.store.snapshot import CachedCase, all_cases, cached_cases

Progress = Callable[[int, int], None]


def law_label(cache_key: str) -> str:
    """A cache key ("kd2:nl-2026.12+bill_36349") as people read it: "nl-2026.12 + bill_36349"."""
    return " + ".join(cache_key.removeprefix(f"{CACHE_FORMAT}:").split("+"))


def _compare(
    before: dict[int, CachedCase], after: dict[int, CachedCase], today: date
) -> tuple[int, int, list[CaseChange]]:
    checked = first_time = 0
    changes = []
    for case_id, now in after.items():
        was = before.get(case_id)
        if was is None or was.key is None and not was.rules:
            first_time += 1  # new meanwhile, or never computed: nothing to compare with
            continue
        checked += 1
        change = compare_case(
            case_id, now.reference, now.applicant_name, now.procedure, was.key, now.key, today
        )
        if change is not None:
            changes.append(change)
    return checked, first_time, changes


def _usual_law(cases: dict[int, CachedCase], fallback: str) -> str:
    """The law most cached dates came from: what the list showed before."""
    laws = Counter(c.rules for c in cases.values() if c.rules)
    return laws.most_common(1)[0][0] if laws else fallback


def recompute_with_report(
    repo: CaseRepository,
    today: date,
    switch: Callable[[], None] | None = None,
    progress: Progress | None = None,
) -> ChangeReport:
    """Snapshot the cached dates, apply `switch`, recompute what is stale, and compare.

    `switch` chooses a pack or switches a pending change; every case whose dates came from other
    law is then recomputed (with `progress`). Without `switch`, the cases cached under other law
    (after an upgrade, or a change made elsewhere) are brought up to date, with the same report.
    """
    before = cached_cases(repo.db)
    old_law = _usual_law(before, repo.key_dates.cache_key)
    if switch is not None:
        switch()
    repo.refresh_key_dates(progress=progress)
    after = cached_cases(repo.db)
    checked, first_time, changes = _compare(before, after, today)
    return ChangeReport(
        before=law_label(old_law),
        after=law_label(repo.key_dates.cache_key),
        today=today,
        checked=checked,
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
