"""Promises found in mail through the API: the caller's queue, and Confirm (with
corrections), Correct and Dismiss.

The same actions and rules as the web (`trustledger.promises`): a proposal is seen only by
its writer, the managers of the writer's unit and admins (anyone else: 404); one seen but not
theirs to decide (a writer who only views) → 403; a bad body → 422 naming the field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema

from trustledger.api.common import DEFAULT, Cursor, IdFilter, Limit, PathId, caller, scope, visible
from trustledger.api.paging import by_position
from trustledger.api.schemas import CommitmentOut, DueDay, Id, In, StrengthName, page_of
from trustledger.ledger import models as m
from trustledger.promises import access, actions
from trustledger.promises.models import ProposedPromise

router = Router(tags=["promises found"])


class CueOut(Schema):
    words: str
    start: int
    end: int
    effect: str


class DueFoundOut(Schema):
    on: dt.date
    words: str
    rule: str


class ProposalOut(Schema):
    id: int
    state: str
    sentence: str
    sentence_index: int
    strength: str
    strength_found: str
    explanation: str
    cues: list[CueOut]
    due_on: dt.date | None
    due_found: DueFoundOut | None
    promisor_id: int
    promisee_id: int
    recipient_ids: list[int]
    relationship_id: int | None
    interaction_id: int | None
    written_at: dt.datetime
    decided_at: dt.datetime | None
    commitment_id: int | None

    @staticmethod
    def resolve_due_found(obj: ProposedPromise) -> dict[str, Any] | None:
        if obj.due_found is None:
            return None
        return {"on": obj.due_found, "words": obj.due_words, "rule": obj.due_rule}

    @staticmethod
    def resolve_recipient_ids(obj: ProposedPromise) -> list[int]:
        return [p.pk for p in actions.recipients_of(obj)]


class CorrectionIn(In):
    strength: StrengthName | None = None
    due_on: DueDay | None = None
    promisee_id: Id | None = None


def _proposal(request: HttpRequest, pk: int) -> ProposedPromise:
    found = visible(access.proposals(scope(request)).select_related("promisor", "promisee"), pk)
    if not access.may_decide(scope(request), found):
        raise PermissionDenied("You see this proposal but may not decide on it.")
    return found


@router.get("/promises/found", response=page_of(ProposalOut))
def list_promises_found(
    request: HttpRequest,
    state: Literal["proposed", "confirmed", "dismissed", "all"] = "proposed",
    relationship_id: IdFilter = None,
    limit: Limit = DEFAULT,
    cursor: Cursor = None,
) -> Any:
    """The promises found in the caller's mail (and their team's, for a manager)."""
    qs = access.proposals(scope(request)).select_related("promisee")
    if state != "all":
        qs = qs.filter(state=state)
    if relationship_id:
        qs = qs.filter(relationship_id=relationship_id)
    return by_position(qs, "-written_at", cursor, limit)


@router.post("/promises/found/{proposal_id}/confirm", response=CommitmentOut)
def confirm_promise_found(request: HttpRequest, proposal_id: PathId, payload: CorrectionIn) -> Any:
    """The proposal becomes a commitment (with the corrections given). A due date is needed:
    the one found, or `due_on`."""
    proposal = _proposal(request, proposal_id)
    made = actions.confirm_proposal(caller(request), proposal, **payload.model_dump())
    return m.Commitment.objects.select_related("confirmation_by").get(pk=made.pk)


@router.post("/promises/found/{proposal_id}/correct", response=ProposalOut)
def correct_promise_found(request: HttpRequest, proposal_id: PathId, payload: CorrectionIn) -> Any:
    """Set the strength, the due date or the promisee (one of the message's recipients)."""
    return actions.correct_proposal(
        caller(request), _proposal(request, proposal_id), **payload.model_dump()
    )


@router.post("/promises/found/{proposal_id}/dismiss", response=ProposalOut)
def dismiss_promise_found(request: HttpRequest, proposal_id: PathId) -> Any:
    """Not a promise to keep in the ledger: it stays dismissed when the mail is imported again."""
    return actions.dismiss_proposal(caller(request), _proposal(request, proposal_id))
