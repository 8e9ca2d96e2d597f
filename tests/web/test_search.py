"""Search: accent-insensitive, across every kind of record, only what the persona may read,
grouped by kind with counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from trustledger.directory.models import Organization, Person
from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):  # type: ignore[no-untyped-def]
    vendor = Organization.objects.create(name="Szépművészeti Zrt", kind="supplier")
    agnes = Person.objects.create(display_name="Ágnes Esterházy", organization=vendor)
    ben = cast.it_member.person
    cleo = cast.finance_member.person
    ben_rel = m.Relationship.objects.create(
        our_person=ben,
        counterpart_person=agnes,
        started_on=dt.date(2026, 1, 5),
        purpose="Licences for the Esterházy archive",
    )
    cleo_rel = m.Relationship.objects.create(
        our_person=cleo,
        counterpart_person=agnes,
        started_on=dt.date(2026, 1, 5),
        purpose="Invoices from Szépművészeti",
    )
    now = timezone.now()
    m.Commitment.objects.create(
        promisor=ben,
        promisee=agnes,
        what="Send the Esterházy licence list",
        due_at=now,
        made_at=now - dt.timedelta(days=3),
        strength="commitment",
        relationship=ben_rel,
    )
    m.FeedbackItem.objects.create(
        relationship=cleo_rel, summary="Mrs Esterházy found the invoice late", received_at=now
    )
    interaction = m.Interaction.objects.create(
        occurred_at=now,
        channel="call",
        initiator=ben,
        relationship=ben_rel,
        subject="Call",
        notes="Talked about the ESTERHÁZY archive",
    )
    m.InteractionParticipant.objects.create(
        interaction=interaction, person=agnes, role="to", occurred_at=now
    )
    ben.notes = "Knows Esterházy from school"
    ben.save()
    return cast


def search(cast, persona: str, q: str) -> dict:  # type: ignore[type-arg]
    c = Client()
    c.force_login(getattr(cast, persona))
    return c.get("/search/", {"q": q, "format": "json"}).json()


def counts(data: dict) -> dict[str, int]:  # type: ignore[type-arg]
    return {g["kind"]: g["count"] for g in data["groups"] if g["count"]}


def test_it_finds_esterhazy_without_accents_in_every_kind(world):
    data = search(world, "admin", "esterhazy")
    assert counts(data) == {
        "people": 1,
        "relationships": 2,  # by the counterpart's name
        "commitments": 1,
        "feedback": 1,
        "notes": 2,  # the interaction's notes and Ben's person note
    }
    assert data["people"][0]["name"] == "Ágnes Esterházy"
    assert search(world, "admin", "SZEPMUVESZETI")["organizations"][0]["name"] == (
        "Szépművészeti Zrt"
    )


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        # Ben reads his own relationship and its records, not Cleo's, nor her feedback.
        ("it_member", {"people": 1, "relationships": 1, "commitments": 1, "notes": 2}),
        # The IT manager reads Ben in full (his note) and his relationship.
        ("it_manager", {"people": 1, "relationships": 1, "commitments": 1, "notes": 2}),
        ("viewer", {"people": 1, "relationships": 1, "commitments": 1, "notes": 2}),
        ("finance_member", {"people": 1, "relationships": 1, "feedback": 1}),
        ("outsider", {}),
    ],
)
def test_it_finds_only_what_the_persona_may_read(world, persona, expected):
    data = search(world, persona, "esterhazy")
    assert counts(data) == expected
    assert data["total"] == sum(expected.values())


def test_the_page_groups_hits_by_kind_with_counts_and_loads_the_slash_key(world):
    c = Client()
    c.force_login(world.it_member)
    html = c.get("/search/", {"q": "esterhazy"}).content.decode()
    assert '<a href="#s-people">People 1</a>' in html
    assert 'data-kind="feedback"' not in html  # an empty kind is not drawn
    assert "web/search-key.js" in html and "<script>" not in html
