"""Response headers that limit what a page may do, the HTTPS settings behind one switch, and
`trustledger check --deploy` clean in production mode."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from trustledger.config.env import env_bool

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = sorted((REPO / "trustledger").glob("**/templates/**/*.html"))
SECRET = "x" * 20 + "a-production-secret-key-for-tests"


def _directives(header: str) -> dict[str, str]:
    return {
        part.split(" ", 1)[0]: part.split(" ", 1)[1] if " " in part else ""
        for part in (p.strip() for p in header.split(";"))
        if part
    }


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/login/", "/", "/healthz", "/api/v1/people"])
def test_every_response_carries_a_policy_that_runs_no_inline_script(client, url):
    response = client.get(url)
    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == "'self'"
    # Styles: this site's files, and Plotly's bundled map CSS by its hash (no inline styles).
    own, *hashes = policy["style-src"].split()
    assert own == "'self'"
    assert all(h.startswith("'sha256-") for h in hashes)
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert "unsafe" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_pages_send_the_referrer_permissions_and_sniffing_headers(client):
    response = client.get("/login/")
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions


INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "event handler attribute": re.compile(r"<[^>]+\son[a-z]+\s*=", re.I),
    "style element": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"<[^>]+\sstyle\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(REPO)))
def test_no_template_holds_inline_script_or_style(template):
    """The policy would block them: scripts and styles live in static files, chart data in
    json_script blocks (type application/json, which is data, not script)."""
    text = template.read_text()
    found = [
        what
        for what, pattern in INLINE.items()
        if any("application/json" not in match.group(0) for match in pattern.finditer(text))
    ]
    assert found == []


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    # A production-like environment: none of the test run's settings (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE, which the deploy check rightly refuses).
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TRUSTLEDGER_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )


def _production(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "TRUSTLEDGER_DATA_DIR": str(tmp_path),
        "TRUSTLEDGER_SECRET_KEY": SECRET,
        "TRUSTLEDGER_ALLOWED_HOSTS": "trust.example.com",
        "TRUSTLEDGER_CSRF_TRUSTED_ORIGINS": "https://trust.example.com",
        **extra,
    }


def test_the_deploy_check_is_clean_behind_a_tls_proxy(tmp_path):
    env = _production(tmp_path, TRUSTLEDGER_BEHIND_TLS_PROXY="1", TRUSTLEDGER_HSTS_PRELOAD="1")
    result = _run(env, "-m", "trustledger.cli", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deploy_check_warns_when_served_without_https(tmp_path):
    result = _run(_production(tmp_path), "-m", "trustledger.cli", "check", "--deploy")
    assert "security.W008" in result.stdout + result.stderr  # no HTTPS redirect
    assert "security.W004" in result.stdout + result.stderr  # no HSTS


SHOW = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.SECURE_PROXY_SSL_HEADER, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS,"
    " s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE]))"
)


def _settings(env: dict[str, str]) -> list[object]:
    result = _run({**env, "DJANGO_SETTINGS_MODULE": "trustledger.settings"}, "-c", SHOW)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_one_switch_makes_the_site_https_only_behind_a_tls_proxy(tmp_path):
    assert _settings(_production(tmp_path, TRUSTLEDGER_BEHIND_TLS_PROXY="1")) == [
        ["HTTP_X_FORWARDED_PROTO", "https"],
        True,
        31536000,
        True,
        True,
        True,
    ]


def test_without_the_switch_nothing_trusts_a_forwarded_header_or_pins_https(tmp_path):
    assert _settings(_production(tmp_path)) == [None, False, 0, True, False, False]


def test_each_https_setting_can_be_set_on_its_own(tmp_path):
    env = _production(
        tmp_path,
        TRUSTLEDGER_BEHIND_TLS_PROXY="1",
        TRUSTLEDGER_HSTS_SECONDS="3600",
        TRUSTLEDGER_SSL_REDIRECT="0",
        TRUSTLEDGER_SECURE_COOKIES="",  # empty: follows the switch
    )
    assert _settings(env) == [["HTTP_X_FORWARDED_PROTO", "https"], False, 3600, True, True, True]


@pytest.mark.django_db
def test_behind_the_proxy_http_is_redirected_and_https_is_pinned(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    plain = client.get("/login/", headers={"X-Forwarded-Proto": "http"})
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/login/"
    secure = client.get("/login/", headers={"X-Forwarded-Proto": "https"})
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    # The load balancer's health probe over plain HTTP is answered, not redirected.
    assert client.get("/healthz", headers={"X-Forwarded-Proto": "http"}).status_code == 200


def test_an_empty_boolean_means_its_default(monkeypatch):
    monkeypatch.setenv("TRUSTLEDGER_SSL_REDIRECT", "")
    assert env_bool("TRUSTLEDGER_SSL_REDIRECT", True) is True
    assert env_bool("TRUSTLEDGER_SSL_REDIRECT", False) is False


def test_env_example_documents_every_variable_the_settings_read():
    read = set(
        re.findall(
            r"\"(TRUSTLEDGER_[A-Z_]+)\"",
            (REPO / "trustledger" / "settings.py").read_text(),
        )
    )
    documented = set(
        re.findall(r"^(TRUSTLEDGER_[A-Z_]+)=", (REPO / ".env.example").read_text(), re.M)
    )
    assert read - documented == set()
