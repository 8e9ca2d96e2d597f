"""Who is calling: an API token (`Authorization: Bearer …`) or the pages' session.

Either way the request runs as the user, with the user's scope. A read-only token may only
read; every caller is rate limited (an atomic fixed-window counter per token or per user).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from trustledger.accounts import counters
from trustledger.api.models import ApiToken
from trustledger.api.tokens import find_token

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# Writing last_used_at on every call would make each read a write; once a minute is enough.
LAST_USED_EVERY = 60


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Too many requests; retry in {retry_after} s.")
        self.retry_after = retry_after


def rate_limit() -> tuple[int, int]:
    """(requests allowed, window in seconds)."""
    return (
        int(getattr(settings, "TRUSTLEDGER_API_RATE_LIMIT", 600)),
        int(getattr(settings, "TRUSTLEDGER_API_RATE_WINDOW", 60)),
    )


def check_rate(key: str) -> None:
    limit, window = rate_limit()
    counted = counters.hit(f"api:{key}", window)
    if counted.count > limit:
        raise RateLimited(counted.retry_after)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = find_token(token)
        if found is None:
            return None
        check_rate(f"token:{found.pk}")
        if request.method not in SAFE_METHODS and not found.can_write:
            raise PermissionDenied("This token is read only.")
        _touch(found)
        request.api_token = found  # type: ignore[attr-defined]
        request.user = found.user
        return found.user


class SessionUser(SessionAuth):
    """The pages' login; unsafe methods need the CSRF token (X-CSRFToken)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is None or not user.is_active:
            return None
        check_rate(f"user:{user.pk}")
        return user


def _touch(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
