"""Survey pages: campaigns for managers, aggregated results for readers, and the public
response page reached by a token. Views authorize, validate, then call actions or results."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from trustledger.accounts.access import scope_for
from trustledger.accounts.client import client_address
from trustledger.directory.models import Person, Unit
from trustledger.importers.csv_cells import guarded
from trustledger.surveys import actions, ratelimit, results
from trustledger.surveys.forms import (
    CampaignForm,
    RatersForm,
    ResponseInputError,
    parse_response,
)
from trustledger.surveys.instrument import items_for
from trustledger.surveys.models import Campaign, ServiceLevelChoice
from trustledger.surveys.permissions import (
    can_manage,
    can_read,
    manageable_people,
    manageable_units,
    readable_campaigns,
)
from trustledger.surveys.results import export_rows, subject_kind
from trustledger.web.pages.common import bad_query
from trustledger.web.params import BadQuery


def _wants_json(request: HttpRequest) -> bool:
    return request.GET.get("format") == "json"


def _campaign_for(request: HttpRequest, pk: int, *, manage: bool = False) -> Campaign:
    campaign = get_object_or_404(
        Campaign.objects.select_related("subject_unit", "subject_person"), pk=pk
    )
    scope = scope_for(request.user)  # type: ignore[arg-type]
    # Out of scope looks like nonexistent (404, as in the API); a reader who may not run
    # the campaign is refused (403).
    if not can_read(scope, campaign):
        raise Http404("Not found, or not yours to see.")
    if manage and not can_manage(scope, campaign):
        raise PermissionDenied
    return campaign


def _summary(campaign: Campaign) -> dict[str, Any]:
    return {
        "id": campaign.pk,
        "title": campaign.title,
        "subject": str(campaign.subject_person or campaign.subject_unit),
        "subject_kind": subject_kind(campaign),
        "status": campaign.status,
        "opened_at": campaign.opened_at.isoformat() if campaign.opened_at else None,
        "closed_at": campaign.closed_at.isoformat() if campaign.closed_at else None,
    }


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)  # type: ignore[arg-type]
    campaigns = [_summary(c) for c in readable_campaigns(scope)]
    can_create = manageable_units(scope).exists() or manageable_people(scope).exists()
    context = {"campaigns": campaigns, "can_create": can_create}
    if _wants_json(request):
        return JsonResponse(context)
    return render(request, "surveys/campaign_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)  # type: ignore[arg-type]
    units, people = list(manageable_units(scope)), list(manageable_people(scope))
    if not units and not people:
        raise PermissionDenied
    form = CampaignForm(request.POST or None, units=units, people=people)
    if request.method == "POST" and form.is_valid():
        kind, _, pk = form.cleaned_data["subject"].partition(":")
        campaign = actions.create_campaign(
            request.user,  # type: ignore[arg-type]
            title=form.cleaned_data["title"],
            subject_unit=Unit.objects.get(pk=pk) if kind == "unit" else None,
            subject_person=Person.objects.get(pk=pk) if kind == "person" else None,
        )
        return redirect("surveys:detail", pk=campaign.pk)
    return render(request, "surveys/campaign_form.html", {"form": form})


def _raters_form(request: HttpRequest, data: Any = None) -> RatersForm:
    scope = scope_for(request.user)  # type: ignore[arg-type]
    people = Person.objects.filter(is_active=True, identities__kind="email").distinct()
    if not scope.is_admin:
        people = people.filter(organization__kind="ours")
    return RatersForm(data, units=Unit.objects.all(), people=people.order_by("display_name"))


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign_for(request, pk)
    scope = scope_for(request.user)  # type: ignore[arg-type]
    invitations = campaign.invitations.all()
    # Counts only: who has answered is not shown, not even to the manager. Nor is a count that
    # would tell it: answers of raters who do not count (addresses the manager may hold) are
    # left out, and below k it says "fewer than k".
    k = results.min_raters()
    responded = invitations.filter(responded=True, counted=True).count()
    context: dict[str, Any] = {
        "campaign": _summary(campaign),
        "invited": invitations.count(),
        "responded": responded if responded >= k else None,
        "responded_label": str(responded) if responded >= k else f"fewer than {k}",
        "not_counted": invitations.filter(counted=False).count(),
        "can_manage": can_manage(scope, campaign),
    }
    if _wants_json(request):
        return JsonResponse(context)
    context["raters_form"] = _raters_form(request) if context["can_manage"] else None
    context["object"] = campaign
    return render(request, "surveys/campaign_detail.html", context)


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _run(request: HttpRequest, pk: int, step: Any, done: str) -> HttpResponse:
    campaign = _campaign_for(request, pk, manage=True)
    try:
        outcome = step(campaign)
    except actions.SurveyError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done.format(outcome=outcome))
    return redirect("surveys:detail", pk=pk)


@login_required
@require_POST
def campaign_add_raters(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign_for(request, pk, manage=True)
    form = _raters_form(request, request.POST)
    if not form.is_valid():
        messages.error(request, "Choose people or units from the lists.")
        return redirect("surveys:detail", pk=pk)
    try:
        added = actions.add_raters(
            request.user,  # type: ignore[arg-type]
            campaign,
            people=Person.objects.filter(pk__in=form.cleaned_data["people"]),
            units=Unit.objects.filter(pk__in=form.cleaned_data["units"]),
            emails=form.email_list(),
            base_url=_base_url(request),
        )
    except actions.SurveyError as exc:
        messages.error(request, str(exc))
    else:
        note = f"{len(added.invited)} raters added"
        if added.sent:
            note += f", {added.sent} links sent"
        if added.without_email:
            note += f"; without an e-mail address: {', '.join(added.without_email)}"
        if added.not_counted:
            note += (
                "; not counted in the results (you control these identities: addresses outside"
                f" a customer's or partner's verified domain, or people of your units): "
                f"{', '.join(added.not_counted)}"
            )
        if added.refused:
            note += f"; refused: {', '.join(added.refused)}"
        messages.success(request, note + ".")
    return redirect("surveys:detail", pk=pk)


@login_required
@require_POST
def campaign_open(request: HttpRequest, pk: int) -> HttpResponse:
    base = _base_url(request)
    return _run(
        request,
        pk,
        lambda c: actions.open_campaign(request.user, c, base_url=base),  # type: ignore[arg-type]
        "Campaign opened; {outcome} invitations sent.",
    )


@login_required
@require_POST
def campaign_remind(request: HttpRequest, pk: int) -> HttpResponse:
    base = _base_url(request)
    return _run(
        request,
        pk,
        lambda c: actions.send_reminders(request.user, c, base_url=base),  # type: ignore[arg-type]
        # No count: it would tell how many have not answered (so, with few raters, who).
        "Reminders sent to everyone who has not answered.",
    )


@login_required
@require_POST
def campaign_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _run(
        request,
        pk,
        lambda c: actions.close_campaign(request.user, c),  # type: ignore[arg-type]
        "Campaign closed; its links no longer work.",
    )


@login_required
def campaign_results(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign_for(request, pk)
    context = results.campaign_results(campaign)
    if _wants_json(request):
        return JsonResponse(context)
    for component in (context["results"] or {}).get("components", []):
        counts = component["others"].get("distribution") or []
        top = max(counts, default=0) or 1
        component["bars"] = [
            {"score": i + 1, "count": n, "pct": round(100 * n / top)} for i, n in enumerate(counts)
        ]
    dimension = request.GET.get("by", "unit")
    if dimension not in ("unit", "organization"):
        return bad_query(request, BadQuery("by", "must be unit or organization"))
    return render(
        request,
        "surveys/results.html",
        {"r": context, "dimension": dimension, "object": campaign},
    )


@login_required
def campaign_export(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign_for(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{campaign.pk}-aggregates.csv"'
    writer = csv.writer(response)
    rows = export_rows(results.campaign_results(campaign))
    writer.writerows([guarded(cell) for cell in row] for row in rows)
    return response


def _private(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Survey pages are never cached. Where the token is in the URL it is kept out of
    referrers; the form's own page (no token in its URL) keeps the site's same-origin policy,
    since under "no-referrer" browsers post `Origin: null` and the CSRF check refuses it."""
    if request.resolver_match is None or request.resolver_match.url_name != "answer":
        response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    return response


