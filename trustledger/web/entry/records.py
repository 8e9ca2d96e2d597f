"""One page per ledger record, with its edit form, its delete confirmation and (for feedback)
closing the loop: `/records/<kind>/<pk>/`, `…/edit/`, `…/delete/`, `/feedback/<pk>/close/`.

Out of scope → 404; readable but not the user's to change → 403. Writes go through the named
actions (`trustledger.ledger.actions`), which check the rights again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from trustledger.accounts.access import Scope, scope_for
from trustledger.directory.models import Person
from trustledger.domain.limits import TEXT_MAX
from trustledger.engine.sides import OURS, THEIRS, sides_of
from trustledger.history.query import history_section
from trustledger.ledger import actions, answers
from trustledger.ledger import models as m
from trustledger.ledger.confirmations import may_agree
from trustledger.web.entry import forms as f
from trustledger.web.entry.common import (
    SIDES,
    add_action_errors,
    at_day,
    describe_form,
    end_of_day,
    not_found,
    relationship_ref,
    respond,
    safe_next,
)
from trustledger.web.entry.confirm import confirmation_of, confirmation_words
from trustledger.web.entry.quick import decision_people, names
from trustledger.web.entry.register import VERBS

LABELS = {
    "interaction": "Interaction",
    "commitment": "Commitment",
    "feedback": "Feedback",
    "need": "Need",
    "measure": "Agreed measure",
    "review": "Quality review",
    "level_change": "Service level move",
    "decision": "Decision",
}
_REL = [f"relationship__{side}" for side in SIDES] + ["relationship__our_person__unit"]
RELATED: dict[str, list[str]] = {
    "interaction": ["initiator", *_REL],
    "commitment": ["promisor__unit", "promisee", "confirmation_by", *_REL],
    "feedback": ["from_person", *_REL],
    "need": _REL,
    "measure": ["owner", "goal", "agreed_by_other", *_REL],
    "review": _REL,
    "level_change": ["changed_by", *_REL],
    "decision": ["deciding_unit", "decided_by", *_REL],
}


def record_url(kind: str, pk: int, verb: str = "") -> str:
    return f"/records/{kind}/{pk}/" + (f"{verb}/" if verb else "")


def _load(scope: Scope, kind: str, pk: int) -> Any:
    if kind not in LABELS:
        raise not_found()
    found = scope.records(kind).select_related(*RELATED[kind]).filter(pk=pk).first()
    if found is None:
        raise not_found()
    return found


def _day(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%Y-%m-%d}"
    return value.isoformat()


class _People:
    """People named on a page: a link only to those the viewer may open."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.rows: list[tuple[str, Person]] = []

    def add(self, role: str, person: Person | None) -> None:
        if person is not None:
            self.rows.append((role, person))

    def refs(self) -> list[dict[str, Any]]:
        ids = {p.pk for _, p in self.rows}
        if self.scope.is_admin:
            openable = ids
        else:
            openable = set(self.scope.people().filter(pk__in=ids).values_list("pk", flat=True))
        return [
            {
                "role": role,
                "id": p.pk,
                "name": p.display_name,
                "url": f"/people/{p.pk}/" if p.pk in openable else None,
            }
            for role, p in self.rows
        ]


# --- what each kind says in words ----------------------------------------------------------------

Facts = list[tuple[str, Any]]


