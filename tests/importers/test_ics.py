from datetime import UTC, datetime

import pytest

from trustledger.importers.ics import parse_ics
from trustledger.importers.records import InteractionRecord, RejectedRecord, UnreadableFile

NOW = datetime(2025, 6, 1, tzinfo=UTC)


@pytest.fixture
def meetings(fixtures):
    return list(parse_ics(fixtures / "meetings.ics", now=NOW))


def by_id(results):
    return {r.external_id: r for r in results if isinstance(r, InteractionRecord)}


def test_it_expands_a_weekly_meeting_in_utc_without_the_excluded_date(meetings):
    weekly = sorted(k for k in by_id(meetings) if k.startswith("weekly-finance-sync"))
    assert weekly == [
        "weekly-finance-sync@example.com#20250505T070000Z",
        "weekly-finance-sync@example.com#20250512T070000Z",
        "weekly-finance-sync@example.com#20250526T070000Z",
        "weekly-finance-sync@example.com#20250602T070000Z",
        "weekly-finance-sync@example.com#20250609T070000Z",
    ]
    first = by_id(meetings)[weekly[0]]
    assert first.occurred_at == datetime(2025, 5, 5, 7, 0, tzinfo=UTC)
    assert first.duration_minutes == 30


def test_a_moved_occurrence_keeps_its_original_id_and_takes_its_new_time(meetings):
    moved = by_id(meetings)["weekly-finance-sync@example.com#20250526T070000Z"]
    assert moved.occurred_at == datetime(2025, 5, 27, 12, 0, tzinfo=UTC)
    assert moved.duration_minutes == 60


def test_organizer_initiates_and_declined_attendees_and_rooms_are_left_out(meetings):
    weekly = by_id(meetings)["weekly-finance-sync@example.com#20250505T070000Z"]
    assert weekly.initiator.email == "sam.lee@ourco.example"
    assert [p.identity.email for p in weekly.participants] == ["jane.doe@example.com"]
    assert weekly.answered is True
    assert weekly.subject is None and weekly.body is None


def test_all_day_events_and_large_meetings_are_broadcasts(meetings):
    records = by_id(meetings)
    assert records["offsite-2025@example.com"].is_broadcast
    assert records["offsite-2025@example.com"].duration_minutes is None
    assert records["town-hall@example.com"].is_broadcast
    assert not records["budget-call@example.com"].is_broadcast


def test_the_broadcast_threshold_is_an_option(fixtures):
    records = by_id(parse_ics(fixtures / "meetings.ics", now=NOW, broadcast_threshold=10))
    assert not records["town-hall@example.com"].is_broadcast


def test_duration_comes_from_duration_when_there_is_no_end(meetings):
    assert by_id(meetings)["budget-call@example.com"].duration_minutes == 45


def test_a_cancelled_meeting_is_kept_but_excluded(meetings):
    assert by_id(meetings)["cancelled-review@example.com"].excluded_reason == "cancelled"


def test_a_broken_event_is_rejected_alone(meetings):
    (rejected,) = [r for r in meetings if isinstance(r, RejectedRecord)]
    assert "broken-event@example.com" in rejected.location
    assert "DTSTART" in rejected.reason


def test_events_outside_the_window_are_not_imported(meetings, fixtures):
    assert "ancient@example.com" not in by_id(meetings)
    wide = parse_ics(fixtures / "meetings.ics", now=NOW, since=datetime(2009, 1, 1, tzinfo=UTC))
    assert "ancient@example.com" in by_id(wide)


def test_content_subject_keeps_the_summary(fixtures):
    records = by_id(parse_ics(fixtures / "meetings.ics", now=NOW, content="body"))
    assert records["budget-call@example.com"].subject == "Budget call"


def test_a_file_that_is_not_a_calendar_is_unreadable(tmp_path):
    junk = tmp_path / "junk.ics"
    junk.write_text("hello\n")
    with pytest.raises(UnreadableFile):
        parse_ics(junk, now=NOW)


def test_reparsing_gives_the_same_external_ids(fixtures):
    first = [getattr(r, "external_id", None) for r in parse_ics(fixtures / "meetings.ics", now=NOW)]
    again = [getattr(r, "external_id", None) for r in parse_ics(fixtures / "meetings.ics", now=NOW)]
    assert first == again
