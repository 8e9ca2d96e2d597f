"""Answering back, the actions: who of which side may do what, and what each one writes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.answers_cast import AT, build
from trustledger.accounts.access import Side
from trustledger.history.models import Change
from trustledger.ledger import answers
from trustledger.ledger import models as m


@pytest.fixture
def c(db):  # type: ignore[no-untyped-def]
    return build()


def test_the_other_side_gives_feedback_and_the_serving_side_answers(c) -> None:  # type: ignore[no-untyped-def]
    item = answers.give_feedback(
        c.rel, person=None, user=c.oskar, summary="Month-end tickets wait days", at=AT
    )
    assert item.given_directly and item.from_person_id == c.oskar.person_id
    assert Change.objects.filter(kind="feedback", record_id=item.pk).exists()
    answered = answers.answer_feedback(
        item, response="Month-end queue goes first", user=c.tobias, at=AT + timedelta(days=2)
    )
    assert answered.loop_closed_at == AT + timedelta(days=2)
    seen = answers.see_loop_closed(item, person=None, user=c.margit, at=AT + timedelta(days=3))
    assert seen.seen_closed_at == AT + timedelta(days=3)
    assert seen.seen_closed_by_id == c.margit.person_id


def test_a_reopened_loop_is_open_again_until_answered_anew(c) -> None:  # type: ignore[no-untyped-def]
    item = answers.give_feedback(c.rel, person=None, user=c.margit, summary="Late", at=AT)
    answers.answer_feedback(item, response="Faster", user=c.tobias, at=AT + timedelta(days=1))
    again = answers.reopen_loop(
        item, person=None, user=c.oskar, comment="Still late", at=AT + timedelta(days=5)
    )
    assert again.loop_closed_at is None and again.reopened_by_id == c.oskar.person_id
    assert again.reopen_comment == "Still late" and again.our_response == "Faster"
    with pytest.raises(ValidationError) as caught:
        answers.reopen_loop(item, person=None, user=c.oskar)
    assert "feedback" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        answers.answer_feedback(item, response="x", user=c.tobias, at=AT + timedelta(days=4))
    assert "at" in caught.value.message_dict


@pytest.mark.parametrize("who", ["tobias", "priya", "ines", "mo", "admin"])
def test_only_the_other_side_gives_feedback(c, who) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        answers.give_feedback(c.rel, person=None, user=getattr(c, who), summary="x")
    assert not m.FeedbackItem.objects.exists()


@pytest.mark.parametrize("who", ["margit", "oskar", "priya", "ines", "mo"])
def test_only_the_serving_side_answers(c, who) -> None:  # type: ignore[no-untyped-def]
    item = answers.give_feedback(c.rel, person=None, user=c.oskar, summary="x", at=AT)
    with pytest.raises(PermissionDenied):
        answers.answer_feedback(item, response="y", user=getattr(c, who))
    item.refresh_from_db()
    assert item.loop_closed_at is None


def test_seeing_closed_needs_an_answer_and_someone_of_their_side(c) -> None:  # type: ignore[no-untyped-def]
    item = answers.give_feedback(c.rel, person=None, user=c.oskar, summary="x", at=AT)
    with pytest.raises(ValidationError) as caught:
        answers.see_loop_closed(item, person=None, user=c.margit)
    assert "feedback" in caught.value.message_dict
    answers.answer_feedback(item, response="y", user=c.tobias, at=AT + timedelta(hours=1))
    # Without a user (an already-authorized caller), the person must be of the other side.
    with pytest.raises(ValidationError) as caught:
        answers.see_loop_closed(item, person=c.priya.person)
    assert "person" in caught.value.message_dict
    answers.see_loop_closed(item, person=c.oskar.person)
    with pytest.raises(ValidationError):
        answers.see_loop_closed(item, person=c.oskar.person)


def test_bad_values_name_the_field(c) -> None:  # type: ignore[no-untyped-def]
    for call, field in [
        (lambda: answers.give_feedback(c.rel, person=None, user=c.oskar, summary="  "), "summary"),
        (
            lambda: answers.give_feedback(
                c.rel, person=None, user=c.oskar, summary="x", sentiment="furious"
            ),
            "sentiment",
        ),
        (
            lambda: answers.raise_need(c.rel, person=None, user=c.oskar, description=""),
            "description",
        ),
        (
            lambda: answers.raise_need(
                c.rel, person=None, user=c.oskar, description="x", kind="wish"
            ),
            "kind",
        ),
        (
            lambda: answers.state_level(c.rel, side="both", level=2, reason="x", user=c.tobias),
            "side",
        ),
        (
            lambda: answers.state_level(c.rel, side=Side.THEIRS, level=9, reason="x", user=c.oskar),
            "level",
        ),
        (
            lambda: answers.state_level(c.rel, side=Side.OURS, level=3, reason=" ", user=c.tobias),
            "reason",
        ),
    ]:
        with pytest.raises(ValidationError) as caught:
            call()
        assert field in caught.value.message_dict
    assert not m.Need.objects.exists() and not m.LevelStatement.objects.exists()


def test_a_need_answers_the_open_ask(c) -> None:  # type: ignore[no-untyped-def]
    ask = answers.ask_how_can_i_help(c.rel, user=c.tobias, at=AT, note="Before the audit")
    assert ask.answered_at is None and ask.asked_by == c.tobias
    need = answers.raise_need(
        c.rel, person=None, user=c.margit, description="Audit exports", at=AT + timedelta(days=1)
    )
    ask.refresh_from_db()
    assert need.answers_ask == ask and ask.answered_at == AT + timedelta(days=1)
    assert need.raised_by_id == c.margit.person_id and need.status == m.NeedStatus.OPEN
    with pytest.raises(PermissionDenied):
        answers.ask_how_can_i_help(c.rel, user=c.oskar)
    with pytest.raises(PermissionDenied):
        answers.ask_how_can_i_help(c.rel, user=c.ines)
    with pytest.raises(PermissionDenied):  # a member reads the unit's relationships, no more
        answers.ask_how_can_i_help(c.rel, user=c.priya)
    with pytest.raises(PermissionDenied):
        answers.raise_need(c.rel, person=None, user=c.tobias, description="x")


def test_each_side_states_its_level(c) -> None:  # type: ignore[no-untyped-def]
    ours = answers.state_level(
        c.rel, side=Side.OURS, level=3, reason="They ask us why", user=c.tobias, at=AT
    )
    theirs = answers.state_level(
        c.rel, side=Side.THEIRS, level=1, reason="We buy tickets", user=c.oskar, at=AT
    )
    assert ours.stated_by_id == c.tobias.person_id and theirs.stated_by_id == c.oskar.person_id
    levels = answers.current_levels(c.rel)
    assert levels[Side.OURS] == ours and levels[Side.THEIRS] == theirs
    with pytest.raises(PermissionDenied):
        answers.state_level(c.rel, side=Side.THEIRS, level=2, reason="x", user=c.tobias)
    with pytest.raises(PermissionDenied):
        answers.state_level(c.rel, side=Side.OURS, level=2, reason="x", user=c.margit)
    with pytest.raises(PermissionDenied):
        answers.state_level(c.rel, side=Side.OURS, level=2, reason="x", user=c.ines)
    with pytest.raises(PermissionDenied):
        answers.state_level(c.rel, side=Side.THEIRS, level=2, reason="x", user=c.mo)


def test_each_answer_is_in_the_history_both_sides_read(c) -> None:  # type: ignore[no-untyped-def]
    from trustledger.accounts.access import scope_for
    from trustledger.history.query import history_for

    stated = answers.state_level(c.rel, side=Side.THEIRS, level=2, reason="R", user=c.oskar)
    ask = answers.ask_how_can_i_help(c.rel, user=c.tobias)
    for record, kind in ((stated, "level_statement"), (ask, "help_ask")):
        assert Change.objects.filter(kind=kind, record_id=record.pk).exists()
        for who in ("tobias", "margit"):
            assert history_for(record, scope_for(getattr(c, who))), who
        assert history_for(record, scope_for(c.mo)) == []