def _interaction(r: m.Interaction, people: _People) -> tuple[str, str, Facts]:
    others = [
        p.person for p in r.participants.select_related("person").order_by("person__display_name")
    ]
    people.add("Started it", r.initiator)
    for p in others:
        people.add("Took part", p)
    everyone = ([r.initiator] if r.initiator else []) + others
    sentence = f"{r.get_channel_display()} on {_day(r.occurred_at)} between {names(everyone)}"
    sentence += f"; {r.initiator.display_name} started it." if r.initiator else "."
    answered = {True: "Yes", False: "No", None: "Not known"}[r.answered]
    facts: Facts = [
        ("When", f"{timezone.localtime(r.occurred_at):%Y-%m-%d %H:%M}"),
        ("Channel", r.get_channel_display()),
        (
            "Duration",
            f"{r.duration_minutes:g} minutes" if r.duration_minutes is not None else "Not recorded",
        ),
        ("Did they answer?", answered),
        ("Whose agenda", r.get_focus_display()),
        ("A request?", dict(f.ASKED_CHOICES)[f.asked_choice(r.is_request, r.intent_declared)]),
        ("Subject", r.subject),
        ("Notes", r.notes),
        ("Recorded from", r.get_source_display()),
    ]
    return r.subject or str(r), sentence, facts


def _commitment(r: m.Commitment, people: _People) -> tuple[str, str, Facts]:
    people.add("Promised", r.promisor)
    people.add("Promised to", r.promisee)
    strength = r.get_strength_display().split(" (")[0]
    sentence = (
        f"{r.promisor.display_name} promised {r.promisee.display_name} “{r.what}” "
        f"({strength.lower()}), due {_day(r.due_at)}: {r.get_state_display().lower()}."
    )
    events = r.events.select_related("by").order_by("at", "pk")
    history = [
        f"{_day(e.at)}: {e.get_to_state_display().lower()}" + (f" — {e.note}" if e.note else "")
        for e in events
    ]
    facts: Facts = [
        ("What", r.what),
        ("As said", r.statement),
        ("Strength", r.get_strength_display()),
        ("Made on", _day(r.made_at)),
        ("Due on", _day(r.due_at)),
        ("State", r.get_state_display()),
        ("Closed on", _day(r.closed_at)),
        ("Confirmation", confirmation_words(r)),
        ("States so far", history),
    ]
    if r.renegotiated_from_id:
        facts.append(("Renegotiated from", record_url("commitment", r.renegotiated_from_id)))
    successor = (
        m.Commitment.objects.filter(renegotiated_from=r).values_list("pk", flat=True).first()
    )
    if successor:
        facts.append(("Renegotiated to", record_url("commitment", successor)))
    return r.what, sentence, facts


def _feedback(r: m.FeedbackItem, people: _People) -> tuple[str, str, Facts]:
    people.add("From", r.from_person)
    who = r.from_person.display_name if r.from_person else str(r.relationship.counterpart)
    loop = (
        f"the loop was closed on {_day(r.loop_closed_at)}: we told them what changed"
        if r.loop_closed_at
        else "the loop is open: we have not yet told them what changed because of it"
    )
    sentence = (
        f"{who} told us on {_day(r.received_at)} ({r.get_sentiment_display().lower()}); {loop}."
    )
    facts: Facts = [
        ("What they said", r.summary),
        ("Sentiment", r.get_sentiment_display()),
        ("Received on", _day(r.received_at)),
        ("What we changed because of it", r.our_response),
        ("Answered on", _day(r.responded_at)),
        ("Loop closed on", _day(r.loop_closed_at) or "Not yet"),
        ("Given by them in the product", "Yes" if r.given_directly else ""),
        ("Seen closed by them", _seen_by(r)),
        ("Reopened by them", _reopened_by(r)),
    ]
    return r.summary[:80], sentence, facts


def _seen_by(r: m.FeedbackItem) -> str:
    if r.seen_closed_at is None:
        return ""
    who = r.seen_closed_by.display_name if r.seen_closed_by else "the other side"
    return f"{who}, {_day(r.seen_closed_at)}"


def _reopened_by(r: m.FeedbackItem) -> str:
    if r.reopened_at is None:
        return ""
    who = r.reopened_by.display_name if r.reopened_by else "the other side"
    why = f": {r.reopen_comment}" if r.reopen_comment else ""
    return f"{who}, {_day(r.reopened_at)}{why}"


