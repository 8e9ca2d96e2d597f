"""Quick entry: one small form per kind of record, each calling its named action."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from trustledger.accounts.access import Scope, scope_for
from trustledger.ledger import actions
from trustledger.ledger import models as m
from trustledger.web.entry import forms as f
from trustledger.web.entry.common import (
    add_action_errors,
    at_day,
    describe_form,
    end_of_day,
    may_enter,
    relationship_from,
    relationship_ref,
    require_entry,
    respond,
    safe_next,
)

# What a save answers: the message to show and the record made (its page is where one lands).
Saved = tuple[str, Any]


@dataclass(frozen=True)
class Kind:
    slug: str
    title: str
    blurb: str
    form: type[f.EntryForm]
    save: Callable[[Any, Scope, dict[str, Any], Any], Saved]
    # Action field names that the form calls something else.
    renames: dict[str, str]


def _interaction(user: Any, scope: Scope, d: dict[str, Any], form: Any) -> Saved:
    made = actions.record_interaction(
        user,
        occurred_at=at_day(d["occurred_on"], d["occurred_time"]),
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
    return f"Interaction with {names(d['person'])} logged.", made


def names(people: Any) -> str:
    """“Ana”, “Ana and Ben”, “Ana, Ben and Cleo”."""
    listed = [p.display_name for p in people]
    return " and ".join([", ".join(listed[:-1]), listed[-1]] if len(listed) > 1 else listed)


def decision_people(d: dict[str, Any]) -> dict[str, Any]:
    """The decision form's people fields by stakeholder role."""
    return {
        m.StakeholderRole.INVOLVED_BEFORE: d.get("involved_people") or (),
        m.StakeholderRole.TOLD_BEFORE: d.get("told_people") or (),
        m.StakeholderRole.SURPRISED: d.get("surprised_people") or (),
    }


def _commitment(user: Any, scope: Scope, d: dict[str, Any], form: Any) -> Saved:
    made = actions.make_commitment(
        user,
        promisor=d["promisor"],
        promisee=d["promisee"],
        what=d["what"],
        strength=d["strength"],
        due_at=end_of_day(d["due_on"]),
        statement=d["statement"],
        relationship=d["relationship"],
    )
    return f"{made.get_strength_display().split(' (')[0]} recorded: “{made.what}”.", made


def _feedback(user: Any, scope: Scope, d: dict[str, Any], form: Any) -> Saved:
    item = actions.record_feedback(
        user,
        d["relationship"],
        summary=d["summary"],
        received_at=at_day(d["received_on"]),
        from_person=d["from_person"],
        sentiment=d["sentiment"],
        our_response=d["our_response"],
    )
    if d["loop_closed"]:
        actions.close_feedback_loop(user, item, what_changed=d["our_response"])
        return "Feedback recorded and its loop closed.", item
    return "Feedback recorded.", item


def _need(user: Any, scope: Scope, d: dict[str, Any], form: Any) -> Saved:
    need = actions.record_need(
        user, d["relationship"], description=d["description"], kind=d["kind"]
    )
    return f"{need.get_kind_display()} recorded.", need


def _decision(user: Any, scope: Scope, d: dict[str, Any], form: Any) -> Saved:
    decision = actions.record_decision(
        user,
        title=d["title"],
        decided_at=at_day(d["decided_on"]),
        relationship=d["relationship"],
        deciding_unit_id=d["deciding_unit"].pk if d["deciding_unit"] else None,
        affected_unit_ids=[u.pk for u in d["affected"]],
        involved_unit_ids=[u.pk for u in d["involved"]],
        surprised_unit_ids=[u.pk for u in d["surprised"]],
        description=d["description"],
    )
    actions.add_decision_people(decision, decision_people(d))
    return f"Decision “{d['title']}” recorded.", decision


def _measure(user: Any, scope: Scope, d: dict[str, Any], form: Any) -> Saved:
    measure = actions.agree_measure(
        user,
        d["relationship"],
        name=d["name"],
        target=d["target"],
        agreed_on=d["agreed_on"],
        goal=d["goal"],
        owner=d["owner"],
    )
    return f"Measure “{d['name']}” agreed.", measure


def _review(user: Any, scope: Scope, d: dict[str, Any], form: Any) -> Saved:
    review = actions.record_quality_review(
        user,
        d["relationship"],
        held_on=d["held_on"],
        statuses=form.statuses(),
        attendees=d["attendees"],
        notes=d["notes"],
        next_review_due=d["next_review_due"],
    )
    return "Quality review recorded.", review


