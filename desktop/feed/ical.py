"""Write the feed as iCalendar (RFC 5545): all-day events with reminders, via `icalendar`.

The calendar object and every value's escaping come from the `icalendar` library; the events'
content lines are put together here. Building each event as an `icalendar.Event` with its
alarms cost about four times a bare event (10,000 cases: a minute), and the library's own line
folding walks each character (130 µs for one description): `_fold` does the same by bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from icalendar import Calendar, vText

from desktop.feed.options import FeedOptions
from desktop.feed.plan import TITLES, CasePlan, PlannedEvent, base_kind
from desktop.feed.privacy import CaseLabel
from desktop.i18n import format_date, translator
from desktop.store.calendar_state import PublishedEvent

PRODID = "-//Termijn//Termijn deadlines//EN"
ALARM_HOUR = 9  # an all-day event starts at midnight: ring at 09:00, as calendar apps do
LINE_LIMIT = 75  # octets per content line, CRLF excluded (RFC 5545 3.1)
CRLF = b"\r\n"


def _fold(line: bytes) -> bytes:
    """One content line folded into 75-octet pieces, never inside a UTF-8 character.

    Like icalendar's folding, a backslash escape is not split from its letter either: some
    readers unfold a backslash at a line's end wrongly.
    """
    if len(line) <= LINE_LIMIT:
        return line + CRLF
    pieces = []
    start, limit = 0, LINE_LIMIT
    while len(line) - start > limit:
        cut = start + limit
        while line[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back up to its lead
            cut -= 1
        if line[cut - 1] == 0x5C and _escapes(line, start, cut - 1):
            cut -= 1
        pieces.append(line[start:cut])
        start, limit = cut, LINE_LIMIT - 1  # continuation lines begin with a space
    pieces.append(line[start:])
    return b"\r\n ".join(pieces) + CRLF


def _escapes(line: bytes, start: int, at: int) -> bool:
    """Whether the backslash at `at` opens an escape (an odd run of backslashes ends there)."""
    run = 0
    while at - run >= start and line[at - run] == 0x5C:
        run += 1
    return run % 2 == 1


def _text(value: str) -> bytes:
    return vText(value).to_ical()


def _day(value: date) -> bytes:
    return value.strftime("%Y%m%d").encode()


def _moment(value: datetime) -> bytes:
    return value.strftime("%Y%m%dT%H%M%SZ").encode()


def trigger(days_before: int) -> bytes:
    """A VALARM trigger at ALARM_HOUR, `days_before` days before an all-day event's date."""
    if days_before <= 0:
        return f"PT{ALARM_HOUR}H".encode()
    days = f"{days_before - 1}D" if days_before > 1 else ""
    return f"-P{days}T{24 - ALARM_HOUR}H".encode()


def calendar_bytes(blocks: Iterable[bytes], lang: str, *, live: bool = False) -> bytes:
    """The VCALENDAR around the events (its properties written by `icalendar`).

    `live`: the feed file the window keeps current (else a one-off export).
    """
    _ = translator(lang)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("Termijn deadlines"))
    if live:
        about = _("Dates from Termijn. This file is rewritten after every change; do not edit it.")
    else:
        about = _(
            "Dates exported from Termijn. Import the file again after changes: events update."
        )
    cal.add("x-wr-caldesc", about)
    # How often a subscribed calendar should read the file again (RFC 7986, and Outlook's).
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    head = cal.to_ical()
    end = b"END:VCALENDAR" + CRLF
    assert head.endswith(end)
    return b"".join((head[: -len(end)], *blocks, end))


class EventWriter:
    """Writes the VEVENTs of one case; holds the per-language and per-setting pieces."""

    def __init__(self, options: FeedOptions, uid_prefix: str) -> None:
        self.options = options
        self.uid_prefix = uid_prefix
        self._ = translator(options.lang)
        self._alarm_triggers = [trigger(d) for d in sorted(set(options.alarm_days), reverse=True)]

    def uid(self, case_id: int, kind: str) -> str:
        return f"{self.uid_prefix}-{case_id}-{kind}@termijn"

    def case_events(
        self,
        label: CaseLabel,
        plan: CasePlan | None,
        published: dict[str, PublishedEvent],
        keep_cancelled_since: datetime,
    ) -> bytes:
        """The case's events as published, and its cancelled ones of the last weeks."""
        out = []
        if plan is not None:
            for event in plan.events:
                state = published.get(event.kind)
                if state is not None and not state.cancelled and state.day == event.day:
                    out.append(self._event(plan, event, state))
        for kind in sorted(published):
            state = published[kind]
            if state.cancelled and state.changed >= keep_cancelled_since:
                out.append(self._cancelled(label, state))
        return b"".join(out)

    def _label(self, label: CaseLabel) -> str:
        return label.text(self._, names=self.options.names)

    def _event(self, plan: CasePlan, event: PlannedEvent, state: PublishedEvent) -> bytes:
        _ = self._
        lang = self.options.lang
        label = self._label(plan.label)
        summary = f"{_(event.title)} · {label}"
        lines = [
            f"{label} · {plan.procedure.get(lang)}",
            f"{_(event.title)}: {format_date(event.day, lang)}",
            "",
            *(text.get(lang) for text in event.sentences),
            "",
            _("Basis: {basis} (Termijn rule {rule})").format(basis=event.basis, rule=event.rule),
            _(
                "Worked out by Termijn with rule pack {pack}. Check the dates against the "
                "letters you received."
            ).format(pack=plan.rules),
        ]
        return self._vevent(
            plan.label.case_id, event.kind, event.day, state, summary, "\n".join(lines), alarms=True
        )

    def _cancelled(self, label: CaseLabel, state: PublishedEvent) -> bytes:
        _ = self._
        summary = f"{_(TITLES[base_kind(state.kind)])} · {self._label(label)}"
        description = _(
            "This date no longer applies: the case changed, or it was archived or deleted."
        )
        return self._vevent(label.case_id, state.kind, state.day, state, summary, description)

    def _vevent(
        self,
        case_id: int,
        kind: str,
        day: date,
        state: PublishedEvent,
        summary: str,
        description: str,
        *,
        alarms: bool = False,
    ) -> bytes:
        changed = _moment(state.changed)
        lines = [
            b"BEGIN:VEVENT",
            b"UID:" + _text(self.uid(case_id, kind)),
            b"DTSTAMP:" + changed,
            b"LAST-MODIFIED:" + changed,
            b"SEQUENCE:" + str(state.sequence).encode(),
            b"STATUS:" + (b"CANCELLED" if state.cancelled else b"CONFIRMED"),
            b"DTSTART;VALUE=DATE:" + _day(day),
            b"DTEND;VALUE=DATE:" + _day(day + timedelta(days=1)),
            b"SUMMARY:" + _text(summary),
            b"DESCRIPTION:" + _text(description),
            b"CATEGORIES:Termijn",
            # PRIVATE: a shared or synced calendar shows others "busy", not the text.
            b"CLASS:PRIVATE",
            b"TRANSP:TRANSPARENT",  # a deadline does not make the day busy
        ]
        if alarms and not state.cancelled:
            reminder = _text(summary)
            for when in self._alarm_triggers:
                lines += [
                    b"BEGIN:VALARM",
                    b"ACTION:DISPLAY",
                    b"DESCRIPTION:" + reminder,
                    b"TRIGGER:" + when,
                    b"END:VALARM",
                ]
        lines.append(b"END:VEVENT")
        return b"".join(_fold(line) for line in lines)


def count_events(blocks: Sequence[bytes]) -> int:
    return sum(block.count(b"BEGIN:VEVENT") for block in blocks)
