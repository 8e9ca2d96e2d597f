"""Guessing passwords is throttled per account and per address, with a cool-off and an unlock.

The same applies to the old password on the password page; API tokens are minted at a bounded
rate per user.
"""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

LIMIT = 5


@pytest.fixture(autouse=True)
def _login_limits(settings):  # type: ignore[no-untyped-def]
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)


def login(client: Client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post("/login/", {"username": username, "password": password})


def age_attempts(minutes: int) -> None:
    from axes.models import AccessAttempt

    past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes)
    AccessAttempt.objects.update(attempt_time=past)


def test_wrong_passwords_lock_the_account_even_against_the_right_password(cast):
    client = Client(REMOTE_ADDR="192.0.2.10")
    codes = [login(client, "it_member", "wrong").status_code for _ in range(LIMIT)]
    assert codes[: LIMIT - 1] == [200] * (LIMIT - 1)
    assert codes[-1] == 429
    assert login(client, "it_member", "pw").status_code == 429
    # another address trying the same account is refused too: the account is locked
    assert login(Client(REMOTE_ADDR="192.0.2.99"), "it_member", "pw").status_code == 429


def test_wrong_passwords_from_one_address_across_accounts_lock_the_address(cast):
    client = Client(REMOTE_ADDR="192.0.2.20")
    for name in ["a", "b", "c", "d", "e"][:LIMIT]:
        login(client, name, "wrong")
    assert login(client, "it_manager", "pw").status_code == 429
    assert login(Client(REMOTE_ADDR="192.0.2.21"), "it_manager", "pw").status_code == 302


def test_a_lockout_ends_after_the_cool_off(cast):
    client = Client(REMOTE_ADDR="192.0.2.30")
    for _ in range(LIMIT):
        login(client, "it_member", "wrong")
    assert login(client, "it_member", "pw").status_code == 429
    age_attempts(minutes=16)
    response = login(client, "it_member", "pw")
    assert response.status_code == 302 and response["Location"] == "/"


def test_an_admin_unlocks_an_account_from_the_command_line(cast):
    client = Client(REMOTE_ADDR="192.0.2.40")
    for _ in range(LIMIT):
        login(client, "it_member", "wrong")
    call_command("unlock", "it_member")
    assert login(client, "it_member", "pw").status_code == 302


def test_an_admin_sees_and_can_delete_lockouts_in_the_admin(cast):
    for _ in range(LIMIT):
        login(Client(REMOTE_ADDR="192.0.2.50"), "it_member", "wrong")
    admin = Client()
    admin.force_login(cast.admin)
    page = admin.get("/admin/axes/accessattempt/")
    assert page.status_code == 200 and b"it_member" in page.content
    member = Client()
    member.force_login(cast.it_member)
    assert member.get("/admin/axes/accessattempt/").status_code == 302


def test_failures_and_lockouts_are_logged(cast, caplog):
    caplog.set_level(logging.WARNING)
    client = Client(REMOTE_ADDR="192.0.2.60")
    for _ in range(LIMIT):
        login(client, "it_member", "wrong")
    messages = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert any("login failed" in m and "it_member" in m for m in messages)
    assert any("locked out" in m and "it_member" in m and "192.0.2.60" in m for m in messages)
    assert not any("wrong" in m for m in messages)  # never the password tried


def test_wrong_old_passwords_on_the_password_page_lock_the_account(cast):
    client = Client(REMOTE_ADDR="192.0.2.70")
    client.force_login(cast.it_member)
    change = {"new_password1": "a-much-longer-pass-42", "new_password2": "a-much-longer-pass-42"}
    codes = [
        client.post("/password/", {"old_password": "wrong", **change}).status_code
        for _ in range(LIMIT)
    ]
    assert codes[: LIMIT - 1] == [200] * (LIMIT - 1) and codes[-1] == 429
    assert client.post("/password/", {"old_password": "pw", **change}).status_code == 429
    cast.it_member.refresh_from_db()
    assert cast.it_member.check_password("pw")
    assert login(Client(REMOTE_ADDR="192.0.2.71"), "it_member", "pw").status_code == 429


def test_minting_api_tokens_is_rate_limited_per_user(cast, settings):
    settings.TRUSTLEDGER_TOKEN_CREATE_LIMIT = 3
    client = Client()
    client.force_login(cast.it_member)
    codes = [
        client.post("/account/tokens/", {"action": "create", "name": f"t{i}"}).status_code
        for i in range(4)
    ]
    assert codes == [200, 200, 200, 429]
    from trustledger.api.models import ApiToken

    assert ApiToken.objects.filter(user=cast.it_member).count() == 3


def test_behind_the_tls_proxy_each_client_is_counted_by_its_own_address(cast, settings):
    # Every request reaches us from the proxy's address; the client's is the last address the
    # proxy appended to X-Forwarded-For. One client's wrong passwords must not lock out others.
    settings.BEHIND_TLS_PROXY = True
    guesser = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    for name in ["a", "b", "c", "d", "e"][:LIMIT]:
        login(guesser, name, "wrong")
    assert login(guesser, "it_manager", "pw").status_code == 429
    colleague = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert login(colleague, "it_manager", "pw").status_code == 302


def test_without_the_proxy_switch_a_forged_forwarded_address_changes_nothing(cast):
    # A client that sends its own X-Forwarded-For cannot step out of its address's lockout.
    for i, name in enumerate(["a", "b", "c", "d", "e"][:LIMIT]):
        login(Client(REMOTE_ADDR="192.0.2.40", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}"), name, "x")
    forged = Client(REMOTE_ADDR="192.0.2.40", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert login(forged, "it_manager", "pw").status_code == 429


def test_behind_the_proxy_the_audit_log_and_survey_limits_see_the_client(cast, settings):
    from trustledger.audit.models import AuditEvent

    settings.BEHIND_TLS_PROXY = True
    client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="unknown, 203.0.113.9")
    login(client, "it_member", "wrong")
    assert AuditEvent.objects.filter(action="auth.login_failed").latest("id").remote_addr == (
        "203.0.113.9"
    )
