"""Erasure removes a person's personal data and leaves every score as it was."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from trustledger.api.models import ErasureAudit
from trustledger.directory.actions import erase_person
from trustledger.directory.models import Person, PersonIdentity
from trustledger.engine.reports import organization_report, person_report, relationship_report
from trustledger.ledger import actions
from trustledger.ledger.models import Commitment, Interaction

pytestmark = pytest.mark.django_db
AS_OF = dt.datetime(2026, 11, 20, 17, tzinfo=dt.UTC)


def _scores(ledger) -> dict:
    return {
        "organization": organization_report(AS_OF).to_dict(),
        "relationship": relationship_report(ledger.member_customer, AS_OF).to_dict(),
        "alice": person_report(ledger.alice, AS_OF).to_dict(),
    }


def test_erasing_a_person_keeps_every_score(cast, ledger):
    alice = ledger.alice
    alice.role, alice.concerns, alice.country = "Head of procurement", "Budget overruns", "DE"
    alice.save()
    actions.record_feedback(
        cast.admin, ledger.member_customer, summary="Alice: too slow", from_person=alice
    )
    actions.record_interaction(
        cast.admin,
        occurred_at=dt.datetime(2026, 6, 9, tzinfo=dt.UTC),
        channel="email",
        initiator=alice,
        participants=[cast.it_member.person],
        relationship=ledger.member_customer,
        subject="My private matter",
        notes="call me on my mobile",
    )
    before = _scores(ledger)
    removed = erase_person(cast.admin, alice)
    assert _scores(ledger) == before
    alice.refresh_from_db()
    assert alice.display_name == f"Erased person #{alice.pk}"
    assert alice.notes == "" and alice.erased_at is not None
    assert alice.role == "[erased]" and alice.concerns == "[erased]" and alice.country == "DE"
    assert not PersonIdentity.objects.filter(person=alice).exists()
    assert not Interaction.objects.filter(initiator=alice).exclude(subject="", notes="").exists()
    made = Commitment.objects.get(pk=ledger.commitments["alice_to_member"].pk)
    assert made.what == "[erased]" and made.statement == ""
    assert removed["identity"] == 1 and removed["person.display_name"] == 1
    audit = ErasureAudit.objects.get()
    assert audit.person_id == alice.pk and audit.erased_by == cast.admin
    assert audit.erased_by_username == "admin" and audit.removed == removed
    assert Person.objects.count() == 4  # ids and counts stay


@pytest.mark.parametrize("persona", ["it_manager", "it_member", "viewer", "outsider"])
def test_only_an_admin_erases(cast, ledger, persona):
    with pytest.raises(PermissionDenied):
        erase_person(getattr(cast, persona), ledger.alice)
    assert not ErasureAudit.objects.exists()


def test_the_people_erase_command(cast, ledger):
    out = io.StringIO()
    call_command("people", "erase", str(ledger.alice.pk), "--yes", "--by", "admin", stdout=out)
    assert f"Erased person {ledger.alice.pk}." in out.getvalue()
    ledger.alice.refresh_from_db()
    assert ledger.alice.erased_at is not None
    assert ErasureAudit.objects.get().erased_by_username == "admin"


def test_an_erased_person_reads_as_erased_through_the_api(cast, ledger, as_user):
    erase_person(cast.admin, ledger.alice)
    shown = as_user("it_member").get(f"/people/{ledger.alice.pk}").json()
    assert shown["display_name"] == f"Erased person #{ledger.alice.pk}" and shown["erased_at"]
    exported = as_user("it_member").get("/export/people.json").json()
    assert all("alice" not in row["email"] for row in exported)
