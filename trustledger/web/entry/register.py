"""The commitments register: what was promised, by whom, by when; keep, break, release,
renegotiate, each one click and a confirmation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from trustledger import domain as core
from trustledger.accounts.access import Scope, Side, scope_for
from trustledger.engine import gather
from trustledger.engine.reports import engine_settings, person_report
from trustledger.ledger import actions, plausible
from trustledger.ledger import models as m
from trustledger.web import params as web_params
from trustledger.web.entry.common import (
    SIDES,
    add_action_errors,
    end_of_day,
    not_found,
    person_ref,
    relationship_ref,
    respond,
    safe_next,
)
from trustledger.web.entry.confirm import confirmation_of
from trustledger.web.entry.forms import DayField
from trustledger.web.pages.common import bad_query
from trustledger.web.params import BadQuery

PER_PAGE = 50
DUE = [
    ("", "Any time"),
    ("overdue", "Overdue"),
    ("week", "Next 7 days"),
    ("later", "Later"),
]


class RegisterFilter(forms.Form):
    state = forms.ChoiceField(
        choices=[("", "Any state"), *m.CommitmentState.choices], required=False
    )
    strength = forms.ChoiceField(
        choices=[
            ("", "Any strength"),
            *[(v, label.split(" (")[0]) for v, label in m.Strength.choices],
        ],
        required=False,
    )
    promisor = forms.TypedChoiceField(coerce=int, required=False, label="Promised by")
    due = forms.ChoiceField(choices=DUE, required=False)
    # Where the reader stands on the promise's relationship (docs/both-sides.md).
    side = forms.ChoiceField(
        choices=[
            ("", "Either side"),
            (Side.OURS, "Relationships we keep"),
            (Side.THEIRS, "Where we are the other side"),
        ],
        required=False,
    )

    def __init__(self, *args: Any, promisors: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["promisor"].choices = [("", "Anyone"), *promisors]


def _due_filter(qs: QuerySet[m.Commitment], due: str, now: dt.datetime) -> QuerySet[m.Commitment]:
    week = now + dt.timedelta(days=7)
    if due == "overdue":
        return qs.filter(state=m.CommitmentState.OPEN, due_at__lt=now)
    if due == "week":
        return qs.filter(due_at__gte=now, due_at__lt=week)
    if due == "later":
        return qs.filter(due_at__gte=week)
    return qs


def reliability_of(person_ids: set[int], as_of: dt.datetime) -> dict[int, dict[str, Any]]:
    """Each promisor's reliability from their whole ledger, in one query for the page."""
    records = gather.commitments_of(person_ids)
    settings = engine_settings()
    found = {}
    for pk in person_ids:
        result = core.reliability_from_commitments(
            records, as_of=as_of, promisor_id=str(pk), settings=settings
        )
        found[pk] = _reliability_dict(result)
    return found


def _reliability_dict(result: Any) -> dict[str, Any]:
    return {
        "score": round(result.score, 1),
        "interval": [round(result.interval[0], 1), round(result.interval[1], 1)],
        "weighted_n": round(result.weighted_n, 2),
        "evidence": str(result.evidence),
    }


def _row(
    c: m.Commitment,
    scope: Scope,
    now: dt.datetime,
    reliability: dict[int, Any],
    theirs: frozenset[int] = frozenset(),
) -> dict[str, Any]:
    is_open = c.state == m.CommitmentState.OPEN
    # One may read a promise made to oneself under a relationship one may not open: the
    # relationship is then not named.
    shown = c.relationship if scope.shown_relationship_id(c.relationship_id) else None
    return {
        "id": c.pk,
        "what": c.what,
        "statement": c.statement,
        "strength": c.strength,
        "strength_label": c.get_strength_display().split(" (")[0],
        "promisor": person_ref(c.promisor, scope),
        "promisee": person_ref(c.promisee, scope),
        "relationship": relationship_ref(shown),
        # Where the reader stands on it: "ours" (serving), "theirs" (the other side), or None.
        "side": (Side.THEIRS if c.relationship_id in theirs else Side.OURS) if shown else None,
        "made_at": c.made_at,
        "due_at": c.due_at,
        "state": c.state,
        "state_label": c.get_state_display(),
        "closed_at": c.closed_at,
        "overdue": is_open and c.due_at < now,
        "promisor_reliability": reliability.get(c.promisor_id),
        "may_close": actions.may_close_commitment(scope, c),
        "may_renegotiate": actions.may_close_commitment(scope, c) and c.due_at >= now,
        "confirmation": confirmation_of(scope, c),
    }


