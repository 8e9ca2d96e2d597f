"""When a person's weekly digest is due, on their own calendar.

A digest is set as a weekday and an hour in the person's time zone ("Monday, 08:00,
Europe/Berlin"). `digest_slot` gives the latest such moment at or before `as_of`; its key
names the week, so one digest is sent per week however often the job runs, and a slot
missed by more than `late_after` (the worker was down) is left for the next week rather than
arriving days late. Daylight-saving changes move the slot's UTC instant, never its local
hour. The time zone is passed in: this module reads no clock and no settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DEFAULT_LATE_AFTER = timedelta(hours=24)


@dataclass(frozen=True)
class DigestSlot:
    at: datetime  # aware, in the person's zone
    key: str  # "digest:2026-W48": the ISO week of the slot's local date

    @property
    def words(self) -> str:
        return f"{WEEKDAYS[self.at.weekday()]} {self.at:%Y-%m-%d %H:%M} ({self.at.tzname()})"


def _at(day: date, hour: int, zone: tzinfo) -> datetime:
    # Local wall time: a DST change between two slots keeps the hour and moves the instant.
    return datetime.combine(day, time(hour), tzinfo=zone)


def digest_slot(as_of: datetime, weekday: int, hour: int, zone: tzinfo) -> DigestSlot:
    """The latest weekly slot at or before `as_of` (aware)."""
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday: 0 (Monday) to 6 (Sunday), not {weekday}")
    if not 0 <= hour <= 23:
        raise ValueError(f"hour: 0 to 23, not {hour}")
    if as_of.tzinfo is None:
        raise ValueError("as_of must be aware")
    local = as_of.astimezone(zone)
    day = local.date() - timedelta(days=(local.weekday() - weekday) % 7)
    slot = _at(day, hour, zone)
    if slot > as_of:
        slot = _at(day - timedelta(days=7), hour, zone)
    year, week, _ = slot.date().isocalendar()
    return DigestSlot(slot, f"digest:{year}-W{week:02d}")


def digest_due(
    as_of: datetime,
    weekday: int,
    hour: int,
    zone: tzinfo,
    late_after: timedelta = DEFAULT_LATE_AFTER,
) -> DigestSlot | None:
    """This week's slot when it has come and is not older than `late_after`, else None."""
    slot = digest_slot(as_of, weekday, hour, zone)
    return slot if as_of - slot.at <= late_after else None


def next_slot(as_of: datetime, weekday: int, hour: int, zone: tzinfo) -> datetime:
    """The next slot after `as_of`, for "your next digest: Monday 08:00"."""
    last = digest_slot(as_of, weekday, hour, zone).at
    return _at(last.date() + timedelta(days=7), hour, zone)
