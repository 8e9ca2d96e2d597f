"""Records behind a number are listed only to those who may open each one (holes 3 and 4).

The demo, plus what a Finance manager keeps to herself: a relationship Finance owns with
Marketing (tobias, IT's manager, stands on neither side of it and gets 404 for it) with a call, promises and feedback filed under it, and
a promise between two Finance people filed under no relationship. Every such record carries
"FIN-SECRET" in its text, so a leak shows up as that word on a page, in a JSON twin, in the API,
in an export or in a calendar feed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from trustledger.accounts import access
from trustledger.accounts.access import scope_for
from trustledger.accounts.models import User
from trustledger.directory.models import Person, Unit
from trustledger.ledger import actions
from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db
SECRET = "FIN-SECRET"
# Just before the demo's end, so the call is on the first page of the timeline and the
# promises have come due (and so count in reliability).
DAY = dt.datetime(2026, 11, 10, 9, 0, tzinfo=dt.UTC)
CALLED = dt.datetime(2026, 11, 20, 16, 59, tzinfo=dt.UTC)


@dataclass
class World:
    finance_rel: m.Relationship
    hidden: set[str]  # "kind:pk" of the records tobias may not open
    unfiled: m.Commitment  # margit → oskar, under no relationship
    ids: dict[str, int]

    def client(self, username: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client


def _person(name: str) -> Person:
    return Person.objects.get(display_name__startswith=name)


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    from trustledger.demo.load import load_demo

    cache.clear()
    load_demo()
    admin = User.objects.get(username="admin")
    margit, oskar, aylin, priya = (_person(n) for n in ("Margit", "Oskar", "Aylin", "Priya"))
    finance = Unit.objects.get(name="Finance")
    it = Unit.objects.get(name="IT")
    marketing = Unit.objects.get(name="Marketing")
    finance_rel = m.Relationship.objects.create(
        our_unit=finance, counterpart_unit=marketing, started_on=dt.date(2026, 1, 1), purpose=SECRET
    )

    def promise(promisor: Person, promisee: Person, what: str, rel: Any) -> m.Commitment:
        return actions.make_commitment(
            admin,
            promisor=promisor,
            promisee=promisee,
            what=f"{SECRET} {what}",
            strength="commitment",
            made_at=DAY,
            due_at=DAY + dt.timedelta(days=5),
            relationship=rel,
        )

    call = actions.record_interaction(
        admin,
        occurred_at=CALLED,
        channel="call",
        initiator=oskar,
        participants=[priya],
        relationship=finance_rel,
        answered=True,
        subject=f"{SECRET} budget cut for IT",
    )
    margit_to_aylin = promise(margit, aylin, "tell Aylin about the cut", finance_rel)
    aylin_to_margit = promise(aylin, margit, "Aylin gives Finance the licence list", finance_rel)
    feedback = actions.record_feedback(
        admin, finance_rel, summary=f"{SECRET} IT is too slow", received_at=DAY
    )
    unfiled = promise(margit, oskar, "Oskar's bonus", None)
    hidden = {
        f"interaction:{call.pk}",
        f"commitment:{margit_to_aylin.pk}",
        f"commitment:{aylin_to_margit.pk}",
        f"feedback:{feedback.pk}",
        f"commitment:{unfiled.pk}",
    }
    ids = {"margit": margit.pk, "aylin": aylin.pk, "it": it.pk, "finance": finance.pk}
    ids["it_finance"] = m.Relationship.objects.get(our_unit=it, counterpart_unit=finance).pk
    return World(finance_rel, hidden, unfiled, ids)


def _strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return [str(node)] if node is not None else []


def _hidden_ids_in(data: Any, world: World) -> set[str]:
    """Every hidden record that shows up in a JSON document, as "kind:pk" or as a bare
    commitment id next to an outcome."""
    found = {s for s in _strings(data) if s in world.hidden}
    pks = {int(h.split(":")[1]) for h in world.hidden if h.startswith("commitment:")}

    def outcomes(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("commitment_id") in pks and "outcome" in node:
                found.add(f"commitment:{node['commitment_id']}")
            for v in node.values():
                outcomes(v)
        elif isinstance(node, list):
            for v in node:
                outcomes(v)

    outcomes(data)
    return found


def test_tobias_gets_404_for_the_finance_relationship(world):
    tobias = world.client("tobias")
    assert tobias.get(f"/relationships/{world.finance_rel.pk}/").status_code == 404
    assert world.client("admin").get(f"/relationships/{world.finance_rel.pk}/").status_code == 200


def test_a_person_page_lists_only_the_commitments_the_viewer_may_open(world):
    tobias = world.client("tobias")
    for person in ("margit", "aylin"):
        data = tobias.get(f"/people/{world.ids[person]}/?format=json").json()
        texts = [c["what"] for c in data["commitments"]]
        assert not any(SECRET in t for t in texts), (person, texts)
        assert data["hidden_commitments"] >= 1
        assert SECRET not in tobias.get(f"/people/{world.ids[person]}/").content.decode()
    # The admin reads them all, so the records are really there.
    admin = world.client("admin").get(f"/people/{world.ids['margit']}/?format=json").json()
    assert sum(SECRET in c["what"] for c in admin["commitments"]) == 3
    assert admin["hidden_commitments"] == 0


EXPLAINED = [
    "/explain/person/{margit}/reliability/",
    "/explain/person/{aylin}/reliability/",
    "/explain/unit/{it}/reliability/",
    "/explain/relationship/{it_finance}/health/",
    "/explain/relationship/{it_finance}/measures.reliability/",
    "/explain/relationship/{it_finance}/measures.attention/",
]


def _all_records(client: Any, url: str) -> list[dict[str, Any]]:
    """The records an explanation lists, over all its pages and groups."""
    rows: list[dict[str, Any]] = []
    number, pages = 1, 1
    while number <= pages:
        records = client.get(f"{url}?format=json&page={number}").json()["records"]
        rows += [r for group in records["groups"] for r in group["records"]]
        number, pages = number + 1, records["pages"]
    return rows


@pytest.mark.parametrize("url", EXPLAINED)
def test_an_explanation_lists_what_the_viewer_may_open_and_counts_the_rest(world, url):
    url = url.format(**world.ids)
    admin = world.client("admin").get(url + "?format=json").json()
    assert any(SECRET in r["text"] for r in _all_records(world.client("admin"), url)), (
        "the record is behind the number"
    )
    assert admin["hidden_records"] == 0
    tobias = world.client("tobias")
    data = tobias.get(url + "?format=json").json()
    assert not any(SECRET in r["text"] for r in _all_records(tobias, url))
    assert data["hidden_records"] >= 1
    assert data["value"] == admin["value"], "the number itself is the same for both"
    assert not _hidden_ids_in(data, world)
    html = tobias.get(url).content.decode()
    assert SECRET not in html
    assert re.search(r"\d+ records? you cannot open", html)


@pytest.mark.parametrize(
    "url",
    [
        "/people/{margit}/",
        "/people/{aylin}/",
        "/units/{it}/",
        "/relationships/{it_finance}/",
        "/",
        "/commitments/?state=",
    ],
)
def test_a_json_twin_carries_no_trace_of_a_record_the_viewer_may_not_open(world, url):
    url = url.format(**world.ids)
    sep = "&" if "?" in url else "?"
    admin = world.client("admin").get(f"{url}{sep}format=json").json()
    data = world.client("tobias").get(f"{url}{sep}format=json").json()
    assert not _hidden_ids_in(data, world), url
    assert SECRET not in str(data)
    if not url.startswith(("/commitments", "/?")) and url != "/":
        assert _hidden_ids_in(admin, world), "the admin's twin shows the records"


@pytest.mark.parametrize(
    "path",
    [
        "/people/{margit}/report",
        "/people/{aylin}/report",
        "/units/{it}/report",
        "/relationships/{it_finance}/report",
        "/commitments?limit=200",
        "/interactions?limit=200&since=2026-11-20T00:00:00Z",
        "/feedback?limit=200",
        "/export/commitments.json",
        "/export/interactions.json",
    ],
)
def test_the_api_shows_no_record_the_viewer_may_not_open(world, path):
    path = "/api/v1" + path.format(**world.ids)
    response = world.client("tobias").get(path)
    assert response.status_code == 200, response.content
    assert SECRET not in response.content.decode()
    assert not _hidden_ids_in(response.json(), world)
    admin = world.client("admin").get(path)
    assert SECRET in admin.content.decode() or _hidden_ids_in(admin.json(), world)


def test_the_register_hides_a_commitment_without_relationship_between_people_out_of_scope(
    world,
):
    """Hole 4: Margit → Oskar under no relationship appeared for tobias, because Margit is
    the counterpart of one of IT's relationships."""
    data = world.client("tobias").get("/commitments/?state=&format=json").json()
    assert world.unfiled.pk not in {c["id"] for c in data["commitments"]}
    assert not any(SECRET in c["what"] for c in data["commitments"])
    assert world.client("tobias").get(f"/commitments/{world.unfiled.pk}/keep/").status_code == 404
    assert world.client("tobias").get(f"/api/v1/commitments/{world.unfiled.pk}").status_code == 404
    # Margit made it and Oskar received it: both read it.
    for name in ("margit", "oskar"):
        mine = world.client(name).get("/commitments/?state=&format=json").json()
        assert world.unfiled.pk in {c["id"] for c in mine["commitments"]}, name


