import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustledger.domain.attention import (
    attention_between,
    attention_given,
    decay_factor,
    duration_factor,
    interaction_weight,
    is_broadcast,
    is_meaningful,
    reciprocity,
)
from trustledger.domain.records import Channel, Focus

from .factories import day, interaction

AS_OF = day(90)


def worked_interactions():  # type: ignore[no-untyped-def]
    return [
        interaction("email-now", 90, answered=True),
        interaction("call-old", 0, Channel.CALL, by="b", to=("a",), minutes=30),
        interaction("robot", 90, automated=True),
        interaction("all-hands", 90, to=("b", "c", "d", "e", "f", "g", "h"), answered=False),
        interaction("email-mid", 45, answered=False),
        interaction("future", 120),
    ]


def test_decay_halves_every_half_life() -> None:
    assert decay_factor(0) == 1.0
    assert decay_factor(90) == pytest.approx(0.5)
    assert decay_factor(180) == pytest.approx(0.25)
    assert decay_factor(10, half_life_days=10) == pytest.approx(0.5)


def test_decay_refuses_interactions_after_as_of() -> None:
    with pytest.raises(ValueError):
        decay_factor(-1)


def test_duration_weighting_has_diminishing_returns_and_a_cap() -> None:
    assert duration_factor(None) == 1.0
    assert duration_factor(30) == pytest.approx(1.0)
    assert duration_factor(120) == pytest.approx(2.0)
    assert duration_factor(600) == pytest.approx(3.0)  # capped
    assert interaction_weight(Channel.MEETING, 60) == pytest.approx(3 * math.sqrt(2))
    assert interaction_weight(Channel.EMAIL, None) == 1.0


def test_messages_to_many_and_large_meetings_are_broadcasts() -> None:
    assert not is_broadcast(interaction(1, 0, recipients=5))
    assert is_broadcast(interaction(1, 0, recipients=6))
    assert not is_broadcast(interaction(1, 0, Channel.MEETING, recipients=7))
    assert is_broadcast(interaction(1, 0, Channel.MEETING, recipients=8))
    assert is_broadcast(interaction(1, 0, broadcast=True))
    # the known participants count even when the recipient count is too low
    assert is_broadcast(interaction(1, 0, to=tuple("bcdefg"), recipients=1))
    assert not is_meaningful(interaction(1, 0, automated=True))


def test_attention_worked_example() -> None:
    summary = attention_between(worked_interactions(), "a", "b", as_of=AS_OF)
    # given: email now 1 + call 90 days ago 2 * 0.5 + broadcast 0.1 + email 45 days ago 2^-0.5
    assert summary.given.value == pytest.approx(1 + 1 + 0.1 + 2**-0.5)  # 2.80711
    assert summary.received.value == pytest.approx(1.0)  # the call flows both ways
    assert summary.reciprocity == pytest.approx(1 / 2.807107, abs=1e-6)  # 0.35624
    assert summary.channel_breadth == 1  # the call is outside the 90-day window
    assert summary.last_two_way_contact == day(90)
    assert summary.talking_at_share.value == pytest.approx(2 / 3)
    assert "robot" not in summary.explanation.record_ids
    assert "future" not in summary.explanation.record_ids
    json.dumps(summary.to_dict())


def test_automated_mail_does_not_count_at_all() -> None:
    flow = attention_given([interaction(1, 90, automated=True)], "a", "b", as_of=AS_OF)
    assert flow.value == 0.0
    assert flow.explanation.n == 0


def test_self_focus_and_undeclared_intent_shares() -> None:
    records = [
        interaction(1, 80, focus=Focus.OURS, request=True, intent_declared=False),
        interaction(2, 81, focus=Focus.OURS, request=True, intent_declared=True),
        interaction(3, 82, focus=Focus.THEIRS),
    ]
    summary = attention_between(records, "a", "b", as_of=AS_OF)
    assert summary.self_focus_share.value == pytest.approx(2 / 3)
    assert summary.undeclared_intent_share.value == pytest.approx(0.5)


def test_reciprocity_is_zero_when_both_sides_are_silent() -> None:
    assert reciprocity(0, 0) == 0.0
    assert reciprocity(2, 0) == 0.0
    assert reciprocity(2, 4) == 0.5


interactions_strategy = st.lists(
    st.builds(
        lambda i, on, channel, a_starts, minutes, answered, automated, recipients: interaction(
            i,
            on,
            channel,
            by="a" if a_starts else "b",
            to=("b",) if a_starts else ("a",),
            recipients=recipients,
            minutes=minutes,
            answered=answered,
            automated=automated,
        ),
        st.integers(0, 10_000),
        st.integers(0, 200),
        st.sampled_from(list(Channel)),
        st.booleans(),
        st.none() | st.floats(1, 300),
        st.booleans(),
        st.booleans(),
        st.integers(1, 12),
    ),
    max_size=25,
)


@settings(max_examples=80, deadline=None)
@given(records=interactions_strategy, later=st.floats(0, 400))
def test_attention_decays_monotonically_once_the_talking_stops(records, later) -> None:  # type: ignore[no-untyped-def]
    first = attention_given(records, "a", "b", as_of=day(200))
    second = attention_given(records, "a", "b", as_of=day(200 + later))
    assert second.value <= first.value + 1e-12


@settings(max_examples=80, deadline=None)
@given(records=interactions_strategy, as_of=st.integers(0, 250))
def test_reciprocity_is_symmetric(records, as_of) -> None:  # type: ignore[no-untyped-def]
    ab = attention_between(records, "a", "b", as_of=day(as_of))
    ba = attention_between(records, "b", "a", as_of=day(as_of))
    assert ab.reciprocity == ba.reciprocity
    assert 0.0 <= ab.reciprocity <= 1.0
    assert ab.given.value == ba.received.value


@settings(max_examples=60, deadline=None)
@given(records=interactions_strategy, seed=st.randoms(use_true_random=False))
def test_interaction_order_never_changes_attention(records, seed) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(records)
    seed.shuffle(shuffled)
    assert attention_between(records, "a", "b", as_of=day(150)) == attention_between(
        shuffled, "a", "b", as_of=day(150)
    )


@settings(max_examples=60, deadline=None)
@given(age=st.floats(0, 1000), more=st.floats(0, 1000))
def test_decay_factor_never_grows_with_age(age: float, more: float) -> None:
    assert 0.0 <= decay_factor(age + more) <= decay_factor(age) <= 1.0


def test_reciprocity_is_not_computed_from_faded_attention() -> None:
    from trustledger.domain.attention import ATTENTION_FLOOR

    # Two flows of 3.5e-26 and 3.3e-26 (a network last active 22 years ago) are no flows.
    assert reciprocity(3.5e-26, 3.3e-26) == 0.0
    assert reciprocity(ATTENTION_FLOOR / 2, 1.0) == 0.0
    assert reciprocity(ATTENTION_FLOOR, ATTENTION_FLOOR) == 1.0
