"""Query parameters parsed at the edge: one parser per kind of value (day, as-of moment, record
id), shared by the pages; the JSON API's schemas take their date bounds from here.

A value a page cannot use raises BadQuery naming the parameter; pages answer it with a 400.
Dates are bounded so that date arithmetic inside (windows of a year, half-lives) can never
leave the range Python's datetime can hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2200, 1, 1, tzinfo=dt.UTC)  # exclusive
MAX_ID = 2**63 - 1  # the largest primary key both databases store
_SHOWN = 40  # characters of a refused value repeated in the message


class BadQuery(ValueError):
    """A query parameter a page cannot use: answered with 400 and the message."""

    def __init__(self, parameter: str, reason: str) -> None:
        super().__init__(f"{parameter}: {reason}")
        self.parameter = parameter
        self.reason = reason


def _shown(raw: str) -> str:
    return repr(raw if len(raw) <= _SHOWN else raw[:_SHOWN] + "…")


def day(parameter: str, raw: str) -> dt.date:
    """A calendar day `YYYY-MM-DD` between 1900-01-01 and 2199-12-31."""
    try:
        value = dt.date.fromisoformat(raw)
    except ValueError:
        raise BadQuery(parameter, f"must be a date like 2026-11-20, not {_shown(raw)}") from None
    if not EARLIEST.date() <= value < LATEST.date():
        raise BadQuery(parameter, "must be a date between 1900-01-01 and 2199-12-31")
    return value


def as_of(query: Mapping[str, str], now: dt.datetime) -> tuple[dt.datetime, str | None]:
    """`?as_of=YYYY-MM-DD` means the end of that day (UTC); without it, now."""
    raw = query.get("as_of", "").strip()
    if not raw:
        return now, None
    chosen = day("as_of", raw)
    return dt.datetime.combine(chosen, dt.time(23, 59, 59), tzinfo=dt.UTC), chosen.isoformat()


def record_id(parameter: str, raw: str) -> int:
    """The id of a record: digits only, 1 up to the largest id a database can store."""
    digits = raw.lstrip("0")
    if not (raw.isascii() and raw.isdigit()) or not digits:
        raise BadQuery(parameter, f"must be a record id (a whole number from 1), not {_shown(raw)}")
    # Length first: Python refuses to convert strings of thousands of digits.
    if len(digits) > len(str(MAX_ID)) or int(digits) > MAX_ID:
        raise BadQuery(parameter, f"is larger than any record id ({MAX_ID})")
    return int(digits)


def optional_id(query: Mapping[str, str], parameter: str) -> int | None:
    raw = query.get(parameter, "").strip()
    return record_id(parameter, raw) if raw else None


MAX_PAGE = 1_000_000


def page_number(query: Mapping[str, str], parameter: str = "page") -> int:
    """`?page=N` of a paged list: a whole number from 1; absent means 1."""
    raw = query.get(parameter, "").strip()
    if not raw:
        return 1
    # Length first: Python refuses to convert strings of thousands of digits.
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 7 or not 1 <= int(raw) <= MAX_PAGE:
        raise BadQuery(parameter, f"must be a page number from 1 to {MAX_PAGE}, not {_shown(raw)}")
    return int(raw)
