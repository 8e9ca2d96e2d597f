"""The review queues of promises found, and their Confirm / Correct / Dismiss buttons.

/promises/found/ is the reader's own queue: the promises they wrote, and a manager's team's
(`promises.access`), filtered by relationship and state. /relationships/<id>/promises-found/
is the same queue for one relationship the reader keeps (404 otherwise). Every page has its
JSON twin (`?format=json`). The buttons are POST only: a proposal outside the reader's
queue is 404, one they see but may not decide on 403, a bad value 400 naming the field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from trustledger.accounts.access import Scope, scope_for
from trustledger.ledger import models as m
from trustledger.promises import access, actions
from trustledger.promises.models import ProposalState
from trustledger.promises.rows import STATES, STRENGTHS, rows
from trustledger.web import params
from trustledger.web.entry.common import SIDES, not_found, respond, safe_next, wants_json
from trustledger.web.entry.confirm import refused
from trustledger.web.pages.common import bad_query
from trustledger.web.params import BadQuery

PER_PAGE = 50
QUEUE = "/promises/found/"


def _queue(request: HttpRequest, scope: Scope, relationship: m.Relationship | None) -> HttpResponse:
    qs = access.proposals(scope)
    try:
        state = request.GET.get("state", "").strip() or ProposalState.PROPOSED
        if state not in STATES:
            raise BadQuery("state", f"must be one of {', '.join(STATES)}")
        number = params.page_number(request.GET)
        chosen = (
            relationship.pk if relationship else params.optional_id(request.GET, "relationship")
        )
    except BadQuery as error:
        return bad_query(request, error)
    # The relationships the reader's proposals are filed under: the filter's choices.
    filed = m.Relationship.objects.filter(pk__in=qs.values("relationship_id"))
    choices = {r.pk: str(r) for r in filed.select_related(*SIDES)}
    if chosen is not None and chosen not in choices and relationship is None:
        return bad_query(request, BadQuery("relationship", "must be one the filter offers"))
    if chosen is not None:
        qs = qs.filter(relationship_id=chosen)
    if state != "all":
        qs = qs.filter(state=state)
    page_obj = Paginator(qs.order_by("-written_at", "sentence_index", "pk"), PER_PAGE).get_page(
        number
    )
    title = f"Promises found: {relationship}" if relationship else "Promises found in your mail"
    page = {
        "title": title,
        "relationship": {"id": relationship.pk, "name": str(relationship)}
        if relationship
        else None,
        "filters": {"state": state, "relationship": chosen},
        "relationships": [{"id": pk, "name": name} for pk, name in sorted(choices.items())],
        "states": STATES,
        "strengths": [{"value": v, "label": label} for v, label in STRENGTHS],
        "count": page_obj.paginator.count,
        "page": page_obj.number,
        "pages": page_obj.paginator.num_pages,
        "proposals": rows(qs.filter(pk__in=[p.pk for p in page_obj.object_list]), scope),
    }
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return respond(
        request,
        "promises/found.html",
        page,
        page_obj=page_obj,
        query=query.urlencode(),
        this_url=request.get_full_path(),
    )


@login_required
def found_queue(request: HttpRequest) -> HttpResponse:
    return _queue(request, scope_for(request.user), None)  # type: ignore[arg-type]


@login_required
def relationship_queue(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(request.user)  # type: ignore[arg-type]
    rel = m.Relationship.objects.filter(pk=pk).first()
    if rel is None or not scope.can_read_relationship(rel):
        raise not_found()
    return _queue(request, scope, rel)


def _corrections(request: HttpRequest) -> dict[str, Any]:
    """The form's values: strength as given (the action checks it), a day, a person id."""
    raw_due = request.POST.get("due_on", "").strip()
    due_on: dt.date | None = params.day("due_on", raw_due) if raw_due else None
    promisee = params.optional_id(request.POST, "promisee")
    return {
        "strength": request.POST.get("strength", "").strip() or None,
        "due_on": due_on,
        "promisee_id": promisee,
    }


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    if verb not in ("confirm", "correct", "dismiss"):
        raise not_found()
    scope = scope_for(request.user)  # type: ignore[arg-type]
    proposal = access.proposals(scope).select_related("promisor").filter(pk=pk).first()
    if proposal is None:
        raise not_found()
    if not access.may_decide(scope, proposal):
        raise PermissionDenied("You see this proposal but may not decide on it.")
    user: Any = request.user
    try:
        given = _corrections(request) if verb != "dismiss" else {}
        if verb == "confirm":
            done = actions.confirm_proposal(user, proposal, **given)
            said = f"Confirmed: “{done.what}” is now a commitment, due {done.due_at:%Y-%m-%d}."
        elif verb == "correct":
            actions.correct_proposal(user, proposal, **given)
            said = "Corrected: the proposal waits for your Confirm."
        else:
            actions.dismiss_proposal(user, proposal)
            said = "Dismissed: it will not be proposed again."
    except BadQuery as error:
        return refused(request, ValidationError({error.parameter: error.reason}))
    except ValidationError as error:
        return refused(request, error)
    if wants_json(request):
        fresh = access.proposals(scope).filter(pk=pk)
        return JsonResponse({"proposal": rows(fresh, scope)[0]}, json_dumps_params={"indent": 1})
    messages.success(request, said)
    return redirect(safe_next(request, QUEUE))
