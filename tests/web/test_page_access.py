"""Every read page refuses the wrong persona: 404 for what lies outside the user's scope
(the page does not admit the object exists), a redirect to the log-in page for anonymous users."""

from __future__ import annotations

import datetime as dt

import pytest

from trustledger.directory.models import Person
from trustledger.ledger.models import Relationship

pytestmark = pytest.mark.django_db
PERSONAS = ["admin", "it_manager", "it_member", "viewer", "finance_member", "outsider"]


@pytest.fixture
def world(cast):
    it_member = Person.objects.get(display_name="Ben Member")
    it_rel = Relationship.objects.create(
        our_unit=cast.it, counterpart_unit=cast.finance, started_on=dt.date(2026, 1, 1)
    )
    fin_rel = Relationship.objects.create(
        our_person=Person.objects.get(display_name="Cleo Finance"),
        counterpart_person=it_member,
        started_on=dt.date(2026, 1, 1),
        purpose="Budget talks",
    )
    return {
        "cast": cast,
        "urls": {
            "it_unit": f"/units/{cast.it.pk}/",
            "it_unit_explain": f"/explain/unit/{cast.it.pk}/transparency/",
            "it_relationship": f"/relationships/{it_rel.pk}/",
            "it_relationship_explain": f"/explain/relationship/{it_rel.pk}/health/",
            "finance_relationship": f"/relationships/{fin_rel.pk}/",
            "it_member_person": f"/people/{it_member.pk}/",
            "it_member_explain": f"/explain/person/{it_member.pk}/reliability/",
            "finance_unit": f"/units/{cast.finance.pk}/",
        },
    }


ALLOWED = {
    "it_unit": {"admin", "it_manager", "it_member", "viewer"},
    "it_unit_explain": {"admin", "it_manager", "it_member", "viewer"},
    "it_relationship": {"admin", "it_manager", "it_member", "viewer"},
    "it_relationship_explain": {"admin", "it_manager", "it_member", "viewer"},
    # Scopes read relationships by our side: Cleo's relationship with Ben is hers alone.
    "finance_relationship": {"admin", "finance_member"},
    "it_member_person": {"admin", "it_manager", "it_member", "viewer", "finance_member"},
    "it_member_explain": {"admin", "it_manager", "it_member", "viewer", "finance_member"},
    "finance_unit": {"admin", "finance_member"},
}
# The other side of a relationship opens its own view of it, not the serving side's page
# (docs/both-sides.md): Finance of IT ↔ Finance; Ben (an IT member) and those who manage or
# view IT, of Cleo's relationship with Ben. Its explanations stay the serving side's.
OTHER_SIDE = {
    "it_relationship": {"finance_member"},
    "finance_relationship": {"it_manager", "it_member", "viewer"},
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", sorted(ALLOWED))
def test_each_page_admits_only_its_personas(world, client, persona, page):
    client.force_login(getattr(world["cast"], persona))
    url = world["urls"][page]
    for suffix in ("", "?format=json"):
        response = client.get(url + suffix)
        theirs = persona in OTHER_SIDE.get(page, set())
        expected = 200 if persona in ALLOWED[page] or theirs else 404
        assert response.status_code == expected, (page, persona, suffix)
        if expected == 200 and page in OTHER_SIDE:
            if suffix:
                assert (response.json().get("side") == "theirs") == theirs, (page, persona)
            else:
                page_html = response.content.decode()
                assert ('data-testid="their-side"' in page_html) == theirs, (page, persona)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/map/",
        "/search/?q=a",
        "/units/1/",
        "/people/1/",
        "/relationships/1/",
        "/explain/unit/1/transparency/",
    ],
)
def test_anonymous_users_are_sent_to_log_in(db, client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_map_shows_an_outsider_no_unit(world, client):
    client.force_login(world["cast"].outsider)
    data = client.get("/map/?format=json").json()
    assert data["columns"] == [] and data["perception_gap"] is None


def test_the_map_shows_a_member_only_their_units(world, client):
    client.force_login(world["cast"].finance_member)
    data = client.get("/map/?format=json").json()
    assert data["columns"] == []  # Finance has no survey results in this world
    assert data["units_without_surveys"]["names"] == ["Finance"]


def test_the_map_explanations_follow_the_same_scope(world, client):
    client.force_login(world["cast"].outsider)
    assert client.get("/explain/map/0/columns.0.overall/").status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_search_finds_only_what_the_persona_may_read(world, client, persona):
    client.force_login(getattr(world["cast"], persona))
    data = client.get("/search/?q=IT&format=json").json()
    names = {u["name"] for u in data["units"]}
    assert ("IT" in names) == (persona in ALLOWED["it_unit"])
    data = client.get("/search/?q=Budget&format=json").json()
    assert bool(data["relationships"]) == (persona in ALLOWED["finance_relationship"])


def test_home_of_an_outsider_shows_no_relationship(world, client):
    client.force_login(world["cast"].outsider)
    data = client.get("/?format=json").json()
    assert data["relationship_count"] == 0 and data["commitments"]["overdue"] == []


def test_an_unknown_explanation_kind_or_path_is_not_found(world, client):
    client.force_login(world["cast"].admin)
    assert client.get("/explain/bogus/1/x/").status_code == 404
    assert (
        client.get(
            world["urls"]["it_unit"].replace("/units/", "/explain/unit/") + "nope/"
        ).status_code
        == 404
    )
