"""Merging two people: every record of both survives on the one kept."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from trustledger.accounts.models import User
from trustledger.directory.actions import MergeRefused, merge_people
from trustledger.directory.models import Person, PersonIdentity
from trustledger.ledger.models import (
    Commitment,
    FeedbackItem,
    Interaction,
    InteractionParticipant,
    Relationship,
)

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2025, 5, 1, 9, tzinfo=dt.UTC)


def person(name: str, email: str | None = None) -> Person:
    p = Person.objects.create(display_name=name)
    if email:
        PersonIdentity.objects.create(person=p, kind="email", value=email, normalized=email)
    PersonIdentity.objects.create(person=p, kind="name", value=name, normalized=name.lower())
    return p


def meeting(initiator: Person, *participants: Person, ext: str) -> Interaction:
    i = Interaction.objects.create(
        occurred_at=T0, channel="meeting", initiator=initiator, source="csv", external_id=ext
    )
    for p in participants:
        InteractionParticipant.objects.create(
            interaction=i, person=p, role="attendee", occurred_at=T0
        )
    return i


def promise(promisor: Person, promisee: Person, what: str) -> Commitment:
    return Commitment.objects.create(
        promisor=promisor,
        promisee=promisee,
        what=what,
        strength="commitment",
        made_at=T0,
        due_at=T0 + dt.timedelta(days=3),
    )


@pytest.fixture
def pair():
    keep, other = person("Jane Doe", "jane@acme.example"), person("Jane Doe", "jd@gmail.com")
    sam, lee = person("Sam Lee", "sam@ourco.example"), person("Lee Park", "lee@ourco.example")
    meeting(keep, sam, ext="1")
    meeting(other, sam, lee, ext="2")
    meeting(sam, keep, other, ext="3")  # both in one meeting
    meeting(other, keep, ext="4")  # other invited keep: keep becomes the initiator
    meeting(lee, other, ext="5")
    promise(keep, sam, "budget")
    promise(sam, other, "review")
    promise(other, lee, "slides")
    rel = Relationship.objects.create(
        our_person=sam, counterpart_person=other, started_on=T0.date()
    )
    FeedbackItem.objects.create(relationship=rel, received_at=T0, from_person=other, summary="ok")
    return keep, other, sam, lee


def test_merge_keeps_every_interaction_and_commitment_of_both(pair):
    keep, other, sam, lee = pair
    report = merge_people(keep, other)
    assert not Person.objects.filter(pk=other.pk).exists()
    assert Interaction.objects.count() == 5 and Commitment.objects.count() == 3
    assert set(
        Interaction.objects.filter(initiator=keep).values_list("external_id", flat=True)
    ) == {"1", "2", "4"}
    three = Interaction.objects.get(external_id="3")
    assert list(three.participants.values_list("person_id", flat=True)) == [keep.pk]
    assert not Interaction.objects.get(external_id="4").participants.exists()
    assert Interaction.objects.get(external_id="5").participants.get().person == keep
    assert Commitment.objects.filter(promisor=keep).count() == 2
    assert Commitment.objects.get(what="review").promisee == keep
    assert Relationship.objects.get().counterpart_person == keep
    assert FeedbackItem.objects.get().from_person == keep
    assert set(keep.identities.values_list("kind", "normalized")) == {
        ("email", "jane@acme.example"),
        ("email", "jd@gmail.com"),
        ("name", "jane doe"),
    }
    assert report.dropped["interaction participations"] == 2
    assert any("identities" in line for line in report.lines())


def test_a_person_cannot_be_merged_with_themself(pair):
    keep = pair[0]
    with pytest.raises(MergeRefused):
        merge_people(keep, keep)
    with pytest.raises(CommandError, match="same person"):
        call_command("people", "merge", str(keep.pk), str(keep.pk), "--yes")


def test_people_who_promised_each_other_are_not_merged_and_nothing_changes(pair):
    keep, other, *_ = pair
    promise(keep, other, "lunch")
    with pytest.raises(MergeRefused, match="commitments to each other"):
        merge_people(keep, other)
    assert Person.objects.filter(pk=other.pk).exists()
    assert other.identities.count() == 2


def test_the_login_of_the_merged_person_moves_unless_both_have_one(pair):
    keep, other, *_ = pair
    User.objects.create(username="jd", person=other)
    merge_people(keep, other)
    assert User.objects.get(username="jd").person == keep


def test_both_with_a_login_is_refused(pair):
    keep, other, *_ = pair
    User.objects.create(username="a", person=keep)
    User.objects.create(username="b", person=other)
    with pytest.raises(MergeRefused, match="both have"):
        merge_people(keep, other)


def test_the_command_prints_what_moved(pair):
    keep, other, *_ = pair
    out = StringIO()
    call_command("people", "merge", str(keep.pk), str(other.pk), "--yes", stdout=out)
    text = out.getvalue()
    assert f"Merged person {other.pk} into {keep.pk}." in text
    assert "moved 2 commitments (promisor)" in text or "moved 1 commitments" in text
    assert "interaction participations" in text


def test_the_command_names_a_missing_person(pair):
    with pytest.raises(CommandError, match="OTHER_ID: no person with id 999"):
        call_command("people", "merge", str(pair[0].pk), "999", "--yes")


def test_duplicates_lists_people_sharing_a_name(pair):
    out = StringIO()
    call_command("people", "duplicates", stdout=out)
    assert "jane doe:" in out.getvalue() and "1 names shared" in out.getvalue()
