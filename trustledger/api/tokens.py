"""Making, finding and revoking API tokens and calendar feed tokens.

A token is `tl_` + 8 characters of prefix + `_` + 32 bytes of randomness (url-safe base64);
only its SHA-256 hash is stored. Each function here is an action: one transaction, an
already-authenticated actor.
"""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from trustledger.accounts.models import User
from trustledger.api.models import ApiToken, CalendarFeed, TokenScope
from trustledger.audit.log import record

PREFIX = "tl_"
FEED_PREFIX = "tlf_"


def hash_token(plain: str) -> str:
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()


def _new_plain(kind_prefix: str) -> tuple[str, str]:
    """(plain token, display prefix)."""
    head = secrets.token_hex(4)
    plain = f"{kind_prefix}{head}_{secrets.token_urlsafe(32)}"
    return plain, f"{kind_prefix}{head}"


@transaction.atomic
def create_token(user: User, *, name: str, scope: str = TokenScope.READ) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the plain token (shown once, never stored)."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Give the token a name, e.g. the script that uses it."})
    if len(name) > 100:
        raise ValidationError({"name": "At most 100 characters."})
    if scope not in TokenScope.values:
        raise ValidationError({"scope": f"Choose one of {', '.join(TokenScope.values)}."})
    plain, prefix = _new_plain(PREFIX)
    token = ApiToken.objects.create(
        user=user, name=name, scope=scope, token_hash=hash_token(plain), prefix=prefix
    )
    record(user, "token.created", token, name=name, scope=scope)
    return token, plain


@transaction.atomic
def revoke_token(actor: User, token: ApiToken) -> ApiToken:
    if token.user_id != actor.pk and not actor.is_superuser:
        raise PermissionDenied("You may only revoke your own tokens.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(actor, "token.revoked", token, owner_id=token.user_id)
    return token


def find_token(plain: str) -> ApiToken | None:
    """The active token with this plain value, if any (its user active too)."""
    if not plain.startswith(PREFIX) or len(plain) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(plain), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    return token


@transaction.atomic
def regenerate_feed(user: User) -> tuple[CalendarFeed, str]:
    """A new feed URL token; every earlier feed of the user stops working."""
    revoke_feeds(user)
    plain, prefix = _new_plain(FEED_PREFIX)
    feed = CalendarFeed.objects.create(user=user, token_hash=hash_token(plain), prefix=prefix)
    record(user, "feed.created", feed)
    return feed, plain


@transaction.atomic
def revoke_feeds(user: User) -> int:
    revoked = CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        record(user, "feed.revoked", ("user", user.pk), feeds=revoked)
    return revoked


def find_feed(plain: str) -> CalendarFeed | None:
    if not plain.startswith(FEED_PREFIX) or len(plain) > 200:
        return None
    feed = (
        CalendarFeed.objects.select_related("user", "user__person")
        .filter(token_hash=hash_token(plain), revoked_at__isnull=True)
        .first()
    )
    if feed is None or not feed.user.is_active:
        return None
    return feed