def _need(r: m.Need, people: _People) -> tuple[str, str, Facts]:
    opening = "We asked “How can I help?”" if r.kind == m.NeedKind.OFFER else "They need"
    sentence = f"{opening}: {r.description} — {r.get_status_display().lower()}."
    facts: Facts = [
        ("Kind", r.get_kind_display()),
        ("Description", r.description),
        ("Raised on", _day(r.raised_at)),
        ("Status", r.get_status_display()),
        ("Resolved on", _day(r.resolved_at)),
    ]
    return r.description[:80], sentence, facts


def _measure(r: m.AgreedMeasure, people: _People) -> tuple[str, str, Facts]:
    people.add("Owner", r.owner)
    both = "agreed by both sides" if r.agreed_by_both else "not yet agreed by the other side"
    if r.agreed_by_other_id:
        both += f" ({r.agreed_by_other.display_name} agreed on {_day(r.agreed_by_other_at)})"
    sentence = f"“{r.name}”, target {r.target}: {both}."
    reviewed = r.review_statuses.select_related("review").order_by("-review__held_on")
    facts: Facts = [
        ("Measure", r.name),
        ("Target", r.target),
        ("Agreed on", _day(r.agreed_on)),
        ("The other side agreed", "Yes" if r.agreed_by_both else "No"),
        (
            "Agreed in the product by",
            f"{r.agreed_by_other.display_name} on {_day(r.agreed_by_other_at)}"
            if r.agreed_by_other_id
            else "",
        ),
        ("Goal", r.goal.title if r.goal else ""),
        (
            "Reviews",
            [f"{_day(s.review.held_on)}: {s.get_status_display().lower()}" for s in reviewed],
        ),
    ]
    return r.name, sentence, facts


def _review(r: m.QualityReview, people: _People) -> tuple[str, str, Facts]:
    attendees = list(r.attendees.order_by("display_name"))
    for p in attendees:
        people.add("Attended", p)
    by_side = attendees_by_side(r.relationship, attendees)
    statuses = r.measure_statuses.select_related("measure").order_by("measure__name")
    rated = [
        f"{s.measure.name} (target {s.measure.target}): {s.get_status_display().lower()}"
        for s in statuses
    ]
    sentence = f"Quality review held on {_day(r.held_on)}, {len(rated)} agreed measure(s) rated."
    facts: Facts = [
        ("Held on", _day(r.held_on)),
        ("Attended for us (the serving side)", by_side[OURS]),
        ("Attended for them (the other side)", by_side[THEIRS]),
        ("Attended, on neither side", by_side[""]),
        ("Each agreed measure", rated),
        ("Notes", r.notes),
        ("Next review due", _day(r.next_review_due) or "Not set"),
    ]
    return f"Quality review {_day(r.held_on)}", sentence, facts


def _level_change(r: m.ServiceLevelChange, people: _People) -> tuple[str, str, Facts]:
    before = r.get_from_level_display() if r.from_level else "no level"
    sentence = (
        f"Moved from {before} to {r.get_to_level_display()} on {_day(r.changed_at)}: {r.reason}"
    )
    facts: Facts = [
        ("From", before),
        ("To", r.get_to_level_display()),
        ("On", _day(r.changed_at)),
        ("Why", r.reason),
        ("Recorded by", r.changed_by.get_username() if r.changed_by else ""),
    ]
    return f"{before} → {r.get_to_level_display()}", sentence, facts


def _decision(r: m.Decision, people: _People) -> tuple[str, str, Facts]:
    people.add("Decided by", r.decided_by)
    units: dict[str, list[str]] = {}
    for s in r.stakeholders.select_related("unit", "person").order_by("role", "pk"):
        if s.person is not None:
            people.add(s.get_role_display(), s.person)
        if s.unit is not None:
            units.setdefault(s.get_role_display(), []).append(s.unit.name)
    surprised = units.get(m.StakeholderRole.SURPRISED.label, [])
    sentence = f"Decided on {_day(r.decided_at)}" + (
        f" by {r.deciding_unit.name}" if r.deciding_unit else ""
    )
    sentence += (
        f"; surprised after: {', '.join(surprised)}."
        if surprised
        else "; nobody was surprised after."
    )
    facts: Facts = [
        ("Decision", r.title),
        ("Decided on", _day(r.decided_at)),
        ("Deciding unit", r.deciding_unit.name if r.deciding_unit else ""),
        ("Description", r.description),
        *((f"Units {role.lower()}", ", ".join(found)) for role, found in units.items()),
    ]
    return r.title, sentence, facts


