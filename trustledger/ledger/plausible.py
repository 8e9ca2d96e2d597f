"""The plausible-date rule (trustledger/domain/dates.py) with today's date and the horizon
setting filled in: what the forms, the API schemas and the importers call."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from trustledger.domain.dates import DateKind, DateRule, bounds, problem

HAPPENED = DateKind.HAPPENED
DUE = DateKind.DUE


def horizon_years() -> int:
    return int(settings.TRUSTLEDGER_DUE_HORIZON_YEARS)


def date_problem(kind: DateKind, value: dt.date | dt.datetime) -> str | None:
    """Why `value` is refused as a date of this kind today, or None."""
    return problem(kind, value, timezone.now().date(), horizon_years())


def date_bounds(kind: DateKind) -> tuple[dt.date, dt.date]:
    """Today's first and last allowed day of this kind (for a date picker's min and max)."""
    return bounds(kind, timezone.now().date(), horizon_years())


def rule() -> DateRule:
    """Today's rule, as the importers' parsers take it (`dates=`)."""
    return DateRule(timezone.now().date(), horizon_years())
