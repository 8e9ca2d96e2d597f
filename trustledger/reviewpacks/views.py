"""/relationships/<id>/review-pack/ and /units/<id>/trust-report/: page, JSON twin, PDF;
storing a pack with its review and sending it to the review's attendees."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_POST

from trustledger.accounts.access import Scope, scope_for
from trustledger.accounts.disclosure import disclose
from trustledger.analytics.queue import queue
from trustledger.audit.log import record
from trustledger.audit.models import Action
from trustledger.ledger import models as m
from trustledger.reviewpacks import build, store
from trustledger.reviewpacks.pdf import render_pdf
from trustledger.reviewpacks.tasks import send_pack_of_review
from trustledger.web import params
from trustledger.web.pages.both import either_side
from trustledger.web.pages.common import as_of_from, bad_query, page
from trustledger.web.params import BadQuery

log = logging.getLogger(__name__)


def _since(request: HttpRequest) -> dt.date | None:
    raw = request.GET.get("since", "").strip()
    return params.day("since", raw) if raw else None


@page("reviewpacks/review_pack.html")
def review_pack_page(
    request: HttpRequest, scope: Scope, as_of: dt.datetime, as_of_param: str | None, pk: int
) -> dict[str, Any]:
    return build.review_pack(scope, pk, as_of, as_of_param, _since(request))


@page("reviewpacks/unit_report.html")
def unit_report_page(
    request: HttpRequest, scope: Scope, as_of: dt.datetime, as_of_param: str | None, pk: int
) -> dict[str, Any]:
    return build.unit_trust_report(request, scope, as_of, as_of_param, pk)


def _pdf_view(
    make: Callable[[HttpRequest, Scope, dt.datetime, str | None, int], dict[str, Any]],
    template: str,
    name: str,
) -> Callable[..., HttpResponse]:
    @login_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        scope = scope_for(request.user)  # type: ignore[arg-type]
        try:
            as_of, as_of_param = as_of_from(request)
            found = disclose(make(request, scope, as_of, as_of_param, pk), scope)
        except BadQuery as error:
            return bad_query(request, error)
        found.setdefault("as_of", as_of.isoformat())
        response = HttpResponse(render_pdf(template, found), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{name}-{pk}-{as_of:%Y-%m-%d}.pdf"'
        return response

    return view


review_pack_pdf = _pdf_view(
    lambda request, scope, as_of, as_of_param, pk: build.review_pack(
        scope, pk, as_of, as_of_param, _since(request)
    ),
    "reviewpacks/review_pack.html",
    "review-pack",
)
unit_report_pdf = _pdf_view(build.unit_trust_report, "reviewpacks/unit_report.html", "trust-report")


def _review_for(request: HttpRequest, rel: m.Relationship, scope: Scope) -> m.QualityReview:
    """`review` in the form: a review of this relationship the reader may open; without it,
    the latest review held up to today."""
    raw = request.POST.get("review", "").strip()
    reviews = rel.reviews.filter(scope.record_condition("review"))
    found = (
        reviews.filter(pk=params.record_id("review", raw)).first()
        if raw
        else reviews.order_by("-held_on", "-id").first()
    )
    if found is None:
        raise BadQuery("review", "must be the id of a quality review of this relationship")
    return found


def _act(request: HttpRequest, pk: int, action: Callable[..., str]) -> HttpResponse:
    scope = scope_for(request.user)  # type: ignore[arg-type]
    rel = either_side(scope, pk)
    if not scope.can_change_relationship(rel):
        raise PermissionDenied("Only those who may change the relationship store or send its pack.")
    try:
        review = _review_for(request, rel, scope)
    except BadQuery as error:
        return bad_query(request, error)
    messages.success(request, action(request, scope, review))
    return HttpResponseRedirect(f"/relationships/{rel.pk}/review-pack/")


@login_required
@require_POST
def store_pack(request: HttpRequest, pk: int) -> HttpResponse:
    def act(request: HttpRequest, scope: Scope, review: m.QualityReview) -> str:
        stored = store.store_with_review(review, request.user, scope)  # type: ignore[arg-type]
        record(request.user, Action.REVIEW_PACK_STORED, review, request, pdf_bytes=len(stored.pdf))
        return f"Pack stored with the review of {review.held_on} ({len(stored.pdf)} bytes of PDF)."

    return _act(request, pk, act)


@login_required
@require_POST
def send_pack(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the sending on the worker (one PDF per attendee takes seconds); with the queue
    out of reach, send now rather than not at all."""

    def act(request: HttpRequest, scope: Scope, review: m.QualityReview) -> str:
        try:
            send_pack_of_review(review.pk, request.user.pk)
        except Exception:
            log.exception("review %s: sending its pack could not be queued; sent now", review.pk)
            result = store.send_and_log(review, request.user, scope, request)  # type: ignore[arg-type]
            return store.sent_words(result)
        if queue.immediate:  # the queue ran it at once: the page says to whom
            return "Pack sent; see below to whom."
        return (
            "Sending queued: each attendee of the review of "
            f"{review.held_on} gets the pack their own login reads. This page says to whom "
            "once the worker has sent it."
        )

    return _act(request, pk, act)
