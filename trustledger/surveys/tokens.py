"""Survey tokens: what the rater holds, and the two one-way values stored for it."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

TOKEN_BYTES = 32


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """Stored on the invitation: finds who was asked, for sending and reminders."""
    return hashlib.sha256(token.encode()).hexdigest()


def response_key(token: str) -> str:
    """Stored on the response: only the token holder can recompute it (keyed by SECRET_KEY)."""
    return hmac.new(
        settings.SECRET_KEY.encode(), ("response:" + token).encode(), hashlib.sha256
    ).hexdigest()


def plausible(token: str) -> bool:
    """Cheap shape check before touching the database."""
    return 20 <= len(token) <= 100 and all(c.isalnum() or c in "-_" for c in token)