DESCRIBE: dict[str, Callable[[Any, _People], tuple[str, str, Facts]]] = {
    "interaction": _interaction,
    "commitment": _commitment,
    "feedback": _feedback,
    "need": _need,
    "measure": _measure,
    "review": _review,
    "level_change": _level_change,
    "decision": _decision,
}


def attendees_by_side(rel: m.Relationship, attendees: list[Person]) -> dict[str, list[str]]:
    """A review's attendees by the side they stand on: derived from their person and unit
    against the relationship's two sides (engine.sides)."""
    sides = sides_of(rel)
    found: dict[str, list[str]] = {OURS: [], THEIRS: [], "": []}
    for p in attendees:
        found[sides.side_of(p.pk) or ""].append(p.display_name)
    return found


def _buttons(scope: Scope, kind: str, r: Any, may_change: bool) -> list[dict[str, Any]]:
    here = record_url(kind, r.pk)
    found: list[dict[str, Any]] = []
    if kind == "measure" and may_agree(scope, r):
        found.append(
            {
                "label": "Agree this measure",
                "url": f"/measures/{r.pk}/agree/",
                "post": {"next": here},
                "primary": True,
            }
        )
    if kind == "commitment" and actions.may_close_commitment(scope, r):
        found += [
            {"label": spec["label"], "url": f"/commitments/{r.pk}/{verb}/?next={here}"}
            for verb, spec in VERBS.items()
        ]
    if kind == "feedback" and may_change and r.loop_closed_at is None:
        found.append(
            {"label": "Close the loop", "url": f"/feedback/{r.pk}/close/", "primary": True}
        )
    if kind == "feedback" and r.loop_closed_at is not None and scope.may_answer_for(r.relationship):
        if r.seen_closed_at is None:
            found.append(
                {"label": "Seen closed", "url": f"/feedback/{r.pk}/seen/", "post": {"next": here}}
            )
        answers_page = f"/relationships/{r.relationship_id}/answers/#answers-feedback"
        found.append({"label": "Reopen the loop", "url": answers_page})
    if kind == "need" and may_change:
        targets = {
            m.NeedStatus.OPEN: [(m.NeedStatus.MET, "Mark done"), (m.NeedStatus.DROPPED, "Drop")],
        }.get(r.status, [(m.NeedStatus.OPEN, "Open again")])
        found += [
            {"label": label, "url": record_url(kind, r.pk, "edit"), "post": {"set_status": status}}
            for status, label in targets
        ]
    if may_change:
        if kind != "commitment" or r.state == m.CommitmentState.OPEN:
            found.append({"label": "Edit", "url": record_url(kind, r.pk, "edit")})
        found.append({"label": "Delete", "url": record_url(kind, r.pk, "delete"), "danger": True})
    return found


def _page(scope: Scope, kind: str, r: Any) -> dict[str, Any]:
    people = _People(scope)
    title, sentence, facts = DESCRIBE[kind](r, people)
    shown = r.relationship if scope.shown_relationship_id(r.relationship_id) else None
    may_change = actions.may_change_record(scope, kind, r)
    return {
        "title": f"{LABELS[kind]}: {title}",
        "kind": kind,
        "kind_label": LABELS[kind],
        "id": r.pk,
        "url": record_url(kind, r.pk),
        "sentence": sentence,
        "facts": [
            {
                "label": label,
                "value": value,
                "list": isinstance(value, list),
                "link": isinstance(value, str) and value.startswith("/records/"),
            }
            for label, value in facts
            if value not in ("", None, [])
        ],  # fmt: skip
        "relationship": relationship_ref(shown),
        "people": people.refs(),
        "may_change": may_change,
        "buttons": _buttons(scope, kind, r, may_change),
        "history": history_section(r, scope),
        "confirmation": confirmation_of(scope, r) if kind == "commitment" else None,
    }


