"""The API of the other side (docs/both-sides.md): /their-relationships and
/relationships/{id}/counterpart-view, per demo persona, with the page's rules."""

from __future__ import annotations

import pytest
from django.test import Client

from trustledger.accounts.models import User
from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db

PRIVATE_SUBJECT = "Internal: how we tell Finance the forecast slips"
# persona → the relationships it stands on the other side of.
THEIRS = {
    "admin": set(),
    "tobias": set(),
    "priya": set(),
    "margit": {"IT ↔ Finance", "Tobias Reinholt ↔ Margit Esterházy"},
    "oskar": {"IT ↔ Finance"},
    "lena": {"IT ↔ Marketing"},
    "ines": {"Tobias Reinholt ↔ Ines Okonkwo-Brandt"},
}
# persona → the answer to the counterpart view of IT ↔ Finance (and the side it reports).
VIEW = {
    "admin": (200, "ours"),
    "tobias": (200, "ours"),
    "margit": (200, "theirs"),
    "oskar": (200, "theirs"),
    "lena": (404, None),
    "priya": (404, None),
    "ines": (404, None),
}


@pytest.fixture
def as_user(db):  # type: ignore[no-untyped-def]
    from trustledger.demo.load import load_demo

    load_demo()

    def login(username: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    return login


def it_finance() -> m.Relationship:
    return m.Relationship.objects.get(our_unit__name="IT", counterpart_unit__name="Finance")


@pytest.mark.parametrize("persona", sorted(THEIRS))
def test_their_relationships_per_persona(as_user, persona):
    response = as_user(persona).get("/api/v1/their-relationships")
    assert response.status_code == 200
    items = response.json()["items"]
    assert {f"{r['serving']} ↔ {r['counterpart']}" for r in items} == THEIRS[persona]
    for item in items:  # the serving side's own settings are not listed
        assert "cadence_days" not in item and "referred_by_id" not in item


@pytest.mark.parametrize("persona", sorted(VIEW))
def test_the_counterpart_view_per_persona(as_user, persona):
    status, side = VIEW[persona]
    response = as_user(persona).get(f"/api/v1/relationships/{it_finance().pk}/counterpart-view")
    assert response.status_code == status
    if status == 200:
        assert response.json()["side"] == side


@pytest.mark.parametrize("persona", ["margit", "tobias"])
def test_the_view_is_the_same_from_either_chair_and_has_no_private_note(as_user, persona):
    """The serving side reads exactly what the other side reads: no private note even for IT."""
    data = as_user(persona).get(f"/api/v1/relationships/{it_finance().pk}/counterpart-view").json()
    assert PRIVATE_SUBJECT not in str(data)
    assert not {"report", "reserve", "indicators", "incidents", "goals"} & data.keys()
    to_us = {p["what"] for p in data["promises"]["to_us"]}
    assert "Send Finance the 2027 IT cost forecast per cost centre" in to_us


def test_the_api_and_the_page_say_the_same(as_user):
    client = as_user("oskar")
    pk = it_finance().pk
    api = client.get(f"/api/v1/relationships/{pk}/counterpart-view?as_of=2026-11-20T17:00:00Z")
    page = client.get(f"/relationships/{pk}/?as_of=2026-11-20&format=json")
    for key in ("promises", "feedback", "measures", "reviews", "decisions", "needs", "level"):
        assert api.json()[key] == page.json()[key], key


def test_unknown_and_bad_ids(as_user):
    client = as_user("margit")
    assert client.get("/api/v1/relationships/999999/counterpart-view").status_code == 404
    bad = client.get("/api/v1/relationships/abc/counterpart-view")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "relationship_id"


def test_anonymous_is_refused(as_user):
    assert Client().get("/api/v1/their-relationships").status_code == 401
    assert (
        Client().get(f"/api/v1/relationships/{it_finance().pk}/counterpart-view").status_code == 401
    )


def test_both_endpoints_are_in_the_openapi_document(as_user):
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/their-relationships" in paths
    assert "/api/v1/relationships/{relationship_id}/counterpart-view" in paths
