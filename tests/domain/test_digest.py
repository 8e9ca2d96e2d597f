"""The weekly digest's schedule on the person's own calendar, across daylight-saving changes."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from trustledger.domain.digest import digest_due, digest_slot, next_slot

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def test_the_slot_is_the_latest_weekday_and_hour_at_or_before_now() -> None:
    # Wednesday 2026-11-25 10:00 UTC = 11:00 Berlin; Monday 08:00 Berlin was 2026-11-23.
    slot = digest_slot(datetime(2026, 11, 25, 10, tzinfo=UTC), 0, 8, BERLIN)
    assert slot.at == datetime(2026, 11, 23, 8, tzinfo=BERLIN)
    assert slot.at.astimezone(UTC) == datetime(2026, 11, 23, 7, tzinfo=UTC)
    assert slot.key == "digest:2026-W48"
    assert slot.words == "Monday 2026-11-23 08:00 (CET)"


def test_an_hour_not_yet_reached_today_belongs_to_last_week() -> None:
    monday_early = datetime(2026, 11, 23, 6, 59, tzinfo=UTC)  # 07:59 in Berlin
    assert digest_slot(monday_early, 0, 8, BERLIN).key == "digest:2026-W47"
    assert digest_slot(monday_early + timedelta(minutes=1), 0, 8, BERLIN).key == "digest:2026-W48"


def test_across_the_spring_change_the_local_hour_stays_and_the_instant_moves() -> None:
    # Berlin moves to summer time on Sunday 2026-03-29: Monday 08:00 is 07:00 UTC before
    # and 06:00 UTC after.
    before = digest_slot(datetime(2026, 3, 24, 12, tzinfo=UTC), 0, 8, BERLIN)
    after = digest_slot(datetime(2026, 3, 31, 12, tzinfo=UTC), 0, 8, BERLIN)
    assert before.at.astimezone(UTC) == datetime(2026, 3, 23, 7, tzinfo=UTC)
    assert after.at.astimezone(UTC) == datetime(2026, 3, 30, 6, tzinfo=UTC)
    assert (before.key, after.key) == ("digest:2026-W13", "digest:2026-W14")
    assert after.at.astimezone(BERLIN).hour == 8


def test_a_frozen_clock_stepping_through_a_dst_week_finds_one_digest_per_week() -> None:
    """A job every 15 minutes for three weeks around New York's autumn change (1 Nov 2026):
    each week's key comes due exactly once, at 08:00 local."""
    clock = datetime(2026, 10, 24, tzinfo=UTC)
    sent: dict[str, datetime] = {}
    while clock < datetime(2026, 11, 14, tzinfo=UTC):
        slot = digest_due(clock, 0, 8, NEW_YORK)
        if slot is not None and slot.key not in sent:
            sent[slot.key] = clock
        clock += timedelta(minutes=15)
    assert list(sent) == ["digest:2026-W44", "digest:2026-W45", "digest:2026-W46"]
    assert [t.astimezone(NEW_YORK).strftime("%a %H:%M") for t in sent.values()] == ["Mon 08:00"] * 3
    # EDT (UTC-4) before the change, EST (UTC-5) after.
    assert [t.hour for t in sent.values()] == [12, 13, 13]


def test_a_slot_missed_by_more_than_a_day_waits_for_next_week() -> None:
    thursday = datetime(2026, 11, 26, 12, tzinfo=UTC)
    assert digest_due(thursday, 0, 8, BERLIN) is None
    # Wednesday 08:00 Berlin was 29 h before: beyond the default day. Thursday's, 5 h ago, is due.
    assert digest_due(thursday, 2, 8, BERLIN) is None
    assert digest_due(thursday, 3, 8, BERLIN) is not None


def test_next_slot_is_a_week_after_the_last() -> None:
    now = datetime(2026, 3, 27, 12, tzinfo=UTC)
    assert next_slot(now, 0, 8, BERLIN) == datetime(2026, 3, 30, 8, tzinfo=BERLIN)


@pytest.mark.parametrize(("weekday", "hour"), [(-1, 8), (7, 8), (0, 24), (0, -1)])
def test_bad_settings_are_refused(weekday: int, hour: int) -> None:
    with pytest.raises(ValueError):
        digest_slot(datetime(2026, 1, 1, tzinfo=UTC), weekday, hour, BERLIN)
