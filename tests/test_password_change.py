"""A signed-in user changes their password on the app's own pages."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_password_page_needs_a_login(client):
    response = client.get("/password/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_member_changes_their_password(client, cast):
    client.force_login(cast.it_member)
    page = client.get("/password/")
    assert page.status_code == 200
    assert b"Change your password" in page.content
    response = client.post(
        "/password/",
        {
            "old_password": "pw",
            "new_password1": "a-much-longer-pass-42",
            "new_password2": "a-much-longer-pass-42",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/password/done/"
    cast.it_member.refresh_from_db()
    assert cast.it_member.check_password("a-much-longer-pass-42")
    assert b"Password changed" in client.get("/password/done/").content
