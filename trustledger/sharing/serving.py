"""The serving side's buttons on a relationship page: make a link for a person of the other
side (and mail it), make it anew, revoke it. Only those who may change the relationship; a
relationship the user may not read is not found (404), one they only read is refused (403).
A new token is shown once, on the answer to the post that made it, and never again."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from trustledger.accounts.access import scope_for
from trustledger.ledger.models import Relationship
from trustledger.sharing import actions
from trustledger.sharing.mail import link_url
from trustledger.sharing.models import SharedLink

VERBS = ("regenerate", "revoke")


class BadField(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


def _relationship(request: HttpRequest, pk: int) -> Relationship:
    rel = Relationship.objects.filter(pk=pk).first()
    scope = scope_for(request.user)  # type: ignore[arg-type]
    if rel is None or not scope.can_read_relationship(rel):
        raise Http404("Not found, or not yours to see.")
    if not scope.can_change_relationship(rel):
        raise PermissionDenied("Only those who may change the relationship manage its links.")
    return rel


def _number(request: HttpRequest, field: str, *, required: bool) -> int | None:
    raw = request.POST.get(field, "").strip()
    if not raw and not required:
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        raise BadField(field, "Give a whole number.")
    return int(raw)


def _refused(request: HttpRequest, rel: Relationship, field: str, message: str) -> HttpResponse:
    context = {"relationship": rel, "field": field, "message": message}
    return render(request, "sharing/refused.html", context, status=400)


def _errors(error: ValidationError) -> tuple[str, str]:
    if hasattr(error, "error_dict"):
        field, found = next(iter(error.message_dict.items()))
        return field, found[0]
    return "link", error.messages[0]


def _issued(request: HttpRequest, link: SharedLink, token: str, sent: bool) -> HttpResponse:
    context = {
        "relationship": link.relationship,
        "link": link,
        "url": link_url(token, request.build_absolute_uri("/")),
        "sent": sent,
    }
    response = render(request, "sharing/issued.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _make(request: HttpRequest, rel: Relationship, make: Callable[..., Any]) -> HttpResponse:
    """Run `make(days=…, send=…, base_url=…)` (issue or regenerate) and show the new link
    once; a bad field gets a 400 that names it, and nothing is written."""
    send = request.POST.get("send") == "on"
    try:
        link, token = make(
            days=_number(request, "expires_in_days", required=False),
            send=send,
            base_url=request.build_absolute_uri("/"),
        )
    except BadField as bad:
        return _refused(request, rel, bad.field, bad.message)
    except ValidationError as error:
        return _refused(request, rel, *_errors(error))
    return _issued(request, link, token, send)


@login_required
@require_POST
def create(request: HttpRequest, pk: int) -> HttpResponse:
    rel = _relationship(request, pk)
    try:
        person_id = _number(request, "person", required=True)
    except BadField as bad:
        return _refused(request, rel, bad.field, bad.message)
    person = actions.other_side_people(rel).filter(pk=person_id).first()
    if person is None:
        return _refused(request, rel, "person", actions.NOT_THEIR_SIDE)
    return _make(request, rel, partial(actions.issue_link, request.user, rel, person))


@login_required
@require_POST
def change(request: HttpRequest, pk: int, link: int, verb: str) -> HttpResponse:
    rel = _relationship(request, pk)
    found = SharedLink.objects.filter(pk=link, relationship=rel).first()
    if found is None or verb not in VERBS:
        raise Http404("No such link on this relationship.")
    if verb == "revoke":
        actions.revoke_link(request.user, found)  # type: ignore[arg-type]
        messages.success(request, f"The link for {found.person} is revoked; it opens nothing now.")
        return redirect(f"/relationships/{rel.pk}/#links-title")
    return _make(request, rel, partial(actions.regenerate_link, request.user, found))
