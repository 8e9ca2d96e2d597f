"""Writing the directory through the API, per persona, with the web's rules: people
(including their script), units, organizations and relationships; POST, PATCH, DELETE."""

from __future__ import annotations

import pytest

from tests.api.conftest import PERSONAS
from trustledger.directory.models import Organization, Person, Unit
from trustledger.ledger.models import Relationship

pytestmark = pytest.mark.django_db

SCRIPT = {
    "important_to_them": "Invoices paid on time",
    "wants_next": "A single contact",
    "bad_outcome": "A missed quarter close",
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_adding_a_person_to_it_is_its_managers_and_the_admins(ledger, cast, as_user, persona):
    response = as_user(persona).post(
        "/people", {"display_name": f"New by {persona}", "unit_id": cast.it.pk, **SCRIPT}
    )
    if persona in {"admin", "it_manager"}:
        assert response.status_code == 201, response.json()
        made = Person.objects.get(pk=response.json()["id"])
        assert made.unit_id == cast.it.pk and made.search_name == f"new by {persona}\n"
        assert {k: response.json()[k] for k in SCRIPT} == SCRIPT
    elif persona == "viewer":
        assert response.status_code == 403
    else:  # a member (and a user with nothing) may not put anyone in IT: the reason says so
        assert response.status_code in {403, 404}, response.json()
        if response.status_code == 404:
            assert response.json()["errors"][0]["reason"].startswith("unit_id:")
    assert Person.objects.filter(display_name=f"New by {persona}").exists() == (
        persona in {"admin", "it_manager"}
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_outside_contact_is_for_every_writer(ledger, as_user, persona):
    response = as_user(persona).post(
        "/people", {"display_name": "Contact", "organization_id": ledger.customer.pk}
    )
    want = 403 if persona in {"viewer", "outsider"} else 201
    assert response.status_code == want, response.json()


@pytest.mark.parametrize(
    ("persona", "want"),
    [
        ("admin", 200),
        ("it_manager", 200),
        ("it_member", 200),  # his own relationship's counterpart
        ("finance_member", 404),
        ("viewer", 403),
        ("outsider", 404),
    ],
)
def test_changing_a_contact_follows_person_rights(ledger, as_user, persona, want):
    response = as_user(persona).patch(f"/people/{ledger.alice.pk}", {"wants_next": "A call"})
    assert response.status_code == want, response.json()
    ledger.alice.refresh_from_db()
    assert (ledger.alice.wants_next == "A call") == (want == 200)


def test_own_person_changes_only_context_and_script(ledger, cast, as_user):
    api = as_user("it_member")
    me = cast.it_member.person
    assert api.patch(f"/people/{me.pk}", SCRIPT).status_code == 200
    refused = api.patch(f"/people/{me.pk}", {"display_name": "Benjamin"})
    assert refused.status_code == 403
    me.refresh_from_db()
    assert me.display_name == "Ben Member" and me.important_to_them == SCRIPT["important_to_them"]


def test_bad_values_name_the_field_and_write_nothing(ledger, cast, as_user):
    api = as_user("admin")
    before = Person.objects.count()
    for body, field in [
        ({"display_name": ""}, "display_name"),
        ({"display_name": "x" * 201}, "display_name"),
        ({"display_name": "X", "time_zone": "Mars/Base"}, "time_zone"),
        ({"display_name": "X", "preferred_channels": "pigeon"}, "preferred_channels"),
    ]:
        response = api.post("/people", body)
        assert response.status_code == 422, body
        assert response.json()["errors"][0]["field"] == field, response.json()
    unknown = api.post("/people", {"display_name": "X", "unit_id": 999_999})
    assert unknown.status_code == 404
    assert unknown.json()["errors"][0]["reason"].startswith("unit_id:")
    assert Person.objects.count() == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_deleting_a_person_is_may_delete_persons_decision(ledger, cast, as_user, persona):
    contact = Person.objects.create(
        display_name="Temp", organization=ledger.customer, added_by=cast.it_member
    )
    response = as_user(persona).delete(f"/people/{contact.pk}")
    # Ben entered the contact: he reads and deletes it; to the others it is out of reach.
    want = {"admin": 204, "it_member": 204}.get(persona, 404)
    assert response.status_code == want, response.content
    assert Person.objects.filter(pk=contact.pk).exists() == (want != 204)
    # Nobody deletes someone with a login, not even the admin.
    refused = as_user(persona).delete(f"/people/{cast.it_member.person_id}")
    assert refused.status_code in {403, 404}


@pytest.mark.parametrize("persona", PERSONAS)
def test_units_under_ones_own_are_the_managers(ledger, cast, as_user, persona):
    api = as_user(persona)
    response = api.post("/units", {"name": f"Desk {persona}", "parent_id": cast.it.pk})
    want = 201 if persona in {"admin", "it_manager"} else 403
    assert response.status_code == want, response.json()
    if want != 201:
        assert not Unit.objects.filter(name=f"Desk {persona}").exists()
        return
    desk = response.json()["id"]
    assert response.json()["organization_id"] == cast.ours.pk
    assert api.patch(f"/units/{desk}", {"kind": "department"}).json()["kind"] == "department"
    # No cycles: IT cannot go under its own desk.
    cycle = api.patch(f"/units/{cast.it.pk}", {"parent_id": desk})
    assert cycle.status_code in {403, 422}
    assert api.delete(f"/units/{desk}").status_code == 204


@pytest.mark.parametrize("persona", PERSONAS)
def test_organizations_per_persona(ledger, cast, as_user, persona):
    api = as_user(persona)
    response = api.post("/organizations", {"name": f"Org {persona}", "kind": "supplier"})
    want = 403 if persona in {"viewer", "outsider"} else 201
    assert response.status_code == want, response.json()
    if want == 201:
        pk = response.json()["id"]
        assert api.patch(f"/organizations/{pk}", {"notes": "n"}).status_code == 200
        assert api.delete(f"/organizations/{pk}").status_code == 204
    ours = api.post("/organizations", {"name": "Ours too", "kind": "ours"})
    assert ours.status_code == (201 if persona == "admin" else 403)
    # Our own organization is the admin's to change.
    change = api.patch(f"/organizations/{cast.ours.pk}", {"notes": "x"})
    assert change.status_code == (
        200 if persona == "admin" else 403 if persona != "outsider" else 404
    )


def test_a_delete_that_others_block_is_a_409(ledger, cast, as_user):
    Unit.objects.create(organization=cast.ours, parent=cast.it, name="Service desk")
    response = as_user("admin").delete(f"/units/{cast.it.pk}")
    assert response.status_code == 409
    assert "Service desk" in response.json()["errors"][0]["reason"]
    assert Unit.objects.filter(pk=cast.it.pk).exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_relationships_per_persona(ledger, cast, as_user, persona):
    api = as_user(persona)
    body = {
        "our_person_id": cast.it_member.person_id,
        "counterpart_organization_id": ledger.customer.pk,
        "started_on": "2026-02-01",
        "purpose": "Renewals",
    }
    response = api.post("/relationships", body)
    want = {"admin": 201, "it_manager": 201, "it_member": 201, "viewer": 403}.get(persona, 404)
    if persona == "outsider":
        want = 403
    assert response.status_code == want, response.json()
    if want == 404:  # Cleo may not put Ben on our side
        assert response.json()["errors"][0]["reason"].startswith("our_person_id:")
    if want != 201:
        return
    pk = response.json()["id"]
    changed = api.patch(f"/relationships/{pk}", {"cadence_days": 14, "status": "paused"})
    assert (changed.json()["cadence_days"], changed.json()["status"]) == (14, "paused")
    assert api.patch(f"/relationships/{pk}", {"cadence_days": 0}).status_code == 422
    assert api.delete(f"/relationships/{pk}").status_code == 204


@pytest.mark.parametrize(
    ("persona", "want"),
    [("admin", 200), ("it_manager", 200), ("it_member", 403), ("finance_member", 404)],
)
def test_changing_a_units_relationship_is_its_managers(ledger, as_user, persona, want):
    response = as_user(persona).patch(f"/relationships/{ledger.it_finance.pk}", {"purpose": "p"})
    assert response.status_code == want
    assert (Relationship.objects.get(pk=ledger.it_finance.pk).purpose == "p") == (want == 200)


def test_a_forged_counterpart_out_of_reach_is_not_found_naming_the_field(ledger, cast, as_user):
    stranger = Person.objects.create(display_name="Stranger")
    response = as_user("it_member").post(
        "/relationships",
        {
            "our_person_id": cast.it_member.person_id,
            "counterpart_person_id": stranger.pk,
            "started_on": "2026-02-01",
        },
    )
    assert response.status_code == 404
    assert response.json()["errors"][0]["reason"].startswith("counterpart_person_id:")


def test_a_read_only_token_writes_nothing(ledger, tokens):
    from tests.api.conftest import Api

    api = Api(tokens["admin_read"])
    assert api.post("/organizations", {"name": "R", "kind": "partner"}).status_code == 403
    assert api.delete(f"/people/{ledger.alice.pk}").status_code == 403
    assert not Organization.objects.filter(name="R").exists()


def test_the_writes_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/people/{person_id}", "/api/v1/units/{unit_id}"):
        assert {"patch", "delete"} <= set(paths[path])
    assert "post" in paths["/api/v1/relationships"] and "post" in paths["/api/v1/organizations"]
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["PersonOut"]
    assert set(SCRIPT) <= set(schema["properties"])
