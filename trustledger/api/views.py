"""The account page for API tokens and the calendar feed URL."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from trustledger.accounts import counters
from trustledger.accounts.client import client_address
from trustledger.api.models import ApiToken, CalendarFeed, TokenScope
from trustledger.api.tokens import create_token, regenerate_feed, revoke_feeds, revoke_token

log = logging.getLogger("trustledger.security")
TOKEN_WINDOW = 3600


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    user = request.user
    shown: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "create":
            if not _may_mint(request):
                messages.error(request, "Too many new tokens this hour; try again later.")
                return render(request, "api/tokens.html", _context(user, {}, {}), status=429)
            try:
                _, plain = create_token(
                    user,  # type: ignore[arg-type]
                    name=request.POST.get("name", ""),
                    scope=request.POST.get("scope", TokenScope.READ),
                )
                shown["token"] = plain
            except ValidationError as error:
                errors = error.message_dict
        elif action == "revoke":
            token = get_object_or_404(ApiToken, pk=_int(request.POST.get("token_id")), user=user)
            revoke_token(user, token)  # type: ignore[arg-type]
            messages.info(request, f"Token {token.prefix}… revoked.")
            return redirect("api-tokens")
        elif action == "feed":
            _, plain = regenerate_feed(user)  # type: ignore[arg-type]
            shown["feed"] = request.build_absolute_uri(reverse("calendar-feed", args=[plain]))
        elif action == "revoke-feed":
            revoke_feeds(user)  # type: ignore[arg-type]
            messages.info(request, "Calendar feed revoked.")
            return redirect("api-tokens")
    status = 400 if errors else 200
    return render(request, "api/tokens.html", _context(user, shown, errors), status=status)


def _context(user: Any, shown: dict[str, str], errors: dict[str, list[str]]) -> dict[str, Any]:
    return {
        "tokens": ApiToken.objects.filter(user=user),
        "feed": CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first(),
        "scopes": TokenScope.choices,
        "shown": shown,
        "errors": errors,
    }


def _may_mint(request: HttpRequest) -> bool:
    """A stolen session cannot mint tokens without bound: a few per user per hour, logged."""
    limit = int(settings.TRUSTLEDGER_TOKEN_CREATE_LIMIT)
    counted = counters.hit(f"token-create:user:{request.user.pk}", TOKEN_WINDOW)
    if counted.count <= limit:
        return True
    log.warning(
        "token creation refused for user %s from %s: over %d per hour",
        request.user.pk,
        client_address(request) or "?",
        limit,
    )
    return False


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return 0
