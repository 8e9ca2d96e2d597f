"""What every read page shares: the as-of date, scope checks, explanation links, JSON twins."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from trustledger.accounts.access import Scope, scope_for
from trustledger.accounts.disclosure import disclose
from trustledger.web import params
from trustledger.web.params import BadQuery


def as_of_from(request: HttpRequest) -> tuple[dt.datetime, str | None]:
    """`?as_of=YYYY-MM-DD` means the end of that day (UTC); without it, now."""
    return params.as_of(request.GET, timezone.now())


def bad_query(request: HttpRequest, error: BadQuery) -> HttpResponse:
    """The 400 answer to a query parameter a page cannot use: JSON for the JSON twin, else
    a page rendered with autoescaping (the refused value is never echoed as markup)."""
    if wants_json(request):
        # The API's error shape (docs/api.md), so one client reads both.
        body = {"errors": [{"field": error.parameter, "reason": error.reason}]}
        return JsonResponse(body, status=400)
    return render(request, "web/bad_query.html", {"error": error}, status=400)


def wants_json(request: HttpRequest) -> bool:
    if request.GET.get("format") == "json":
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def refuse() -> Http404:
    """Objects outside the user's scope look like objects that do not exist (404, never 403)."""
    return Http404("Not found, or not yours to see.")


LABELLED = ("component", "measure", "kind", "level", "phase", "direction")


def with_explain_urls(node: Any, base: str, query: str, path: str = "") -> Any:
    """Give every explained result in a report dict an `explain_url` to its explanation page."""
    if isinstance(node, dict):
        out = {
            k: with_explain_urls(v, base, query, f"{path}.{k}" if path else str(k))
            for k, v in node.items()
        }
        if "explanation" in node and path:
            out["explain_url"] = f"{base}{path}/{query}"
        for key in LABELLED:
            if isinstance(node.get(key), str):
                out[f"{key}_label"] = node[key].replace("_", " ")
        return out
    if isinstance(node, list):
        return [with_explain_urls(v, base, query, f"{path}.{i}") for i, v in enumerate(node)]
    return node


def explain_base(kind: str, pk: int) -> str:
    return f"/explain/{kind}/{pk}/"


def page(template: str) -> Callable[..., Callable[..., HttpResponse]]:
    """Decorate a view that returns the page's dict: login, as_of, scope, HTML or JSON twin.

    The view is called as view(request, scope, as_of, as_of_param, **kwargs) and returns a
    JSON-ready dict; the template gets the same dict under `page`.
    """

    def decorate(view: Callable[..., dict[str, Any]]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            try:
                as_of, as_of_param = as_of_from(request)
                scope: Scope = scope_for(request.user)  # type: ignore[arg-type]
                # Numbers stay; ids of records the user may not open are taken out.
                context = disclose(view(request, scope, as_of, as_of_param, **kwargs), scope)
            except BadQuery as error:
                return bad_query(request, error)
            context.setdefault("as_of", as_of.isoformat())
            context.setdefault("as_of_param", as_of_param)
            if wants_json(request):
                return JsonResponse(
                    context, encoder=DjangoJSONEncoder, json_dumps_params={"indent": 1}
                )
            return render(request, template, {"page": context, "as_of_query": _query(as_of_param)})

        wrapped.build = view  # type: ignore[attr-defined]
        return wrapped

    return decorate


def _query(as_of_param: str | None) -> str:
    return f"?as_of={as_of_param}" if as_of_param else ""


def query_of(as_of_param: str | None) -> str:
    return _query(as_of_param)


def label(obj: object) -> str:
    return str(obj) if obj is not None else ""
