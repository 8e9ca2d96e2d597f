"""Named actions that change the ledger. Pages, the API and the CLI all call these.

Each action runs in one transaction, takes an already-authenticated actor, checks that the
actor may make the change (PermissionDenied otherwise) and validates its input
(ValidationError naming the field).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from trustledger.accounts.access import Scope, scope_for
from trustledger.accounts.models import User
from trustledger.analytics.hooks import interactions_recorded
from trustledger.directory.models import Channel, Person
from trustledger.history.capture import record_parts
from trustledger.ledger import models as m

CLOSING = {
    m.CommitmentState.KEPT,
    m.CommitmentState.KEPT_LATE,
    m.CommitmentState.BROKEN,
    m.CommitmentState.RELEASED,
    m.CommitmentState.RENEGOTIATED,
}


def _now(at: dt.datetime | None) -> dt.datetime:
    return at or timezone.now()


def _may_change(
    scope: Scope, relationship: m.Relationship | None, people: Iterable[Person] = ()
) -> None:
    if scope.is_admin:
        return
    if scope.read_only:
        # A viewer changes nothing, not even records about their own person.
        raise PermissionDenied("A viewer reads and changes nothing.")
    if relationship is not None:
        if not scope.can_change_relationship(relationship):
            raise PermissionDenied("You may not change this relationship.")
        return
    for person in people:
        if person.pk == scope.person_id or (
            person.unit_id is not None and person.unit_id in scope.managed_unit_ids
        ):
            return
    raise PermissionDenied(
        "You may only record this for yourself or for people of a unit you manage."
    )


def insiders() -> Q:
    """People of ours without a unit: those with a login or on our side of a relationship."""
    return Q(pk__in=User.objects.filter(person__isnull=False).values("person_id")) | Q(
        pk__in=m.Relationship.objects.filter(our_person__isnull=False).values("our_person")
    )


def promisors(scope: Scope, people: QuerySet[Person]) -> QuerySet[Person]:
    """Of `people`, those whose promises this scope records or closes, in a relationship or
    not: oneself, the people of units one manages, and outside contacts (no unit, no login,
    not our side of a relationship). Never another unit's people: their reliability is not
    the counterpart's to write. The importer (`ingest/permissions.py`) is stricter: it
    does not take outside contacts as promisors either."""
    if scope.is_admin:
        return people
    outside = Q(unit__isnull=True) & ~insiders()
    return people.filter(Q(pk=scope.person_id) | Q(unit_id__in=scope.managed_unit_ids) | outside)


def _may_promise(scope: Scope, relationship: m.Relationship | None, promisor: Person) -> None:
    """`_may_change` for a promise's relationship and promisor, then `promisors` for the
    promisor, asking the database only about a person without a unit (once per request: the
    register asks for every row)."""
    _may_change(scope, relationship, [promisor])
    if scope.is_admin or promisor.pk == scope.person_id:
        return
    if promisor.unit_id is None:
        known: dict[int, bool] = scope._built.setdefault("insiders", {})
        if promisor.pk not in known:
            known[promisor.pk] = Person.objects.filter(insiders(), pk=promisor.pk).exists()
        if not known[promisor.pk]:
            return
    elif promisor.unit_id in scope.managed_unit_ids:
        return
    raise PermissionDenied(
        f"{promisor.display_name}'s promises are recorded by them or their unit's manager."
    )


def may_change(
    scope: Scope, relationship: m.Relationship | None, people: Iterable[Person] = ()
) -> bool:
    """Whether the actions would let this scope record or change it: for offering a form or a
    button before anyone submits. Reads `relationship.our_person`; select it with the row."""
    try:
        _may_change(scope, relationship, people)
    except PermissionDenied:
        return False
    return True


def may_close_commitment(scope: Scope, commitment: m.Commitment) -> bool:
    """Whether keep, break, release or renegotiate are open to this scope for this commitment."""
    if commitment.state != m.CommitmentState.OPEN:
        return False
    try:
        _may_promise(scope, commitment.relationship, commitment.promisor)
    except PermissionDenied:
        return False
    return True


@transaction.atomic
def _intent(is_request: bool, intent_declared: bool | None) -> bool | None:
    """Declared intent belongs to a request: without one it is not a question."""
    if not is_request and intent_declared is not None:
        raise ValidationError(
            {"intent_declared": "Only a request has a declared intent: set is_request too."}
        )
    return intent_declared if is_request else None


def record_interaction(
    actor: User,
    *,
    occurred_at: dt.datetime,
    channel: str,
    initiator: Person,
    participants: Iterable[Person],
    relationship: m.Relationship | None = None,
    duration_minutes: float | None = None,
    answered: bool | None = None,
    focus: str = m.Focus.UNKNOWN,
    subject: str = "",
    notes: str = "",
    role: str | None = None,
    is_request: bool = False,
    intent_declared: bool | None = None,
) -> m.Interaction:
    others = [p for p in dict.fromkeys(participants) if p.pk != initiator.pk]
    if channel not in Channel.values:
        raise ValidationError(
            {"channel": f"{channel!r} is not a channel ({', '.join(Channel.values)})."}
        )
    if not others:
        raise ValidationError(
            {"participants": "An interaction needs someone besides the initiator."}
        )
    if duration_minutes is not None and duration_minutes < 0:
        raise ValidationError({"duration_minutes": "A duration cannot be negative."})
    _may_change(scope_for(actor), relationship, [initiator, *others])
    interaction = m.Interaction.objects.create(
        occurred_at=occurred_at,
        channel=channel,
        initiator=initiator,
        relationship=relationship,
        duration_minutes=duration_minutes,
        answered=answered,
        focus=focus,
        is_request=is_request,
        intent_declared=_intent(is_request, intent_declared),
        subject=subject,
        notes=notes,
        source=m.Source.MANUAL,
        created_by=actor,
    )
    participant_role = role or (
        m.ParticipantRole.ATTENDEE if channel == Channel.MEETING else m.ParticipantRole.TO
    )
    record_parts(  # bulk_create sends no signal: the interaction's history is told here
        m.InteractionParticipant.objects.bulk_create(
            [
                m.InteractionParticipant(
                    interaction=interaction,
                    person=p,
                    role=participant_role,
                    occurred_at=occurred_at,
                )
                for p in others
            ]
        )
    )
    interactions_recorded()
    return interaction


@transaction.atomic
def make_commitment(
    actor: User,
    *,
    promisor: Person,
    promisee: Person,
    what: str,
    strength: str,
    due_at: dt.datetime,
    made_at: dt.datetime | None = None,
    statement: str = "",
    relationship: m.Relationship | None = None,
    in_our_power: bool | None = None,
    source: str = "manual",
    external_id: str | None = None,
    own_word: bool = False,
) -> m.Commitment:
    """`own_word`: the promisor confirms words they wrote themselves (a promise found in
    their mail, `trustledger.promises`): theirs to record on the relationship it was found
    on, even one they may not otherwise change; a viewer still changes nothing."""
    made_at = _now(made_at)
    if strength not in m.Strength.values:
        raise ValidationError(
            {"strength": f"{strength!r} is not one of {', '.join(m.Strength.values)}."}
        )
    if promisor.pk == promisee.pk:
        raise ValidationError({"promisee": "A commitment is made to someone else."})
    if due_at < made_at:
        raise ValidationError(
            {"due_at": "The due date must come after the moment the commitment is made."}
        )
    if not what.strip():
        raise ValidationError({"what": "Say what is promised."})
    scope = scope_for(actor)
    if not (own_word and promisor.pk == scope.person_id and not scope.read_only):
        _may_promise(scope, relationship, promisor)
    commitment = m.Commitment.objects.create(
        promisor=promisor,
        promisee=promisee,
        what=what.strip(),
        strength=strength,
        due_at=due_at,
        made_at=made_at,
        statement=statement,
        relationship=relationship,
        in_our_power=in_our_power
        if in_our_power is not None
        else strength == m.Strength.COMMITMENT,
        source=source,
        external_id=external_id,
    )
    m.CommitmentEvent.objects.create(
        commitment=commitment, at=made_at, to_state=m.CommitmentState.OPEN, by=actor
    )
    return commitment


def _close(
    actor: User, commitment: m.Commitment, state: str, at: dt.datetime | None, note: str = ""
) -> m.Commitment:
    commitment = m.Commitment.objects.select_for_update().get(pk=commitment.pk)
    if commitment.state != m.CommitmentState.OPEN:
        raise ValidationError(
            {"state": f"This commitment is already {commitment.get_state_display().lower()}."}
        )
    _may_promise(scope_for(actor), commitment.relationship, commitment.promisor)
    at = _now(at)
    if at < commitment.made_at:
        raise ValidationError({"at": "A commitment cannot close before it was made."})
    m.CommitmentEvent.objects.create(
        commitment=commitment,
        at=at,
        from_state=commitment.state,
        to_state=state,
        note=note,
        by=actor,
    )
    commitment.state, commitment.closed_at = state, at
    commitment.save(update_fields=["state", "closed_at"])
    return commitment


@transaction.atomic
def keep_commitment(
    actor: User, commitment: m.Commitment, *, at: dt.datetime | None = None
) -> m.Commitment:
    """Kept: on time when closed by the due date, otherwise kept late."""
    at = _now(at)
    state = m.CommitmentState.KEPT if at <= commitment.due_at else m.CommitmentState.KEPT_LATE
    return _close(actor, commitment, state, at)


@transaction.atomic
def keep_commitment_late(
    actor: User, commitment: m.Commitment, *, at: dt.datetime | None = None
) -> m.Commitment:
    return _close(actor, commitment, m.CommitmentState.KEPT_LATE, at)


@transaction.atomic
def break_commitment(
    actor: User, commitment: m.Commitment, *, at: dt.datetime | None = None, note: str = ""
) -> m.Commitment:
    return _close(actor, commitment, m.CommitmentState.BROKEN, at, note)


@transaction.atomic
def release_commitment(
    actor: User, commitment: m.Commitment, *, at: dt.datetime | None = None, note: str = ""
) -> m.Commitment:
    """The promisee lets it go: neutral for reliability."""
    return _close(actor, commitment, m.CommitmentState.RELEASED, at, note)


@transaction.atomic
def renegotiate_commitment(
    actor: User,
    commitment: m.Commitment,
    *,
    new_due_at: dt.datetime,
    at: dt.datetime | None = None,
    note: str = "",
) -> m.Commitment:
    """Agree a new date *before* the due date; the old promise closes and a successor opens."""
    at = _now(at)
    if at > commitment.due_at:
        raise ValidationError(
            {
                "new_due_at": "The due date has passed: a new date agreed now is a broken commitment and a new one."
            }
        )
    if new_due_at <= commitment.due_at:
        raise ValidationError(
            {"new_due_at": "The new date must be later than the current due date."}
        )
    old = _close(
        actor,
        commitment,
        m.CommitmentState.RENEGOTIATED,
        at,
        note or f"New date {new_due_at:%Y-%m-%d}.",
    )
    successor = m.Commitment.objects.create(
        promisor=old.promisor,
        promisee=old.promisee,
        relationship=old.relationship,
        what=old.what,
        statement=old.statement,
        strength=old.strength,
        in_our_power=old.in_our_power,
        made_at=at,
        due_at=new_due_at,
        renegotiated_from=old,
    )
    m.CommitmentEvent.objects.create(
        commitment=successor, at=at, to_state=m.CommitmentState.OPEN, by=actor
    )
    return successor


@transaction.atomic
def change_service_level(
    actor: User,
    relationship: m.Relationship,
    *,
    to_level: int,
    reason: str,
    at: dt.datetime | None = None,
) -> m.ServiceLevelChange:
    _may_change(scope_for(actor), relationship)
    if to_level not in m.ServiceLevel.values:
        raise ValidationError(
            {"to_level": "Choose a level from 1 (vendor) to 5 (trusted advisor)."}
        )
    if not reason.strip():
        raise ValidationError({"reason": "Say why the level moved."})
    relationship = m.Relationship.objects.select_for_update().get(pk=relationship.pk)
    if relationship.service_level == to_level:
        raise ValidationError({"to_level": "The relationship is already at this level."})
    change = m.ServiceLevelChange.objects.create(
        relationship=relationship,
        changed_at=_now(at),
        from_level=relationship.service_level,
        to_level=to_level,
        reason=reason.strip(),
        changed_by=actor,
    )
    relationship.service_level = to_level
    relationship.save(update_fields=["service_level"])
    return change


@transaction.atomic
def record_feedback(
    actor: User,
    relationship: m.Relationship,
    *,
    summary: str,
    received_at: dt.datetime | None = None,
    from_person: Person | None = None,
    sentiment: str = m.Sentiment.NEUTRAL,
    our_response: str = "",
) -> m.FeedbackItem:
    _may_change(scope_for(actor), relationship)
    if not summary.strip():
        raise ValidationError({"summary": "Write down what the feedback said."})
    received_at = _now(received_at)
    return m.FeedbackItem.objects.create(
        relationship=relationship,
        summary=summary.strip(),
        received_at=received_at,
        from_person=from_person,
        sentiment=sentiment,
        our_response=our_response,
        responded_at=received_at if our_response else None,
    )


@transaction.atomic
def close_feedback_loop(
    actor: User, feedback: m.FeedbackItem, *, what_changed: str, at: dt.datetime | None = None
) -> m.FeedbackItem:
    """We told the partner what changed because of their feedback."""
    _may_change(scope_for(actor), feedback.relationship)
    if not what_changed.strip():
        raise ValidationError({"what_changed": "Say what changed in response."})
    at = _now(at)
    if at < feedback.received_at:
        raise ValidationError({"at": "A loop closes after the feedback arrived."})
    feedback.our_response = what_changed.strip()
    feedback.responded_at = feedback.responded_at or at
    feedback.loop_closed_at = at
    feedback.save(update_fields=["our_response", "responded_at", "loop_closed_at"])
    return feedback


@transaction.atomic
def record_need(
    actor: User,
    relationship: m.Relationship,
    *,
    description: str,
    kind: str = m.NeedKind.NEED,
    raised_at: dt.datetime | None = None,
) -> m.Need:
    _may_change(scope_for(actor), relationship)
    if not description.strip():
        raise ValidationError({"description": "Describe the need."})
    return m.Need.objects.create(
        relationship=relationship,
        description=description.strip(),
        kind=kind,
        raised_at=_now(raised_at),
    )


@transaction.atomic
def record_decision(
    actor: User,
    *,
    title: str,
    decided_at: dt.datetime | None = None,
    relationship: m.Relationship | None = None,
    deciding_unit_id: int | None = None,
    affected_unit_ids: Iterable[int] = (),
    involved_unit_ids: Iterable[int] = (),
    surprised_unit_ids: Iterable[int] = (),
    description: str = "",
) -> m.Decision:
    scope = scope_for(actor)
    if relationship is not None:
        _may_change(scope, relationship)
        # A unit's decisions weigh on its relationships (a surprise draws on their reserve):
        # only its people file one as that unit's, on a relationship or not.
        own_units = scope.managed_unit_ids | scope.member_unit_ids
        if not scope.is_admin and deciding_unit_id not in {None, *own_units}:
            raise PermissionDenied("A decision is filed as a unit's only by that unit's people.")
    elif not scope.is_admin and deciding_unit_id not in scope.managed_unit_ids:
        raise PermissionDenied("Only a manager of the deciding unit records its decisions.")
    if not title.strip():
        raise ValidationError({"title": "Name the decision."})
    decision = m.Decision.objects.create(
        title=title.strip(),
        description=description,
        decided_at=_now(decided_at),
        relationship=relationship,
        deciding_unit_id=deciding_unit_id,
        decided_by=actor.person,
    )
    rows = [(m.StakeholderRole.AFFECTED, u) for u in affected_unit_ids]
    rows += [(m.StakeholderRole.INVOLVED_BEFORE, u) for u in involved_unit_ids]
    rows += [(m.StakeholderRole.SURPRISED, u) for u in surprised_unit_ids]
    record_parts(
        m.DecisionStakeholder.objects.bulk_create(
            [m.DecisionStakeholder(decision=decision, unit_id=u, role=role) for role, u in rows]
        )
    )
    return decision


@transaction.atomic
def agree_measure(
    actor: User,
    relationship: m.Relationship,
    *,
    name: str,
    target: str,
    agreed_on: dt.date | None = None,
    goal: m.Goal | None = None,
    owner: Person | None = None,
) -> m.AgreedMeasure:
    _may_change(scope_for(actor), relationship)
    if not name.strip() or not target.strip():
        raise ValidationError({"name": "A measure needs a name and a target."})
    return m.AgreedMeasure.objects.create(
        relationship=relationship,
        goal=goal,
        name=name.strip(),
        target=target.strip(),
        owner=owner,
        agreed_on=agreed_on or timezone.localdate(),
        # Agreed by both only once the other side agrees it (ledger.confirmations).
        agreed_by_both=False,
    )


@transaction.atomic
def record_quality_review(
    actor: User,
    relationship: m.Relationship,
    *,
    held_on: dt.date,
    statuses: dict[int, str] | None = None,
    attendees: Iterable[Person] = (),
    notes: str = "",
    next_review_due: dt.date | None = None,
) -> m.QualityReview:
    _may_change(scope_for(actor), relationship)
    if next_review_due is not None and next_review_due <= held_on:
        raise ValidationError({"next_review_due": "The next review comes after this one."})
    review = m.QualityReview.objects.create(
        relationship=relationship, held_on=held_on, notes=notes, next_review_due=next_review_due
    )
    review.attendees.set(list(attendees))
    for measure_id, status in (statuses or {}).items():
        if status not in m.MeasureStatus.values:
            raise ValidationError({"statuses": f"{status!r} is not a measure status."})
        if not relationship.measures.filter(pk=measure_id).exists():
            raise ValidationError(
                {"statuses": f"Measure {measure_id} is not agreed in this relationship."}
            )
        m.QualityReviewMeasure.objects.create(review=review, measure_id=measure_id, status=status)
    return review


# --- Editing and deleting records -------------------------------------------------------------
#
# The same rights as recording them: a record filed under a relationship is changed by those
# who may change the relationship; a commitment by those who may close it (its promisor's side);
# an unfiled interaction by those who may record it for one of its people; an unfiled decision
# by a manager of its deciding unit. One must first be able to read the record (else: unknown).

EDITABLE_KINDS = (
    "interaction",
    "commitment",
    "feedback",
    "need",
    "measure",
    "review",
    "level_change",
    "decision",
)


def _check_record(scope: Scope, kind: str, record: Any) -> None:
    if not scope.can_read_record(kind, record):
        raise PermissionDenied("No such record, or not yours to see.")
    if kind == "commitment":
        _may_promise(scope, record.relationship, record.promisor)
    elif kind == "interaction":
        people = [record.initiator] if record.initiator_id else []
        people += [p.person for p in record.participants.select_related("person")]
        _may_change(scope, record.relationship, people)
    elif kind == "decision":
        if record.relationship_id is not None:
            _may_change(scope, record.relationship)
        elif not scope.is_admin and (
            scope.read_only or record.deciding_unit_id not in scope.managed_unit_ids
        ):
            raise PermissionDenied("Only a manager of the deciding unit changes its decisions.")
    elif kind == "measure" and record.relationship_id is None:
        goal = record.goal
        if not scope.is_admin and (
            scope.read_only or goal is None or goal.owner_unit_id not in scope.managed_unit_ids
        ):
            raise PermissionDenied("Only a manager of the goal's unit changes its measures.")
    else:
        _may_change(scope, record.relationship)


def may_change_record(scope: Scope, kind: str, record: Any) -> bool:
    """Whether edit and delete are open to this scope for this record (for drawing buttons)."""
    try:
        _check_record(scope, kind, record)
    except PermissionDenied:
        return False
    return True


def _text(value: str, field: str, message: str) -> str:
    if not value.strip():
        raise ValidationError({field: message})
    return value.strip()


@transaction.atomic
def update_interaction(
    actor: User,
    interaction: m.Interaction,
    *,
    occurred_at: dt.datetime,
    channel: str,
    initiator: Person,
    participants: Iterable[Person],
    relationship: m.Relationship | None,
    duration_minutes: float | None = None,
    answered: bool | None = None,
    focus: str = m.Focus.UNKNOWN,
    subject: str = "",
    notes: str = "",
    is_request: bool = False,
    intent_declared: bool | None = None,
) -> m.Interaction:
    scope = scope_for(actor)
    _check_record(scope, "interaction", interaction)
    others = [p for p in dict.fromkeys(participants) if p.pk != initiator.pk]
    if channel not in Channel.values:
        raise ValidationError({"channel": f"{channel!r} is not a channel."})
    if not others:
        raise ValidationError(
            {"participants": "An interaction needs someone besides the initiator."}
        )
    if duration_minutes is not None and duration_minutes < 0:
        raise ValidationError({"duration_minutes": "A duration cannot be negative."})
    _may_change(scope, relationship, [initiator, *others])
    for name, value in {
        "occurred_at": occurred_at,
        "channel": channel,
        "initiator": initiator,
        "relationship": relationship,
        "duration_minutes": duration_minutes,
        "answered": answered,
        "focus": focus,
        "is_request": is_request,
        "intent_declared": _intent(is_request, intent_declared),
        "subject": subject,
        "notes": notes,
    }.items():
        setattr(interaction, name, value)
    interaction.save()
    role = m.ParticipantRole.ATTENDEE if channel == Channel.MEETING else m.ParticipantRole.TO
    kept = {p.pk for p in others}
    interaction.participants.exclude(person_id__in=kept).delete()
    existing = set(interaction.participants.values_list("person_id", flat=True))
    interaction.participants.update(occurred_at=occurred_at, role=role)
    record_parts(  # bulk_create sends no signal: the interaction's history is told here
        m.InteractionParticipant.objects.bulk_create(
            [
                m.InteractionParticipant(
                    interaction=interaction, person=p, role=role, occurred_at=occurred_at
                )
                for p in others
                if p.pk not in existing
            ]
        )
    )
    interactions_recorded()
    return interaction


@transaction.atomic
def update_commitment(
    actor: User,
    commitment: m.Commitment,
    *,
    what: str,
    promisee: Person,
    strength: str,
    due_at: dt.datetime,
    statement: str = "",
) -> m.Commitment:
    """Mend the words of a promise: what, to whom, how strong, by when. An open promise only;
    moving a date agreed with the other side is renegotiating (`renegotiate_commitment`)."""
    _check_record(scope_for(actor), "commitment", commitment)
    if commitment.state != m.CommitmentState.OPEN:
        raise ValidationError({"what": "A closed commitment is history: it is not edited."})
    if strength not in m.Strength.values:
        raise ValidationError({"strength": f"{strength!r} is not a strength."})
    if promisee.pk == commitment.promisor_id:
        raise ValidationError({"promisee": "A commitment is made to someone else."})
    if due_at < commitment.made_at:
        raise ValidationError({"due_at": "The due date must come after the promise was made."})
    commitment.what = _text(what, "what", "Say what is promised.")
    commitment.promisee = promisee
    commitment.strength = strength
    commitment.due_at = due_at
    commitment.statement = statement
    commitment.save(update_fields=["what", "promisee", "strength", "due_at", "statement"])
    return commitment


@transaction.atomic
def update_feedback(
    actor: User,
    feedback: m.FeedbackItem,
    *,
    summary: str,
    received_at: dt.datetime,
    from_person: Person | None,
    sentiment: str,
    our_response: str = "",
) -> m.FeedbackItem:
    _check_record(scope_for(actor), "feedback", feedback)
    if sentiment not in m.Sentiment.values:
        raise ValidationError({"sentiment": f"{sentiment!r} is not a sentiment."})
    for later in (feedback.responded_at, feedback.loop_closed_at):
        if later is not None and received_at > later:
            raise ValidationError({"received_at": "It arrived before we answered it."})
    feedback.summary = _text(summary, "summary", "Write down what the feedback said.")
    feedback.received_at = received_at
    feedback.from_person = from_person
    feedback.sentiment = sentiment
    feedback.our_response = our_response.strip()
    if feedback.our_response and feedback.responded_at is None:
        feedback.responded_at = max(received_at, timezone.now())
    feedback.save()
    return feedback


@transaction.atomic
def reopen_feedback_loop(actor: User, feedback: m.FeedbackItem) -> m.FeedbackItem:
    """Undo a loop closed by mistake: what changed stays written, the loop is open again."""
    _check_record(scope_for(actor), "feedback", feedback)
    feedback.loop_closed_at = None
    feedback.save(update_fields=["loop_closed_at"])
    return feedback


@transaction.atomic
def update_need(
    actor: User,
    need: m.Need,
    *,
    description: str,
    kind: str,
    status: str | None = None,
    at: dt.datetime | None = None,
) -> m.Need:
    """Mend a need or an offer; a status other than open resolves it (met or dropped)."""
    _check_record(scope_for(actor), "need", need)
    if kind not in m.NeedKind.values:
        raise ValidationError({"kind": f"{kind!r} is not a kind of need."})
    status = status or need.status
    if status not in m.NeedStatus.values:
        raise ValidationError({"status": f"{status!r} is not a status."})
    need.description = _text(description, "description", "Describe the need.")
    need.kind = kind
    if status != need.status:
        need.resolved_at = None if status == m.NeedStatus.OPEN else max(_now(at), need.raised_at)
    need.status = status
    need.save()
    return need


@transaction.atomic
def update_measure(
    actor: User,
    measure: m.AgreedMeasure,
    *,
    name: str,
    target: str,
    agreed_on: dt.date | None,
    owner: Person | None,
) -> m.AgreedMeasure:
    """Mend a measure; whether the other side agreed it is theirs to say
    (ledger.confirmations.agree_measure)."""
    _check_record(scope_for(actor), "measure", measure)
    if not name.strip() or not target.strip():
        raise ValidationError({"name": "A measure needs a name and a target."})
    measure.name, measure.target = name.strip(), target.strip()
    measure.agreed_on, measure.owner = agreed_on, owner
    measure.save()
    return measure


@transaction.atomic
def update_quality_review(
    actor: User,
    review: m.QualityReview,
    *,
    held_on: dt.date,
    statuses: dict[int, str],
    attendees: Iterable[Person] = (),
    notes: str = "",
    next_review_due: dt.date | None = None,
) -> m.QualityReview:
    """Mend a review; `statuses` is the whole set (a measure left out is no longer rated)."""
    _check_record(scope_for(actor), "review", review)
    if next_review_due is not None and next_review_due <= held_on:
        raise ValidationError({"next_review_due": "The next review comes after this one."})
    agreed = set(review.relationship.measures.values_list("pk", flat=True))
    for measure_id, status in statuses.items():
        if status not in m.MeasureStatus.values:
            raise ValidationError({"statuses": f"{status!r} is not a measure status."})
        if measure_id not in agreed:
            raise ValidationError(
                {"statuses": f"Measure {measure_id} is not agreed in this relationship."}
            )
    review.held_on, review.notes, review.next_review_due = held_on, notes, next_review_due
    review.save()
    review.attendees.set(list(attendees))
    review.measure_statuses.exclude(measure_id__in=statuses).delete()
    for measure_id, status in statuses.items():
        m.QualityReviewMeasure.objects.update_or_create(
            review=review, measure_id=measure_id, defaults={"status": status}
        )
    return review


@transaction.atomic
def update_decision(
    actor: User,
    decision: m.Decision,
    *,
    title: str,
    decided_at: dt.datetime,
    description: str = "",
    affected_unit_ids: Iterable[int] = (),
    involved_unit_ids: Iterable[int] = (),
    surprised_unit_ids: Iterable[int] = (),
    people: dict[str, Iterable[Person]] | None = None,
) -> m.Decision:
    """Mend a decision and set its stakeholders anew: units affected, involved before and
    surprised after; `people` maps a StakeholderRole value to the people in that role."""
    _check_record(scope_for(actor), "decision", decision)
    decision.title = _text(title, "title", "Name the decision.")
    decision.decided_at, decision.description = decided_at, description
    decision.save()
    rows = [(m.StakeholderRole.AFFECTED, u) for u in affected_unit_ids]
    rows += [(m.StakeholderRole.INVOLVED_BEFORE, u) for u in involved_unit_ids]
    rows += [(m.StakeholderRole.SURPRISED, u) for u in surprised_unit_ids]
    decision.stakeholders.all().delete()
    record_parts(
        m.DecisionStakeholder.objects.bulk_create(
            [m.DecisionStakeholder(decision=decision, unit_id=u, role=role) for role, u in rows]
            + _people_rows(decision, people)
        )
    )
    return decision


def _people_rows(
    decision: m.Decision, people: dict[str, Iterable[Person]] | None
) -> list[m.DecisionStakeholder]:
    rows = []
    for role, persons in (people or {}).items():
        if role not in m.StakeholderRole.values:
            raise ValidationError({"people": f"{role!r} is not a stakeholder role."})
        rows += [m.DecisionStakeholder(decision=decision, person=p, role=role) for p in persons]
    return rows


def add_decision_people(decision: m.Decision, people: dict[str, Iterable[Person]] | None) -> None:
    """The people involved in a decision just recorded (by `record_decision`)."""
    record_parts(m.DecisionStakeholder.objects.bulk_create(_people_rows(decision, people)))


@transaction.atomic
def update_level_change(
    actor: User, change: m.ServiceLevelChange, *, reason: str
) -> m.ServiceLevelChange:
    """Only the reason of a level move is mended: the move itself is history (move it again)."""
    _check_record(scope_for(actor), "level_change", change)
    change.reason = _text(reason, "reason", "Say why the level moved.")
    change.save(update_fields=["reason"])
    return change


@transaction.atomic
def delete_record(actor: User, kind: str, record: Any) -> None:
    """Delete a record. A level move is undone only if it is the relationship's latest: the
    relationship goes back to the level before it. A renegotiated commitment's successor goes
    with its history: deleting a renegotiated commitment opens none again."""
    if kind not in EDITABLE_KINDS:
        raise ValidationError({"kind": f"{kind!r} records are not deleted here."})
    _check_record(scope_for(actor), kind, record)
    if kind == "level_change":
        latest = record.relationship.level_changes.order_by("-changed_at", "-pk").first()
        if latest is None or latest.pk != record.pk:
            raise ValidationError(
                {"reason": "Only the latest level move is undone; later moves rest on it."}
            )
        relationship = m.Relationship.objects.select_for_update().get(pk=record.relationship_id)
        if record.from_level is not None:
            relationship.service_level = record.from_level
            relationship.save(update_fields=["service_level"])
    record.delete()
    if kind == "interaction":
        interactions_recorded()
