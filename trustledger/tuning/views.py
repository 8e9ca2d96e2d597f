"""/settings/ (the settings, a preview of a change, saving it with a reason) and
/settings/history/ for admins; `?format=json` twins. Everyone else, signed in or not, gets
404: the pages do not exist for them (as the audit log)."""

from __future__ import annotations

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from trustledger.domain.settings import flatten
from trustledger.tuning import store
from trustledger.tuning.catalog import BY_NAME, GROUPS
from trustledger.tuning.models import SettingsVersion
from trustledger.tuning.preview import preview
from trustledger.tuning.words import version_line

HISTORY_ROWS = 200


def _admin_only(request: HttpRequest) -> None:
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_superuser):
        raise Http404("Not found.")


def _json(data: dict[str, Any], status: int = 200) -> JsonResponse:
    return JsonResponse(
        data, status=status, encoder=DjangoJSONEncoder, json_dumps_params={"indent": 1}
    )


def groups(
    values: dict[str, Any] | None = None, errors: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    current = flatten(store.current())
    values, errors = values or {}, errors or {}
    return [
        {
            "slug": g.slug,
            "title": g.title,
            "about": g.about,
            "settings": [
                {
                    "name": s.name,
                    "id": "s-" + s.name.replace(".", "-"),
                    "label": s.label,
                    "meaning": s.meaning,
                    "range": s.range_text,
                    "low": s.low,
                    "high": s.high,
                    "whole": s.whole,
                    "default": s.default,
                    "current": current[s.name],
                    "changed": current[s.name] != s.default,
                    "value": values.get(s.name, current[s.name]),
                    "error": errors.get(s.name),
                }
                for s in g.settings
            ],
        }
        for g in GROUPS
    ]


def _posted_values(request: HttpRequest) -> dict[str, object]:
    """The fields whose posted text differs from the value in force."""
    current = flatten(store.current())
    out: dict[str, object] = {}
    for name in BY_NAME:
        raw = request.POST.get(name)
        if raw is None:
            continue
        try:
            same = float(raw.strip()) == float(current[name])  # type: ignore[arg-type]
        except ValueError:
            same = False
        if not same:
            out[name] = raw[:40]
    return out


@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    _admin_only(request)
    found = store.in_force()
    context: dict[str, Any] = {
        "title": "Settings",
        "in_force": version_line(found.version),
        "survey_floor": store.survey_floor(),
    }
    if request.method == "GET":
        if request.GET.get("format") == "json":
            return _json({**context, "groups": groups()})
        saved = (
            SettingsVersion.objects.filter(pk=found.version.pk).first()
            if found.version and request.GET.get("saved")
            else None
        )
        return render(
            request,
            "tuning/settings.html",
            {"page": {**context, "groups": groups(), "saved": saved}},
        )
    values = _posted_values(request)
    reason = request.POST.get("reason", "")
    try:
        if request.POST.get("action") == "save":
            version = store.save(values, reason, request.user, request)
            return redirect("/settings/?saved=1" if version else "/settings/")
        proposal = store.propose(values)
    except store.Refused as refused:
        context |= {
            "groups": groups(values, refused.errors),
            "errors": refused.errors,
            "reason": reason,
        }
        context["preview"] = None
        return render(request, "tuning/settings.html", {"page": context}, status=400)
    context |= {
        "groups": groups(values),
        "preview": preview(proposal) if proposal.changes else None,
        "nothing_changed": not proposal.changes,
        "reason": reason,
    }
    return render(request, "tuning/settings.html", {"page": context})


@require_http_methods(["GET"])
def history_page(request: HttpRequest) -> HttpResponse:
    _admin_only(request)
    rows = [
        {
            "version": v.pk,
            "at": v.at.isoformat(),
            "by": v.actor_username or "the system",
            "reason": v.reason,
            "changes": [
                {**c, "label": BY_NAME[c["name"]].label if c["name"] in BY_NAME else c["name"]}
                for c in v.changes
            ],
            "overrides": v.overrides,
        }
        for v in SettingsVersion.objects.order_by("-at", "-id")[:HISTORY_ROWS]
    ]
    data = {
        "title": "Settings history",
        "versions": rows,
        "in_force": version_line(store.in_force().version),
    }
    if request.GET.get("format") == "json":
        return _json(data)
    return render(request, "tuning/history.html", {"page": data})
