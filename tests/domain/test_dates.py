"""The plausible-date rule: one rule for the forms, the API and the importers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trustledger.domain.dates import (
    DEFAULT_HORIZON_YEARS,
    EVIDENCE_FROM,
    DateKind,
    bounds,
    horizon,
    problem,
)

TODAY = dt.date(2026, 11, 20)


@pytest.mark.parametrize("kind", list(DateKind))
def test_it_refuses_a_date_from_1900_with_a_reason(kind):
    reason = problem(kind, dt.date(1900, 1, 1), TODAY)
    assert reason is not None and "before 1970-01-01" in reason


def test_it_refuses_an_interaction_dated_3000_as_in_the_future():
    reason = problem(DateKind.HAPPENED, dt.datetime(3000, 1, 1, tzinfo=dt.UTC), TODAY)
    assert reason is not None and "in the future" in reason


def test_something_that_happened_may_be_dated_up_to_a_day_ahead_for_time_zones():
    assert problem(DateKind.HAPPENED, TODAY + dt.timedelta(days=1), TODAY) is None
    assert problem(DateKind.HAPPENED, TODAY + dt.timedelta(days=2), TODAY) is not None
    assert problem(DateKind.HAPPENED, EVIDENCE_FROM, TODAY) is None


def test_a_due_date_may_lie_up_to_the_horizon_and_not_beyond():
    assert problem(DateKind.DUE, dt.date(2031, 11, 20), TODAY) is None
    reason = problem(DateKind.DUE, dt.date(2031, 11, 21), TODAY)
    assert reason is not None and "more than 5 years ahead" in reason
    assert problem(DateKind.DUE, dt.date(2031, 11, 21), TODAY, horizon_years=10) is None


def test_the_horizon_of_a_leap_day_falls_on_the_28th():
    assert horizon(dt.date(2028, 2, 29), 1) == dt.date(2029, 2, 28)
    with pytest.raises(ValueError, match="years"):
        horizon(TODAY, -1)


@given(
    kind=st.sampled_from(list(DateKind)),
    day=st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)),
    today=st.dates(dt.date(1980, 1, 1), dt.date(2100, 12, 31)),
    years=st.integers(1, 30),
)
def test_a_date_is_refused_exactly_outside_its_bounds(kind, day, today, years):
    first, last = bounds(kind, today, years)
    assert (problem(kind, day, today, years) is None) == (first <= day <= last)
    assert first <= today <= last
    assert DEFAULT_HORIZON_YEARS == 5
