"""The iCalendar writer: any text survives escaping and folding; triggers; the calendar object."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.model import Text
from desktop.feed.ical import EventWriter, _fold, calendar_bytes, trigger
from desktop.feed.options import FeedOptions
from desktop.feed.plan import CasePlan, PlannedEvent
from desktop.feed.privacy import CaseLabel
from desktop.store.calendar_state import PublishedEvent

# Any printable text a user or the catalog may hold, line breaks included (not lone CRs).
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r") | st.just("\n"),
    max_size=400,
)


def _one_event(reference: str, name: str, words: str, names: bool = True) -> icalendar.Event:
    plan = CasePlan(
        CaseLabel(12, reference, name),
        Text("regular", "regulier"),
        "nl-2026.11",
        (
            PlannedEvent(
                "notice", date(2026, 5, 4), "Last day to object", (Text(words, words),), "Awb", "R1"
            ),
        ),
    )
    state = PublishedEvent(12, "notice", date(2026, 5, 4), 3, "x", False, datetime(2026, 5, 1, 8))
    writer = EventWriter(FeedOptions(lang="en", names=names), "abc")
    block = writer.case_events(plan.label, plan, {"notice": state}, datetime(2026, 1, 1))
    data = calendar_bytes([block], "en")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return event


@settings(max_examples=150, deadline=None)
@given(reference=TEXT, name=TEXT, words=TEXT)
def test_any_text_comes_back_from_a_calendar_reader(reference, name, words):
    event = _one_event(reference, name, words)
    summary = str(event["SUMMARY"])
    assert summary.startswith("Last day to object · ")
    description = str(event["DESCRIPTION"])
    assert words.replace("\\N", "\n") in description
    assert int(event["SEQUENCE"]) == 3
    assert str(event["UID"]) == "abc-12-notice@termijn"


@given(
    st.binary(max_size=600).map(
        lambda b: b.decode("utf-8", "ignore").replace("\r", "").replace("\n", "")
    )
)
def test_folding_keeps_characters_and_escapes_whole(line):
    raw = ("DESCRIPTION:" + line).encode()
    folded = _fold(raw)
    assert folded.endswith(b"\r\n")
    pieces = folded[:-2].split(b"\r\n")
    assert all(len(piece) <= 75 for piece in pieces)
    assert all(piece.startswith(b" ") for piece in pieces[1:])
    for piece in pieces:
        piece.decode("utf-8")  # no piece ends inside a character
    assert b"".join(p[1:] if i else p for i, p in enumerate(pieces)) == raw


def test_backslash_escapes_are_not_split_across_lines():
    for width in range(60, 80):
        raw = b"X" * width + b"\\n" + b"Y" * 80
        pieces = _fold(raw)[:-2].split(b"\r\n")
        assert not any(p.endswith(b"\\") and not p.endswith(b"\\\\") for p in pieces)


def test_triggers_ring_at_nine_in_the_morning():
    midnight = datetime(2026, 5, 8)
    for days, expected in (
        (7, datetime(2026, 5, 1, 9)),
        (1, datetime(2026, 5, 7, 9)),
        (0, datetime(2026, 5, 8, 9)),
    ):
        value = icalendar.vDuration.from_ical(trigger(days).decode())
        assert midnight + value == expected


def test_the_calendar_names_itself_and_asks_to_be_read_hourly():
    cal = icalendar.Calendar.from_ical(calendar_bytes([], "nl"))
    assert str(cal["X-WR-CALNAME"]) == "Termijn: datums"
    assert cal.decoded("REFRESH-INTERVAL") == timedelta(hours=1)
    assert str(cal["VERSION"]) == "2.0"
