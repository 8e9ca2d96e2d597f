"""The other side's word through the API: the promisee's side confirms or disputes a
commitment's outcome; the other side of a relationship agrees a measure.

The same rules as the web (`trustledger.ledger.confirmations`): out of the caller's scope
→ 404; readable but not theirs to confirm (the promisor's side, a viewer) → 403; a bad
body → 422 naming the field; a clash with the record's state → 409 or 422.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Router

from trustledger.api.common import PathId, caller, scope, visible
from trustledger.api.schemas import AgreeIn, CommitmentOut, ConfirmIn, DisputeIn, MeasureOut
from trustledger.ledger import confirmations as confirm
from trustledger.ledger import models as m

router = Router(tags=["both sides"])


def _commitment(request: HttpRequest, pk: int) -> m.Commitment:
    found = visible(scope(request).commitments().select_related("promisor__unit", "promisee"), pk)
    if not confirm.may_confirm(scope(request), found):
        raise PermissionDenied("Only the promisee or a manager of their unit confirms this.")
    return found  # type: ignore[no-any-return]


def _person(request: HttpRequest, fallback: Any) -> Any:
    """One answers in one's own name; an admin without a person acts for `fallback`."""
    user = caller(request)
    return user.person if user.person_id else fallback


def _answered(pk: int) -> m.Commitment:
    return m.Commitment.objects.select_related("confirmation_by").get(pk=pk)


@router.post("/commitments/{commitment_id}/confirm", response=CommitmentOut)
def confirm_commitment(request: HttpRequest, commitment_id: PathId, payload: ConfirmIn) -> Any:
    """The promisee (or a manager of the promisee's unit) confirms what became of the
    promise: an open one closes with that outcome; a claimed one takes it, confirmed."""
    c = _commitment(request, commitment_id)
    confirm.confirm_commitment(
        c,
        payload.outcome,
        person=_person(request, c.promisee),
        user=caller(request),
        at=payload.at,
        note=payload.note,
    )
    return _answered(c.pk)


@router.post("/commitments/{commitment_id}/dispute", response=CommitmentOut)
def dispute_commitment(request: HttpRequest, commitment_id: PathId, payload: DisputeIn) -> Any:
    """The promisee's side objects to the recorded outcome, with a comment both sides read;
    it becomes a next action for the promisor's side."""
    c = _commitment(request, commitment_id)
    confirm.dispute_commitment(
        c,
        person=_person(request, c.promisee),
        user=caller(request),
        comment=payload.comment,
        at=payload.at,
    )
    return _answered(c.pk)


@router.post("/measures/{measure_id}/agree", response=MeasureOut)
def agree_measure(request: HttpRequest, measure_id: PathId, payload: AgreeIn) -> Any:
    """Someone of the relationship's other side agrees the measure: only then is it agreed
    by both."""
    measure = visible(scope(request).measures(), measure_id)
    if measure.agreed_by_other_id is not None:
        raise ValidationError({"measure": "The other side agreed this measure already."})
    if not confirm.may_agree(scope(request), measure):
        raise PermissionDenied("Only the other side of the relationship agrees a measure.")
    person = caller(request).person
    if person is None:
        raise ValidationError({"person": "Agree in a person's name."})
    return confirm.agree_measure(measure, person=person, user=caller(request), at=payload.at)
