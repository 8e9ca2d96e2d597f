"""Answering back, the forms' targets (POST only, CSRF-checked by Django's middleware).

Out of scope (the user stands on neither side, or may not read the feedback): 404. In scope
but not allowed (a viewer, the wrong side, a member who may not change the relationship):
403. A bad value: 400 naming the field (the HTML error page or, for `?format=json`, the API's
error shape), and nothing is written. Success: back to `next` (or the answering-back page).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from trustledger.accounts.access import Side, scope_for
from trustledger.domain.limits import TEXT_MAX
from trustledger.ledger import answers
from trustledger.ledger import models as m
from trustledger.web.entry.common import SIDES, not_found, safe_next
from trustledger.web.pages.common import bad_query
from trustledger.web.params import BadQuery


def _allowed(request: HttpRequest, rel: m.Relationship, side: str) -> None:
    """403 before any value is read: the refusal does not depend on what was sent."""
    user: Any = request.user
    if side == Side.THEIRS and not answers.may_act_for_theirs(user, rel):
        raise PermissionDenied("Only someone of the other side may do this (not a viewer).")
    if side == Side.OURS and not answers.may_act_for_ours(user, rel):
        raise PermissionDenied("Only someone who may change this relationship may do this.")


def _relationship(request: HttpRequest, pk: int, side: str | None) -> m.Relationship:
    scope = scope_for(request.user)  # type: ignore[arg-type]
    rel = m.Relationship.objects.select_related(*SIDES).filter(pk=pk).first()
    if rel is None or scope.side_of(rel) is None:
        raise not_found()
    if side is not None:
        _allowed(request, rel, side)
    return rel


def _feedback(request: HttpRequest, pk: int, side: str) -> m.FeedbackItem:
    scope = scope_for(request.user)  # type: ignore[arg-type]
    item = scope.feedback().select_related(*(f"relationship__{s}" for s in SIDES)).filter(pk=pk)
    found = item.first()
    if found is None:
        raise not_found()
    _allowed(request, found.relationship, side)
    return found


def _text(request: HttpRequest, field: str, required: bool = True) -> str:
    value = request.POST.get(field, "")
    if len(value) > TEXT_MAX:
        raise BadQuery(field, f"must be at most {TEXT_MAX} characters")
    if required and not value.strip():
        raise BadQuery(field, "is required")
    return value


def _level(request: HttpRequest) -> int:
    raw = request.POST.get("level", "").strip()
    if not raw.isdigit() or int(raw) not in m.ServiceLevel.values:
        raise BadQuery("level", "must be a level from 1 (vendor) to 5 (trusted advisor)")
    return int(raw)


def _done(request: HttpRequest, rel_pk: int, act: Callable[[], Any], message: str) -> HttpResponse:
    """Run the action; a ValidationError is a 400 naming its field."""
    try:
        act()
    except ValidationError as error:
        field, reason = "form", "; ".join(error.messages)
        if hasattr(error, "error_dict"):
            field = next(iter(error.error_dict))
            reason = "; ".join(error.message_dict[field])
        return bad_query(request, BadQuery(field, reason))
    messages.success(request, message)
    return redirect(safe_next(request, reverse("answers", args=[rel_pk])))


def answer_form(
    view: Callable[[HttpRequest, int], HttpResponse],
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A form's target: logged in, POST only, a bad value answered with a 400 naming it."""

    @wraps(view)
    def wrapped(request: HttpRequest, pk: int) -> HttpResponse:
        try:
            return view(request, pk)
        except BadQuery as error:
            return bad_query(request, error)

    return login_required(require_POST(wrapped))


@answer_form
def give_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """The other side tells the serving side something."""
    rel = _relationship(request, pk, Side.THEIRS)
    summary = _text(request, "summary")
    sentiment = request.POST.get("sentiment", m.Sentiment.NEUTRAL)
    return _done(
        request,
        rel.pk,
        lambda: answers.give_feedback(
            rel, person=None, user=request.user, summary=summary, sentiment=sentiment
        ),
        "Feedback given: they see it, and you will see what they change because of it.",
    )


@answer_form
def see_loop_closed(request: HttpRequest, pk: int) -> HttpResponse:
    item = _feedback(request, pk, Side.THEIRS)
    return _done(
        request,
        item.relationship_id,
        lambda: answers.see_loop_closed(item, person=None, user=request.user),
        "Loop seen closed: it counts as closed for both sides.",
    )


@answer_form
def reopen_loop(request: HttpRequest, pk: int) -> HttpResponse:
    item = _feedback(request, pk, Side.THEIRS)
    comment = _text(request, "comment", required=False)
    return _done(
        request,
        item.relationship_id,
        lambda: answers.reopen_loop(item, person=None, user=request.user, comment=comment),
        "Loop reopened: it is open again until they answer anew.",
    )


@answer_form
def ask_how_can_i_help(request: HttpRequest, pk: int) -> HttpResponse:
    rel = _relationship(request, pk, Side.OURS)
    note = _text(request, "note", required=False)
    return _done(
        request,
        rel.pk,
        lambda: answers.ask_how_can_i_help(rel, user=request.user, note=note),
        "Asked “how can I help?”: it stays open until they answer with a need.",
    )


@answer_form
def raise_need(request: HttpRequest, pk: int) -> HttpResponse:
    rel = _relationship(request, pk, Side.THEIRS)
    description = _text(request, "description")
    kind = request.POST.get("kind", m.NeedKind.NEED)
    return _done(
        request,
        rel.pk,
        lambda: answers.raise_need(
            rel, person=None, user=request.user, description=description, kind=kind
        ),
        "Need raised: it shows on both homes until it is done.",
    )


@answer_form
def state_level(request: HttpRequest, pk: int) -> HttpResponse:
    """Each side states its own level: the side is where the user stands, never a field."""
    rel = _relationship(request, pk, None)
    side = scope_for(request.user).side_of(rel) or Side.OURS  # type: ignore[arg-type]
    _allowed(request, rel, side)
    reason = _text(request, "reason")
    level = _level(request)
    return _done(
        request,
        rel.pk,
        lambda: answers.state_level(rel, side=side, level=level, reason=reason, user=request.user),
        f"Level stated for {'our' if side == Side.OURS else 'your'} side.",
    )
