"""Answering back (issue 14): the other side of a relationship gives feedback, sees a loop
closed or reopens it, answers "how can I help?" with a need, and states the level it believes
the relationship stands at; the serving side answers feedback, asks how it can help and
states its own level.

Each action runs in one transaction. With a `user`, the action checks that the user may act
for that side (PermissionDenied otherwise): the other side's actions need
`scope.may_answer_for(relationship)`, the serving side's need the right to change the
relationship. Without a user the caller has already authorized the change (the demo, or an
external link that names the relationship). Bad values raise ValidationError naming the field.
History is written by the model signals (trustledger/history/capture.py), attributed to the
request's user or the `history.context.acting` label, as for trustledger/ledger/actions.py.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from trustledger.accounts.access import Side, scope_for
from trustledger.accounts.models import User
from trustledger.directory.models import Person
from trustledger.directory.tree import units_below
from trustledger.ledger import models as m
from trustledger.ledger.actions import may_change

__all__ = [
    "answer_feedback",
    "ask_how_can_i_help",
    "give_feedback",
    "may_act_for_ours",
    "may_act_for_theirs",
    "raise_need",
    "reopen_loop",
    "see_loop_closed",
    "state_level",
]


def _now(at: dt.datetime | None) -> dt.datetime:
    return at or timezone.now()


def _text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def may_act_for_theirs(user: User | None, relationship: m.Relationship) -> bool:
    """May this user give feedback, see loops closed, raise needs and state the other side's
    level for this relationship? (None: an already-authorized caller.)"""
    return user is None or scope_for(user).may_answer_for(relationship)


def may_act_for_ours(user: User | None, relationship: m.Relationship) -> bool:
    """May this user answer feedback, ask how we can help and state our level?"""
    return user is None or may_change(scope_for(user), relationship)


def _theirs(user: User | None, relationship: m.Relationship) -> None:
    if not may_act_for_theirs(user, relationship):
        raise PermissionDenied("Only someone of the other side of this relationship may do this.")


def _ours(user: User | None, relationship: m.Relationship) -> None:
    if not may_act_for_ours(user, relationship):
        raise PermissionDenied("Only the serving side of this relationship may do this.")


def on_their_side(relationship: m.Relationship, person: Person) -> bool:
    """Does this person stand on the other side: the counterpart itself, a person of the
    counterpart unit (or a unit below it), or a person of the counterpart organization?"""
    if relationship.counterpart_person_id is not None:
        return person.pk == relationship.counterpart_person_id
    if relationship.counterpart_unit_id is not None:
        return person.unit_id is not None and person.unit_id in units_below(
            [relationship.counterpart_unit_id]
        )
    if relationship.counterpart_organization_id is not None:
        if person.organization_id == relationship.counterpart_organization_id:
            return True
        return person.unit is not None and (
            person.unit.organization_id == relationship.counterpart_organization_id
        )
    return False


def _their_person(
    relationship: m.Relationship, person: Person | None, user: User | None, field: str = "person"
) -> Person:
    """The person who speaks for the other side. A user speaks as their own person; a person
    of the other side may be named instead (someone of the unit told us in a meeting)."""
    if person is None:
        if user is not None and user.person_id is not None:
            person = user.person
        else:
            raise ValidationError({field: "Say who of the other side this comes from."})
    if user is not None and person.pk == user.person_id:
        return person
    if not on_their_side(relationship, person):
        raise ValidationError({field: f"{person.display_name} is not of the other side."})
    return person


@transaction.atomic
def give_feedback(
    relationship: m.Relationship,
    *,
    person: Person | None,
    user: User | None = None,
    summary: str,
    sentiment: str = m.Sentiment.NEUTRAL,
    at: dt.datetime | None = None,
) -> m.FeedbackItem:
    """The other side records its feedback itself."""
    _theirs(user, relationship)
    summary = _text(summary, "summary", "Write down what you want them to hear.")
    if sentiment not in m.Sentiment.values:
        raise ValidationError(
            {"sentiment": f"{sentiment!r} is not one of {', '.join(m.Sentiment.values)}."}
        )
    person = _their_person(relationship, person, user)
    return m.FeedbackItem.objects.create(
        relationship=relationship,
        received_at=_now(at),
        from_person=person,
        summary=summary,
        sentiment=sentiment,
        given_directly=True,
    )


def _locked(feedback: m.FeedbackItem) -> m.FeedbackItem:
    return (
        m.FeedbackItem.objects.select_for_update()
        .select_related("relationship")
        .get(pk=feedback.pk)
    )


@transaction.atomic
def answer_feedback(
    feedback: m.FeedbackItem,
    *,
    response: str,
    user: User | None = None,
    at: dt.datetime | None = None,
) -> m.FeedbackItem:
    """The serving side says what changed because of the feedback: the loop is closed from
    our side and waits for the other side to see it closed (or reopen it)."""
    feedback = _locked(feedback)
    _ours(user, feedback.relationship)
    response = _text(response, "response", "Say what changed in response.")
    at = _now(at)
    if at < feedback.received_at:
        raise ValidationError({"at": "An answer comes after the feedback arrived."})
    if feedback.reopened_at is not None and at < feedback.reopened_at:
        raise ValidationError({"at": "An answer to a reopened loop comes after the reopening."})
    feedback.our_response = response
    feedback.responded_at = at
    feedback.loop_closed_at = at
    feedback.seen_closed_at = None
    feedback.seen_closed_by = None
    feedback.save(
        update_fields=[
            "our_response",
            "responded_at",
            "loop_closed_at",
            "seen_closed_at",
            "seen_closed_by",
        ]
    )
    return feedback


@transaction.atomic
def see_loop_closed(
    feedback: m.FeedbackItem,
    *,
    person: Person | None,
    user: User | None = None,
    at: dt.datetime | None = None,
) -> m.FeedbackItem:
    """The other side says: we heard what changed, the loop is closed for us."""
    feedback = _locked(feedback)
    _theirs(user, feedback.relationship)
    if feedback.loop_closed_at is None:
        raise ValidationError({"feedback": "They have not answered this feedback yet."})
    if feedback.seen_closed_at is not None:
        raise ValidationError({"feedback": "This loop is already seen closed."})
    person = _their_person(feedback.relationship, person, user)
    at = _now(at)
    if at < feedback.loop_closed_at:
        raise ValidationError({"at": "A loop is seen closed after the answer."})
    feedback.seen_closed_at = at
    feedback.seen_closed_by = person
    feedback.save(update_fields=["seen_closed_at", "seen_closed_by"])
    return feedback


@transaction.atomic
def reopen_loop(
    feedback: m.FeedbackItem,
    *,
    person: Person | None,
    user: User | None = None,
    comment: str = "",
    at: dt.datetime | None = None,
) -> m.FeedbackItem:
    """The other side says the answer did not close it: the loop is open again, what changed
    stays written, and the serving side answers anew."""
    feedback = _locked(feedback)
    _theirs(user, feedback.relationship)
    if feedback.loop_closed_at is None:
        raise ValidationError({"feedback": "This loop is open: there is nothing to reopen."})
    person = _their_person(feedback.relationship, person, user)
    at = _now(at)
    if at < feedback.loop_closed_at:
        raise ValidationError({"at": "A loop is reopened after the answer."})
    feedback.loop_closed_at = None
    feedback.seen_closed_at = None
    feedback.seen_closed_by = None
    feedback.reopened_at = at
    feedback.reopened_by = person
    feedback.reopen_comment = (comment or "").strip()
    feedback.save(
        update_fields=[
            "loop_closed_at",
            "seen_closed_at",
            "seen_closed_by",
            "reopened_at",
            "reopened_by",
            "reopen_comment",
        ]
    )
    return feedback


@transaction.atomic
def ask_how_can_i_help(
    relationship: m.Relationship,
    *,
    user: User | None = None,
    at: dt.datetime | None = None,
    note: str = "",
) -> m.HelpAsk:
    """The serving side asks "how can I help?"; it stays open until the other side answers."""
    _ours(user, relationship)
    return m.HelpAsk.objects.create(
        relationship=relationship,
        asked_at=_now(at),
        asked_by=user,
        note=(note or "").strip(),
    )


@transaction.atomic
def raise_need(
    relationship: m.Relationship,
    *,
    person: Person | None,
    user: User | None = None,
    description: str,
    kind: str = m.NeedKind.NEED,
    at: dt.datetime | None = None,
) -> m.Need:
    """The other side names a need (or an offer); it answers our open "how can I help?"
    asks, if any."""
    _theirs(user, relationship)
    description = _text(description, "description", "Describe what you need.")
    if kind not in m.NeedKind.values:
        raise ValidationError({"kind": f"{kind!r} is not one of {', '.join(m.NeedKind.values)}."})
    person = _their_person(relationship, person, user)
    at = _now(at)
    open_asks = m.HelpAsk.objects.select_for_update().filter(
        relationship=relationship, answered_at__isnull=True, asked_at__lte=at
    )
    answered = open_asks.order_by("-asked_at", "-id").first()
    need = m.Need.objects.create(
        relationship=relationship,
        kind=kind,
        description=description,
        raised_at=at,
        raised_by=person,
        answers_ask=answered,
    )
    for ask in open_asks:
        ask.answered_at = at
        ask.save(update_fields=["answered_at"])
    return need


@transaction.atomic
def state_level(
    relationship: m.Relationship,
    *,
    side: str,
    level: int,
    reason: str,
    person: Person | None = None,
    user: User | None = None,
    at: dt.datetime | None = None,
) -> m.LevelStatement:
    """One side states where it believes the relationship stands, with a reason."""
    if side == Side.OURS:
        _ours(user, relationship)
        stated_by = person or (user.person if user is not None else None)
    elif side == Side.THEIRS:
        _theirs(user, relationship)
        stated_by = _their_person(relationship, person, user)
    else:
        raise ValidationError({"side": f"{side!r} is not a side (ours or theirs)."})
    if not isinstance(level, int) or isinstance(level, bool) or level not in m.ServiceLevel.values:
        raise ValidationError({"level": "Choose a level from 1 (vendor) to 5 (trusted advisor)."})
    reason = _text(reason, "reason", "Say why you see the relationship at this level.")
    return m.LevelStatement.objects.create(
        relationship=relationship,
        side=side,
        level=level,
        reason=reason,
        stated_at=_now(at),
        stated_by=stated_by,
        recorded_by=user,
    )


def current_levels(relationship: m.Relationship) -> dict[str, m.LevelStatement | None]:
    """The latest statement of each side (None where a side has said nothing yet)."""
    latest: dict[str, m.LevelStatement | None] = {Side.OURS: None, Side.THEIRS: None}
    for side in latest:
        latest[side] = (
            m.LevelStatement.objects.filter(relationship=relationship, side=side)
            .select_related("stated_by")
            .order_by("-stated_at", "-id")
            .first()
        )
    return latest
