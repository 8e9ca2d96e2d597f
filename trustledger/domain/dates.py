"""Plausible dates: one rule for the pages' forms, the API and the importers.

A record's date is one of two kinds:

- a moment something *happened* (an interaction, feedback received, a decision, a review
  held, a promise made or kept): not before 1970, and not more than a day after today
  (a day of grace for time zones, never more: the ledger records what took place);
- a moment something is *due* (a commitment's due date, the next review): not before 1970,
  and not further ahead than the horizon (a setting, five years by default).

`problem()` returns the reason a date is refused, in words for the user, or None. Today is
passed in: the rule reads no clock.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Final

EVIDENCE_FROM: Final = dt.date(1970, 1, 1)
GRACE: Final = dt.timedelta(days=1)  # "happened" may be up to a day ahead (time zones)
DEFAULT_HORIZON_YEARS: Final = 5


class DateKind(enum.StrEnum):
    HAPPENED = "happened"
    DUE = "due"


def horizon(today: dt.date, years: int = DEFAULT_HORIZON_YEARS) -> dt.date:
    """The last day a due date may fall on: `years` after today (28 Feb for 29 Feb)."""
    if years < 0:
        raise ValueError("years: must be 0 or more")
    try:
        return today.replace(year=today.year + years)
    except ValueError:  # 29 February, into a year without one
        return today.replace(year=today.year + years, day=28)


def bounds(
    kind: DateKind, today: dt.date, horizon_years: int = DEFAULT_HORIZON_YEARS
) -> tuple[dt.date, dt.date]:
    """The first and the last day a date of this kind may fall on, both included."""
    if kind is DateKind.HAPPENED:
        return EVIDENCE_FROM, today + GRACE
    return EVIDENCE_FROM, horizon(today, horizon_years)


def problem(
    kind: DateKind,
    value: dt.date | dt.datetime,
    today: dt.date,
    horizon_years: int = DEFAULT_HORIZON_YEARS,
) -> str | None:
    """Why `value` is not a plausible date of this kind, or None when it is."""
    day = value.date() if isinstance(value, dt.datetime) else value
    first, last = bounds(kind, today, horizon_years)
    if day < first:
        return f"is before {first.isoformat()}: the ledger keeps no records that old"
    if day <= last:
        return None
    if kind is DateKind.HAPPENED:
        return (
            f"is in the future ({day.isoformat()}): record what has happened, "
            f"up to {last.isoformat()}"
        )
    return (
        f"is more than {horizon_years} years ahead ({day.isoformat()}): "
        f"choose a day up to {last.isoformat()}"
    )


@dataclass(frozen=True)
class DateRule:
    """The rule with today and the horizon filled in, handed to code that must not read the
    clock or the settings itself (the importers' parsers)."""

    today: dt.date
    horizon_years: int = DEFAULT_HORIZON_YEARS

    def problem(self, kind: DateKind, value: dt.date | dt.datetime) -> str | None:
        return problem(kind, value, self.today, self.horizon_years)

    def bounds(self, kind: DateKind) -> tuple[dt.date, dt.date]:
        return bounds(kind, self.today, self.horizon_years)
