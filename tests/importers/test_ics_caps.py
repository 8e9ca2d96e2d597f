"""Hole 5: a calendar cannot expand into more meetings than the caps allow, and says what it
dropped. A 348-byte file with an endless minutely rule made 385,000 interactions before."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from trustledger.importers.ics import parse_ics
from trustledger.importers.records import InteractionRecord, RejectedRecord

NOW = datetime(2025, 6, 1, tzinfo=UTC)


def _split(results):
    results = list(results)
    meetings = [r for r in results if isinstance(r, InteractionRecord)]
    notes = [r for r in results if isinstance(r, RejectedRecord)]
    return meetings, notes


def test_an_endless_minutely_rule_stops_at_the_cap_fast_and_names_what_it_dropped(fixtures):
    started = time.perf_counter()
    meetings, notes = _split(
        parse_ics(fixtures / "minutely-forever.ics", now=NOW, max_occurrences_per_event=1000)
    )
    assert time.perf_counter() - started < 10
    assert len(meetings) == 1000
    # The first thousand in time: from the start of the import window on, a minute apart.
    assert meetings[0].occurred_at == datetime(2025, 1, 1, 9, 0, tzinfo=UTC)
    assert meetings[-1].occurred_at == meetings[0].occurred_at + timedelta(minutes=999)
    (note,) = notes
    assert note.location == "event 1 (UID tick@attacker.example)"
    assert "1,000 occurrences" in note.reason and "dropped" in note.reason


def test_a_rule_that_repeats_rarely_enough_is_imported_whole(fixtures):
    meetings, notes = _split(
        parse_ics(fixtures / "meetings.ics", now=NOW, max_occurrences_per_event=1000)
    )
    assert meetings and not any("cap" in n.reason for n in notes)


def test_the_per_event_cap_is_exact_and_counts_what_it_drops(tmp_path):
    daily = tmp_path / "daily.ics"
    daily.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VEVENT\nUID:daily@x\n"
        "DTSTART:20250101T090000Z\nRRULE:FREQ=DAILY;COUNT=30\n"
        "ORGANIZER:mailto:a@x.example\nATTENDEE:mailto:b@x.example\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    meetings, notes = _split(parse_ics(daily, now=NOW, max_occurrences_per_event=10))
    assert len(meetings) == 10
    assert notes[0].reason.startswith("10 occurrences imported")
    assert "20 later occurrences dropped" in notes[0].reason


def test_the_per_file_cap_stops_the_whole_calendar(tmp_path):
    events = "".join(
        f"BEGIN:VEVENT\nUID:e{i}@x\nDTSTART:20250101T090000Z\nRRULE:FREQ=DAILY;COUNT=5\n"
        "ORGANIZER:mailto:a@x.example\nATTENDEE:mailto:b@x.example\nEND:VEVENT\n"
        for i in range(4)
    )
    many = tmp_path / "many.ics"
    many.write_text(f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\n{events}END:VCALENDAR\n")
    meetings, notes = _split(
        parse_ics(many, now=NOW, max_occurrences_per_event=100, max_occurrences_per_file=12)
    )
    assert len(meetings) == 12
    assert any("per-file cap of 12" in n.reason for n in notes)


def test_a_dense_rule_that_started_long_ago_is_refused_quickly(tmp_path):
    old = tmp_path / "old.ics"
    old.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VEVENT\nUID:old@x\n"
        "DTSTART:19900101T000000Z\nRRULE:FREQ=SECONDLY\n"
        "ORGANIZER:mailto:a@x.example\nATTENDEE:mailto:b@x.example\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    started = time.perf_counter()
    meetings, notes = _split(parse_ics(old, now=NOW, max_occurrences_per_event=1000))
    assert time.perf_counter() - started < 10
    assert not meetings
    assert "repeats too often" in notes[0].reason


def test_an_excluded_date_does_not_use_up_the_cap(tmp_path):
    floating = tmp_path / "floating.ics"
    floating.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VEVENT\nUID:fl@x\n"
        "DTSTART:20250101T090000\nRRULE:FREQ=DAILY;COUNT=10\nEXDATE:20250102T090000\n"
        "ORGANIZER:mailto:a@x.example\nATTENDEE:mailto:b@x.example\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    meetings, notes = _split(parse_ics(floating, now=NOW, max_occurrences_per_event=3))
    assert [m.occurred_at.day for m in meetings] == [1, 3, 4]
    assert "6 later occurrences dropped" in notes[0].reason
