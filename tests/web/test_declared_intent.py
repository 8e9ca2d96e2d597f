"""Declared intent: an interaction records whether it carried a request and whether the one
asking said why, from the web form and the API; the core's "declare your intent" next action
then fires on the relationship where our asks go without a reason, and its button opens the
form with "said why" chosen."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from trustledger.accounts.models import User
from trustledger.demo import cast as story
from trustledger.directory.models import Person
from trustledger.domain.actions import ActionKind
from trustledger.engine.reports import relationship_report
from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db


def _rel(counterpart: str) -> m.Relationship:
    return m.Relationship.objects.get(our_unit__name="IT", counterpart_unit__name=counterpart)


def _theirs(rel: m.Relationship) -> int:
    return Person.objects.filter(unit=rel.counterpart_unit).order_by("pk").first().pk


def _kinds(rel: m.Relationship) -> set[ActionKind]:
    return {a.kind for a in relationship_report(rel, story.DEMO_END).actions}


def test_the_demo_fires_declare_intent_where_asks_go_without_a_reason(demo_client):
    demo_client("admin")  # loads the demo
    assert ActionKind.DECLARE_INTENT in _kinds(_rel("Marketing"))
    assert ActionKind.DECLARE_INTENT not in _kinds(_rel("Finance"))
    share = relationship_report(_rel("Finance"), story.DEMO_END).measures.attention
    assert share.undeclared_intent_share.value == 0.0


def test_an_ask_logged_without_a_reason_fires_it_and_the_record_says_so(demo_client):
    client = demo_client("tobias")
    rel = _rel("Finance")
    assert ActionKind.DECLARE_INTENT not in _kinds(rel)
    me = User.objects.get(username="tobias").person_id
    response = client.post(
        "/entry/interaction/",
        {
            "person": [_theirs(rel)],
            "channel": "email",
            "occurred_on": (story.DEMO_END - dt.timedelta(days=1)).date().isoformat(),
            "relationship": rel.pk,
            "initiator": me,
            "answered": "unknown",
            "focus": "unknown",
            "request": "undeclared",
            "subject": "Need the cost centres",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    made = m.Interaction.objects.get(subject="Need the cost centres")
    assert (made.is_request, made.intent_declared) == (True, False)
    assert ActionKind.DECLARE_INTENT in _kinds(rel)
    page = client.get(f"/records/interaction/{made.pk}/").content.decode()
    assert "A request?" in page and "Yes, without saying why" in page


def test_the_button_opens_the_form_with_said_why_chosen(demo_client):
    client = demo_client("admin")
    rel = _rel("Marketing")
    url = f"/relationships/{rel.pk}/?format=json&as_of={story.DEMO_END.date()}"
    actions = client.get(url).json()["report"]["actions"]
    action = next(a for a in actions if a["kind"] == "declare_intent")
    query = parse_qs(urlsplit(action["do"]["url"]).query)
    assert query["request"] == ["declared"]
    form = client.get(action["do"]["url"]).context["form"]
    assert form["request"].value() == "declared"


def test_the_api_takes_the_request_and_refuses_intent_without_one(demo_client):
    client = demo_client("admin")
    rel = _rel("Finance")
    body = {
        "occurred_at": (story.DEMO_END - dt.timedelta(days=2)).isoformat(),
        "channel": "email",
        "initiator_id": Person.objects.filter(unit=rel.our_unit).first().pk,
        "participant_ids": [_theirs(rel)],
        "relationship_id": rel.pk,
    }
    refused = client.post(
        "/api/v1/interactions",
        {**body, "intent_declared": True},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "intent_declared" in refused.content.decode()
    made = client.post(
        "/api/v1/interactions",
        {**body, "is_request": True, "intent_declared": True},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content.decode()
    assert (made.json()["is_request"], made.json()["intent_declared"]) == (True, True)
