"""Each persona reaches exactly its part of the ledger."""

from __future__ import annotations

import datetime as dt

import pytest

from trustledger.accounts.access import scope_for
from trustledger.directory.models import Organization, Person, Unit
from trustledger.ledger.models import Relationship

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 1, 1)


@pytest.fixture
def relationships(cast):
    customer = Organization.objects.create(name="Customer", kind="customer")
    it_manager, it_member, finance_member = (
        cast.it_manager.person,
        cast.it_member.person,
        cast.finance_member.person,
    )
    team = Unit.objects.create(organization=cast.ours, name="IT Ops", parent=cast.it)
    ops_person = Person.objects.create(display_name="Ops Person", organization=cast.ours, unit=team)
    return {
        "it_finance": Relationship.objects.create(
            our_unit=cast.it, counterpart_unit=cast.finance, started_on=DAY
        ),
        "member_customer": Relationship.objects.create(
            our_person=it_member, counterpart_organization=customer, started_on=DAY
        ),
        "finance_it": Relationship.objects.create(
            our_unit=cast.finance, counterpart_unit=cast.it, started_on=DAY
        ),
        "finance_person": Relationship.objects.create(
            our_person=finance_member, counterpart_person=it_manager, started_on=DAY
        ),
        "ops_customer": Relationship.objects.create(
            our_person=ops_person, counterpart_organization=customer, started_on=DAY
        ),
    }


def _visible(user, rels):
    ids = set(scope_for(user).relationships().values_list("id", flat=True))
    return {name for name, rel in rels.items() if rel.id in ids}


def test_an_admin_sees_every_relationship(cast, relationships):
    assert _visible(cast.admin, relationships) == set(relationships)


def test_a_manager_sees_the_unit_and_the_units_below_it(cast, relationships):
    assert _visible(cast.it_manager, relationships) == {
        "it_finance",
        "member_customer",
        "ops_customer",
    }


def test_a_member_sees_their_own_and_their_units_relationships(cast, relationships):
    assert _visible(cast.it_member, relationships) == {"it_finance", "member_customer"}


def test_a_member_of_another_unit_sees_none_of_its(cast, relationships):
    assert _visible(cast.finance_member, relationships) == {"finance_it", "finance_person"}


def test_an_outsider_sees_nothing(cast, relationships):
    assert _visible(cast.outsider, relationships) == set()


def test_a_viewer_reads_but_changes_nothing(cast, relationships):
    scope = scope_for(cast.viewer)
    assert _visible(cast.viewer, relationships) == {"it_finance", "member_customer", "ops_customer"}
    assert not any(scope.can_change_relationship(r) for r in relationships.values())


def test_a_member_changes_only_their_own_relationship(cast, relationships):
    scope = scope_for(cast.it_member)
    assert scope.can_change_relationship(relationships["member_customer"])
    assert not scope.can_change_relationship(relationships["it_finance"])


def test_a_manager_changes_the_relationships_of_the_unit_tree(cast, relationships):
    scope = scope_for(cast.it_manager)
    assert scope.can_change_relationship(relationships["it_finance"])
    assert scope.can_change_relationship(relationships["ops_customer"])
    assert not scope.can_change_relationship(relationships["finance_it"])


def test_people_visible_follow_the_scope(cast, relationships):
    names = set(scope_for(cast.finance_member).people().values_list("display_name", flat=True))
    assert names == {"Cleo Finance", "Ada Manager"}
    assert scope_for(cast.outsider).people().count() == 0
