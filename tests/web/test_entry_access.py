"""Every entry view refuses the wrong persona: anonymous, outsider, viewer, another unit."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.web.test_entry import World, today
from trustledger.ledger import models as m
from trustledger.web.entry.quick import KINDS

pytestmark = pytest.mark.django_db
# A due date within the horizon (trustledger/domain/dates.py), a year from today.
NEXT_YEAR = (dt.date.today() + dt.timedelta(days=365)).isoformat()


@pytest.fixture
def world(cast):  # type: ignore[no-untyped-def]
    return World(cast)


FORMS = [f"/entry/{slug}/" for slug in KINDS]
READ_PAGES = ["/entry/", "/commitments/", "/levels/"]
RECORDS = [
    m.Interaction,
    m.Commitment,
    m.FeedbackItem,
    m.Need,
    m.Decision,
    m.AgreedMeasure,
    m.QualityReview,
    m.ServiceLevelChange,
]


def _valid(world: World, slug: str) -> dict[str, object]:
    """A submission the right persona could make for rel_ben."""
    rel = world.rel_ben.pk
    return {
        "interaction": {
            "person": world.hal.pk,
            "channel": "call",
            "occurred_on": today(),
            "relationship": rel,
            "initiator": world.ben.pk,
        },
        "commitment": {
            "what": "X",
            "promisee": world.hal.pk,
            "due_on": NEXT_YEAR,
            "strength": "commitment",
            "relationship": rel,
            "promisor": world.ben.pk,
        },
        "feedback": {
            "relationship": rel,
            "summary": "S",
            "sentiment": "neutral",
            "received_on": today(),
        },
        "need": {"relationship": rel, "description": "D", "kind": "need"},
        "decision": {"title": "T", "relationship": rel, "decided_on": today()},
        "measure": {"relationship": rel, "name": "N", "target": "T", "agreed_on": today()},
        "review": {"relationship": rel, "held_on": today()},
        "level": {"relationship": rel, "to_level": "4", "reason": "R"},
    }[slug]


def _nothing_recorded() -> bool:
    return all(model.objects.count() == 0 for model in RECORDS)


@pytest.mark.parametrize("url", FORMS + READ_PAGES + ["/commitments/1/keep/"])
def test_an_anonymous_visitor_is_sent_to_log_in(world, url):
    response = world.client("anonymous").get(url)
    assert response.status_code == 302
    assert response.url.startswith("/login/?next=")


@pytest.mark.parametrize("slug", list(KINDS))
def test_an_anonymous_post_records_nothing(world, slug):
    response = world.client("anonymous").post(f"/entry/{slug}/", _valid(world, slug))
    assert response.status_code == 302 and response.url.startswith("/login/")
    assert _nothing_recorded()


@pytest.mark.parametrize("slug", list(KINDS))
def test_the_right_persona_may_submit_each_form(world, slug):
    response = world.client("it_member").post(f"/entry/{slug}/", _valid(world, slug))
    assert response.status_code == 302, response.context["form"].errors
    assert not _nothing_recorded()


@pytest.mark.parametrize("who", ["outsider", "viewer"])
@pytest.mark.parametrize("slug", list(KINDS))
def test_an_outsider_and_a_viewer_are_offered_no_form_and_refused_on_post(world, who, slug):
    client = world.client(who)
    assert client.get(f"/entry/{slug}/").status_code == 403
    assert client.post(f"/entry/{slug}/", _valid(world, slug)).status_code == 403
    assert _nothing_recorded()


@pytest.mark.parametrize("who", ["outsider", "viewer"])
def test_the_entry_index_offers_no_forms_to_those_who_may_not_record(world, who):
    response = world.client(who).get("/entry/")
    assert response.status_code == 200
    assert response.context["page"]["forms"] == []
    assert 'href="/entry/interaction/' not in response.content.decode()


@pytest.mark.parametrize("slug", list(KINDS))
def test_a_member_of_another_unit_cannot_see_or_record_in_our_relationship(world, slug):
    client = world.client("finance_member")
    assert client.get(f"/entry/{slug}/?relationship={world.rel_ben.pk}").status_code == 404
    assert client.post(f"/entry/{slug}/", _valid(world, slug)).status_code == 404
    assert _nothing_recorded()


@pytest.mark.parametrize("slug", list(KINDS))
def test_a_member_may_read_but_not_record_in_the_units_relationship(world, slug):
    data = {**_valid(world, slug), "relationship": world.rel_it.pk}
    client = world.client("it_member")
    assert client.get(f"/entry/{slug}/?relationship={world.rel_it.pk}").status_code == 403
    assert client.post(f"/entry/{slug}/", data).status_code == 403
    assert _nothing_recorded()


def test_relationship_choices_hold_only_what_the_user_may_change(world):
    form = world.client("it_member").get("/entry/need/").context["form"]
    assert {r.pk for r in form.fields["relationship"].queryset} == {world.rel_ben.pk}
    form = world.client("it_manager").get("/entry/need/").context["form"]
    assert {r.pk for r in form.fields["relationship"].queryset} == {
        world.rel_ben.pk,
        world.rel_it.pk,
    }


# --- the register's actions --------------------------------------------------------------------

VERBS = ["keep", "keep-late", "renegotiate", "release", "break"]


@pytest.mark.parametrize("verb", VERBS)
def test_a_viewer_sees_commitments_but_may_not_close_them(world, verb):
    c_ = world.commitment()
    client = world.client("viewer")
    page = client.get("/commitments/")
    assert [row["id"] for row in page.context["page"]["commitments"]] == [c_.pk]
    assert f"/commitments/{c_.pk}/keep/" not in page.content.decode()
    assert client.get(f"/commitments/{c_.pk}/{verb}/").status_code == 403
    assert (
        client.post(f"/commitments/{c_.pk}/{verb}/", {"new_due_on": NEXT_YEAR}).status_code == 403
    )
    c_.refresh_from_db()
    assert c_.state == "open"


@pytest.mark.parametrize("who", ["outsider", "finance_member"])
@pytest.mark.parametrize("verb", VERBS)
def test_those_outside_the_scope_cannot_find_a_commitment(world, who, verb):
    c_ = world.commitment()
    client = world.client(who)
    assert client.get(f"/commitments/{c_.pk}/{verb}/").status_code == 404
    assert (
        client.post(f"/commitments/{c_.pk}/{verb}/", {"new_due_on": NEXT_YEAR}).status_code == 404
    )
    c_.refresh_from_db()
    assert c_.state == "open"


def test_a_member_may_not_close_a_commitment_of_the_units_relationship(world):
    c_ = world.commitment(by=world.ada, rel=world.rel_it, to=world.cleo_person)
    client = world.client("it_member")
    page = client.get("/commitments/").content.decode()
    assert f"/commitments/{c_.pk}/keep/" not in page
    assert client.post(f"/commitments/{c_.pk}/keep/").status_code == 403
    assert world.client("it_manager").post(f"/commitments/{c_.pk}/keep/").status_code == 302


def test_an_unknown_verb_is_not_found(world):
    c_ = world.commitment()
    assert world.client("admin").post(f"/commitments/{c_.pk}/forgive/").status_code == 404


def test_a_next_url_elsewhere_is_ignored(world):
    c_ = world.commitment()
    response = world.client("it_member").post(
        f"/commitments/{c_.pk}/keep/", {"next": "https://evil.example/"}
    )
    assert response.url == "/commitments/"


# --- CSRF --------------------------------------------------------------------------------------


def test_forms_and_actions_need_the_csrf_token(world):
    c_ = world.commitment()
    client = world.client("it_member", enforce_csrf_checks=True)
    assert client.post("/entry/need/", _valid(world, "need")).status_code == 403
    assert client.post(f"/commitments/{c_.pk}/keep/").status_code == 403
    assert m.Need.objects.count() == 0
    c_.refresh_from_db()
    assert c_.state == "open"
    # With the token from the page, the same post goes through.
    client.get("/entry/need/")
    token = client.cookies["csrftoken"].value
    ok = client.post("/entry/need/", {**_valid(world, "need"), "csrfmiddlewaretoken": token})
    assert ok.status_code == 302
    assert m.Need.objects.count() == 1


def test_every_form_page_carries_a_csrf_token(world):
    client = world.client("it_member")
    for url in FORMS:
        assert 'name="csrfmiddlewaretoken"' in client.get(url).content.decode(), url
    c_ = world.commitment()
    for verb in VERBS:
        page = client.get(f"/commitments/{c_.pk}/{verb}/").content.decode()
        assert 'name="csrfmiddlewaretoken"' in page, verb


# --- whose promises one may record -------------------------------------------------------------


def test_a_manager_may_not_record_or_break_promises_of_another_units_person_in_his_relationship(
    world,
):
    """IT's manager has a relationship with Cleo of Finance. Naming Cleo as promisor there and
    breaking the promises at once lowered her reliability; the import refuses the same rows
    (tests/test_import_scope.py). Promises of himself, his people and outside contacts stay his
    to record."""
    from trustledger.api.tokens import create_token

    rel = m.Relationship.objects.create(
        our_unit=world.cast.it, counterpart_person=world.cleo_person, started_on=dt.date(2026, 1, 5)
    )
    client = world.client("it_manager")
    promise = {
        "what": "Send the budget",
        "promisee": world.ada.pk,
        "due_on": NEXT_YEAR,
        "strength": "commitment",
        "relationship": rel.pk,
        "promisor": world.cleo_person.pk,
    }
    response = client.post(f"/entry/commitment/?relationship={rel.pk}", promise)
    assert response.status_code == 200 and "promisor" in response.context["form"].errors
    token = create_token(world.cast.it_manager, name="t", scope="read_write")[1]
    api = client.post(
        "/api/v1/commitments",
        {
            "promisor_id": world.cleo_person.pk,
            "promisee_id": world.ada.pk,
            "what": "Send the budget",
            "strength": "commitment",
            "due_at": f"{NEXT_YEAR}T12:00:00Z",
            "relationship_id": rel.pk,
        },
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert api.status_code == 403, api.content
    assert not m.Commitment.objects.filter(promisor=world.cleo_person).exists()
    # One recorded by an admin (who may): the manager reads it, and may not break it.
    stored = world.commitment(by=world.cleo_person, to=world.ada, rel=rel)
    page = client.get("/commitments/?format=json").json()
    assert [c["may_close"] for c in page["commitments"] if c["id"] == stored.pk] == [False]
    assert client.post(f"/commitments/{stored.pk}/break/").status_code == 403
    stored.refresh_from_db()
    assert stored.state == "open"
    # His own promise, and one of an outside contact, in the same relationship: still his.
    for promisor in (world.ada, world.hal):
        mine = {**promise, "promisor": promisor.pk, "promisee": world.cleo_person.pk}
        assert client.post(f"/entry/commitment/?relationship={rel.pk}", mine).status_code == 302
    assert m.Commitment.objects.filter(relationship=rel).count() == 3


def test_a_decision_on_ones_own_relationship_cannot_be_filed_as_another_units(world):
    """Cleo (Finance) posted decisions "decided by IT" on her own relationship, surprising
    Finance: each a surprise on IT's relationship with Finance, its reserve fell below zero.
    The form offered only her units; the API took any."""
    from trustledger.api.tokens import create_token

    token = create_token(world.cast.finance_member, name="t", scope="read_write")[1]
    auth = {"Authorization": f"Bearer {token}"}
    body = {
        "title": "IT cuts the budget",
        "relationship_id": world.rel_cleo.pk,
        "deciding_unit_id": world.cast.it.pk,
        "surprised_unit_ids": [world.cast.finance.pk],
        "decided_at": "2026-11-19T10:00:00Z",
    }
    client = world.client("finance_member")
    response = client.post("/api/v1/decisions", body, content_type="application/json", headers=auth)
    assert response.status_code == 403, response.content
    assert not m.Decision.objects.exists()
    # Her own unit decides on her relationship: still hers to record.
    body["deciding_unit_id"] = world.cast.finance.pk
    response = client.post("/api/v1/decisions", body, content_type="application/json", headers=auth)
    assert response.status_code == 201, response.content
