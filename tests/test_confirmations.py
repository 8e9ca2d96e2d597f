"""The other side's word on promises and measures (trustledger.ledger.confirmations)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trustledger.accounts.access import scope_for
from trustledger.accounts.actions import create_user
from trustledger.directory.models import Person
from trustledger.ledger import actions
from trustledger.ledger import confirmations as c
from trustledger.ledger import models as m

AT = datetime(2026, 9, 1, 10, tzinfo=UTC)


@pytest.fixture
def sides(cast):  # type: ignore[no-untyped-def]
    boss = Person.objects.create(display_name="Fia Boss", organization=cast.ours, unit=cast.finance)
    finance_manager = create_user(
        username="finance_manager", password="pw", check_password=False,
        unit_name="Finance", role="manager", person_id=boss.pk,
    )  # fmt: skip
    finance_viewer = create_user(
        username="finance_viewer", password="pw", check_password=False,
        unit_name="Finance", role="viewer",
    )  # fmt: skip
    rel = m.Relationship.objects.create(
        our_unit=cast.it, counterpart_unit=cast.finance, started_on=AT.date()
    )
    promise = actions.make_commitment(
        cast.it_manager, promisor=cast.it_member.person, promisee=cast.finance_member.person,
        what="Fix the VPN", strength="commitment", due_at=AT + timedelta(days=3), made_at=AT,
        relationship=rel,
    )  # fmt: skip
    measure = m.AgreedMeasure.objects.create(
        relationship=rel, name="Tickets in 2 days", target="90%"
    )
    return {
        "cast": cast, "finance_manager": finance_manager, "finance_viewer": finance_viewer,
        "rel": rel, "promise": promise, "measure": measure,
    }  # fmt: skip


def test_a_claim_is_what_the_promisor_side_records(sides):  # type: ignore[no-untyped-def]
    cast = sides["cast"]
    kept = actions.keep_commitment(cast.it_manager, sides["promise"], at=AT + timedelta(days=1))
    assert kept.confirmation == m.Confirmation.CLAIMED


def test_the_promisee_confirms_and_who_and_when_are_kept(sides):  # type: ignore[no-untyped-def]
    cast = sides["cast"]
    actions.keep_commitment(cast.it_manager, sides["promise"], at=AT + timedelta(days=1))
    me = cast.finance_member.person
    done = c.confirm_commitment(
        sides["promise"], "kept", person=me, user=cast.finance_member, at=AT + timedelta(days=2)
    )
    assert (done.state, done.confirmation) == ("kept", "confirmed")
    assert done.confirmation_by == me and done.confirmation_at == AT + timedelta(days=2)
    event = done.events.order_by("-at", "-id").first()
    assert event.by == cast.finance_member and "Confirmed kept by Cleo Finance" in event.note


def test_confirming_an_open_promise_closes_it_with_that_outcome(sides):  # type: ignore[no-untyped-def]
    boss = sides["finance_manager"]
    done = c.confirm_commitment(
        sides["promise"], "broken", person=boss.person, user=boss, at=AT + timedelta(days=5)
    )
    assert (done.state, done.closed_at, done.confirmation) == (
        "broken", AT + timedelta(days=5), "confirmed"
    )  # fmt: skip


def test_the_promisees_word_stands_over_a_claim(sides):  # type: ignore[no-untyped-def]
    cast = sides["cast"]
    actions.keep_commitment(cast.it_manager, sides["promise"], at=AT + timedelta(days=1))
    done = c.confirm_commitment(
        sides["promise"], "kept_late", person=cast.finance_member.person, user=cast.finance_member
    )
    assert (done.state, done.confirmation) == ("kept_late", "confirmed")


@pytest.mark.parametrize("who", ["it_member", "it_manager", "viewer", "outsider"])
def test_the_promisor_side_and_strangers_cannot_confirm(sides, who):  # type: ignore[no-untyped-def]
    user = getattr(sides["cast"], who)
    person = user.person or sides["cast"].finance_member.person
    with pytest.raises(PermissionDenied):
        c.confirm_commitment(sides["promise"], "kept", person=person, user=user)
    assert m.Commitment.objects.get(pk=sides["promise"].pk).state == "open"


def test_a_promisor_never_confirms_their_own_promise_even_as_admin(sides):  # type: ignore[no-untyped-def]
    cast = sides["cast"]
    with pytest.raises(PermissionDenied):
        c.confirm_commitment(
            sides["promise"], "kept", person=cast.it_member.person, user=cast.admin
        )
    with pytest.raises(PermissionDenied):
        c.confirm_commitment(sides["promise"], "kept", person=cast.it_member.person)


def test_a_viewer_of_the_promisee_unit_cannot_confirm(sides):  # type: ignore[no-untyped-def]
    assert not c.may_confirm(scope_for(sides["finance_viewer"]), sides["promise"])


def test_one_confirms_in_ones_own_name(sides):  # type: ignore[no-untyped-def]
    boss = sides["finance_manager"]
    with pytest.raises(PermissionDenied):
        c.confirm_commitment(
            sides["promise"], "kept", person=sides["cast"].finance_member.person, user=boss
        )


def test_may_confirm_per_persona(sides):  # type: ignore[no-untyped-def]
    cast, promise = sides["cast"], sides["promise"]
    allowed = {
        "admin": True, "finance_member": True, "it_member": False, "it_manager": False,
        "viewer": False, "outsider": False,
    }  # fmt: skip
    for who, expected in allowed.items():
        assert c.may_confirm(scope_for(getattr(cast, who)), promise) is expected, who
    assert c.may_confirm(scope_for(sides["finance_manager"]), promise)


def test_a_bad_outcome_names_the_field(sides):  # type: ignore[no-untyped-def]
    cast = sides["cast"]
    with pytest.raises(ValidationError) as err:
        c.confirm_commitment(
            sides["promise"], "renegotiated", person=cast.finance_member.person,
            user=cast.finance_member,
        )  # fmt: skip
    assert "outcome" in err.value.message_dict


def test_a_dispute_needs_a_comment_and_a_recorded_outcome(sides):  # type: ignore[no-untyped-def]
    cast = sides["cast"]
    me, user = cast.finance_member.person, cast.finance_member
    with pytest.raises(ValidationError) as err:
        c.dispute_commitment(sides["promise"], person=me, user=user, comment="  ")
    assert "comment" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        c.dispute_commitment(sides["promise"], person=me, user=user, comment="Not done")
    assert "state" in err.value.message_dict
    actions.keep_commitment(cast.it_manager, sides["promise"], at=AT + timedelta(days=1))
    done = c.dispute_commitment(
        sides["promise"], person=me, user=user, comment="The VPN still drops"
    )
    assert (done.confirmation, done.confirmation_comment) == ("disputed", "The VPN still drops")
    # A dispute is settled by confirming an outcome.
    settled = c.confirm_commitment(sides["promise"], "kept_late", person=me, user=user)
    assert (settled.state, settled.confirmation) == ("kept_late", "confirmed")


def test_the_other_side_agrees_a_measure(sides):  # type: ignore[no-untyped-def]
    cast, measure = sides["cast"], sides["measure"]
    with pytest.raises(PermissionDenied):
        c.agree_measure(measure, person=cast.it_manager.person, user=cast.it_manager)
    with pytest.raises(PermissionDenied):
        c.agree_measure(measure, person=sides["cast"].finance_member.person, user=cast.viewer)
    assert not m.AgreedMeasure.objects.get(pk=measure.pk).agreed_by_both
    done = c.agree_measure(
        measure, person=cast.finance_member.person, user=cast.finance_member, at=AT
    )
    assert done.agreed_by_both and done.agreed_by_other == cast.finance_member.person
    assert done.agreed_by_other_at == AT
    with pytest.raises(ValidationError):
        c.agree_measure(measure, person=cast.finance_member.person, user=cast.finance_member)


def test_without_a_user_the_person_must_stand_on_the_promisee_side(sides):  # type: ignore[no-untyped-def]
    cast = sides["cast"]
    with pytest.raises(PermissionDenied):
        c.confirm_commitment(sides["promise"], "kept", person=cast.it_manager.person)
    done = c.confirm_commitment(sides["promise"], "kept", person=sides["finance_manager"].person)
    assert done.confirmation == "confirmed" and done.events.last().by is None