@login_required
def commitments_register(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    now = timezone.now()
    readable = scope.commitments()
    promisors = list(
        m.Commitment.objects.filter(pk__in=readable.values("pk"))
        .values_list("promisor_id", "promisor__display_name")
        .distinct()
        .order_by("promisor__display_name")
    )
    params = request.GET.copy()
    params.setdefault("state", m.CommitmentState.OPEN)
    filters = RegisterFilter(params, promisors=promisors)
    if not filters.is_valid():
        # A promisor one may not see is refused as an unknown id is: one message for both.
        field = next(iter(filters.errors))
        return bad_query(request, BadQuery(field, "must be one of the choices the filter offers"))
    chosen: dict[str, Any] = filters.cleaned_data
    qs = readable
    if chosen.get("state"):
        qs = qs.filter(state=chosen["state"])
    if chosen.get("strength"):
        qs = qs.filter(strength=chosen["strength"])
    if chosen.get("promisor"):
        qs = qs.filter(promisor_id=chosen["promisor"])
    qs = _due_filter(qs, chosen.get("due", ""), now)
    if chosen.get("side"):
        theirs = Q(relationship__in=scope.their_relationships())
        qs = qs.filter(theirs) if chosen["side"] == Side.THEIRS else qs.exclude(theirs)
    qs = qs.select_related(
        "promisor__unit",
        "promisee",
        "confirmation_by",
        "relationship__our_person__unit",
        *(f"relationship__{side}" for side in SIDES if side != "our_person"),
    ).order_by("due_at", "pk")
    try:
        number = web_params.page_number(request.GET)
    except BadQuery as error:
        return bad_query(request, error)
    page_obj = Paginator(qs, PER_PAGE).get_page(number)
    commitments = list(page_obj.object_list)
    reliability = reliability_of({c.promisor_id for c in commitments}, now)
    theirs = scope.their_relationship_ids()
    query = params.copy()
    query.pop("page", None)
    query.pop("format", None)
    page = {
        "title": "Commitments",
        "as_of": now,
        "filters": {k: chosen.get(k, "") for k in ("state", "strength", "promisor", "due", "side")},
        "count": page_obj.paginator.count,
        "page": page_obj.number,
        "pages": page_obj.paginator.num_pages,
        "read_only": scope.read_only,
        "commitments": [_row(c, scope, now, reliability, theirs) for c in commitments],
    }
    return respond(
        request,
        "web/entry/commitments.html",
        page,
        filters=filters,
        page_obj=page_obj,
        query=query.urlencode(),
        this_url=request.get_full_path(),
    )


class CloseForm(forms.Form):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class RenegotiateForm(forms.Form):
    new_due_on = DayField(label="New due date", kind=plausible.DUE)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


VERBS: dict[str, dict[str, Any]] = {
    "keep": {"label": "Keep", "question": "Mark this commitment as kept?", "form": None},
    "keep-late": {"label": "Keep late", "question": "Mark it kept, but late?", "form": None},
    "renegotiate": {
        "label": "Renegotiate",
        "question": "Agree a new date before the due date?",
        "form": RenegotiateForm,
    },
    "release": {
        "label": "Release",
        "question": "Did the promisee let it go? Releasing is neutral for reliability.",
        "form": CloseForm,
    },
    "break": {
        "label": "Break",
        "question": "Record that this commitment was broken?",
        "form": CloseForm,
    },
}


def _apply(verb: str, user: Any, c: m.Commitment, d: dict[str, Any]) -> m.Commitment:
    if verb == "keep":
        return actions.keep_commitment(user, c)
    if verb == "keep-late":
        return actions.keep_commitment_late(user, c)
    if verb == "break":
        return actions.break_commitment(user, c, note=d.get("note", ""))
    if verb == "release":
        return actions.release_commitment(user, c, note=d.get("note", ""))
    return actions.renegotiate_commitment(
        user, c, new_due_at=end_of_day(d["new_due_on"]), note=d.get("note", "")
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_action(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    if verb not in VERBS:
        raise not_found()
    scope = scope_for(request.user)
    c = (
        scope.commitments()
        .select_related(
            "promisor__unit",
            "promisee",
            "confirmation_by",
            "relationship__our_person",
            *(f"relationship__{s}" for s in SIDES if s != "our_person"),
        )
        .filter(pk=pk)
        .first()
    )
    if c is None:
        raise not_found()
    if not actions.may_close_commitment(scope, c):
        if c.state != m.CommitmentState.OPEN and actions.may_change(
            scope, c.relationship, [c.promisor]
        ):
            messages.info(request, f"This commitment is already {c.get_state_display().lower()}.")
            return redirect(safe_next(request, "/commitments/"))
        raise PermissionDenied("You may read this commitment but not change it.")
    spec = VERBS[verb]
    form_class = spec["form"] or forms.Form
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        before = person_report(c.promisor).reliability.score
        try:
            result = _apply(verb, request.user, c, form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error, {"new_due_at": "new_due_on"})
        else:
            after = person_report(c.promisor).reliability.score
            messages.success(request, _done(verb, result, c, before, after))
            return redirect(safe_next(request, "/commitments/"))
    page = {
        "title": f"{spec['label']}: {c.what}",
        "verb": verb,
        "question": spec["question"],
        "commitment": _row(c, scope, timezone.now(), {}),
    }
    return respond(
        request,
        "web/entry/confirm.html",
        page,
        form=form,
        label=spec["label"],
        next=safe_next(request, "/commitments/"),
    )


def _done(verb: str, result: m.Commitment, c: m.Commitment, before: float, after: float) -> str:
    name = c.promisor.display_name
    change = f"{name}'s reliability: {before:.1f} → {after:.1f}."
    if verb == "renegotiate":
        return f"Renegotiated: now due {timezone.localtime(result.due_at):%Y-%m-%d}. {change}"
    state = result.get_state_display().lower()
    return f"“{c.what}” is {state}. {change}"
