"""Failed logins and lockouts go to the `trustledger.security` log (never the password tried)."""

from __future__ import annotations

import logging
from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from trustledger.accounts.client import client_address

log = logging.getLogger("trustledger.security")


def _address(request: HttpRequest | None) -> str:
    return (client_address(request) or "?") if request is not None else "?"


@receiver(user_login_failed)
def login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **_: Any
) -> None:
    path = request.path if request is not None else "?"
    log.warning(
        "login failed for %r from %s on %s", credentials.get("username"), _address(request), path
    )


@receiver(user_locked_out)
def locked_out(
    sender: Any, request: HttpRequest | None = None, username: str | None = None, **_: Any
) -> None:
    log.warning("locked out: account %r from %s", username, _address(request))
