"""Tokens: hashed, shown once, revocable, read-only or read-write, rate limited; the page and
the command."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.management import call_command
from django.test import Client

from tests.api.conftest import Api
from trustledger.api.models import ApiToken
from trustledger.api.tokens import create_token, revoke_token

pytestmark = pytest.mark.django_db


def test_the_plain_token_is_never_stored(cast):
    token, plain = create_token(cast.it_member, name="script", scope="read")
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert plain not in {str(v) for v in stored.values()}
    assert stored["token_hash"] == hashlib.sha256(plain.encode()).hexdigest()
    assert plain.startswith(stored["prefix"]) and len(stored["prefix"]) < 16


def test_a_revoked_or_unknown_token_is_refused(cast, ledger):
    token, plain = create_token(cast.it_member, name="script", scope="read")
    assert Api(plain).get("/people").status_code == 200
    revoke_token(cast.it_member, token)
    refused = Api(plain).get("/people")
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"].startswith("Bearer")
    assert Api(plain + "x").get("/people").status_code == 401
    assert Api("not-a-token").get("/people").status_code == 401


def test_a_token_of_a_deactivated_user_is_refused(cast, ledger):
    _, plain = create_token(cast.it_member, name="script")
    cast.it_member.is_active = False
    cast.it_member.save()
    assert Api(plain).get("/people").status_code == 401


def test_a_token_sees_exactly_what_its_owner_sees(cast, ledger):
    _, plain = create_token(cast.finance_member, name="script", scope="read_write")
    token_view = {r["id"] for r in Api(plain).get("/relationships").json()["items"]}
    session = Client()
    session.force_login(cast.finance_member)
    session_view = {r["id"] for r in session.get("/api/v1/relationships").json()["items"]}
    assert token_view == session_view == {ledger.finance_it.pk}


def test_last_used_is_recorded(cast, ledger):
    token, plain = create_token(cast.it_member, name="script")
    Api(plain).get("/people")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_rate_limit_answers_429_with_retry_after(cast, ledger, settings):
    settings.TRUSTLEDGER_API_RATE_LIMIT = 3
    _, plain = create_token(cast.it_member, name="script")
    _, other = create_token(cast.it_member, name="other script")
    api = Api(plain)
    assert [api.get("/units").status_code for _ in range(3)] == [200, 200, 200]
    limited = api.get("/units")
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 61
    assert limited.json()["errors"][0]["reason"].startswith("Too many requests")
    # Per token: another token of the same user still has its own window.
    assert Api(other).get("/units").status_code == 200


def test_session_calls_need_csrf_for_writes(cast, ledger):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.it_member)
    assert client.get("/api/v1/needs").status_code == 200
    refused = client.post(
        f"/api/v1/relationships/{ledger.member_customer.pk}/needs",
        {"description": "x"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert "errors" in refused.json()


def test_the_tokens_page_creates_shows_once_and_revokes(cast):
    client = Client()
    client.force_login(cast.it_member)
    page = client.post(
        "/account/tokens/", {"action": "create", "name": "laptop", "scope": "read_write"}
    )
    assert page.status_code == 200
    token = ApiToken.objects.get(user=cast.it_member)
    plain = page.context["shown"]["token"]
    assert plain.startswith(token.prefix) and plain.encode() in page.content
    again = client.get("/account/tokens/")
    assert plain.encode() not in again.content and token.prefix.encode() in again.content
    assert Api(plain).get("/units").status_code == 200
    client.post("/account/tokens/", {"action": "revoke", "token_id": token.pk})
    assert Api(plain).get("/units").status_code == 401


def test_the_tokens_page_refuses_a_nameless_token_and_anonymous_visitors(cast):
    assert Client().get("/account/tokens/").status_code == 302
    client = Client()
    client.force_login(cast.outsider)
    page = client.post("/account/tokens/", {"action": "create", "name": " ", "scope": "read"})
    assert page.status_code == 400
    assert not ApiToken.objects.exists()


def test_one_cannot_revoke_another_users_token_on_the_page(cast):
    token, plain = create_token(cast.it_manager, name="theirs")
    client = Client()
    client.force_login(cast.it_member)
    assert (
        client.post("/account/tokens/", {"action": "revoke", "token_id": token.pk}).status_code
        == 404
    )
    assert Api(plain).get("/units").status_code == 200


def test_the_tokens_command_creates_lists_and_revokes(cast, ledger):
    out = io.StringIO()
    call_command(
        "tokens", "create", "--user", "it_member", "--name", "cron", "--scope", "read", stdout=out
    )
    plain = out.getvalue().strip().splitlines()[-1]
    assert Api(plain).get("/units").status_code == 200
    token = ApiToken.objects.get(name="cron")
    listing = io.StringIO()
    call_command("tokens", "list", "--user", "it_member", stdout=listing)
    assert token.prefix in listing.getvalue() and plain not in listing.getvalue()
    call_command("tokens", "revoke", str(token.pk), stdout=io.StringIO())
    assert Api(plain).get("/units").status_code == 401