def _level(user: Any, scope: Scope, d: dict[str, Any], form: Any) -> Saved:
    change = actions.change_service_level(
        user, d["relationship"], to_level=d["to_level"], reason=d["reason"]
    )
    return f"Service level is now {change.get_to_level_display()}.", change


KINDS = {
    k.slug: k
    for k in [
        Kind(
            "interaction",
            "Log an interaction",
            "A meeting, a call, a message: who, how, when.",
            f.InteractionForm,
            _interaction,
            {"participants": "person", "occurred_at": "occurred_on"},
        ),
        Kind(
            "commitment",
            "Make a commitment",
            "A promise in the language of reliability, with its due date.",
            f.CommitmentForm,
            _commitment,
            {"due_at": "due_on", "made_at": "due_on"},
        ),
        Kind(
            "feedback",
            "Record feedback",
            "What they told us, and what we changed in response.",
            f.FeedbackForm,
            _feedback,
            {"what_changed": "our_response", "at": "received_on", "received_at": "received_on"},
        ),
        Kind(
            "need",
            "Record a need",
            "A need of theirs, or a “how can I help?”",
            f.NeedForm,
            _need,
            {},
        ),
        Kind(
            "decision",
            "Record a decision",
            "What was decided, who was affected, involved or surprised.",
            f.DecisionForm,
            _decision,
            {"decided_at": "decided_on"},
        ),
        Kind(
            "measure",
            "Agree a measure",
            "A measure of success and its target, agreed with the other side.",
            f.MeasureForm,
            _measure,
            {},
        ),
        Kind(
            "review",
            "Record a quality review",
            "A review of the agreed measures with the other side.",
            f.ReviewForm,
            _review,
            {},
        ),
        Kind(
            "level",
            "Change a service level",
            "Move a relationship up or down the pyramid, with the reason.",
            f.LevelForm,
            _level,
            {},
        ),
    ]
}


@login_required
def entry_index(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    allowed = may_enter(scope)
    page = {
        "title": "Quick entry",
        "may_enter": allowed,
        "forms": [
            {"slug": k.slug, "title": k.title, "blurb": k.blurb, "url": f"/entry/{k.slug}/"}
            for k in KINDS.values()
        ]
        if allowed
        else [],
    }
    return respond(request, "web/entry/index.html", page)


@login_required
@require_http_methods(["GET", "POST"])
def entry_form(request: HttpRequest, kind: str) -> HttpResponse:
    entry = KINDS[kind]
    scope = scope_for(request.user)
    require_entry(scope)
    relationship = relationship_from(request, scope)
    extra: dict[str, Any] = {}
    if entry.form is f.ReviewForm and relationship is not None:
        extra["measures"] = tuple(relationship.measures.order_by("name"))
    initial: dict[str, Any] = {"relationship": relationship.pk if relationship else None}
    if "promisor" in entry.form.base_fields or "initiator" in entry.form.base_fields:
        initial["promisor"] = initial["initiator"] = scope.person_id
    if relationship is not None and relationship.counterpart_person_id:
        # The counterpart is who one most often talks with or promises to.
        initial["person"] = [relationship.counterpart_person_id]
        initial["promisee"] = relationship.counterpart_person_id
    data = request.POST if request.method == "POST" else None
    form = entry.form(data, scope=scope, initial=initial, **extra)
    form.prefill(request.GET)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                message, made = entry.save(request.user, scope, form.cleaned_data, form)
        except ValidationError as error:
            add_action_errors(form, error, entry.renames)
        else:
            messages.success(request, message)
            # On to the record's page (or the page the form was opened from): the change is
            # visible there, with buttons to edit it or record the next one.
            kind = "level_change" if entry.slug == "level" else entry.slug
            landing = f"/records/{kind}/{made.pk}/"
            if not scope.can_read_record(kind, made):  # e.g. a promise between two others
                landing = request.path + (
                    f"?relationship={relationship.pk}" if relationship else ""
                )
            return redirect(safe_next(request, landing))
    page = {
        "title": entry.title,
        "kind": entry.slug,
        "blurb": entry.blurb,
        "relationship": relationship_ref(relationship),
        "form": describe_form(form),
    }
    return respond(request, "web/entry/form.html", page, form=form, next=safe_next(request, ""))
