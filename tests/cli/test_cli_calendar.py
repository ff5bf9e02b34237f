"""`termijn calendar` as a process: the file, its options, and bad input (exit 2, one line)."""

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import icalendar
import pytest

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-06-01"


def termijn(*args, data_dir):
    env = dict(os.environ, TERMIJN_DATA_DIR=str(data_dir))
    result = subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert b"Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-calendar") / "data"
    made = termijn("demo", "--cases", "40", "--seed", "5", "--today", TODAY, data_dir=folder)
    assert made.returncode == 0, made.stderr
    return folder


def test_writes_every_open_case_in_dutch_with_reminders(data, tmp_path):
    out = tmp_path / "termijn.ics"
    result = termijn("calendar", "-o", str(out), "--today", TODAY, data_dir=data)
    assert result.returncode == 0, result.stderr
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    events = calendar.walk("VEVENT")
    assert events and f"wrote {len(events)} dates of ".encode() in result.stdout
    assert oct(out.stat().st_mode & 0o777) == "0o600"  # it names cases: the user's only
    description = str(events[0]["DESCRIPTION"])
    assert "Grondslag" in description or "Berekend door Termijn" in description
    triggers = {str(a["TRIGGER"].to_ical(), "ascii") for e in events for a in e.walk("VALARM")}
    assert triggers == {"-P6DT15H", "-PT15H"}


def test_options_one_case_english_names_and_alarms(data, tmp_path):
    out = tmp_path / "one.ics"
    result = termijn(
        "calendar", "-o", str(out), "--case", "1", "--case", "2", "--lang", "en",
        "--alarm-days", "3,0", "--names", "--today", TODAY, data_dir=data,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    owners = {str(e["UID"]).split("-")[1] for e in calendar.walk("VEVENT")}
    assert owners <= {"1", "2"} and owners
    summary = str(calendar.walk("VEVENT")[0]["SUMMARY"])
    assert "(T-" in summary and not summary.split(" · ")[-1].startswith("T-")  # name first
    triggers = {a["TRIGGER"].to_ical() for e in calendar.walk("VEVENT") for a in e.walk("VALARM")}
    assert triggers == {b"-P2DT15H", b"PT9H"}
    assert "Termijn" in str(calendar["X-WR-CALNAME"])


def test_standard_output_and_no_reminders(data):
    result = termijn("calendar", "-o", "-", "--alarm-days", "", "--today", TODAY, data_dir=data)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"BEGIN:VCALENDAR") and b"BEGIN:VALARM" not in result.stdout
    assert result.stderr == b""


def test_an_export_after_archiving_cancels_that_case_and_keeps_the_rest(data, tmp_path):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    termijn("calendar", "-o", str(first), "--today", TODAY, data_dir=data)
    with closing(sqlite3.connect(data / "termijn.sqlite")) as raw, raw:
        raw.execute(
            "UPDATE case_file SET archived = 1 WHERE id = (SELECT min(case_id) FROM "
            "calendar_event WHERE cancelled = 0)"
        )
    termijn("calendar", "-o", str(second), "--today", TODAY, data_dir=data)

    def events(path):
        found = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        return {str(e["UID"]): (str(e["STATUS"]), int(e["SEQUENCE"])) for e in found}

    before, after = events(first), events(second)
    assert set(before) == set(after)  # the same events: updated in place, none added
    changed = {uid for uid in before if before[uid] != after[uid]}
    assert changed and all(after[uid] == ("CANCELLED", before[uid][1] + 1) for uid in changed)
    assert len({uid.split("-")[1] for uid in changed}) == 1  # one case


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--alarm-days", "7,x"], "--alarm-days: 'x' is not a number of days"),
        (["--alarm-days", "400"], "from 0 to 366"),
        (["--alarm-days", "1,2,3,4,5,6"], "at most 5 reminders"),
        (["--case", "abc"], "--case 'abc': expected a case id"),
        (["--case", "999"], "--case 999: no such case"),
        (["--lang", "de"], "--lang 'de': expected nl or en"),
        (["--today", "2026-02-30"], "--today"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(data, tmp_path, args, message):
    out = tmp_path / "x.ics"
    result = termijn("calendar", "-o", str(out), *args, data_dir=data)
    assert result.returncode == 2
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert not out.exists()


def test_bad_output_places(data, tmp_path):
    missing = termijn("calendar", "-o", str(tmp_path / "no" / "x.ics"), data_dir=data)
    folder = termijn("calendar", "-o", str(tmp_path), data_dir=data)
    for result, text in ((missing, "does not exist"), (folder, "is a folder")):
        assert result.returncode == 2
        assert len(result.stderr.splitlines()) == 1 and text.encode() in result.stderr
