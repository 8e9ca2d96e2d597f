"""Pages of lists: `{"items": [...], "next_cursor": ...}`.

Interactions page by keyset on (occurred_at, id), so inserting rows between two calls never
repeats or skips one; other lists page by position in an ordering that ends in the id.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import Q, QuerySet

from trustledger.api.errors import BadRequest

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
MAX_OFFSET = 10_000_000


def encode(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str) -> dict[str, Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
    except (ValueError, TypeError) as error:
        raise BadRequest("cursor", "Not a cursor from this API; start without one.") from error
    if not isinstance(data, dict):
        raise BadRequest("cursor", "Not a cursor from this API; start without one.")
    return data


def by_position(
    qs: QuerySet[Any],
    ordering: str,
    cursor: str | None,
    limit: int,
    serialize: Callable[[Any], Any] | None = None,
) -> dict[str, Any]:
    offset = 0
    if cursor:
        data = decode(cursor)
        offset = data.get("o")
        if (
            not isinstance(offset, int)
            or not 0 <= offset <= MAX_OFFSET
            or data.get("by") != ordering
        ):
            raise BadRequest("cursor", "This cursor belongs to another listing or ordering.")
    tie = "-id" if ordering.startswith("-") else "id"
    keys = [ordering] if ordering.lstrip("-") == "id" else [ordering, tie]
    rows = list(qs.order_by(*keys)[offset : offset + limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return {
        "items": [serialize(r) for r in rows] if serialize else rows,
        "next_cursor": encode({"o": offset + limit, "by": ordering}) if more else None,
    }


def by_time(
    qs: QuerySet[Any], field: str, descending: bool, cursor: str | None, limit: int
) -> dict[str, Any]:
    """Keyset pages over (field, id)."""
    if cursor:
        data = decode(cursor)
        try:
            at = dt.datetime.fromisoformat(str(data["t"]))
            last_id = int(data["i"])
            assert bool(data["d"]) == descending and at.tzinfo is not None
        except (KeyError, ValueError, TypeError, AssertionError) as error:
            raise BadRequest(
                "cursor", "This cursor belongs to another listing or ordering."
            ) from error
        if descending:
            qs = qs.filter(Q(**{f"{field}__lt": at}) | Q(**{field: at, "id__lt": last_id}))
        else:
            qs = qs.filter(Q(**{f"{field}__gt": at}) | Q(**{field: at, "id__gt": last_id}))
    sign = "-" if descending else ""
    rows: Sequence[Any] = list(qs.order_by(f"{sign}{field}", f"{sign}id")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more and rows:
        last = rows[-1]
        next_cursor = encode({"t": getattr(last, field).isoformat(), "i": last.pk, "d": descending})
    return {"items": rows, "next_cursor": next_cursor}
