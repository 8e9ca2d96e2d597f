"""How far one calendar event may be expanded: the caps against recurrence bombs.

recurring-ical-events builds every occurrence of a rule from the rule's start to the end of the
span it is asked for (an endless minutely rule over the import window is 650,000 of them, each
a copy of the event). So before asking it, we walk the event's rules lazily, under a step
budget, to find where the cap is reached, and ask for occurrences only up to there.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from recurring_ical_events.util import convert_to_datetime

DEFAULT_MAX_PER_EVENT = 1_000
DEFAULT_MAX_PER_FILE = 100_000
# Rule steps walked per event to place the cap, and per file: a step costs a few microseconds.
STEPS_PER_EVENT = 50_000
STEPS_PER_FILE = 1_000_000


@dataclass(frozen=True)
class Expansion:
    stop: datetime  # ask for occurrences up to here
    capped: bool  # the rule has more occurrences in the window than the cap
    dropped: int  # occurrences left out (counted, or estimated when `exact` is false)
    exact: bool
    steps: int  # rule steps walked
    refused: str | None = None


def plan(query: Any, window: tuple[datetime, datetime], cap: int, steps: int) -> Expansion:
    """Where to stop expanding the event(s) of `query` so at most `cap` occurrences come out."""
    start, end = window
    walked = in_window = 0
    first = last = stop = None
    reached_end = True
    for series in query.series:
        recurrence = series.recurrence
        rules = getattr(recurrence, "rrules", None)
        if not rules:  # a single event: one occurrence
            continue
        zone = recurrence.tzinfo
        low, high = convert_to_datetime(start, zone), convert_to_datetime(end, zone)
        excluded = getattr(recurrence, "check_exdates_datetime", set())
        previous = None
        for moment in heapq.merge(*rules):
            walked += 1
            # The start is both a rule's first and an extra date; EXDATEs are not occurrences.
            if moment == previous or moment in excluded:
                continue
            previous = moment
            if moment > high:
                break
            if moment >= low:
                in_window += 1
                first = first or moment
                last = moment
                if in_window == cap + 1:
                    stop = moment
            if walked >= steps:
                reached_end = False
                break
    if in_window == 0 and not reached_end:
        reason = (
            f"the rule repeats too often to expand: more than {steps:,} occurrences before "
            "the import window; nothing imported for this event"
        )
        return Expansion(end, True, 0, False, walked, refused=reason)
    if stop is None and reached_end:
        return Expansion(end, False, 0, True, walked)
    if stop is None:  # the budget ran out inside the window, before the cap
        stop = last + timedelta(microseconds=1)  # type: ignore[operator]
        kept = in_window
    else:
        kept = cap
    dropped = in_window - kept
    if not reached_end:  # estimate the rest of the window at the rate walked so far
        span = (last - first).total_seconds()  # type: ignore[operator]
        rest = (convert_to_datetime(end, last.tzinfo) - last).total_seconds()  # type: ignore[union-attr]
        dropped += int(in_window / span * rest) if span > 0 else 0
    return Expansion(_utc(stop), True, dropped, reached_end, walked)


def _utc(moment: datetime) -> datetime:
    # A floating time is compared in the window's own clock (UTC), as the expansion does.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def dropped_reason(kept: int, dropped: int, exact: bool, cap_name: str) -> str:
    count = f"{dropped:,}" if exact else f"about {dropped:,}"
    return f"{kept:,} occurrences imported ({cap_name}); {count} later occurrences dropped"
