"""The JSON API of the reports: the same dicts as the pages' JSON twins, with the same rules
(docs/review-packs.md). `as_of` and `since` are days, read as on the pages: as of the end of
that day (UTC)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from trustledger.accounts.disclosure import disclose
from trustledger.api.common import PathId, scope
from trustledger.api.errors import BadRequest
from trustledger.api.schemas import Day
from trustledger.reviewpacks import build
from trustledger.web.params import BadQuery

router = Router(tags=["review packs"])


def _as_of(day: dt.date | None) -> tuple[dt.datetime, str | None]:
    if day is None:
        return timezone.now(), None
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=dt.UTC), day.isoformat()


@router.get("/relationships/{relationship_id}/review-pack", response=dict[str, Any])
def get_review_pack(
    request: HttpRequest,
    relationship_id: PathId,
    as_of: Query[Day | None] = None,
    since: Query[Day | None] = None,
) -> dict[str, Any]:
    """The quality review pack of the relationship for a period (default: since the last
    review): the serving side's with its figures, the other side's with the records both
    sides keep and no score; 404 to anyone on neither side. `since` must be on or before
    `as_of` (today without it): 400 otherwise."""
    reader = scope(request)
    moment, param = _as_of(as_of)
    try:
        found = build.review_pack(reader, relationship_id, moment, param, since)
    except BadQuery as error:
        raise BadRequest(error.parameter, error.reason) from error
    return disclose(found, reader)  # type: ignore[no-any-return]


@router.get("/units/{unit_id}/trust-report", response=dict[str, Any])
def get_trust_report(
    request: HttpRequest, unit_id: PathId, as_of: Query[Day | None] = None
) -> dict[str, Any]:
    """The organizational trust report of the unit: map, perception and team gaps,
    reliability by promise strength, transparency, relationships needing attention; 404
    outside the reader's scope, as the unit page."""
    reader = scope(request)
    moment, param = _as_of(as_of)
    return disclose(build.unit_trust_report(request, reader, moment, param, unit_id), reader)  # type: ignore[no-any-return]
