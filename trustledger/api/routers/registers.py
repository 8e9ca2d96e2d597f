"""The registers of a relationship: feedback, needs, measures, reviews, level changes, decisions."""

from __future__ import annotations

from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Router, Status

from trustledger.api.common import (
    DEFAULT,
    Cursor,
    IdFilter,
    Limit,
    PathId,
    caller,
    filed_under,
    scope,
    visible,
    visible_all,
)
from trustledger.api.paging import by_position
from trustledger.api.schemas import (
    CloseFeedbackIn,
    DecisionIn,
    DecisionOut,
    FeedbackIn,
    FeedbackOut,
    LevelChangeIn,
    LevelChangeOut,
    MeasureIn,
    MeasureOut,
    NeedIn,
    NeedOut,
    ReviewIn,
    ReviewOut,
    page_of,
)
from trustledger.directory.models import Unit
from trustledger.ledger import actions
from trustledger.ledger import models as m

router = Router(tags=["registers"])


def _relationship(request: HttpRequest, pk: int) -> m.Relationship:
    return visible(scope(request).relationships(), pk)


def _listing(
    request: HttpRequest,
    qs: Any,
    relationship_id: int | None,
    ordering: str,
    cursor: Any,
    limit: int,
) -> Any:
    return by_position(filed_under(qs, request, relationship_id), ordering, cursor, limit)


@router.get("/feedback", response=page_of(FeedbackOut))
def list_feedback(
    request: HttpRequest,
    relationship_id: IdFilter = None,
    ordering: Literal["-received_at", "received_at", "id", "-id"] = "-received_at",
    limit: Limit = DEFAULT,
    cursor: Cursor = None,
) -> Any:
    return _listing(request, scope(request).feedback(), relationship_id, ordering, cursor, limit)


@router.post("/relationships/{relationship_id}/feedback", response={201: FeedbackOut})
def record_feedback(request: HttpRequest, relationship_id: PathId, payload: FeedbackIn) -> Any:
    relationship = _relationship(request, relationship_id)
    from_person = (
        visible(scope(request).people(), payload.from_person_id) if payload.from_person_id else None
    )
    return Status(
        201,
        actions.record_feedback(
            caller(request),
            relationship,
            summary=payload.summary,
            received_at=payload.received_at,
            from_person=from_person,
            sentiment=payload.sentiment,
            our_response=payload.our_response,
        ),
    )


@router.post("/feedback/{feedback_id}/close", response=FeedbackOut)
def close_feedback_loop(request: HttpRequest, feedback_id: PathId, payload: CloseFeedbackIn) -> Any:
    """We told the partner what changed because of their feedback."""
    item = visible(scope(request).feedback(), feedback_id)
    return actions.close_feedback_loop(
        caller(request), item, what_changed=payload.what_changed, at=payload.at
    )


@router.get("/needs", response=page_of(NeedOut))
def list_needs(
    request: HttpRequest,
    relationship_id: IdFilter = None,
    ordering: Literal["-raised_at", "raised_at", "id", "-id"] = "-raised_at",
    limit: Limit = DEFAULT,
    cursor: Cursor = None,
) -> Any:
    return _listing(request, scope(request).needs(), relationship_id, ordering, cursor, limit)


@router.post("/relationships/{relationship_id}/needs", response={201: NeedOut})
def record_need(request: HttpRequest, relationship_id: PathId, payload: NeedIn) -> Any:
    return Status(
        201,
        actions.record_need(
            caller(request),
            _relationship(request, relationship_id),
            description=payload.description,
            kind=payload.kind,
            raised_at=payload.raised_at,
        ),
    )


@router.get("/measures", response=page_of(MeasureOut))
def list_measures(
    request: HttpRequest,
    relationship_id: IdFilter = None,
    ordering: Literal["name", "-name", "agreed_on", "-agreed_on", "id", "-id"] = "name",
    limit: Limit = DEFAULT,
    cursor: Cursor = None,
) -> Any:
    return _listing(request, scope(request).measures(), relationship_id, ordering, cursor, limit)


