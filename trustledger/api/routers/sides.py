"""The other side of a relationship (docs/both-sides.md): the relationships the caller
stands on the other side of, and the counterpart's view of one (the page's JSON, same rules)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema

from trustledger.accounts.disclosure import disclose
from trustledger.api.common import DEFAULT, Cursor, Limit, PathId, scope
from trustledger.api.paging import by_position
from trustledger.api.schemas import Moment, page_of
from trustledger.ledger import models as m
from trustledger.web.pages.both import counterpart_view, either_side

router = Router(tags=["both sides"])


class TheirRelationshipOut(Schema):
    """A relationship as its other side sees it listed: who serves whom, its recorded level."""

    id: int
    serving: str
    counterpart: str
    status: str
    service_level: int
    started_on: dt.date
    purpose: str
    desired_outcomes: str

    @staticmethod
    def resolve_serving(obj: m.Relationship) -> str:
        return str(obj.our_side)

    @staticmethod
    def resolve_counterpart(obj: m.Relationship) -> str:
        return str(obj.counterpart)


@router.get("/their-relationships", response=page_of(TheirRelationshipOut))
def list_their_relationships(
    request: HttpRequest,
    status: Literal["active", "paused", "ended"] | None = None,
    ordering: Literal["id", "-id", "started_on", "-started_on"] = "id",
    limit: Limit = DEFAULT,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """The relationships the caller stands on the other side of (as the counterpart, its
    unit or a unit above it, or its organization); never one the caller keeps."""
    qs = scope(request).their_relationships().select_related(
        "our_person", "our_unit", "counterpart_person", "counterpart_unit",
        "counterpart_organization",
    )  # fmt: skip
    if status:
        qs = qs.filter(status=status)
    return by_position(qs, ordering, cursor, limit)


@router.get("/relationships/{relationship_id}/counterpart-view", response=dict[str, Any])
def get_counterpart_view(
    request: HttpRequest, relationship_id: PathId, as_of: Query[Moment | None] = None
) -> dict[str, Any]:
    """The relationship as its other side reads it: promises to and by it with due dates and
    states, feedback and what changed, agreed measures, review results, decisions that named
    it, needs, the recorded level. 200 to either side (the serving side reads exactly what
    the other side reads), 404 to anyone else. No score, survey number, reserve, indicator,
    incident, goal or private note is in it."""
    reader = scope(request)
    rel = either_side(reader, relationship_id)
    return disclose(counterpart_view(rel, reader, as_of or timezone.now()), reader)  # type: ignore[no-any-return]
