"""Organizations, units, people and relationships from the web: the named actions' rights
per persona (admin, tobias the IT manager, priya an IT member, margit the Finance manager,
ines a viewer), the forms, the confirmation before deleting and the pages' links."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trustledger.accounts.access import scope_for
from trustledger.accounts.models import User
from trustledger.directory import actions as d
from trustledger.directory.models import Organization, Person, Unit
from trustledger.domain.limits import TEXT_MAX
from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db

PERSONAS = ("admin", "tobias", "priya", "margit", "ines")


def user(name: str) -> Any:
    return User.objects.get(username=name)


def person(name: str) -> Person:
    return Person.objects.get(display_name=name)


def unit(name: str) -> Unit:
    return Unit.objects.get(name=name)


def customer() -> Organization:
    return Organization.objects.get(name="Halvard Logistics")


def allowed(call: Any) -> bool:
    try:
        call()
    except PermissionDenied:
        return False
    return True


# --- the actions, per persona -----------------------------------------------------------------


def test_adding_a_person_to_a_unit_is_for_its_manager_and_the_admin(demo):
    outcome = {
        name: allowed(
            lambda name=name: d.create_person(
                user(name), display_name=f"New in IT by {name}", unit=unit("IT")
            )
        )
        for name in PERSONAS
    }
    assert outcome == {
        "admin": True, "tobias": True, "priya": False, "margit": False, "ines": False,
    }  # fmt: skip
    added = person("New in IT by tobias")
    assert added.organization == unit("IT").organization  # taken from the unit
    assert added.added_by == user("tobias")


def test_outside_contacts_are_added_by_managers_and_members_not_viewers(demo):
    outcome = {
        name: allowed(
            lambda name=name: d.create_person(
                user(name), display_name=f"Contact of {name}", organization=customer()
            )
        )
        for name in PERSONAS
    }
    assert outcome == {
        "admin": True, "tobias": True, "priya": True, "margit": True, "ines": False,
    }  # fmt: skip
    # The one who entered a contact sees it at once, before any relationship names it.
    contact = person("Contact of priya")
    assert scope_for(user("priya")).people().filter(pk=contact.pk).exists()
    assert not scope_for(user("margit")).people().filter(pk=contact.pk).exists()


def test_who_may_edit_a_person(demo):
    oskar, priya, tobias = (
        person("Oskar Wendt"),
        person("Priya Raghunathan"),
        person("Tobias Reinholt"),
    )
    rights = {
        (name, who.display_name): d.person_rights(scope_for(user(name)), who)
        for name in PERSONAS
        for who in (oskar, priya, tobias)
    }
    assert rights[("admin", "Oskar Wendt")] == d.FULL
    assert rights[("tobias", "Priya Raghunathan")] == d.FULL  # IT's manager, her unit is below
    assert rights[("tobias", "Oskar Wendt")] is None  # Finance's person
    assert rights[("margit", "Oskar Wendt")] == d.FULL
    assert rights[("margit", "Priya Raghunathan")] is None
    assert rights[("priya", "Priya Raghunathan")] == d.CONTEXT  # her own local context only
    assert rights[("priya", "Tobias Reinholt")] is None
    assert {rights[("ines", p.display_name)] for p in (oskar, priya, tobias)} == {None}


def test_a_member_changes_her_own_context_but_not_her_unit_or_name(demo):
    priya = person("Priya Raghunathan")
    changed = d.update_person(user("priya"), priya, wants_next="A shared on-call rota")
    assert changed == ["wants_next"]
    with pytest.raises(PermissionDenied):
        d.update_person(user("priya"), priya, display_name="Someone else")
    with pytest.raises(PermissionDenied):
        d.update_person(user("priya"), priya, unit=unit("Finance"))
    with pytest.raises(PermissionDenied):
        d.update_person(user("ines"), person("Ines Okonkwo-Brandt"), role="CEO")
    priya.refresh_from_db()
    assert priya.display_name == "Priya Raghunathan" and priya.unit == unit("IT Platform (onshore)")


def test_a_manager_cannot_move_a_person_out_of_reach(demo):
    with pytest.raises(PermissionDenied):
        d.update_person(user("tobias"), person("Priya Raghunathan"), unit=unit("Finance"))
    assert person("Priya Raghunathan").unit == unit("IT Platform (onshore)")


def test_relationships_whose_our_side_is_mine_or_my_units(demo):
    contact = d.create_person(user("admin"), display_name="Ulla Outside", organization=customer())
    day = dt.date(2026, 11, 1)

    def add(name: str, **ours: Any) -> bool:
        return allowed(
            lambda: d.create_relationship(
                user(name), counterpart_organization=customer(), started_on=day, **ours
            )
        )

    it, finance = unit("IT"), unit("Finance")
    assert [add(n, our_unit=it) for n in PERSONAS] == [True, True, False, False, False]
    assert [add(n, our_unit=finance) for n in PERSONAS] == [True, False, False, True, False]
    mine = person("Priya Raghunathan")
    assert [add(n, our_person=mine) for n in PERSONAS] == [True, True, True, False, False]
    rel = d.create_relationship(
        user("priya"), our_person=mine, counterpart_organization=customer(), started_on=day
    )
    assert allowed(lambda: d.update_relationship(user("priya"), rel, purpose="Shared roadmap"))
    assert not allowed(lambda: d.update_relationship(user("margit"), rel, purpose="x"))
    assert not allowed(lambda: d.update_relationship(user("ines"), rel, purpose="x"))
    # Moving it to a unit she does not manage is refused, and nothing is half-written.
    assert not allowed(
        lambda: d.update_relationship(user("priya"), rel, our_person=None, our_unit=it)
    )
    rel.refresh_from_db()
    assert rel.our_person == mine and rel.purpose == "Shared roadmap"
    assert contact.pk


def test_a_relationship_names_exactly_one_side_each(demo):
    with pytest.raises(ValidationError) as refused:
        d.create_relationship(user("tobias"), our_unit=unit("IT"), started_on=dt.date(2026, 11, 1))
    assert "counterpart_person" in refused.value.error_dict


def test_units_form_a_tree_without_cycles(demo):
    it = unit("IT")
    platform = unit("IT Platform (onshore)")
    with pytest.raises(ValidationError):
        d.update_unit(user("admin"), it, parent=platform)  # IT under its own team
    sub = d.create_unit(user("tobias"), name="IT Security", parent=it)
    assert sub.organization == it.organization
    assert not allowed(lambda: d.create_unit(user("priya"), name="X", parent=platform))
    assert not allowed(lambda: d.create_unit(user("margit"), name="Y", parent=it))
    assert not allowed(lambda: d.create_unit(user("ines"), name="Z", parent=it))
    # A manager deletes a unit below his own, not the one he was given.
    scope = scope_for(user("tobias"))
    assert d.may_delete_unit(scope, sub) and not d.may_delete_unit(scope, it)


def test_deleting_says_what_goes_with_it(demo):
    rel = m.Relationship.objects.filter(interactions__isnull=False).first()
    effects, blocked = d.deletion_effects(rel)
    assert not blocked
    # Its feedback goes with it; its interactions stay, filed under no relationship.
    if rel.feedback.exists():
        assert dict(effects)["feedback items"] == rel.feedback.count()
    kept = dict(d.kept_after_deletion(rel))
    assert kept["interactions (no longer relationship)"] == rel.interactions.count()
    # A unit with units under it cannot go before they do.
    _, blocked = d.deletion_effects(unit("IT"))
    assert blocked and "IT Platform (onshore)" in blocked[0]


def test_text_limits_are_the_apis(demo):
    with pytest.raises(ValidationError) as refused:
        d.create_person(
            user("tobias"), display_name="Long", unit=unit("IT"), concerns="x" * (TEXT_MAX + 1)
        )
    assert "concerns" in refused.value.error_dict
    assert not Person.objects.filter(display_name="Long").exists()


def test_organizations_of_our_own_are_the_admins(demo):
    assert not allowed(lambda: d.create_organization(user("tobias"), name="Shadow IT", kind="ours"))
    made = d.create_organization(user("priya"), name="Fjord Analytics", kind="customer")
    assert d.may_change_organization(scope_for(user("priya")), made)
    assert d.may_delete_organization(scope_for(user("priya")), made)
    assert not d.may_change_organization(scope_for(user("ines")), made)
    ours = Organization.objects.get(kind="ours")
    assert not d.may_change_organization(scope_for(user("tobias")), ours)


# --- the pages --------------------------------------------------------------------------------


def test_a_manager_adds_a_person_through_the_form_and_lands_on_the_page(demo_client):
    client = demo_client("tobias")
    it = unit("IT")
    form = client.get(f"/people/new/?unit={it.pk}")
    assert form.status_code == 200
    assert 'id="context"' in form.content.decode()
    response = client.post(
        "/people/new/",
        {
            "display_name": "Nadia Quell",
            "unit": it.pk,
            "role": "Service owner",
            "important_to_them": "Month-end close runs without surprises",
            "preferred_channels": "call, email",
        },
        follow=True,
    )
    nadia = person("Nadia Quell")
    assert response.redirect_chain[-1][0] == f"/people/{nadia.pk}/"
    body = response.content.decode()
    assert "Person “Nadia Quell” added." in body
    assert "Month-end close runs without surprises" in body
    # The completeness indicator names her and what is missing.
    assert "missing" in body and "what they want to happen next" in body


def test_field_errors_are_shown_and_nothing_is_saved(demo_client):
    client = demo_client("tobias")
    response = client.post(
        "/people/new/",
        {"display_name": "Bad Zone", "unit": unit("IT").pk, "time_zone": "Mars/Olympus"},
    )
    assert response.status_code == 200
    assert "is not a known time zone" in response.content.decode()
    assert not Person.objects.filter(display_name="Bad Zone").exists()


def test_relationship_form_takes_a_prefill_and_refuses_a_bad_one(demo_client):
    client = demo_client("tobias")
    it = unit("IT")
    contact = d.create_person(user("tobias"), display_name="Pia Prefill", organization=customer())
    form = client.get(f"/relationships/new/?our_unit={it.pk}&counterpart_person={contact.pk}")
    html = form.content.decode()
    assert f'<option value="{contact.pk}" selected>' in html
    assert f'<option value="{it.pk}" selected>' in html
    assert client.get("/relationships/new/?our_unit=12abc").status_code == 400
    response = client.post(
        "/relationships/new/",
        {
            "our_unit": it.pk,
            "counterpart_person": contact.pk,
            "purpose": "Keep Halvard's shipments moving",
            "started_on": "2026-11-02",
            "cadence_days": "14",
        },
        follow=True,
    )
    rel = m.Relationship.objects.get(counterpart_person=contact)
    assert response.redirect_chain[-1][0] == f"/relationships/{rel.pk}/"
    assert "Keep Halvard&#x27;s shipments moving" in response.content.decode()


def test_a_viewer_is_offered_nothing_and_refused(demo_client):
    client = demo_client("ines")
    it = unit("Executive")  # the unit she views
    page = client.get(f"/units/{it.pk}/").content.decode()
    assert "/people/new/" not in page and f"/units/{it.pk}/edit/" not in page
    assert client.get("/people/new/").status_code == 403
    assert client.get(f"/units/{it.pk}/edit/").status_code == 403
    before = Person.objects.count()
    assert client.post("/people/new/", {"display_name": "X", "unit": it.pk}).status_code == 403
    assert Person.objects.count() == before


def test_out_of_reach_is_not_found(demo_client):
    client = demo_client("tobias")
    oskar = person("Oskar Wendt")
    assert client.get(f"/people/{oskar.pk}/edit/").status_code == 404
    assert client.get(f"/people/{oskar.pk}/delete/").status_code == 404


def test_links_are_drawn_only_for_who_may_use_them(demo_client):
    it = unit("IT")
    tobias_page = demo_client("tobias").get(f"/units/{it.pk}/").content.decode()
    assert f"/people/new/?unit={it.pk}" in tobias_page
    assert f"/units/{it.pk}/edit/" in tobias_page
    assert f"/units/{it.pk}/delete/" not in tobias_page  # the unit he was given stays
    priya = person("Priya Raghunathan")
    own = demo_client("priya").get(f"/people/{priya.pk}/").content.decode()
    assert f"/people/{priya.pk}/edit/" in own and f"/people/{priya.pk}/delete/" not in own


def test_delete_asks_first_then_deletes(demo_client):
    client = demo_client("tobias")
    contact = d.create_person(user("tobias"), display_name="Gone Soon", organization=customer())
    page = client.get(f"/people/{contact.pk}/delete/")
    assert "cannot be undone" in page.content.decode()
    assert Person.objects.filter(pk=contact.pk).exists()
    response = client.post(f"/people/{contact.pk}/delete/", follow=True)
    assert not Person.objects.filter(pk=contact.pk).exists()
    assert "Person “Gone Soon” deleted." in response.content.decode()


def test_the_home_page_empty_state_links_to_the_relationship_form(client, db):
    from trustledger.accounts.actions import create_user

    client.force_login(create_user(username="fresh", password="pw", check_password=False))
    body = client.get("/").content.decode()
    assert 'href="/relationships/new/"' in body


def test_a_manager_renames_his_own_top_unit_but_cannot_move_it(demo_client):
    client = demo_client("tobias")
    it = unit("IT")
    response = client.post(
        f"/units/{it.pk}/edit/",
        {"organization": it.organization_id, "parent": "", "name": "IT Services", "kind": it.kind},
    )
    assert response.status_code == 302 and response["Location"] == f"/units/{it.pk}/"
    it.refresh_from_db()
    assert it.name == "IT Services" and it.parent_id is None
    executive = unit("Executive")
    response = client.post(
        f"/units/{it.pk}/edit/",
        {"organization": it.organization_id, "parent": executive.pk, "name": "IT", "kind": it.kind},
    )
    assert response.status_code == 200  # not a unit he may put it under
    it.refresh_from_db()
    assert it.parent_id is None and it.name == "IT Services"