@router.post("/relationships/{relationship_id}/measures", response={201: MeasureOut})
def agree_measure(request: HttpRequest, relationship_id: PathId, payload: MeasureIn) -> Any:
    owner = visible(scope(request).people(), payload.owner_id) if payload.owner_id else None
    return Status(
        201,
        actions.agree_measure(
            caller(request),
            _relationship(request, relationship_id),
            name=payload.name,
            target=payload.target,
            agreed_on=payload.agreed_on,
            owner=owner,
        ),
    )


@router.get("/reviews", response=page_of(ReviewOut))
def list_reviews(
    request: HttpRequest,
    relationship_id: IdFilter = None,
    ordering: Literal["-held_on", "held_on", "id", "-id"] = "-held_on",
    limit: Limit = DEFAULT,
    cursor: Cursor = None,
) -> Any:
    qs = scope(request).reviews().prefetch_related("attendees", "measure_statuses")
    return _listing(request, qs, relationship_id, ordering, cursor, limit)


@router.post("/relationships/{relationship_id}/reviews", response={201: ReviewOut})
def record_quality_review(request: HttpRequest, relationship_id: PathId, payload: ReviewIn) -> Any:
    statuses: dict[int, str] = {}
    for row in payload.statuses:
        statuses[row.measure_id] = row.status
    return Status(
        201,
        actions.record_quality_review(
            caller(request),
            _relationship(request, relationship_id),
            held_on=payload.held_on,
            statuses=statuses,
            attendees=visible_all(scope(request).people(), payload.attendee_ids),
            notes=payload.notes,
            next_review_due=payload.next_review_due,
        ),
    )


@router.get("/level-changes", response=page_of(LevelChangeOut))
def list_level_changes(
    request: HttpRequest,
    relationship_id: IdFilter = None,
    ordering: Literal["-changed_at", "changed_at", "id", "-id"] = "-changed_at",
    limit: Limit = DEFAULT,
    cursor: Cursor = None,
) -> Any:
    return _listing(
        request, scope(request).level_changes(), relationship_id, ordering, cursor, limit
    )


@router.post("/relationships/{relationship_id}/level-changes", response={201: LevelChangeOut})
def change_service_level(
    request: HttpRequest, relationship_id: PathId, payload: LevelChangeIn
) -> Any:
    return Status(
        201,
        actions.change_service_level(
            caller(request),
            _relationship(request, relationship_id),
            to_level=payload.to_level,
            reason=payload.reason,
            at=payload.at,
        ),
    )


@router.get("/decisions", response=page_of(DecisionOut))
def list_decisions(
    request: HttpRequest,
    relationship_id: IdFilter = None,
    deciding_unit_id: IdFilter = None,
    ordering: Literal["-decided_at", "decided_at", "id", "-id"] = "-decided_at",
    limit: Limit = DEFAULT,
    cursor: Cursor = None,
) -> Any:
    qs = scope(request).decisions().prefetch_related("stakeholders")
    if deciding_unit_id:
        qs = qs.filter(deciding_unit_id=deciding_unit_id)
    return _listing(request, qs, relationship_id, ordering, cursor, limit)


@router.post("/decisions", response={201: DecisionOut})
def record_decision(request: HttpRequest, payload: DecisionIn) -> Any:
    # Stakeholder units are our organization's structure: they must exist, not be in scope.
    named = {
        *payload.affected_unit_ids,
        *payload.involved_unit_ids,
        *payload.surprised_unit_ids,
    }
    if payload.deciding_unit_id:
        named.add(payload.deciding_unit_id)
    if Unit.objects.filter(pk__in=named).count() != len(named):
        raise Http404
    relationship = (
        _relationship(request, payload.relationship_id) if payload.relationship_id else None
    )
    return Status(
        201,
        actions.record_decision(
            caller(request),
            title=payload.title,
            decided_at=payload.decided_at,
            relationship=relationship,
            deciding_unit_id=payload.deciding_unit_id,
            affected_unit_ids=payload.affected_unit_ids,
            involved_unit_ids=payload.involved_unit_ids,
            surprised_unit_ids=payload.surprised_unit_ids,
            description=payload.description,
        ),
    )
