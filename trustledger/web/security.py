"""Response headers that limit what a page may do in the browser, set on every response.

Content-Security-Policy: scripts, styles, images and connections come from this site only, and
no inline script or style runs, so an injected `<script>` or `onerror=` does nothing even where
escaping fails. Permissions-Policy switches off browser features no page uses. Django's
SecurityMiddleware sends Referrer-Policy, X-Content-Type-Options and HSTS (see settings).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Mapping
from functools import cache

from django.http import HttpRequest, HttpResponse

from trustledger.web.finders import plotly_bundle

# Plotly's bundle carries the map library's CSS and adds it as a <style> block when it loads
# (the charts draw without it; its own rules go to static/web/charts.css through the CSSOM).
# That one block is allowed by its hash, read from the installed bundle, so the policy still
# refuses every other inline style.
_BUNDLED_STYLE = re.compile(
    r'createElement\("style"\);(\w)\.id="[0-9a-f]+",\1\.textContent=\'([^\'\\]*)\''
)


@cache
def plotly_style_hashes() -> str:
    try:
        bundle = plotly_bundle().read_text(encoding="utf-8")
    except OSError:
        return ""
    digests = (
        base64.b64encode(hashlib.sha256(match.group(2).encode()).digest()).decode()
        for match in _BUNDLED_STYLE.finditer(bundle)
    )
    return "".join(f" 'sha256-{digest}'" for digest in digests)


CONTENT_SECURITY_POLICY: Mapping[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'" + plotly_style_hashes(),
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}

# Features no trustledger page uses; `()` allows them to no origin, this one included.
PERMISSIONS_POLICY: Mapping[str, str] = {
    feature: "()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}


def header_value(directives: Mapping[str, str], separator: str, joiner: str) -> str:
    return separator.join(f"{name}{joiner}{value}" for name, value in directives.items())


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy and Permissions-Policy unless a view set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.csp = header_value(CONTENT_SECURITY_POLICY, "; ", " ")
        self.permissions = header_value(PERMISSIONS_POLICY, ", ", "=")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers.setdefault("Permissions-Policy", self.permissions)
        return response
