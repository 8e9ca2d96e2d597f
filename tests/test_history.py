"""The history of records: who changed what, when, before → after; read only within scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.utils import timezone

from trustledger.accounts.access import scope_for
from trustledger.directory.models import Organization, Person
from trustledger.history.context import acting
from trustledger.history.models import AppendOnly, Change
from trustledger.history.query import history_for
from trustledger.ledger import actions
from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db


@pytest.fixture
def rel(cast):  # type: ignore[no-untyped-def]
    customer = Organization.objects.create(name="Halvard", kind="customer")
    contact = Person.objects.create(display_name="Hal Contact", organization=customer)
    return m.Relationship.objects.create(
        our_unit=cast.it, counterpart_person=contact, started_on=dt.date(2026, 1, 5)
    )


def client_of(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def latest(obj) -> Change:  # type: ignore[no-untyped-def]
    kind = {m.Relationship: "relationship", Person: "person"}.get(type(obj))
    rows = Change.objects.filter(record_id=obj.pk)
    return (rows.filter(kind=kind) if kind else rows).order_by("-id").first()


def test_a_change_names_the_fields_with_before_and_after_in_words(cast, rel):
    rel.status = m.RelationshipStatus.PAUSED
    rel.service_level = m.ServiceLevel.PARTNER
    rel.started_on = dt.date(2026, 2, 1)
    rel.save()
    change = latest(rel)
    assert change.action == "changed"
    by_field = {c["field"]: c for c in change.changes}
    assert set(by_field) == {"status", "service_level", "started_on"}
    assert by_field["status"] | {} == {
        "field": "status",
        "label": "Status",
        "before": "Active",
        "after": "Paused",
    }
    assert (by_field["service_level"]["before"], by_field["service_level"]["after"]) == (
        "Vendor",
        "Partner",
    )
    assert by_field["started_on"]["after"] == "2026-02-01"


def test_a_save_that_changes_nothing_writes_no_history(cast, rel):
    before = Change.objects.count()
    rel.save()
    assert Change.objects.count() == before


def test_creation_lists_the_values_and_foreign_keys_read_as_names(cast, rel):
    change = latest(rel)
    assert change.action == "created"
    by_field = {c["field"]: c["after"] for c in change.changes}
    assert by_field["our_unit"] == "IT"
    assert by_field["counterpart_person"] == "Hal Contact"
    assert by_field["status"] == "Active"
    assert "created_at" not in by_field


def test_deletion_keeps_the_last_values(cast, rel):
    need = m.Need.objects.create(relationship=rel, description="Budget", raised_at=timezone.now())
    pk = need.pk
    need.delete()
    change = Change.objects.filter(kind="need", record_id=pk).order_by("-id").first()
    assert change.action == "deleted"
    assert {c["field"]: c["before"] for c in change.changes}["description"] == "Budget"


def test_participants_and_goals_are_recorded_as_set_changes(cast, rel):
    ada = cast.it_manager.person
    contact = rel.counterpart_person
    interaction = actions.record_interaction(
        cast.it_manager,
        occurred_at=timezone.now(),
        channel="meeting",
        initiator=ada,
        participants=[contact, cast.it_member.person],
        relationship=rel,
    )
    rows = Change.objects.filter(kind="interaction", record_id=interaction.pk).order_by("id")
    assert [r.action for r in rows] == ["created", "changed"]
    added = sorted(c["after"] for c in rows[1].changes)
    assert added == ["Ben Member · Attendee", "Hal Contact · Attendee"]
    assert {c["before"] for c in rows[1].changes} == {None}
    m.InteractionParticipant.objects.filter(person=contact).delete()
    removed = Change.objects.filter(kind="interaction", record_id=interaction.pk).latest("id")
    assert removed.changes[0]["before"] == "Hal Contact · Attendee"
    assert removed.changes[0]["after"] is None

    goal = m.Goal.objects.create(title="Faster month end", owner_unit=cast.it)
    rel.goals.add(goal)
    change = latest(rel)
    assert change.changes == [
        {"field": "goals", "label": "Goals", "before": None, "after": "Faster month end"}
    ]
    rel.goals.clear()
    assert latest(rel).changes[0]["before"] == "Faster month end"


def test_deleting_an_interaction_is_one_change_not_one_per_participant(cast, rel):
    interaction = actions.record_interaction(
        cast.admin,
        occurred_at=timezone.now(),
        channel="call",
        initiator=cast.it_manager.person,
        participants=[rel.counterpart_person, cast.it_member.person],
        relationship=rel,
    )
    pk = interaction.pk
    interaction.delete()
    rows = Change.objects.filter(kind="interaction", record_id=pk).order_by("id")
    assert [r.action for r in rows] == ["created", "changed", "deleted"]


def test_decision_stakeholders_are_recorded(cast, rel):
    decision = actions.record_decision(
        cast.admin, title="Move the ERP", relationship=rel, surprised_unit_ids=[cast.finance.pk]
    )
    change = Change.objects.filter(kind="decision", record_id=decision.pk).latest("id")
    assert change.changes[0]["field"] == "stakeholders"
    assert change.changes[0]["after"] == "Finance · Surprised after"


def test_the_web_request_s_user_is_the_actor(cast, rel):
    response = client_of(cast.it_manager).post(
        "/entry/interaction/",
        {
            "person": rel.counterpart_person.pk,
            "channel": "call",
            "occurred_on": timezone.now().date().isoformat(),
            "relationship": rel.pk,
        },
    )
    assert response.status_code == 302, response.content[:500]
    change = Change.objects.filter(kind="interaction").latest("id")
    assert (change.actor_id, change.actor_username, change.via) == (
        cast.it_manager.pk,
        "it_manager",
        "web",
    )


def test_the_api_token_s_user_is_the_actor(cast, rel):
    from trustledger.api.tokens import create_token

    commitment = actions.make_commitment(
        cast.admin,
        promisor=cast.it_manager.person,
        promisee=rel.counterpart_person,
        what="Send the plan",
        strength="commitment",
        made_at=timezone.now() - dt.timedelta(days=1),
        due_at=timezone.now() + dt.timedelta(days=5),
        relationship=rel,
    )
    token = create_token(cast.it_manager, name="t", scope="read_write")[1]
    response = Client().post(
        f"/api/v1/commitments/{commitment.pk}/keep",
        {},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200, response.content
    change = Change.objects.filter(kind="commitment", record_id=commitment.pk).latest("id")
    assert (change.actor_username, change.via) == ("it_manager", "API")
    state = next(c for c in change.changes if c["field"] == "state")
    assert (state["before"], state["after"]) == ("Open", "Kept")


def test_the_command_line_is_the_actor_without_a_user(cast, rel):
    from trustledger.cli import main

    person = Person.objects.create(display_name="Someone To Erase", organization=cast.ours)
    assert main(["people", "erase", str(person.pk), "--by", "admin", "--yes"]) == 0
    change = Change.objects.filter(kind="person", record_id=person.pk).latest("id")
    assert change.actor_id is None
    assert change.via == "command line (people)"


def test_an_import_job_is_named_as_the_actor(cast):
    with acting(cast.it_manager, "import job 12"):
        person = Person.objects.create(display_name="Imported", organization=cast.ours)
    change = latest(person)
    assert (change.actor_username, change.via) == ("it_manager", "import job 12")


def test_erasure_scrubs_the_person_from_every_history(cast, rel):
    from trustledger.directory.actions import erase_person

    hal = rel.counterpart_person
    hal.given_name, hal.notes = "Hal", "Likes long calls"
    hal.save()
    hal.display_name = "Hal Q. Contact"
    hal.save()
    interaction = actions.record_interaction(
        cast.admin,
        occurred_at=timezone.now(),
        channel="call",
        initiator=hal,
        participants=[cast.it_manager.person],
        relationship=rel,
        subject="Hal's secret plan",
    )
    commitment = actions.make_commitment(
        cast.admin,
        promisor=cast.it_manager.person,
        promisee=hal,
        what="Call back",
        strength="commitment",
        made_at=timezone.now(),
        due_at=timezone.now() + dt.timedelta(days=5),
        relationship=rel,
    )
    erase_person(cast.admin, hal)
    every = " ".join(str(c.changes) for c in Change.objects.all())
    for secret in ("Hal Contact", "Hal Q. Contact", "Likes long calls", "secret plan"):
        assert secret not in every
    assert f"Erased person #{hal.pk}" in str(latest(commitment).changes)
    assert Change.objects.filter(kind="interaction", record_id=interaction.pk).exists()
    own = Change.objects.filter(kind="person", record_id=hal.pk)
    assert all(row.scrubbed_at is not None for row in own)


def test_the_model_refuses_to_change_or_delete_a_row(cast, rel):
    change = latest(rel)
    with pytest.raises(AppendOnly):
        change.save()
    with pytest.raises(AppendOnly):
        change.delete()
    with pytest.raises(AppendOnly):
        Change.objects.filter(pk=change.pk).update(via="x")
    with pytest.raises(AppendOnly):
        Change.objects.all().delete()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE history_change SET actor_username = 'someone else'",
        "UPDATE history_change SET actor_username = 'x', scrubbed_at = CURRENT_TIMESTAMP",
        "UPDATE history_change SET changes = '[]'",
        "DELETE FROM history_change",
    ],
)
def test_the_database_refuses_to_rewrite_history(cast, rel, sql):
    change = latest(rel)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert Change.objects.get(pk=change.pk).changes == change.changes


def test_the_database_lets_erasure_scrub_values(cast, rel):
    change = latest(rel)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE history_change SET changes = '[]', scrubbed_at = CURRENT_TIMESTAMP "
            "WHERE id = %s",
            [change.pk],
        )
    assert Change.objects.get(pk=change.pk).changes == []


# --- reading, by persona -------------------------------------------------------------------------


def test_history_is_read_only_within_scope(cast, rel):
    rel.status = m.RelationshipStatus.PAUSED
    rel.save()
    for user in (cast.admin, cast.it_manager, cast.it_member, cast.viewer):
        assert history_for(rel, scope_for(user))[0]["action"] == "changed"
    for user in (cast.finance_member, cast.outsider):
        assert history_for(rel, scope_for(user)) == []
        assert history_for(("relationship", rel.pk), scope_for(user)) == []


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 200),
        ("it_manager", 200),
        ("it_member", 200),
        ("viewer", 200),
        ("finance_member", 404),
        ("outsider", 404),
    ],
)
def test_the_history_page_answers_by_scope(cast, rel, persona, status):
    client = client_of(getattr(cast, persona))
    response = client.get(f"/history/relationship/{rel.pk}/")
    assert response.status_code == status
    data = client.get(f"/history/relationship/{rel.pk}/?format=json")
    assert data.status_code == status
    if status == 200:
        assert data.json()["changes"][0]["action"] == "created"
        assert "History of relationship" in response.content.decode()


def test_the_history_page_refuses_unknown_kinds_and_bad_pages(cast, rel):
    client = client_of(cast.admin)
    assert client.get(f"/history/campaign/{rel.pk}/").status_code == 404
    assert client.get(f"/history/relationship/{rel.pk}/?page=0").status_code == 400
    assert client.get(f"/history/relationship/{rel.pk}/?page=x").status_code == 400
    assert client.get(f"/history/relationship/{rel.pk}/?page=9").status_code == 404


def test_the_history_page_is_paged(cast, rel):
    for n in range(55):
        rel.cadence_days = n + 1
        rel.save()
    client = client_of(cast.admin)
    first = client.get(f"/history/relationship/{rel.pk}/?format=json").json()
    assert (first["total"], first["pages"], len(first["changes"])) == (56, 2, 50)
    second = client.get(f"/history/relationship/{rel.pk}/?page=2&format=json").json()
    assert len(second["changes"]) == 6


def test_the_record_pages_show_the_history_and_their_json_twins_carry_it(cast, rel):
    rel.purpose = "Close the books faster"
    rel.save()
    client = client_of(cast.it_manager)
    page = client.get(f"/relationships/{rel.pk}/").content.decode()
    assert "History" in page and "Close the books faster" in page and "→" in page
    data = client.get(f"/relationships/{rel.pk}/?format=json").json()
    assert data["history"]["changes"][0]["changes"][0]["after"] == "Close the books faster"
    assert data["history"]["url"] == f"/history/relationship/{rel.pk}/"
    person = client.get(f"/people/{cast.it_member.person.pk}/?format=json").json()
    assert person["history"]["changes"][0]["action"] == "created"
    unit = client.get(f"/units/{cast.it.pk}/?format=json").json()
    assert unit["history"]["kind"] == "unit"
