"""The forms refuse implausible dates with the API's rule and reason (domain/dates.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from trustledger.directory.models import Organization, Person
from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(cast):  # type: ignore[no-untyped-def]
    customer = Organization.objects.create(name="Halvard", kind="customer")
    hal = Person.objects.create(display_name="Hal Customer", organization=customer)
    m.Relationship.objects.create(
        our_person=cast.it_member.person, counterpart_person=hal, started_on=dt.date(2026, 1, 5)
    )
    c = Client()
    c.force_login(cast.it_member)
    return c, hal


@pytest.mark.parametrize(
    ("day", "reason"),
    [("1900-01-01", "before 1970-01-01"), ("3000-01-01", "in the future")],
)
def test_an_interaction_dated_1900_or_3000_is_refused_with_a_reason(member, day, reason):
    c, hal = member
    response = c.post(
        "/entry/interaction/", {"person": hal.pk, "channel": "call", "occurred_on": day}
    )
    assert response.status_code == 200
    assert reason in str(response.context["form"].errors["occurred_on"])
    assert m.Interaction.objects.count() == 0


def test_a_due_date_beyond_the_horizon_is_refused_and_the_picker_says_the_bounds(member, settings):
    settings.TRUSTLEDGER_DUE_HORIZON_YEARS = 2
    c, hal = member
    today = timezone.localdate()
    form = {"what": "Plan", "promisee": hal.pk, "strength": "commitment"}
    beyond = c.post(
        "/entry/commitment/", {**form, "due_on": today.replace(year=today.year + 3).isoformat()}
    )
    assert "more than 2 years ahead" in str(beyond.context["form"].errors["due_on"])
    html = c.get("/entry/commitment/").content.decode()
    assert f'max="{today.replace(year=today.year + 2).isoformat()}"' in html
    within = c.post(
        "/entry/commitment/", {**form, "due_on": (today + dt.timedelta(days=400)).isoformat()}
    )
    assert within.status_code == 302
    assert m.Commitment.objects.count() == 1
