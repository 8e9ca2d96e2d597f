"""The 400/403/404/500 answers of the whole site, in the app's layout with a way back.

Web pages get a page in the layout of base.html; the JSON twin (`?format=json`, or a client
that asks for JSON) and the API (`/api/…`) get the API's error shape, so one client reads
both. The 500 page is rendered without a request context and without the database: whatever
broke the request may break those too. If even that fails, a plain page is sent.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token

log = logging.getLogger(__name__)

MESSAGES = {
    400: "The request could not be read.",
    403: "You may not do this.",
    404: "Not found, or not yours to see.",
    500: "Server error; it has been logged.",
}
PLAIN_500 = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Server error — '
    "trustledger</title></head><body><h1>Something went wrong on our side</h1><p>It has been "
    'logged. <a href="/">Back to the home page</a>.</p></body></html>'
)


def wants_json(request: HttpRequest) -> bool:
    """The API, and the JSON twin of a page, answer errors in JSON."""
    if request.path.startswith("/api/") or request.GET.get("format") == "json":
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def previous_page(request: HttpRequest) -> str | None:
    """Where the user came from, when it is a page of this site (never another site's)."""
    referer = request.headers.get("Referer", "")
    if not referer or referer == request.build_absolute_uri():
        return None
    allowed = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return referer if allowed else None


def _answer(request: HttpRequest, status: int, template: str, reason: str = "") -> HttpResponse:
    if wants_json(request):
        return JsonResponse(
            {"errors": [{"field": None, "reason": reason or MESSAGES[status]}]}, status=status
        )
    context = {"reason": reason, "previous_page": previous_page(request)}
    return HttpResponse(loader.render_to_string(template, context, request), status=status)


def _reason(exception: Exception | None) -> str:
    """The message a view gave its refusal, when it gave one in words for the user."""
    if exception is None:
        return ""
    message = exception.args[0] if exception.args else ""
    return message if isinstance(message, str) else ""


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # The exception of a 400 can carry internals (a suspicious header); it is not shown.
    return _answer(request, 400, "400.html")


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 403, "403.html", _reason(exception))


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # The reason of a 404 is fixed: a message could tell an out-of-scope record from a
    # missing one, or echo the path.
    return _answer(request, 404, "404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    if wants_json(request):
        return JsonResponse({"errors": [{"field": None, "reason": MESSAGES[500]}]}, status=500)
    try:
        body = loader.get_template("500.html").render({})
    except Exception:  # the layout itself failed (a missing static manifest, say)
        log.exception("the 500 page could not be rendered")
        body = PLAIN_500
    return HttpResponse(body, status=500)
