"""The other side's word: a promisee confirms or disputes a commitment's outcome, the other
side of a relationship agrees a measure. Pages, the API and external links call these.

Each action runs in one transaction. With a `user`, the user's scope must allow it
(`may_confirm`, `may_agree`; PermissionDenied otherwise); without one the caller has
authorized `person` already (an external link), and the actions still refuse the promisor
and the serving side. Bad values raise ValidationError naming the field. The history of the
commitment or measure is written by the model signals (trustledger/history); each step of a
commitment is also a CommitmentEvent.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from trustledger.accounts.access import Scope, scope_for
from trustledger.accounts.models import User
from trustledger.directory.models import Person
from trustledger.ledger import models as m

OUTCOMES = (
    m.CommitmentState.KEPT,
    m.CommitmentState.KEPT_LATE,
    m.CommitmentState.BROKEN,
    m.CommitmentState.RELEASED,
)
# The outcomes a promisee's side may dispute: every closing but a renegotiation (a new date
# both agreed).
DISPUTABLE = OUTCOMES


def _promisee_unit(commitment: m.Commitment) -> int | None:
    return commitment.promisee.unit_id


def may_confirm(scope: Scope, commitment: m.Commitment) -> bool:
    """May this scope confirm, dispute or release the commitment for the promisee's side?

    The promisee (even one who only views units), or a manager of the promisee's unit; an
    admin. Never the promisor, never another viewer, never a manager of the promisor's unit (that is the promisor's side) unless they
    are the promisee themself.
    """
    if scope.person_id is not None and scope.person_id == commitment.promisor_id:
        return False
    if scope.is_admin:
        return True
    # The promisee gives their own word, whatever their role in a unit (a viewer reads a
    # unit's pages; that takes nothing from what they may say about promises made to them).
    if scope.person_id is not None and scope.person_id == commitment.promisee_id:
        return True
    if scope.read_only and not scope.managed_unit_ids:
        return False
    managed = scope.managed_unit_ids
    if commitment.promisor.unit_id is not None and commitment.promisor.unit_id in managed:
        return False
    unit = _promisee_unit(commitment)
    return unit is not None and unit in managed


def may_agree(scope: Scope, measure: m.AgreedMeasure) -> bool:
    """May this scope agree the measure for the other side of its relationship?"""
    if measure.relationship_id is None or measure.agreed_by_other_id is not None:
        return False
    if scope.is_admin:
        return True
    return scope.may_answer_for(measure.relationship)


def _at(at: dt.datetime | None) -> dt.datetime:
    return at or timezone.now()


def _check_person(commitment: m.Commitment, person: Person, user: User | None) -> None:
    if person.pk == commitment.promisor_id:
        raise PermissionDenied("A promisor cannot confirm or dispute their own promise.")
    if user is not None:
        scope = scope_for(user)
        if not may_confirm(scope, commitment):
            raise PermissionDenied("Only the promisee or a manager of their unit confirms this.")
        if not scope.is_admin and person.pk != user.person_id:
            raise PermissionDenied("One confirms in one's own name.")
        return
    # No user: an external link chose `person`; they must stand on the promisee's side.
    same_unit = person.unit_id is not None and person.unit_id == _promisee_unit(commitment)
    same_org = (
        person.organization_id is not None
        and person.organization_id == commitment.promisee.organization_id
        and person.organization_id != commitment.promisor.organization_id
    )
    if not (person.pk == commitment.promisee_id or same_unit or same_org):
        raise PermissionDenied("Only the promisee's side confirms this.")


def _locked(commitment: m.Commitment) -> m.Commitment:
    return (
        m.Commitment.objects.select_for_update(of=("self",))
        .select_related("promisor", "promisee")
        .get(pk=commitment.pk)
    )


def _answer(
    commitment: m.Commitment,
    state: str,
    confirmation: str,
    person: Person,
    user: User | None,
    at: dt.datetime,
    comment: str,
    note: str,
) -> m.Commitment:
    """Write the promisee's side's word on the outcome, and its event."""
    m.CommitmentEvent.objects.create(
        commitment=commitment,
        at=at,
        from_state=commitment.state,
        to_state=state,
        note=note.strip(),
        by=user,
    )
    commitment.state = state
    commitment.confirmation = confirmation
    commitment.confirmation_by = person
    commitment.confirmation_at = at
    commitment.confirmation_comment = comment
    commitment.save(
        update_fields=[
            "state",
            "closed_at",
            "confirmation",
            "confirmation_by",
            "confirmation_at",
            "confirmation_comment",
        ]
    )
    return commitment


@transaction.atomic
def confirm_commitment(
    commitment: m.Commitment,
    outcome: str,
    *,
    person: Person,
    user: User | None = None,
    at: dt.datetime | None = None,
    note: str = "",
) -> m.Commitment:
    """The promisee's side says what became of the promise: kept, kept late, broken or
    released. An open commitment closes with that outcome; a closed one takes it (the
    promisee's word stands over a claim) and is confirmed. A dispute is settled the same way."""
    if outcome not in OUTCOMES:
        raise ValidationError(
            {"outcome": f"{outcome!r} is not one of {', '.join(str(o) for o in OUTCOMES)}."}
        )
    commitment = _locked(commitment)
    _check_person(commitment, person, user)
    at = _at(at)
    if at < commitment.made_at:
        raise ValidationError({"at": "An outcome is confirmed after the promise was made."})
    state = commitment.state
    if state == m.CommitmentState.RENEGOTIATED:
        raise ValidationError(
            {"outcome": "A renegotiated promise has a successor: confirm that one."}
        )
    if commitment.confirmation == m.Confirmation.CONFIRMED:
        raise ValidationError({"outcome": "This outcome is confirmed already."})
    words = f"Confirmed {m.CommitmentState(outcome).label.lower()} by {person.display_name}."
    if state == m.CommitmentState.OPEN:
        commitment.closed_at = at
    note = note.strip()
    return _answer(
        commitment, outcome, m.Confirmation.CONFIRMED, person, user, at, note, f"{words} {note}"
    )


@transaction.atomic
def dispute_commitment(
    commitment: m.Commitment,
    *,
    person: Person,
    user: User | None = None,
    comment: str,
    at: dt.datetime | None = None,
) -> m.Commitment:
    """The promisee's side objects to the outcome the promisor's side recorded, with a comment
    both sides read; it becomes a next action for the promisor's side."""
    if not comment.strip():
        raise ValidationError({"comment": "Say what is wrong with the recorded outcome."})
    commitment = _locked(commitment)
    _check_person(commitment, person, user)
    if commitment.state not in DISPUTABLE:
        raise ValidationError(
            {"state": "Only a recorded outcome (kept, kept late, broken, released) is disputed."}
        )
    if commitment.confirmation != m.Confirmation.CLAIMED:
        raise ValidationError(
            {"state": f"This outcome is {commitment.get_confirmation_display().lower()} already."}
        )
    at = _at(at)
    if commitment.closed_at is not None and at < commitment.closed_at:
        raise ValidationError({"at": "A dispute comes after the outcome was recorded."})
    comment = comment.strip()
    return _answer(
        commitment,
        commitment.state,
        m.Confirmation.DISPUTED,
        person,
        user,
        at,
        comment,
        f"Disputed by {person.display_name}: {comment}",
    )


@transaction.atomic
def agree_measure(
    measure: m.AgreedMeasure,
    *,
    person: Person,
    user: User | None = None,
    at: dt.datetime | None = None,
) -> m.AgreedMeasure:
    """Someone of the relationship's other side agrees the measure: only now is it agreed by
    both."""
    measure = (
        m.AgreedMeasure.objects.select_for_update(of=("self",))
        .select_related("relationship")
        .get(pk=measure.pk)
    )
    rel = measure.relationship
    if rel is None:
        raise ValidationError(
            {"measure": "Only a relationship's measures are agreed by its other side."}
        )
    if measure.agreed_by_other_id is not None:
        raise ValidationError({"measure": "The other side agreed this measure already."})
    if person.pk == rel.our_person_id or (
        person.unit_id is not None and person.unit_id == rel.our_unit_id
    ):
        raise PermissionDenied("The serving side cannot agree for the other side.")
    if user is not None:
        scope = scope_for(user)
        if not may_agree(scope, measure):
            raise PermissionDenied("Only the other side of the relationship agrees a measure.")
        if not scope.is_admin and person.pk != user.person_id:
            raise PermissionDenied("One agrees in one's own name.")
    at = _at(at)
    measure.agreed_by_other = person
    measure.agreed_by_other_at = at
    measure.agreed_by_both = True
    measure.agreed_on = measure.agreed_on or timezone.localdate(at)
    measure.save(
        update_fields=["agreed_by_other", "agreed_by_other_at", "agreed_by_both", "agreed_on"]
    )
    return measure