@login_required
def record_page(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    record = _load(scope, kind, pk)
    return respond(request, "web/records/record.html", _page(scope, kind, record))


# --- edit ----------------------------------------------------------------------------------------


def _without(base: type[f.EntryForm], *dropped: str, **added: forms.Field) -> type[f.EntryForm]:
    """An entry form for editing: the fields a record keeps for good are left out."""

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        base.__init__(self, *args, **kwargs)
        for name in dropped:
            self.fields.pop(name, None)

    return type(f"Edit{base.__name__}", (base,), {"__init__": __init__, **added})


NEED_STATUS = forms.ChoiceField(choices=m.NeedStatus.choices, label="Status")
EDIT_FORMS: dict[str, type[f.EntryForm]] = {
    "interaction": f.InteractionForm,
    "commitment": _without(f.CommitmentForm, "promisor", "relationship"),
    "feedback": _without(f.FeedbackForm, "relationship"),
    "need": _without(f.NeedForm, "relationship", status=NEED_STATUS),
    "measure": _without(f.MeasureForm, "relationship"),
    "review": _without(f.ReviewForm, "relationship"),
    "level_change": _without(f.LevelForm, "relationship", "to_level"),
    "decision": _without(f.DecisionForm, "relationship", "deciding_unit"),
}


def _pks(qs: Any) -> list[int]:
    return list(qs.values_list("pk", flat=True))


def _initial(kind: str, r: Any) -> dict[str, Any]:
    if kind == "interaction":
        local = timezone.localtime(r.occurred_at)
        return {
            "person": list(r.participants.values_list("person_id", flat=True)),
            "channel": r.channel,
            "occurred_on": local.date(),
            "occurred_time": local.time().replace(second=0, microsecond=0),
            "relationship": r.relationship_id,
            "initiator": r.initiator_id,
            "answered": {True: "true", False: "false", None: "unknown"}[r.answered],
            "focus": r.focus,
            "request": f.asked_choice(r.is_request, r.intent_declared),
            "duration_minutes": r.duration_minutes,
            "subject": r.subject,
            "notes": r.notes,
        }
    if kind == "commitment":
        return {
            "what": r.what,
            "promisee": r.promisee_id,
            "due_on": timezone.localtime(r.due_at).date(),
            "strength": r.strength,
            "statement": r.statement,
        }
    if kind == "feedback":
        return {
            "summary": r.summary,
            "sentiment": r.sentiment,
            "from_person": r.from_person_id,
            "received_on": timezone.localtime(r.received_at).date(),
            "our_response": r.our_response,
            "loop_closed": r.loop_closed_at is not None,
        }
    if kind == "need":
        return {"description": r.description, "kind": r.kind, "status": r.status}
    if kind == "measure":
        return {
            "name": r.name,
            "target": r.target,
            "owner": r.owner_id,
            "agreed_on": r.agreed_on,
        }
    if kind == "review":
        found = {
            "held_on": r.held_on,
            "attendees": _pks(r.attendees),
            "notes": r.notes,
            "next_review_due": r.next_review_due,
        }
        for s in r.measure_statuses.all():
            found[f"measure_{s.measure_id}"] = s.status
        return found
    if kind == "level_change":
        return {"reason": r.reason}
    by_role: dict[str, list[int]] = {}
    for s in r.stakeholders.all():
        key = ("unit:" if s.unit_id else "person:") + s.role
        by_role.setdefault(key, []).append(s.unit_id or s.person_id)
    return {
        "title": r.title,
        "decided_on": timezone.localtime(r.decided_at).date(),
        "description": r.description,
        "affected": by_role.get("unit:affected", []),
        "involved": by_role.get("unit:involved_before", []),
        "surprised": by_role.get("unit:surprised", []),
        "involved_people": by_role.get("person:involved_before", []),
        "told_people": by_role.get("person:told_before", []),
        "surprised_people": by_role.get("person:surprised", []),
    }


def _kept_or(day: dt.date, moment: dt.datetime) -> dt.datetime:
    """The moment a record keeps when its day is not changed; a new day's noon otherwise."""
    return moment if timezone.localtime(moment).date() == day else at_day(day, dt.time(12, 0))


def _save(kind: str, user: Any, r: Any, d: dict[str, Any], form: Any) -> None:
    if kind == "interaction":
        actions.update_interaction(
            user,
            r,
            occurred_at=at_day(d["occurred_on"], d["occurred_time"] or dt.time(12, 0)),
            channel=d["channel"],
            initiator=d["initiator"],
            participants=list(d["person"]),
            relationship=d["relationship"],
            duration_minutes=d["duration_minutes"],
            answered=d["answered"],
            focus=d["focus"] or m.Focus.UNKNOWN,
            is_request=d["is_request"],
            intent_declared=d["intent_declared"],
            subject=d["subject"],
            notes=d["notes"],
        )
    elif kind == "commitment":
        actions.update_commitment(
            user,
            r,
            what=d["what"],
            promisee=d["promisee"],
            strength=d["strength"],
            due_at=end_of_day(d["due_on"]),
            statement=d["statement"],
        )
    elif kind == "feedback":
        actions.update_feedback(
            user,
            r,
            summary=d["summary"],
            received_at=_kept_or(d["received_on"], r.received_at),
            from_person=d["from_person"],
            sentiment=d["sentiment"],
            our_response=d["our_response"],
        )
        if d["loop_closed"] and r.loop_closed_at is None:
            actions.close_feedback_loop(user, r, what_changed=d["our_response"])
        elif not d["loop_closed"] and r.loop_closed_at is not None:
            actions.reopen_feedback_loop(user, r)
    elif kind == "need":
        actions.update_need(
            user, r, description=d["description"], kind=d["kind"], status=d["status"]
        )
    elif kind == "measure":
        actions.update_measure(
            user,
            r,
            name=d["name"],
            target=d["target"],
            agreed_on=d["agreed_on"],
            owner=d["owner"],
        )
    elif kind == "review":
        actions.update_quality_review(
            user,
            r,
            held_on=d["held_on"],
            statuses=form.statuses(),
            attendees=d["attendees"],
            notes=d["notes"],
            next_review_due=d["next_review_due"],
        )
    elif kind == "level_change":
        actions.update_level_change(user, r, reason=d["reason"])
    else:
        actions.update_decision(
            user,
            r,
            title=d["title"],
            decided_at=_kept_or(d["decided_on"], r.decided_at),
            description=d["description"],
            affected_unit_ids=[u.pk for u in d["affected"]],
            involved_unit_ids=[u.pk for u in d["involved"]],
            surprised_unit_ids=[u.pk for u in d["surprised"]],
            people=decision_people(d),
        )


RENAMES = {
    "participants": "person",
    "occurred_at": "occurred_on",
    "due_at": "due_on",
    "received_at": "received_on",
    "what_changed": "our_response",
    "decided_at": "decided_on",
}


def _changeable(scope: Scope, kind: str, record: Any) -> None:
    if not actions.may_change_record(scope, kind, record):
        raise PermissionDenied("You may read this record but not change it.")


def _set_need_status(request: HttpRequest, need: m.Need) -> HttpResponse:
    status = request.POST.get("set_status", "")
    try:
        actions.update_need(
            request.user, need, description=need.description, kind=need.kind, status=status
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"{need.get_kind_display()}: {need.get_status_display().lower()}."
        )
    return redirect(safe_next(request, record_url("need", need.pk)))


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    record = _load(scope, kind, pk)
    _changeable(scope, kind, record)
    if kind == "need" and request.method == "POST" and "set_status" in request.POST:
        return _set_need_status(request, record)
    if kind == "commitment" and record.state != m.CommitmentState.OPEN:
        messages.info(request, "A closed commitment is history: it is not edited.")
        return redirect(record_url(kind, pk))
    extra: dict[str, Any] = {}
    if kind == "review":
        extra["measures"] = tuple(record.relationship.measures.order_by("name"))
    data = request.POST if request.method == "POST" else None
    form = EDIT_FORMS[kind](data, scope=scope, initial=_initial(kind, record), **extra)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                _save(kind, request.user, record, form.cleaned_data, form)
        except ValidationError as error:
            add_action_errors(form, error, RENAMES)
        else:
            messages.success(request, f"{LABELS[kind]} saved.")
            return redirect(safe_next(request, record_url(kind, pk)))
    page = {
        "title": f"Edit: {LABELS[kind].lower()}",
        "kind": kind,
        "record": record_url(kind, pk),
        "form": describe_form(form),
    }
    return respond(request, "web/records/edit.html", page, form=form, next=safe_next(request, ""))


# --- delete --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def record_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    record = _load(scope, kind, pk)
    _changeable(scope, kind, record)
    about = _page(scope, kind, record)
    if request.method == "POST":
        try:
            actions.delete_record(request.user, kind, record)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(record_url(kind, pk))
        messages.success(request, f"{about['title']} — deleted.")
        back = about["relationship"]["url"] if about["relationship"] else "/"
        target = safe_next(request, back)
        return redirect(back if target.startswith(record_url(kind, pk)) else target)
    page = {
        "title": f"Delete {LABELS[kind].lower()}?",
        "kind": kind,
        "record": about,
        "consequence": _consequence(kind, record),
    }
    return respond(request, "web/records/delete.html", page, next=safe_next(request, ""))


def _consequence(kind: str, r: Any) -> str:
    if kind == "level_change":
        back = r.get_from_level_display() if r.from_level else "its level"
        return f"The relationship goes back to {back}. Only the latest move can be deleted."
    if kind == "commitment":
        return "Its states go with it, and the promisor's reliability is computed without it."
    if kind == "measure":
        return "Its statuses in quality reviews go with it."
    return "The numbers computed from the ledger no longer count it."


# --- closing a feedback loop ----------------------------------------------------------------------


class CloseLoopForm(forms.Form):
    what_changed = forms.CharField(
        label="What we changed because of it",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX,
        help_text="What you told them: the loop closes when they hear what their feedback changed.",
    )
    closed_on = f.DayField(label="Told them on", initial=timezone.localdate)


def _not_before(at: dt.datetime, received: dt.datetime) -> dt.datetime:
    """Closed on the day it arrived: not before the hour it arrived."""
    same_day = timezone.localtime(at).date() == timezone.localtime(received).date()
    return max(at, received) if same_day else at


@login_required
@require_http_methods(["GET", "POST"])
def feedback_close(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    item = _load(scope, "feedback", pk)
    _changeable(scope, "feedback", item)
    here = record_url("feedback", pk)
    if item.loop_closed_at is not None:
        messages.info(request, f"This loop was closed on {_day(item.loop_closed_at)}.")
        return redirect(here)
    data = request.POST if request.method == "POST" else None
    form = CloseLoopForm(data, initial={"what_changed": item.our_response})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            answers.answer_feedback(
                item,
                response=d["what_changed"],
                user=request.user,
                at=_not_before(at_day(d["closed_on"]), item.received_at),
            )
        except ValidationError as error:
            add_action_errors(form, error, {"at": "closed_on", "response": "what_changed"})
        else:
            messages.success(request, "Loop closed: they know what changed because of it.")
            return redirect(safe_next(request, here))
    page = {
        "title": "Close the feedback loop",
        "record": _page(scope, "feedback", item),
        "form": describe_form(form),
    }
    return respond(request, "web/records/close.html", page, form=form, next=safe_next(request, ""))
