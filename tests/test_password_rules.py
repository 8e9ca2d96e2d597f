"""Passwords follow Django's validators everywhere one is set: CLI, password page, admin."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from trustledger.accounts.models import User

pytestmark = pytest.mark.django_db

ALL_DIGITS = "4815162342108"
NINE = "rx7-kw2-q"  # nine characters, otherwise fine


@pytest.mark.parametrize(
    ("password", "reason"),
    [(ALL_DIGITS, "entirely numeric"), (NINE, "at least 10 characters")],
)
def test_createuser_refuses_a_weak_password(password, reason):
    with pytest.raises(CommandError, match=reason):
        call_command("createuser", "weak", "--password", password)
    assert not User.objects.filter(username="weak").exists()


def test_createuser_accepts_a_ten_character_password():
    call_command("createuser", "strong", "--password", "rx7-kw2-qz")
    assert User.objects.get(username="strong").check_password("rx7-kw2-qz")


@pytest.mark.parametrize("password", [ALL_DIGITS, NINE])
def test_the_password_page_refuses_a_weak_new_password(cast, password):
    client = Client()
    client.force_login(cast.it_member)
    response = client.post(
        "/password/",
        {"old_password": "pw", "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    cast.it_member.refresh_from_db()
    assert cast.it_member.check_password("pw")


def test_the_admin_refuses_an_all_digit_password(cast):
    client = Client()
    client.force_login(cast.admin)
    url = f"/admin/accounts/user/{cast.it_member.pk}/password/"
    response = client.post(url, {"password1": ALL_DIGITS, "password2": ALL_DIGITS})
    assert response.status_code == 200 and b"entirely numeric" in response.content
    cast.it_member.refresh_from_db()
    assert cast.it_member.check_password("pw")