def test_the_calendar_feed_follows_the_same_rule(world):
    from trustledger.api.feed import calendar_for
    from trustledger.api.models import CalendarFeed

    oskar = User.objects.get(username="oskar")
    feed = CalendarFeed.objects.create(user=oskar, token_hash="x" * 64)
    assert SECRET in calendar_for(feed).to_ical().decode()  # a promise made to him
    scope = scope_for(oskar)
    assert scope.can_read_record("commitment", world.unfiled)


def test_the_relationship_timeline_shows_no_record_filed_under_a_relationship_out_of_scope(
    world,
):
    url = f"/relationships/{world.ids['it_finance']}/?format=json"
    admin = world.client("admin").get(url).json()
    assert any(SECRET in item["text"] for item in admin["timeline"]["items"])
    data = world.client("tobias").get(url).json()
    assert not any(SECRET in item["text"] for item in data["timeline"]["items"])
    assert SECRET not in str(data.get("last_contact"))


@pytest.mark.parametrize("username", ["admin", "tobias", "priya", "margit", "oskar", "ines"])
def test_one_rule_per_record_kind_the_list_and_the_single_check_agree(world, username):
    scope = scope_for(User.objects.get(username=username))
    for kind in access.RECORD_KINDS:
        model = scope.records(kind).model
        readable = set(scope.records(kind).values_list("pk", flat=True))
        for obj in model.objects.all()[:400]:
            assert scope.can_read_record(kind, obj) == (obj.pk in readable), (kind, obj.pk)


