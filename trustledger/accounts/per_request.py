"""A user's scope read once per page view, not once per part of the page.

A page and its menu both ask `scope_for`; each answer costs a few queries. While a read-only
request (GET, HEAD) is served, the answer is kept for its user; a request that may change
memberships (POST and the rest) reads it afresh every time.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

_kept: contextvars.ContextVar[dict[Any, Any] | None] = contextvars.ContextVar(
    "scope_per_request", default=None
)

READ_ONLY = frozenset({"GET", "HEAD"})


def kept() -> dict[Any, Any] | None:
    """The current read-only request's store of scopes, or None outside one."""
    return _kept.get()


class ScopePerRequestMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in READ_ONLY:
            return self.get_response(request)
        token = _kept.set({})
        try:
            return self.get_response(request)
        finally:
            _kept.reset(token)
