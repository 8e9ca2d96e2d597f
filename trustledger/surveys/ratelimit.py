"""Fixed-window rate limits on the public response page, on atomic shared counters.

A valid token is limited only by its own counter (`token_posts`): nobody else's bad tokens can
block a rater, even behind the same proxy. Unknown or expired tokens are counted per address
(`ip_invalid`) and, past the limit, that address gets 429 for every unknown token, so guessing
is slowed where it comes from. Tokens are 256 random bits: the address limit curbs noise and
load; it is not what keeps tokens secret.
"""

from __future__ import annotations

from django.conf import settings

from trustledger.accounts import counters

WINDOW_SECONDS = 600
# (setting name, default): POSTs per token; unknown or expired tokens per address.
LIMITS = {
    "token_posts": ("TRUSTLEDGER_SURVEY_TOKEN_POSTS", 20),
    "ip_invalid": ("TRUSTLEDGER_SURVEY_IP_INVALID", 30),
}


def _limit(kind: str) -> int:
    name, default = LIMITS[kind]
    return int(getattr(settings, name, default))


def _key(kind: str, subject: str) -> str:
    return counters.subject_key(f"survey:{kind}", subject)


def hit(kind: str, subject: str) -> bool:
    """Count one event; False once the limit for this window is passed."""
    return counters.hit(_key(kind, subject), WINDOW_SECONDS).count <= _limit(kind)