def test_a_record_filed_under_a_relationship_is_read_with_that_relationship(world):
    tobias = scope_for(User.objects.get(username="tobias"))
    margit = scope_for(User.objects.get(username="margit"))
    for rid in world.hidden:
        kind, pk = rid.split(":")
        obj = tobias.records(kind).model.objects.get(pk=pk)
        assert not tobias.can_read_record(kind, obj), rid
        assert margit.can_read_record(kind, obj), rid
    assert tobias.visible_record_ids(world.hidden) == set()
    assert margit.visible_record_ids(world.hidden) == world.hidden


def test_a_timeline_cursor_the_viewer_may_not_open_is_refused_like_an_unknown_one(world):
    # Accepting the id of a hidden interaction as a cursor (while refusing unknown ids) would
    # tell that the id is an interaction between the two sides.
    call = next(r for r in world.hidden if r.startswith("interaction:")).split(":")[1]
    rel = world.ids["it_finance"]
    admin = world.client("admin").get(f"/relationships/{rel}/?older={call}")
    assert admin.status_code == 200
    tobias = world.client("tobias")
    hidden = tobias.get(f"/relationships/{rel}/?older={call}")
    unknown = tobias.get(f"/relationships/{rel}/?older=999999999")
    assert hidden.status_code == unknown.status_code == 400
    message = b"must be the id of an interaction of this relationship"
    assert message in hidden.content and message in unknown.content


def _relationship_traces(text: str, rel_ids: set[int]) -> set[str]:
    """Links to, or `relationship_id`s of, these relationships in a page or a JSON answer."""
    found = set()
    for pk in rel_ids:
        if f"/relationships/{pk}/" in text or re.search(rf'"relationship_id": ?{pk}\b', text):
            found.add(str(pk))
    return found


@pytest.mark.parametrize(
    ("username", "urls"),
    [
        # Oskar was promised things under IT's relationship with Finance (the demo).
        (
            "oskar",
            [
                "/people/{oskar}/",
                "/people/{oskar}/?format=json",
                "/?format=json",
                "/api/v1/commitments?limit=200",
                "/api/v1/commitments?limit=200&relationship_id={it_finance}",
            ],
        ),
        # Priya took part in Finance's call, filed under Finance's relationship.
        (
            "priya",
            [
                "/api/v1/interactions?limit=200&since=2026-11-20T00:00:00Z",
                "/api/v1/interactions?limit=200&relationship_id={finance_rel}",
            ],
        ),
    ],
)
def test_a_record_one_is_party_to_never_names_the_relationship_one_may_not_open(
    world, username, urls
):
    """The register already left it unnamed; the person page, the home page and the API
    gave its id (and a link that answers 404)."""
    user = User.objects.get(username=username)
    scope = scope_for(user)
    closed = set(m.Relationship.objects.values_list("pk", flat=True))
    closed -= set(scope.relationships().values_list("pk", flat=True))
    # The other side opens its view of a relationship: its records name it (both-sides.md).
    closed -= set(scope.their_relationships().values_list("pk", flat=True))
    ids = {**world.ids, "oskar": _person("Oskar").pk, "finance_rel": world.finance_rel.pk}
    if username == "oskar":
        assert ids["it_finance"] not in closed
    else:
        assert ids["finance_rel"] in closed
    client = world.client(username)
    for url in urls:
        response = client.get(url.format(**ids))
        assert response.status_code == 200, url
        assert not _relationship_traces(response.content.decode(), closed), url
    # What they are a party to is still there, only unnamed.
    if username == "oskar":
        page = client.get(f"/people/{ids['oskar']}/?format=json").json()
        assert page["commitments"]
    else:
        found = client.get(urls[0].format(**ids)).json()["items"]
        assert any(SECRET in i["subject"] for i in found)
