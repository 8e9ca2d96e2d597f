"""Error pages in the app's layout with a way back; JSON for the JSON twins and the API; the
menu offers only what the persona may open."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import path

from trustledger import urls as site_urls
from trustledger.web import errors

pytestmark = pytest.mark.django_db


def client_for(cast, persona: str, **kwargs: object) -> Client:
    c = Client(**kwargs)  # type: ignore[arg-type]
    if persona != "anonymous":
        c.force_login(getattr(cast, persona))
    return c


@pytest.mark.parametrize("persona", ["admin", "it_manager", "it_member", "viewer"])
def test_a_missing_page_is_a_404_in_the_layout_with_a_way_back(cast, persona):
    response = client_for(cast, persona).get(
        "/people/987654/", headers={"referer": "http://testserver/map/"}
    )
    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="site-header"' in html and 'aria-label="Main"' in html  # the app's layout
    assert "is not yours to see" in html
    assert '<a href="http://testserver/map/">Back to the previous page</a>' in html
    assert '<a href="/">Go to the home page</a>' in html


def test_the_way_back_never_leads_to_another_site(cast):
    response = client_for(cast, "it_member").get(
        "/nowhere/", headers={"referer": "https://evil.example/phish"}
    )
    assert response.status_code == 404
    assert "evil.example" not in response.content.decode()
    assert "Back to the previous page" not in response.content.decode()


def test_a_json_twin_and_the_api_keep_json_errors(cast):
    c = client_for(cast, "it_member")
    twin = c.get("/people/987654/?format=json")
    assert twin.status_code == 404
    assert twin.json() == {"errors": [{"field": None, "reason": "Not found, or not yours to see."}]}
    api = c.get("/api/v1/no-such-endpoint")
    assert api.status_code == 404 and api["Content-Type"] == "application/json"
    assert api.json()["errors"][0]["reason"]


def test_a_refusal_is_a_403_page_that_says_why(cast):
    response = client_for(cast, "viewer").get("/entry/interaction/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "You may read the ledger but not record in it." in html
    assert 'class="site-header"' in html and "Go to the home page" in html


def broken_view(request):  # type: ignore[no-untyped-def]
    raise RuntimeError("boom")


urlpatterns = [*site_urls.urlpatterns, path("broken/", broken_view)]
handler500 = site_urls.handler500


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_a_server_error_is_a_500_page_without_a_request_context(cast):
    c = client_for(cast, "it_member", raise_request_exception=False)
    response = c.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html and 'href="/"' in html
    # Rendered without the request: no user menu, nothing read from the database.
    assert "it_member" not in html and 'aria-label="Main"' not in html
    assert c.get("/broken/?format=json").json()["errors"][0]["reason"].startswith("Server error")


def test_the_500_page_falls_back_to_plain_html_when_the_layout_fails(rf, monkeypatch):
    def fail(name):  # type: ignore[no-untyped-def]
        raise ValueError("no manifest entry")

    monkeypatch.setattr(errors.loader, "get_template", fail)
    response = errors.server_error(rf.get("/"))
    assert response.status_code == 500
    assert response.content.decode() == errors.PLAIN_500


MENU = {
    # persona: (Quick entry, Import files, Audit log)
    "admin": (True, True, True),
    "it_manager": (True, True, False),
    "it_member": (True, False, False),
    "finance_member": (True, False, False),
    "viewer": (False, False, False),
}


@pytest.mark.parametrize("persona", sorted(MENU))
def test_the_menu_shows_only_what_the_persona_may_open(cast, persona):
    c = client_for(cast, persona)
    html = c.get("/map/").content.decode()
    shown = ('href="/entry/"' in html, 'href="/imports/"' in html, 'href="/audit/"' in html)
    assert shown == MENU[persona]
    # What each item leads to using: a viewer's entry index only says they may not record.
    for drawn, url in zip(shown, ["/entry/interaction/", "/imports/", "/audit/"], strict=True):
        assert (c.get(url).status_code == 200) == drawn, url


@pytest.mark.parametrize("raw", ["abc", "0", "9" * 40])
def test_a_bad_page_number_of_the_register_is_a_400_that_names_it(cast, raw):
    c = client_for(cast, "it_member")
    response = c.get("/commitments/", {"page": raw, "format": "json"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "page"
    assert c.get("/commitments/", {"page": "1"}).status_code == 200
