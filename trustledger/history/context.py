"""Who is changing records right now: the web request's user, an API token's user, or a
label for work with no request ("command line", "import job 12", "worker").

The middleware keeps the request (its user is read when a change is written, so the API's
token auth, which sets `request.user` later, is seen too); commands and jobs use `acting`.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
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
# "": the model signals record; "bulk": a bulk path writes its own history (the signals are
# off); "off": no history at all.
_mode: contextvars.ContextVar[str] = contextvars.ContextVar("history_mode", default="")
_origin: contextvars.ContextVar[str] = contextvars.ContextVar("history_origin", default="")


@contextmanager
def _in_mode(mode: str) -> Iterator[None]:
    token = _mode.set(mode)
    try:
        yield
    finally:
        _mode.reset(token)


def unrecorded() -> AbstractContextManager[None]:
    """Write no history inside: for bulk paths that have no history by design (a restore,
    removing a connection's records)."""
    return _in_mode("off")


def bulk_path() -> AbstractContextManager[None]:
    """The signals write nothing inside: the bulk path (an import) writes its own history
    (`trustledger.history.imports`)."""
    return _in_mode("off" if _mode.get() == "off" else "bulk")


def one_by_one() -> AbstractContextManager[None]:
    """Inside a bulk path: the few records saved here one by one through the ORM are
    recorded by the signals as usual."""
    return _in_mode("off" if _mode.get() == "off" else "")


def recording() -> bool:
    """Do the model signals record?"""
    return _mode.get() == ""


def bulk_recording() -> bool:
    """Does a bulk path write its history?"""
    return _mode.get() != "off"


@contextmanager
def importing(origin: str) -> Iterator[None]:
    """The changes made inside came from `origin` (a file's name, a connection)."""
    token = _origin.set(origin[:200])
    try:
        yield
    finally:
        _origin.reset(token)


def origin() -> str | None:
    return _origin.get() or None


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
