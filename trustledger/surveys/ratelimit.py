"""Fixed-window rate limits on the public response page, kept in Django's cache.

With several web processes, configure a shared cache (CACHES) so the limits hold across them;
the default local-memory cache counts per process.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 600
# (setting name, default): POSTs per token; unknown or expired tokens per IP; POSTs per IP.
LIMITS = {
    "token_posts": ("TRUSTLEDGER_SURVEY_TOKEN_POSTS", 20),
    "ip_invalid": ("TRUSTLEDGER_SURVEY_IP_INVALID", 30),
    "ip_posts": ("TRUSTLEDGER_SURVEY_IP_POSTS", 2000),
}


def _limit(kind: str) -> int:
    name, default = LIMITS[kind]
    return int(getattr(settings, name, default))


def _key(kind: str, subject: str) -> str:
    window = int(time.time() // WINDOW_SECONDS)
    digest = hashlib.sha256(subject.encode()).hexdigest()[:32]
    return f"survey-rl:{kind}:{window}:{digest}"


def hit(kind: str, subject: str) -> bool:
    """Count one event; False once the limit for this window is passed."""
    key = _key(kind, subject)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= _limit(kind)


def exceeded(kind: str, subject: str) -> bool:
    """Whether the limit is already passed, without counting."""
    return int(cache.get(_key(kind, subject), 0)) >= _limit(kind)