def _unavailable(request: HttpRequest, status: int = 404) -> HttpResponse:
    return _private(request, render(request, "surveys/respond_unavailable.html", status=status))


def _limited(request: HttpRequest) -> HttpResponse:
    return _private(request, render(request, "surveys/respond_limited.html", status=429))


COOKIE_SALT = "trustledger.surveys.respond"


def _cookie_name(campaign_pk: int) -> str:
    return f"survey_{campaign_pk}"


def _answer_url(campaign_pk: int) -> str:
    return reverse("surveys:answer", args=[campaign_pk])


@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the mail: prove the token once, then continue on a URL without it.

    The token moves into a signed, HttpOnly cookie of this browser session (never into the
    session store: the server keeps no token), and the browser is sent to
    /surveys/respond/<campaign>/, so the token appears in no later request line, referrer or
    history entry; `logs` keeps it out of the first one."""
    # A valid token is limited by its own counter only; unknown ones are counted per address.
    try:
        invitation = actions.invitation_for(token)
    except actions.InvalidToken:
        if not ratelimit.hit("ip_invalid", client_address(request)):
            return _limited(request)
        return _unavailable(request)
    if request.method == "POST":
        # Posting to the link itself counts against the token like posting to the form.
        if not ratelimit.hit("token_posts", token):
            return _limited(request)
        return _answer(request, invitation, token)
    return _to_form(request, invitation.campaign_id, token)


def _to_form(request: HttpRequest, campaign_pk: int, token: str, query: str = "") -> HttpResponse:
    """Redirect to the form's URL, with the token in a cookie for that URL only."""
    response = redirect(_answer_url(campaign_pk) + query)
    response.set_signed_cookie(
        _cookie_name(campaign_pk),
        token,
        salt=COOKIE_SALT,
        path=_answer_url(campaign_pk),
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return _private(request, response)


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The survey form of the token held in this browser's cookie (see `respond`)."""
    token = request.get_signed_cookie(_cookie_name(pk), default=None, salt=COOKIE_SALT)
    if token is None:
        return _unavailable(request)
    # A valid token is limited by its own counter only (nobody behind the same address can
    # block it); a cookie holds only a token that was valid when the link was opened.
    if request.method == "POST" and not ratelimit.hit("token_posts", token):
        return _limited(request)
    try:
        invitation = actions.invitation_for(token)
    except actions.InvalidToken:
        return _unavailable(request)
    if invitation.campaign_id != pk:
        return _unavailable(request)
    return _answer(request, invitation, token)


def _answer(request: HttpRequest, invitation: Any, token: str) -> HttpResponse:
    """Show the form, or store a submitted one. Stored answers are never shown: whoever holds
    a link (a forwarded mail, an old log) could read them; saving again replaces them."""
    campaign = invitation.campaign
    items = items_for(subject_kind(campaign))
    error = ""
    current: dict[str, Any] = {}
    if request.method == "POST":
        try:
            answers, level, comment = parse_response(request.POST, items)
            actions.submit_response(token, answers, comment=comment, service_level=level)
        except ResponseInputError as exc:
            error = str(exc)
        except (actions.InvalidToken, ValidationError):
            return _unavailable(request)
        else:
            return _to_form(request, campaign.pk, token, "?saved=1")
        # Only what this very request sent comes back (to fix an error), nothing stored.
        current = {k: v for k, v in request.POST.items()}
    questions = [
        {
            "code": item.code,
            "text": item.about_self if invitation.is_self else item.about_others,
            "value": current.get(item.code, ""),
        }
        for item in items
    ]
    context = {
        "campaign": campaign,
        "subject": actions.subject_name(campaign),
        "is_self": invitation.is_self,
        "questions": questions,
        "scale": [str(v) for v in range(1, 11)],
        "levels": [(str(v), label) for v, label in ServiceLevelChoice.choices],
        "current_level": current.get("service_level", ""),
        "comment": current.get("comment", ""),
        "saved": request.GET.get("saved") == "1" and request.method == "GET",
        "answered": invitation.responded,
        "error": error,
        "action": _answer_url(campaign.pk),
    }
    return _private(
        request, render(request, "surveys/respond.html", context, status=400 if error else 200)
    )
