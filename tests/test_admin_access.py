"""The admin is for admins only; every other persona is refused."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "/admin/",
    "/admin/directory/person/",
    "/admin/ledger/relationship/",
    "/admin/ledger/interaction/",
    "/admin/ledger/commitment/",
    "/admin/surveys/campaign/",
    "/admin/accounts/user/",
]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_an_admin_reaches_the_admin(client, cast, url):
    client.force_login(cast.admin)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "persona", ["it_manager", "it_member", "finance_member", "viewer", "outsider"]
)
@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_everyone_else_is_refused_the_admin(client, cast, persona, url):
    client.force_login(getattr(cast, persona))
    response = client.get(url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get("/admin/ledger/commitment/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_survey_answers_have_no_admin_page(client, cast):
    client.force_login(cast.admin)
    assert client.get("/admin/surveys/response/").status_code == 404
    assert client.get("/admin/surveys/answer/").status_code == 404


def test_the_home_page_needs_a_login(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
