"""Who is changing records right now: the web request's user, an API token's user, or a
label for work with no request ("command line", "import job 12", "worker").

The middleware keeps the request (its user is read when a change is written, so the API's
token auth, which sets `request.user` later, is seen too); commands and jobs use `acting`.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse

from trustledger.history import words


@dataclass(frozen=True)
class Actor:
    user: Any = None
    via: str = ""
    request: HttpRequest | None = None


_actor: contextvars.ContextVar[Actor | None] = contextvars.ContextVar("history_actor", default=None)
_off: contextvars.ContextVar[bool] = contextvars.ContextVar("history_off", default=False)


@contextmanager
def unrecorded() -> Iterator[None]:
    """Write no history inside: for bulk paths (imports) that have no history by design."""
    token = _off.set(True)
    try:
        yield
    finally:
        _off.reset(token)


def recording() -> bool:
    return not _off.get()


@contextmanager
def acting(user: Any = None, via: str = "") -> Iterator[None]:
    """Attribute the changes made inside to `user` (may be None) and `via`."""
    token, names = _actor.set(Actor(user=user, via=via)), words.fresh_names()
    try:
        yield
    finally:
        _actor.reset(token)
        words.end_names(names)


def current() -> tuple[int | None, str, str]:
    """(user id, username, via) of the change being written."""
    actor = _actor.get()
    if actor is None:
        return None, "", "system"
    user, via = actor.user, actor.via
    if actor.request is not None:
        user = getattr(actor.request, "user", None)
        via = "API" if actor.request.path.startswith("/api/") else "web"
    if user is None or not getattr(user, "is_authenticated", False):
        return None, "", via
    return user.pk, user.get_username(), via


class HistoryActorMiddleware:
    """Every change made while serving a request is attributed to the request's user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token, names = _actor.set(Actor(request=request)), words.fresh_names()
        try:
            return self.get_response(request)
        finally:
            _actor.reset(token)
            words.end_names(names)
