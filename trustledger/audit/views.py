"""/audit/: the audit log for admins, newest first, filtered and paged; `?format=json` twin.

Everyone else, signed in or not, gets 404: the page does not exist for them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils.html import escape

from trustledger.audit.models import Action, AuditEvent
from trustledger.web import params

PER_PAGE = 50


class BadFilter(ValueError):
    """A query parameter the page cannot use; the message names it."""


def audit_log(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_superuser):
        raise Http404("Not found.")
    try:
        context = _page(request)
    except BadFilter as error:
        if request.GET.get("format") == "json":
            return JsonResponse({"error": str(error)}, status=400)
        return HttpResponseBadRequest(escape(str(error)), content_type="text/plain")
    if request.GET.get("format") == "json":
        return JsonResponse(context)
    return render(request, "audit/log.html", {"page": context, "actions": Action.choices})


def _page(request: HttpRequest) -> dict[str, Any]:
    query = request.GET
    events = AuditEvent.objects.order_by("-at", "-id")
    filters: dict[str, str] = {}
    action = query.get("action", "").strip()
    if action:
        if action not in Action.values:
            raise BadFilter(f"action: {action[:60]!r} is not an audit action code")
        events, filters["action"] = events.filter(action=action), action
    actor = query.get("actor", "").strip()
    if actor:
        events, filters["actor"] = events.filter(actor_username=actor[:150]), actor[:150]
    for name, lookup in (("since", "at__date__gte"), ("until", "at__date__lte")):
        raw = query.get(name, "").strip()
        if raw:
            events = events.filter(**{lookup: _date(name, raw)})
            filters[name] = raw
    number = _page_number(query.get("page", "1"))
    start = (number - 1) * PER_PAGE
    rows = list(events[start : start + PER_PAGE + 1])
    return {
        "title": "Audit log",
        "filters": filters,
        "page": number,
        "per_page": PER_PAGE,
        "has_previous": number > 1,
        "has_next": len(rows) > PER_PAGE,
        "events": [_event(e) for e in rows[:PER_PAGE]],
    }


def _date(name: str, raw: str) -> dt.date:
    try:
        return params.day(name, raw)
    except params.BadQuery as error:
        raise BadFilter(str(error)) from None


def _page_number(raw: str) -> int:
    # Length first: Python refuses to convert strings of thousands of digits.
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 7 or not 1 <= int(raw) <= 1_000_000:
        raise BadFilter(f"page: a whole number from 1 to 1000000, not {raw[:20]!r}")
    return int(raw)


def _event(e: AuditEvent) -> dict[str, Any]:
    return {
        "id": e.pk,
        "at": e.at.isoformat(),
        "actor_id": e.actor_id,
        "actor": e.actor_username,
        "action": e.action,
        "action_label": Action(e.action).label if e.action in Action.values else e.action,
        "target_kind": e.target_kind,
        "target_id": e.target_id,
        "remote_addr": e.remote_addr,
        "detail": e.detail,
    }
