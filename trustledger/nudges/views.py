"""/nudges/: the notification centre (refreshed on opening), and its buttons (POST only)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from trustledger.accounts.access import Scope
from trustledger.nudges import actions
from trustledger.nudges.labels import ACT_LABELS, CHANGING, KIND_LABELS
from trustledger.nudges.models import StoredNudge, showing
from trustledger.web.entry.common import safe_next
from trustledger.web.pages.common import page, refuse

LISTED = 200


def nudge_row(s: StoredNudge, read_only: bool = False) -> dict[str, Any]:
    may_act = not (read_only and s.kind in CHANGING)
    return {
        "id": s.pk,
        "cause": s.cause,
        "kind": s.kind,
        "kind_label": KIND_LABELS.get(s.kind, s.kind.replace("_", " ")),
        "urgency": s.urgency,
        "reason": s.reason,
        "link": s.link,
        "open_url": f"/nudges/{s.pk}/open/" if may_act else None,
        "act_label": ACT_LABELS.get(s.kind, "Open") if may_act else None,
        "unread": s.read_at is None,
        "created_at": s.created_at.isoformat(),
    }


def listed(user_id: int, limit: int = LISTED, read_only: bool = False) -> list[dict[str, Any]]:
    """The user's nudges showing now: unread first, then what cannot wait, newest first."""
    rows = StoredNudge.objects.filter(showing(), user_id=user_id)
    unread_first = F("read_at").desc(nulls_first=True)  # SQLite and PostgreSQL alike
    order = (unread_first, "-urgency", "-created_at", "-id")  # "immediate" > "digest"
    return [nudge_row(s, read_only) for s in rows.order_by(*order)[:limit]]


@page("nudges/centre.html")
def centre(
    request: HttpRequest, scope: Scope, as_of: dt.datetime, as_of_param: str | None
) -> dict[str, Any]:
    user = request.user
    # One user's nudges are cheap to compute: opening the centre brings them up to date.
    actions.refresh_nudges(user)  # type: ignore[arg-type]
    rows = listed(user.pk, read_only=scope.read_only)
    snoozed = StoredNudge.objects.filter(
        user_id=user.pk, resolved_at=None, dismissed_at=None, snoozed_until__gt=timezone.now()
    ).count()
    return {
        "title": "Notifications",
        "unread": sum(1 for r in rows if r["unread"]),
        "nudges": rows,
        "snoozed": snoozed,
        "snooze_days": list(actions.SNOOZE_DAYS),
    }


def _act(request: HttpRequest, do: Callable[[], object], said: str) -> HttpResponse:
    try:
        do()
    except StoredNudge.DoesNotExist:
        raise refuse() from None  # another user's nudge looks like no nudge at all
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, said)
    return redirect(safe_next(request, "/nudges/"))


@login_required
@require_POST
def read(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, lambda: actions.mark_read(request.user, pk), "Marked read.")  # type: ignore[arg-type]


@login_required
@require_POST
def snooze(request: HttpRequest, pk: int) -> HttpResponse:
    raw = request.POST.get("days", "")
    if not raw.isdigit():
        messages.error(request, "days: a whole number of days to snooze for.")
        return redirect(safe_next(request, "/nudges/"))
    days = int(raw)
    said = f"Snoozed for {days} day{'s' if days != 1 else ''}."
    return _act(request, lambda: actions.snooze(request.user, pk, days), said)  # type: ignore[arg-type]


@login_required
@require_POST
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    said = "Marked not relevant: it will not come back."
    return _act(request, lambda: actions.dismiss(request.user, pk), said)  # type: ignore[arg-type]


@login_required
def open_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a nudge's link: reading it by acting on it."""
    try:
        nudge = actions.mark_read(request.user, pk)  # type: ignore[arg-type]
    except StoredNudge.DoesNotExist:
        raise refuse() from None
    return redirect(nudge.link or "/nudges/")
