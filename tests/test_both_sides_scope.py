"""The other side of a relationship: who stands there, and what of it they read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from trustledger.accounts.access import Side, scope_for
from trustledger.accounts.actions import create_user
from trustledger.directory.models import Person, Unit
from trustledger.ledger import models as m

AT = datetime(2026, 9, 1, 10, tzinfo=UTC)
KIND = "deposit"


@pytest.fixture
def both(cast):  # type: ignore[no-untyped-def]
    """IT serves Finance (a unit) and a Finance person; Finance has a sub-unit, Payroll."""
    payroll = Unit.objects.create(organization=cast.ours, name="Payroll", parent=cast.finance)
    clerk = Person.objects.create(display_name="Pia Payroll", organization=cast.ours, unit=payroll)
    payroll_user = create_user(
        username="payroll", password="pw", check_password=False, unit_name="Payroll",
        role="member", person_id=clerk.pk,
    )  # fmt: skip
    marketing = Unit.objects.create(organization=cast.ours, name="Marketing")
    marketer = Person.objects.create(display_name="Mo Mark", organization=cast.ours, unit=marketing)
    marketing_user = create_user(
        username="marketing", password="pw", check_password=False, unit_name="Marketing",
        role="member", person_id=marketer.pk,
    )  # fmt: skip
    finance_member = cast.finance_member.person
    unit_rel = m.Relationship.objects.create(
        our_unit=cast.it, counterpart_unit=cast.finance, started_on=AT.date()
    )
    person_rel = m.Relationship.objects.create(
        our_unit=cast.it, counterpart_person=clerk, started_on=AT.date()
    )
    promisor = cast.it_member.person
    promise = m.Commitment.objects.create(
        promisor=promisor, promisee=finance_member, relationship=unit_rel, what="Fix the VPN",
        strength="commitment", made_at=AT, due_at=AT + timedelta(days=3),
    )  # fmt: skip
    shared = m.Interaction.objects.create(
        occurred_at=AT, channel="meeting", initiator=promisor, relationship=unit_rel
    )
    private = m.Interaction.objects.create(
        occurred_at=AT, channel="meeting", initiator=promisor, relationship=unit_rel, private=True
    )
    reserve = m.ReserveEntry.objects.create(relationship=unit_rel, occurred_at=AT, kind=KIND)
    return {
        "cast": cast, "payroll": payroll_user, "marketing": marketing_user,
        "unit_rel": unit_rel, "person_rel": person_rel, "promise": promise,
        "shared": shared, "private": private, "reserve": reserve,
    }  # fmt: skip


def test_sides(both):  # type: ignore[no-untyped-def]
    cast, unit_rel, person_rel = both["cast"], both["unit_rel"], both["person_rel"]
    finance = scope_for(cast.finance_member)
    payroll = scope_for(both["payroll"])
    # The serving side keeps both relationships.
    assert scope_for(cast.it_manager).side_of(unit_rel) == Side.OURS
    assert scope_for(cast.it_member).side_of(unit_rel) == Side.OURS
    assert scope_for(cast.admin).side_of(unit_rel) == Side.OURS
    # A Finance member stands on the other side of IT ↔ Finance, not of IT ↔ Pia.
    assert finance.side_of(unit_rel) == Side.THEIRS
    assert finance.side_of(person_rel) is None
    assert finance.may_answer_for(unit_rel)
    # Payroll sits under Finance: IT ↔ Finance is its relationship too, and IT ↔ Pia is Pia's.
    assert payroll.side_of(unit_rel) == Side.THEIRS
    assert payroll.side_of(person_rel) == Side.THEIRS
    # A third unit and a user with no membership stand nowhere.
    assert scope_for(both["marketing"]).side_of(unit_rel) is None
    assert scope_for(cast.outsider).side_of(unit_rel) is None
    assert not scope_for(both["marketing"]).their_relationships().exists()
    # A viewer of Finance reads its side and answers for nobody; the counterpart in person
    # answers for themself, whatever their role.
    finance_viewer = create_user(
        username="fin_viewer", password="pw", check_password=False, unit_name="Finance",
        role="viewer",
    )  # fmt: skip
    assert scope_for(finance_viewer).side_of(unit_rel) == Side.THEIRS
    assert not scope_for(finance_viewer).may_answer_for(unit_rel)
    assert payroll.may_answer_for(person_rel)
    # The serving side does not answer for the other side.
    assert not scope_for(cast.it_manager).may_answer_for(unit_rel)
    assert not scope_for(cast.admin).may_answer_for(unit_rel)
    # Their relationships are not in the serving side's list.
    assert not finance.relationships().filter(pk=unit_rel.pk).exists()
    assert list(finance.their_relationships()) == [unit_rel]


def test_records_the_other_side_reads(both):  # type: ignore[no-untyped-def]
    cast = both["cast"]
    payroll = scope_for(both["payroll"])
    assert payroll.commitments().filter(pk=both["promise"].pk).exists()
    seen = set(payroll.interactions().values_list("pk", flat=True))
    assert both["shared"].pk in seen and both["private"].pk not in seen
    # The serving side reads its private notes.
    assert scope_for(cast.it_member).interactions().filter(pk=both["private"].pk).exists()
    # A third unit reads none of it.
    marketing = scope_for(both["marketing"])
    assert not marketing.commitments().exists()
    assert not marketing.interactions().exists()
    assert not payroll.records("reserve").exists()
    assert scope_for(cast.it_manager).records("reserve").exists()
