"""Interactions and commitments: lists, records, and a commitment's state changes as actions."""

from __future__ import annotations

from typing import Any, Literal

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Status

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
from trustledger.api.paging import by_position, by_time
from trustledger.api.schemas import (
    ChannelName,
    CloseIn,
    CommitmentIn,
    CommitmentOut,
    InteractionIn,
    InteractionOut,
    KeepIn,
    Moment,
    RenegotiateIn,
    StrengthName,
    page_of,
)
from trustledger.ledger import actions
from trustledger.ledger import models as m

router = Router(tags=["interactions and commitments"])


def _relationship(request: HttpRequest, pk: int | None) -> m.Relationship | None:
    return None if pk is None else visible(scope(request).relationships(), pk)


@router.get("/interactions", response=page_of(InteractionOut))
def list_interactions(
    request: HttpRequest,
    relationship_id: IdFilter = None,
    person_id: IdFilter = None,
    channel: ChannelName | None = None,
    since: Query[Moment | None] = None,
    until: Query[Moment | None] = None,
    ordering: Literal["-occurred_at", "occurred_at"] = "-occurred_at",
    limit: Limit = DEFAULT,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Paged by a keyset cursor: stable when interactions are added between pages."""
    qs = scope(request).interactions().prefetch_related("participants")
    qs = filed_under(qs, request, relationship_id)
    if person_id:
        qs = qs.filter(
            Q(initiator_id=person_id)
            | Q(
                pk__in=m.InteractionParticipant.objects.filter(person_id=person_id).values(
                    "interaction_id"
                )
            )
        )
    if channel:
        qs = qs.filter(channel=channel)
    if since:
        qs = qs.filter(occurred_at__gte=since)
    if until:
        qs = qs.filter(occurred_at__lt=until)
    return by_time(qs, "occurred_at", ordering.startswith("-"), cursor, limit)


@router.get("/interactions/{interaction_id}", response=InteractionOut)
def get_interaction(request: HttpRequest, interaction_id: PathId) -> Any:
    return visible(scope(request).interactions(), interaction_id)


@router.post("/interactions", response={201: InteractionOut})
def record_interaction(request: HttpRequest, payload: InteractionIn) -> Any:
    people = scope(request).people()
    initiator = visible(people, payload.initiator_id)
    participants = visible_all(people, payload.participant_ids)
    interaction = actions.record_interaction(
        caller(request),
        occurred_at=payload.occurred_at,
        channel=payload.channel,
        initiator=initiator,
        participants=participants,
        relationship=_relationship(request, payload.relationship_id),
        duration_minutes=payload.duration_minutes,
        answered=payload.answered,
        focus=payload.focus,
        subject=payload.subject,
        notes=payload.notes,
        role=payload.role,
        is_request=payload.is_request,
        intent_declared=payload.intent_declared,
    )
    return Status(201, interaction)


CommitmentOrdering = Literal["due_at", "-due_at", "made_at", "-made_at", "id", "-id"]


@router.get("/commitments", response=page_of(CommitmentOut))
def list_commitments(
    request: HttpRequest,
    state: Literal["open", "kept", "kept_late", "broken", "renegotiated", "released"] | None = None,
    strength: StrengthName | None = None,
    promisor_id: IdFilter = None,
    promisee_id: IdFilter = None,
    relationship_id: IdFilter = None,
    due_after: Query[Moment | None] = None,
    due_before: Query[Moment | None] = None,
    ordering: CommitmentOrdering = "due_at",
    limit: Limit = DEFAULT,
    cursor: Cursor = None,
) -> dict[str, Any]:
    qs = filed_under(scope(request).commitments(), request, relationship_id)
    qs = qs.select_related("confirmation_by")  # each row names who confirmed it
    filters = {
        "state": state,
        "strength": strength,
        "promisor_id": promisor_id,
        "promisee_id": promisee_id,
        "due_at__gte": due_after,
        "due_at__lt": due_before,
    }
    qs = qs.filter(**{k: v for k, v in filters.items() if v is not None})
    return by_position(qs, ordering, cursor, limit)


@router.get("/commitments/{commitment_id}", response=CommitmentOut)
def get_commitment(request: HttpRequest, commitment_id: PathId) -> Any:
    return visible(scope(request).commitments(), commitment_id)


@router.post("/commitments", response={201: CommitmentOut})
def make_commitment(request: HttpRequest, payload: CommitmentIn) -> Any:
    people = scope(request).people()
    commitment = actions.make_commitment(
        caller(request),
        promisor=visible(people, payload.promisor_id),
        promisee=visible(people, payload.promisee_id),
        what=payload.what,
        strength=payload.strength,
        due_at=payload.due_at,
        made_at=payload.made_at,
        statement=payload.statement,
        relationship=_relationship(request, payload.relationship_id),
        in_our_power=payload.in_our_power,
    )
    return Status(201, commitment)


def _commitment(request: HttpRequest, pk: int) -> m.Commitment:
    return visible(scope(request).commitments(), pk)


@router.post("/commitments/{commitment_id}/keep", response=CommitmentOut)
def keep_commitment(request: HttpRequest, commitment_id: PathId, payload: KeepIn) -> Any:
    """Kept: on time when kept by the due date, else kept late."""
    return actions.keep_commitment(
        caller(request), _commitment(request, commitment_id), at=payload.at
    )


@router.post("/commitments/{commitment_id}/keep-late", response=CommitmentOut)
def keep_commitment_late(request: HttpRequest, commitment_id: PathId, payload: KeepIn) -> Any:
    return actions.keep_commitment_late(
        caller(request), _commitment(request, commitment_id), at=payload.at
    )


@router.post("/commitments/{commitment_id}/break", response=CommitmentOut)
def break_commitment(request: HttpRequest, commitment_id: PathId, payload: CloseIn) -> Any:
    return actions.break_commitment(
        caller(request), _commitment(request, commitment_id), at=payload.at, note=payload.note
    )


@router.post("/commitments/{commitment_id}/release", response=CommitmentOut)
def release_commitment(request: HttpRequest, commitment_id: PathId, payload: CloseIn) -> Any:
    """The promisee lets it go: neutral for reliability."""
    return actions.release_commitment(
        caller(request), _commitment(request, commitment_id), at=payload.at, note=payload.note
    )


@router.post("/commitments/{commitment_id}/renegotiate", response={201: CommitmentOut})
def renegotiate_commitment(
    request: HttpRequest, commitment_id: PathId, payload: RenegotiateIn
) -> Any:
    """A new date agreed before the due date; answers the successor commitment."""
    successor = actions.renegotiate_commitment(
        caller(request),
        _commitment(request, commitment_id),
        new_due_at=payload.new_due_at,
        at=payload.at,
        note=payload.note,
    )
    return Status(201, successor)
