"""The service levels page: the pyramid by level, the quarter's moves, scoped, few queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.web.test_entry import World
from trustledger.directory.models import Person
from trustledger.ledger import actions
from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):  # type: ignore[no-untyped-def]
    return World(cast)


def _counts(page: dict) -> dict[int, int]:
    return {step["level"]: step["count"] for step in page["pyramid"]}


def test_the_pyramid_counts_relationships_per_level_top_down(world):
    page = world.client("admin").get("/levels/?format=json").json()
    assert [step["level"] for step in page["pyramid"]] == [5, 4, 3, 2, 1]
    assert page["pyramid"][0]["label"] == "Trusted advisor"
    assert page["pyramid"][-1]["label"] == "Vendor"
    assert _counts(page) == {5: 0, 4: 1, 3: 1, 2: 1, 1: 0}
    names = [r["id"] for r in page["pyramid"][1]["relationships"]]
    assert names == [world.rel_cleo.pk]


def test_the_pyramid_is_accessible_html(world):
    html = world.client("admin").get("/levels/").content.decode()
    assert '<ol class="pyramid"' in html
    assert 'data-level="4" data-count="1"' in html
    assert "4 · Partner" in html
    assert f'href="/relationships/{world.rel_cleo.pk}/"' in html


def test_the_pyramid_is_scoped(world):
    member = world.client("it_member").get("/levels/?format=json").json()
    assert _counts(member) == {5: 0, 4: 0, 3: 1, 2: 1, 1: 0}
    finance = world.client("finance_member").get("/levels/?format=json").json()
    assert _counts(finance) == {5: 0, 4: 1, 3: 0, 2: 0, 1: 0}
    outsider = world.client("outsider").get("/levels/?format=json").json()
    assert outsider["total"] == 0 and outsider["moves"] == []


def test_the_quarters_moves_show_direction_and_reason(world):
    actions.change_service_level(
        world.cast.admin, world.rel_ben, to_level=3, reason="They asked us why."
    )
    actions.change_service_level(
        world.cast.admin, world.rel_cleo, to_level=2, reason="A surprise outage."
    )
    old = actions.change_service_level(
        world.cast.admin, world.rel_it, to_level=4, reason="Long ago."
    )
    m.ServiceLevelChange.objects.filter(pk=old.pk).update(
        changed_at=timezone.now() - dt.timedelta(days=120)
    )
    page = world.client("admin").get("/levels/?format=json").json()
    moves = {mv["relationship"]["id"]: mv for mv in page["moves"]}
    assert set(moves) == {world.rel_ben.pk, world.rel_cleo.pk}  # last quarter only
    assert moves[world.rel_ben.pk]["direction"] == "up"
    assert moves[world.rel_cleo.pk]["direction"] == "down"
    assert moves[world.rel_cleo.pk]["reason"] == "A surprise outage."
    assert (page["ups"], page["downs"]) == (1, 1)
    html = world.client("admin").get("/levels/").content.decode()
    assert "They asked us why." in html and "Problem solver → Consultant" in html
    # A member of another unit does not see our moves.
    finance = world.client("finance_member").get("/levels/?format=json").json()
    assert [mv["relationship"]["id"] for mv in finance["moves"]] == [world.rel_cleo.pk]


def test_a_viewer_sees_the_pyramid_but_is_offered_no_level_change(world):
    response = world.client("viewer").get("/levels/")
    assert response.status_code == 200
    assert response.context["page"]["may_change_levels"] is False
    assert 'href="/entry/level/"' not in response.content.decode()
    assert world.client("it_member").get("/levels/").context["page"]["may_change_levels"]


def test_an_anonymous_visitor_is_sent_to_log_in(world):
    response = world.client("anonymous").get("/levels/")
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_the_levels_page_makes_no_query_per_relationship(world, django_assert_max_num_queries):
    hal = world.hal
    for i in range(40):
        person = Person.objects.create(display_name=f"Client {i}", organization=hal.organization)
        rel = m.Relationship.objects.create(
            our_person=world.ben,
            counterpart_person=person,
            started_on=dt.date(2026, 1, 5),
            service_level=1 + i % 5,
        )
        actions.change_service_level(
            world.cast.admin, rel, to_level=1 + (i + 1) % 5, reason=f"Move {i}"
        )
    client = world.client("it_manager")
    client.get("/levels/")
    with django_assert_max_num_queries(8):
        response = client.get("/levels/")
    assert response.context["page"]["total"] == 42
    assert len(response.context["page"]["moves"]) == 40
