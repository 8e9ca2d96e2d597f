"""State changes go through named actions that authorize, validate and commit as one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trustledger.ledger import actions
from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


@pytest.fixture
def rel(cast):
    return m.Relationship.objects.create(
        our_unit=cast.it, counterpart_unit=cast.finance, started_on=T0.date()
    )


def _commit(cast, rel, **kw):
    return actions.make_commitment(
        cast.it_manager,
        promisor=cast.it_manager.person,
        promisee=cast.finance_member.person,
        what="Fix the export",
        strength=kw.pop("strength", "commitment"),
        made_at=T0,
        due_at=T0 + 7 * DAY,
        relationship=rel,
        **kw,
    )


def test_logging_an_interaction_records_its_participants(cast, rel):
    i = actions.record_interaction(
        cast.it_manager,
        occurred_at=T0,
        channel="meeting",
        initiator=cast.it_manager.person,
        participants=[cast.finance_member.person, cast.it_manager.person],
        relationship=rel,
    )
    assert list(i.participants.values_list("person__display_name", "role")) == [
        ("Cleo Finance", "attendee")
    ]
    assert i.created_by == cast.it_manager


def test_an_interaction_needs_someone_else(cast, rel):
    with pytest.raises(ValidationError, match="participants"):
        actions.record_interaction(
            cast.it_manager,
            occurred_at=T0,
            channel="call",
            initiator=cast.it_manager.person,
            participants=[cast.it_manager.person],
            relationship=rel,
        )


def test_a_viewer_cannot_log_an_interaction(cast, rel):
    with pytest.raises(PermissionDenied):
        actions.record_interaction(
            cast.viewer,
            occurred_at=T0,
            channel="call",
            initiator=cast.it_manager.person,
            participants=[cast.finance_member.person],
            relationship=rel,
        )
    assert m.Interaction.objects.count() == 0


def test_a_member_of_another_unit_cannot_change_our_relationship(cast, rel):
    with pytest.raises(PermissionDenied):
        actions.make_commitment(
            cast.finance_member,
            promisor=cast.it_manager.person,
            promisee=cast.finance_member.person,
            what="x",
            strength="commitment",
            made_at=T0,
            due_at=T0 + DAY,
            relationship=rel,
        )


def test_keeping_on_time_and_late(cast, rel):
    on_time = actions.keep_commitment(cast.it_manager, _commit(cast, rel), at=T0 + 6 * DAY)
    late = actions.keep_commitment(cast.it_manager, _commit(cast, rel), at=T0 + 9 * DAY)
    assert (on_time.state, late.state) == ("kept", "kept_late")
    assert list(on_time.events.values_list("from_state", "to_state")) == [
        ("", "open"),
        ("open", "kept"),
    ]


def test_a_closed_commitment_cannot_close_again(cast, rel):
    c = actions.break_commitment(cast.it_manager, _commit(cast, rel), at=T0 + 8 * DAY)
    with pytest.raises(ValidationError, match="already broken"):
        actions.keep_commitment(cast.it_manager, c, at=T0 + 9 * DAY)


def test_renegotiating_before_the_due_date_opens_a_successor(cast, rel):
    first = _commit(cast, rel)
    second = actions.renegotiate_commitment(
        cast.it_manager, first, new_due_at=T0 + 20 * DAY, at=T0 + 3 * DAY
    )
    first.refresh_from_db()
    assert (
        first.state == "renegotiated"
        and second.renegotiated_from == first
        and second.state == "open"
    )


def test_renegotiating_after_the_due_date_is_refused(cast, rel):
    with pytest.raises(ValidationError, match="due date has passed"):
        actions.renegotiate_commitment(
            cast.it_manager, _commit(cast, rel), new_due_at=T0 + 20 * DAY, at=T0 + 8 * DAY
        )


def test_a_due_date_before_the_promise_is_refused(cast, rel):
    with pytest.raises(ValidationError, match="due_at"):
        actions.make_commitment(
            cast.it_manager,
            promisor=cast.it_manager.person,
            promisee=cast.finance_member.person,
            what="x",
            strength="commitment",
            made_at=T0,
            due_at=T0 - DAY,
            relationship=rel,
        )


def test_a_level_change_keeps_its_history(cast, rel):
    actions.change_service_level(
        cast.it_manager, rel, to_level=3, reason="Asked for our view on the plan", at=T0
    )
    rel.refresh_from_db()
    assert rel.service_level == 3
    assert list(rel.level_changes.values_list("from_level", "to_level")) == [(1, 3)]
    with pytest.raises(ValidationError, match="already at this level"):
        actions.change_service_level(cast.it_manager, rel, to_level=3, reason="again")


def test_closing_a_feedback_loop(cast, rel):
    fb = actions.record_feedback(
        cast.it_manager, rel, summary="We never hear from you", received_at=T0
    )
    fb = actions.close_feedback_loop(
        cast.it_manager, fb, what_changed="Weekly call", at=T0 + 5 * DAY
    )
    assert fb.loop_closed_at == T0 + 5 * DAY


def test_a_quality_review_rejects_a_measure_of_another_relationship(cast, rel):
    other = m.Relationship.objects.create(
        our_unit=cast.finance, counterpart_unit=cast.it, started_on=T0.date()
    )
    foreign = m.AgreedMeasure.objects.create(relationship=other, name="n", target="t")
    with pytest.raises(ValidationError, match="not agreed in this relationship"):
        actions.record_quality_review(
            cast.it_manager, rel, held_on=T0.date(), statuses={foreign.pk: "on_track"}
        )
    assert m.QualityReview.objects.count() == 0


def test_a_decision_records_who_was_surprised(cast):
    d = actions.record_decision(
        cast.it_manager,
        title="Retire the old tool",
        deciding_unit_id=cast.it.pk,
        decided_at=T0,
        affected_unit_ids=[cast.finance.pk],
        surprised_unit_ids=[cast.finance.pk],
    )
    assert set(d.stakeholders.values_list("role", flat=True)) == {"affected", "surprised"}
    with pytest.raises(PermissionDenied):
        actions.record_decision(cast.it_member, title="x", deciding_unit_id=cast.it.pk)


def test_a_viewer_with_a_person_of_their_own_still_records_nothing(cast):
    from trustledger.accounts.actions import create_user
    from trustledger.directory.models import Person

    own = Person.objects.create(display_name="Vera Viewer", organization=cast.ours, unit=cast.it)
    viewer = create_user(
        username="vera",
        password="pw",
        check_password=False,
        unit_name="IT",
        role="viewer",
        person_id=own.pk,
    )
    with pytest.raises(PermissionDenied):
        actions.record_interaction(
            viewer,
            occurred_at=T0,
            channel="call",
            initiator=own,
            participants=[cast.it_member.person],
        )
    assert m.Interaction.objects.count() == 0


def test_may_close_commitment_offers_the_buttons_the_actions_allow(cast, rel):
    from trustledger.accounts.access import scope_for

    c = _commit(cast, rel)
    assert actions.may_close_commitment(scope_for(cast.it_manager), c)
    assert actions.may_close_commitment(scope_for(cast.admin), c)
    assert not actions.may_close_commitment(scope_for(cast.it_member), c)
    assert not actions.may_close_commitment(scope_for(cast.viewer), c)
    assert not actions.may_close_commitment(scope_for(cast.finance_member), c)
    actions.keep_commitment(cast.it_manager, c, at=T0 + DAY)
    c.refresh_from_db()
    assert not actions.may_close_commitment(scope_for(cast.it_manager), c)
