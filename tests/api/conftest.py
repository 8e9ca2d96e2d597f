"""API fixtures: a small ledger around the `cast` personas, tokens, and a JSON client."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from trustledger.api.tokens import create_token
from trustledger.directory.models import Organization, Person, PersonIdentity
from trustledger.ledger import actions
from trustledger.ledger.models import Relationship

T0 = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
PERSONAS = ("admin", "it_manager", "it_member", "finance_member", "viewer", "outsider")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


class Api:
    """A test client that speaks JSON with a bearer token."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.token = token

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{path}", params, headers=self._headers())

    def post(self, path: str, data: Any = None) -> Any:
        return self.client.post(
            f"/api/v1{path}",
            json.dumps(data if data is not None else {}),
            content_type="application/json",
            headers=self._headers(),
        )

    def patch(self, path: str, data: Any = None) -> Any:
        return self.client.patch(
            f"/api/v1{path}",
            json.dumps(data if data is not None else {}),
            content_type="application/json",
            headers=self._headers(),
        )

    def delete(self, path: str) -> Any:
        return self.client.delete(f"/api/v1{path}", headers=self._headers())


@dataclass
class Ledger:
    customer: Any
    alice: Any  # a customer contact of the IT member
    it_finance: Any  # IT unit ↔ Finance unit
    member_customer: Any  # IT member ↔ Alice
    finance_it: Any  # Finance member ↔ IT manager
    interactions: list[Any]
    commitments: dict[str, Any]


@pytest.fixture
def ledger(cast) -> Ledger:
    customer = Organization.objects.create(
        name="Halvard", kind="customer", email_domains="halvard.example"
    )
    alice = Person.objects.create(
        display_name="Alice Customer", organization=customer, notes="likes calls"
    )
    people = {
        "it_manager": cast.it_manager.person,
        "it_member": cast.it_member.person,
        "finance_member": cast.finance_member.person,
    }
    for key, person in [*people.items(), ("alice", alice)]:
        PersonIdentity.objects.create(
            person=person, kind="email", value=f"{key}@example.com", normalized=f"{key}@example.com"
        )
    day = dt.date(2026, 1, 1)
    it_finance = Relationship.objects.create(
        our_unit=cast.it, counterpart_unit=cast.finance, started_on=day
    )
    member_customer = Relationship.objects.create(
        our_person=people["it_member"], counterpart_person=alice, started_on=day
    )
    finance_it = Relationship.objects.create(
        our_person=people["finance_member"], counterpart_person=people["it_manager"], started_on=day
    )
    admin = cast.admin
    interactions = [
        actions.record_interaction(
            admin,
            occurred_at=T0 + dt.timedelta(days=i),
            channel="call",
            initiator=people["it_member"],
            participants=[alice],
            relationship=member_customer,
            duration_minutes=30,
            answered=True,
            subject=f"Call {i}",
        )
        for i in range(5)
    ]
    interactions.append(
        actions.record_interaction(
            admin,
            occurred_at=T0,
            channel="meeting",
            initiator=people["finance_member"],
            participants=[people["it_manager"]],
            relationship=finance_it,
        )
    )
    commitments = {
        "member_to_alice": actions.make_commitment(
            admin,
            promisor=people["it_member"],
            promisee=alice,
            what="Send the migration plan",
            strength="commitment",
            made_at=T0,
            due_at=T0 + dt.timedelta(days=7),
            relationship=member_customer,
            statement="I will send the plan by next Monday.",
        ),
        "alice_to_member": actions.make_commitment(
            admin,
            promisor=alice,
            promisee=people["it_member"],
            what="Share the budget figures",
            strength="best_effort",
            made_at=T0,
            due_at=T0 + dt.timedelta(days=10),
            relationship=member_customer,
        ),
        "finance_to_manager": actions.make_commitment(
            admin,
            promisor=people["finance_member"],
            promisee=people["it_manager"],
            what="Approve the invoice",
            strength="good_intention",
            made_at=T0,
            due_at=T0 + dt.timedelta(days=3),
            relationship=finance_it,
        ),
    }
    return Ledger(
        customer, alice, it_finance, member_customer, finance_it, interactions, commitments
    )


@pytest.fixture
def tokens(cast) -> dict[str, str]:
    """A read-write token per persona, and 'viewer_read' / 'it_member_read' read-only tokens."""
    found = {
        name: create_token(getattr(cast, name), name=f"{name} rw", scope="read_write")[1]
        for name in PERSONAS
    }
    found["it_member_read"] = create_token(cast.it_member, name="read", scope="read")[1]
    found["admin_read"] = create_token(cast.admin, name="read", scope="read")[1]
    return found


@pytest.fixture
def as_user(tokens):
    return lambda name: Api(tokens[name])
