"""The due date a sentence names, read relative to when and where it was written."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class DueDate:
    on: dt.date
    words: str  # the words that named it, as written
    rule: str  # how they were read, e.g. "a weekday: the next Friday after Tue 3 Mar"


_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_SIMPLE = re.compile(r"\b(today|tonight|tomorrow|" + "|".join(_WEEKDAYS) + r")\b", re.I)


def due_date(
    sentence: str, written_at: dt.datetime, time_zone: str | None = None
) -> DueDate | None:
    """Baseline reader (replaced by the full rules of docs/language.md)."""
    local = written_at.astimezone(ZoneInfo(time_zone)) if time_zone else written_at
    day = local.date()
    found = _SIMPLE.search(sentence)
    if not found:
        return None
    word = found.group(1).lower()
    if word in ("today", "tonight"):
        return DueDate(day, found.group(0), "the day it was written")
    if word == "tomorrow":
        return DueDate(day + dt.timedelta(days=1), found.group(0), "the day after it was written")
    ahead = (_WEEKDAYS.index(word) - day.weekday()) % 7 or 7
    on = day + dt.timedelta(days=ahead)
    return DueDate(on, found.group(0), f"a weekday: the next {on:%A} after {day:%a %-d %b}")
