"""The database itself rejects rows that break the ledger's rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from trustledger.directory.models import Organization, Person, PersonIdentity, Unit
from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC)


@pytest.fixture
def world():
    org = Organization.objects.create(name="Org", kind="ours")
    unit = Unit.objects.create(organization=org, name="IT")
    a = Person.objects.create(display_name="A", organization=org, unit=unit)
    b = Person.objects.create(display_name="B", organization=org, unit=unit)
    return org, unit, a, b


def _rejected(**kwargs):
    return pytest.raises(IntegrityError, **kwargs)


def test_an_unknown_organization_kind_is_rejected():
    with _rejected(), transaction.atomic():
        Organization.objects.create(name="X", kind="friend")


def test_a_relationship_needs_two_different_people(world):
    _, _, a, _ = world
    with _rejected(), transaction.atomic():
        m.Relationship.objects.create(our_person=a, counterpart_person=a, started_on=T0.date())


def test_a_relationship_needs_exactly_one_counterpart(world):
    org, unit, a, b = world
    with _rejected(), transaction.atomic():
        m.Relationship.objects.create(
            our_person=a, counterpart_person=b, counterpart_organization=org, started_on=T0.date()
        )
    with _rejected(), transaction.atomic():
        m.Relationship.objects.create(our_person=a, started_on=T0.date())


def test_a_relationship_has_one_side_of_ours(world):
    org, unit, a, b = world
    with _rejected(), transaction.atomic():
        m.Relationship.objects.create(
            our_person=a, our_unit=unit, counterpart_person=b, started_on=T0.date()
        )


def test_a_relationship_clean_explains_the_problem(world):
    _, unit, a, _ = world
    with pytest.raises(ValidationError, match="two different sides"):
        m.Relationship(our_unit=unit, counterpart_unit=unit, started_on=T0.date()).clean()


def test_a_service_level_outside_one_to_five_is_rejected(world):
    _, _, a, b = world
    with _rejected(), transaction.atomic():
        m.Relationship.objects.create(
            our_person=a, counterpart_person=b, service_level=6, started_on=T0.date()
        )


def test_a_level_change_must_move(world):
    _, _, a, b = world
    rel = m.Relationship.objects.create(our_person=a, counterpart_person=b, started_on=T0.date())
    with _rejected(), transaction.atomic():
        m.ServiceLevelChange.objects.create(
            relationship=rel, changed_at=T0, from_level=2, to_level=2, reason="none"
        )


def test_a_commitment_due_before_it_was_made_is_rejected(world):
    _, _, a, b = world
    with _rejected(), transaction.atomic():
        m.Commitment.objects.create(
            promisor=a,
            promisee=b,
            what="x",
            strength="commitment",
            made_at=T0,
            due_at=T0 - dt.timedelta(days=1),
        )


def test_a_commitment_with_an_unknown_strength_is_rejected(world):
    _, _, a, b = world
    with _rejected(), transaction.atomic():
        m.Commitment.objects.create(
            promisor=a,
            promisee=b,
            what="x",
            strength="pinky_swear",
            made_at=T0,
            due_at=T0 + dt.timedelta(days=1),
        )


def test_a_closed_commitment_needs_its_closing_time(world):
    _, _, a, b = world
    with _rejected(), transaction.atomic():
        m.Commitment.objects.create(
            promisor=a,
            promisee=b,
            what="x",
            strength="commitment",
            made_at=T0,
            due_at=T0,
            state="kept",
        )


def test_an_interaction_external_id_is_unique_per_source(world):
    _, _, a, _ = world
    m.Interaction.objects.create(
        occurred_at=T0, channel="email", initiator=a, source="mbox", external_id="<1@x>"
    )
    m.Interaction.objects.create(
        occurred_at=T0, channel="email", initiator=a, source="eml", external_id="<1@x>"
    )
    m.Interaction.objects.create(occurred_at=T0, channel="email", initiator=a, source="manual")
    m.Interaction.objects.create(occurred_at=T0, channel="email", initiator=a, source="manual")
    with _rejected(), transaction.atomic():
        m.Interaction.objects.create(
            occurred_at=T0, channel="email", initiator=a, source="mbox", external_id="<1@x>"
        )


def test_an_interaction_channel_must_be_known(world):
    _, _, a, _ = world
    with _rejected(), transaction.atomic():
        m.Interaction.objects.create(occurred_at=T0, channel="pigeon", initiator=a)


def test_a_person_appears_once_per_interaction(world):
    _, _, a, b = world
    i = m.Interaction.objects.create(occurred_at=T0, channel="meeting", initiator=a)
    m.InteractionParticipant.objects.create(
        interaction=i, person=b, role="attendee", occurred_at=T0
    )
    with _rejected(), transaction.atomic():
        m.InteractionParticipant.objects.create(interaction=i, person=b, role="cc", occurred_at=T0)


def test_an_email_address_belongs_to_one_person(world):
    _, _, a, b = world
    PersonIdentity.objects.create(person=a, kind="email", value="A@x.com", normalized="a@x.com")
    PersonIdentity.objects.create(person=b, kind="name", value="A", normalized="a")
    with _rejected(), transaction.atomic():
        PersonIdentity.objects.create(person=b, kind="email", value="a@x.com", normalized="a@x.com")


def test_feedback_cannot_close_before_it_arrived(world):
    _, _, a, b = world
    rel = m.Relationship.objects.create(our_person=a, counterpart_person=b, started_on=T0.date())
    with _rejected(), transaction.atomic():
        m.FeedbackItem.objects.create(
            relationship=rel, received_at=T0, summary="s", loop_closed_at=T0 - dt.timedelta(hours=1)
        )


def test_a_decision_stakeholder_is_someone(world):
    decision = m.Decision.objects.create(title="d", decided_at=T0)
    with _rejected(), transaction.atomic():
        m.DecisionStakeholder.objects.create(decision=decision, role="affected")


def test_a_unit_cannot_sit_under_another_organization(world):
    org, unit, _, _ = world
    other = Organization.objects.create(name="Other", kind="customer")
    child = Unit(organization=other, name="Team", parent=unit)
    with pytest.raises(ValidationError, match="same organization"):
        child.clean()


def test_a_unit_cannot_sit_under_itself(world):
    org, unit, _, _ = world
    child = Unit.objects.create(organization=org, name="Child", parent=unit)
    unit.parent = child
    with pytest.raises(ValidationError, match="under itself"):
        unit.clean()


def test_a_person_with_an_unknown_channel_preference_is_invalid(world):
    _, _, a, _ = world
    a.preferred_channels = "email,smoke-signal"
    with pytest.raises(ValidationError, match="smoke-signal"):
        a.clean()
