"""The address a request comes from, for lockouts, rate limits, the audit log and logs.

Served directly, it is REMOTE_ADDR. Behind the TLS proxy (`TRUSTLEDGER_BEHIND_TLS_PROXY=1`)
every request arrives from the proxy, which appends the client's address to X-Forwarded-For:
the *last* entry is the one the proxy wrote; anything before it came from the client and may be
forged, so it is never read. Without the switch the header is ignored altogether.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest


def valid_address(raw: str) -> str | None:
    """`raw` as a normalised IP address, or None when it is not one."""
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return None


def address_from(meta: Mapping[str, Any]) -> str:
    """The client's address from a request's META (or a WSGI environ); "" when unknown."""
    if getattr(settings, "BEHIND_TLS_PROXY", False):
        last = str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",")[-1].strip()
        forwarded = valid_address(last)
        if forwarded is not None:
            return forwarded
        # no usable entry: the proxy is misconfigured; fall back to its own address
    return str(meta.get("REMOTE_ADDR", ""))


def client_address(request: HttpRequest) -> str:
    return address_from(request.META)
