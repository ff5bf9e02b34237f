"""Plan each case's events with the core, and reconcile them with what the feed published before.

A calendar that imports the feed again must update an event, not add a second one: the UID is
(case, kind), SEQUENCE goes up whenever the date or the core's wording changes, and a date that
is gone (a Notice recorded, a decision, an archived case) is published once more as cancelled.
The store keeps that memory (desktop.store.calendar_state), so the window's live feed and
`termijn calendar` count the same SEQUENCE.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from desktop.core.compute import compute
from desktop.feed.plan import CasePlan, PlannedEvent, needs_explanation, plan_events
from desktop.feed.privacy import CaseLabel
from desktop.store.calendar_state import CalendarState, OpenCase, PublishedEvent
from desktop.store.repository import CaseRepository

log = logging.getLogger("termijn.feed")

Progress = Callable[[int, int], None]


def utc_now() -> datetime:
    """Now in UTC to the second, without tzinfo (as the store keeps moments)."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def reconcile(
    case_id: int,
    planned: Sequence[PlannedEvent],
    previous: Mapping[str, PublishedEvent],
    now: datetime,
) -> tuple[dict[str, PublishedEvent], list[PublishedEvent]]:
    """The case's events as they are to be published now, and the rows that changed.

    New: SEQUENCE 0. Moved, reworded or back after a cancellation: SEQUENCE + 1. Gone: cancelled,
    SEQUENCE + 1, the old date kept. Unchanged rows keep their SEQUENCE and time of revision.
    """
    published = dict(previous)
    changed: list[PublishedEvent] = []
    for event in planned:
        old = previous.get(event.kind)
        if old is None:
            new = PublishedEvent(case_id, event.kind, event.day, 0, event.digest, False, now)
        elif old.cancelled or old.day != event.day or old.digest != event.digest:
            new = dataclasses.replace(
                old,
                day=event.day,
                sequence=old.sequence + 1,
                digest=event.digest,
                cancelled=False,
                changed=now,
            )
        else:
            continue
        published[event.kind] = new
        changed.append(new)
    kinds = {event.kind for event in planned}
    for kind, old in previous.items():
        if kind not in kinds and not old.cancelled:
            gone = dataclasses.replace(old, sequence=old.sequence + 1, cancelled=True, changed=now)
            published[kind] = gone
            changed.append(gone)
    return published, changed


@dataclass
class Synced:
    """Cases planned and reconciled: what the feed is to contain for them."""

    plans: dict[int, CasePlan]  # open cases
    labels: dict[int, CaseLabel]  # every case with published events, open or not
    published: dict[int, dict[str, PublishedEvent]]
    changed: int  # rows written


class FeedBuilder:
    """Plans open cases with the core (the store's rule pack and flags) and keeps the memory."""

    def __init__(self, repo: CaseRepository) -> None:
        self.repo = repo
        self.state = CalendarState(repo.db)
        self._flags: frozenset[str] = frozenset()  # read afresh by each sync

    def plan(self, case: OpenCase, today: date) -> CasePlan:
        """One open case's events; a case the core cannot work out gets none (and a log line)."""
        pack = self.repo.key_dates.rules
        cf = case.case_file
        label = CaseLabel(case.id, cf.reference, cf.applicant.name)
        procedure = pack.text(f"procedure_{cf.case.procedure.value}")
        try:
            result = compute(cf.case, today=today, rules=pack, flags=self._flags, explain=False)
            if needs_explanation(result):
                result = compute(cf.case, today=today, rules=pack, flags=self._flags)
            events = plan_events(cf.case, result, pack)
        except Exception as exc:  # one case the core cannot work out must not stop the feed
            log.warning("calendar: case %s not computed: %s", case.id, type(exc).__name__)
            events = ()
        return CasePlan(label, procedure, pack.id, events)

    def sync(
        self,
        case_ids: Collection[int] | None,
        today: date,
        now: datetime | None = None,
        progress: Progress | None = None,
    ) -> Synced:
        """Plan the open cases among `case_ids` (None: all), reconcile and save the memory.

        Cases that are closed (archived, in the bin) or gone get their events cancelled.
        """
        moment = now or utc_now()
        self._flags = self.repo.flags() & frozenset(self.repo.key_dates.rules.flags)
        ids = self.state.case_ids() if case_ids is None else sorted(set(case_ids))
        self.state.unreadable.clear()
        total = len(ids)
        plans: dict[int, CasePlan] = {}
        if progress is not None:
            progress(0, total)
        for batch in self.state.open_cases(None if case_ids is None else ids):
            for case in batch:
                plans[case.id] = self.plan(case, today)
            if progress is not None:
                progress(min(total, len(plans)), total)
        previous = self.state.published(None if case_ids is None else ids)
        published: dict[int, dict[str, PublishedEvent]] = {}
        changed: list[PublishedEvent] = []
        for case_id in sorted(set(plans) | set(previous)):
            if case_id in self.state.unreadable:  # damaged, not closed: its events stay
                published[case_id] = previous.get(case_id, {})
                continue
            plan = plans.get(case_id)
            events = plan.events if plan is not None else ()
            published[case_id], rows = reconcile(case_id, events, previous.get(case_id, {}), moment)
            changed += rows
        written = self.state.save_published(changed)
        labels = {case_id: plan.label for case_id, plan in plans.items()}
        closed = [case_id for case_id in published if case_id not in plans]
        known = self.state.labels(closed)
        for case_id in closed:
            reference, name = known.get(case_id, ("", ""))
            labels[case_id] = CaseLabel(case_id, reference, name)
        if progress is not None:
            progress(total, total)
        return Synced(plans, labels, published, written)


def events_of(synced: Synced) -> Iterable[tuple[CaseLabel, PlannedEvent]]:
    """Every planned event with its case's label, in case order."""
    for case_id in sorted(synced.plans):
        plan = synced.plans[case_id]
        for event in plan.events:
            yield plan.label, event
