"""An .ics file that imports nothing says why: events outside the window, to-dos, no people."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

import pytest

from trustledger.importers.ics import NO_EVENTS, parse_ics
from trustledger.importers.records import InteractionRecord, SkippedRecord

from .conftest import SHARED_DATA

NOW = datetime(2026, 11, 30, tzinfo=UTC)
CALENDARS = SHARED_DATA / "ical" / "icalendar"
needs_shared = pytest.mark.skipif(
    not CALENDARS.is_dir(), reason=f"shared test data not found at {CALENDARS}"
)


def skips(results) -> Counter[str]:
    return Counter(r.reason for r in results if isinstance(r, SkippedRecord))


@needs_shared
def test_events_before_the_window_are_skipped_with_the_window_and_the_way_out():
    # The file's three events are 2022 holidays: all before the default window.
    results = list(parse_ics(CALENDARS / "calendars" / "example.ics", now=NOW))
    assert not [r for r in results if isinstance(r, InteractionRecord)]
    assert skips(results) == {
        "events outside the window 2025-11-30…2027-02-28; use --since to import earlier ones": 3
    }


@needs_shared
def test_with_since_the_next_reason_shows_the_holidays_have_no_people():
    path = CALENDARS / "calendars" / "example.ics"
    results = list(parse_ics(path, now=NOW, since=date(1990, 1, 1)))
    assert skips(results) == {"events with no organizer and no attendees": 3}


@needs_shared
def test_a_calendar_of_to_dos_and_an_empty_calendar_say_so():
    todos = list(parse_ics(CALENDARS / "todos" / "example.ics", now=NOW))
    assert skips(todos) == {"VTODO components (not meetings)": 1}
    empty = list(parse_ics(CALENDARS / "calendars" / "issue_1050_empty_calendar.ics", now=NOW))
    assert skips(empty) == {NO_EVENTS: 1}


def test_events_partly_outside_and_without_attendees_are_counted(tmp_path):
    path = tmp_path / "mixed.ics"
    event = (
        "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART:{start}\r\nDURATION:PT30M\r\n{people}END:VEVENT\r\n"
    )
    people = "ORGANIZER:mailto:ann@ours.example\r\nATTENDEE:mailto:bo@theirs.example\r\n"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
        + event.format(uid="old", start="20200105T100000Z", people=people)
        + event.format(uid="now", start="20261105T100000Z", people=people)
        + event.format(uid="late", start="20280105T100000Z", people=people)
        + event.format(uid="alone", start="20261106T100000Z", people="")
        + "END:VCALENDAR\r\n"
    )
    results = list(parse_ics(path, now=NOW))
    assert [r.external_id for r in results if isinstance(r, InteractionRecord)] == ["now"]
    assert skips(results) == {
        "events outside the window 2025-11-30…2027-02-28; use --since to import earlier ones": 1,
        "events outside the window 2025-11-30…2027-02-28 (after its end)": 1,
        "events with no organizer and no attendees": 1,
    }
