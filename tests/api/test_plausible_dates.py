"""The API refuses implausible dates with the same rule and reason as the forms
(trustledger/domain/dates.py): nothing dated 1900 or 3000, due dates up to the horizon."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db


def interaction(ledger, occurred_at: str) -> dict[str, object]:
    return {
        "occurred_at": occurred_at,
        "channel": "call",
        "initiator_id": ledger.member_customer.our_person_id,
        "participant_ids": [ledger.alice.pk],
        "relationship_id": ledger.member_customer.pk,
    }


@pytest.mark.parametrize(
    ("occurred_at", "reason"),
    [
        ("1900-01-01T10:00:00Z", "before 1970-01-01"),
        ("2100-01-01T10:00:00Z", "in the future"),
        # Outside the years the schema's pattern states (its OpenAPI document says so too).
        ("3000-01-01T10:00:00Z", "from 1900 to 2199"),
    ],
)
def test_an_interaction_dated_1900_or_3000_is_refused_with_a_reason(
    ledger, as_user, occurred_at, reason
):
    before = m.Interaction.objects.count()
    response = as_user("it_member").post("/interactions", interaction(ledger, occurred_at))
    assert response.status_code == 422, response.content
    error = response.json()["errors"][0]
    assert error["field"] == "occurred_at" and reason in error["reason"]
    assert m.Interaction.objects.count() == before


def test_an_interaction_of_today_is_taken(ledger, as_user):
    now = timezone.now().replace(microsecond=0).isoformat()
    response = as_user("it_member").post("/interactions", interaction(ledger, now))
    assert response.status_code == 201, response.content


def commitment(ledger, due: dt.date) -> dict[str, object]:
    return {
        "promisor_id": ledger.member_customer.our_person_id,
        "promisee_id": ledger.alice.pk,
        "what": "Send the plan",
        "strength": "commitment",
        "due_at": f"{due.isoformat()}T12:00:00Z",
        "relationship_id": ledger.member_customer.pk,
    }


def test_a_due_date_is_taken_up_to_the_horizon_and_refused_beyond(ledger, as_user, settings):
    settings.TRUSTLEDGER_DUE_HORIZON_YEARS = 2
    today = timezone.now().date()
    api = as_user("it_member")
    within = api.post("/commitments", commitment(ledger, today.replace(year=today.year + 1)))
    assert within.status_code == 201, within.content
    beyond = api.post("/commitments", commitment(ledger, today.replace(year=today.year + 3)))
    assert beyond.status_code == 422
    assert "more than 2 years ahead" in beyond.json()["errors"][0]["reason"]
