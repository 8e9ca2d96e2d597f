import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustledger.domain.records import ReserveEvent, ReserveEventKind
from trustledger.domain.reserve import can_absorb, trust_reserve

from .factories import day

E = ReserveEventKind


def deposits() -> list[ReserveEvent]:
    return [
        ReserveEvent(1, day(0), E.KEPT_COMMITMENT),
        ReserveEvent(2, day(0), E.TWO_WAY_ATTENTION),
        ReserveEvent(3, day(0), E.CLOSED_FEEDBACK_LOOP),
        ReserveEvent(4, day(0), E.KEPT_COMMITMENT),
    ]


def test_trust_reserve_worked_example() -> None:
    reserve = trust_reserve(deposits(), as_of=day(180))
    assert reserve.series[-1].balance == pytest.approx(4.0)
    assert reserve.balance == pytest.approx(2.0)  # one half-life (180 days) later
    assert can_absorb(reserve, 0.5).can_absorb  # 2.0 - 0.5 * 2.5 = 0.75
    no = can_absorb(reserve, 1.0)  # 2.0 - 2.5 = -0.5
    assert not no.can_absorb
    assert no.balance_after == pytest.approx(-0.5)


def test_withdrawals_weigh_heavier_than_deposits() -> None:
    events = [*deposits(), ReserveEvent(5, day(90), E.SURPRISE)]
    reserve = trust_reserve(events, as_of=day(180))
    assert reserve.series[-1].change == pytest.approx(-2.5)
    assert reserve.series[-1].balance == pytest.approx(4 * 2**-0.5 - 2.5)  # 0.3284
    assert reserve.balance == pytest.approx((4 * 2**-0.5 - 2.5) * 2**-0.5)  # 0.2322


def test_events_after_as_of_are_ignored() -> None:
    assert trust_reserve(deposits(), as_of=day(-1)).balance == 0.0


def test_a_negative_setback_is_refused() -> None:
    with pytest.raises(ValueError):
        can_absorb(trust_reserve([], as_of=day(0)), -1)


events_strategy = st.lists(
    st.builds(
        ReserveEvent,
        id=st.integers(0, 1000),
        occurred_at=st.integers(0, 300).map(day),
        kind=st.sampled_from(list(E)),
        size=st.floats(0, 5),
    ),
    max_size=20,
)


@settings(max_examples=60, deadline=None)
@given(events=events_strategy, seed=st.randoms(use_true_random=False))
def test_event_order_never_changes_the_reserve(events, seed) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(events)
    seed.shuffle(shuffled)
    assert trust_reserve(events, as_of=day(300)) == trust_reserve(shuffled, as_of=day(300))


@settings(max_examples=60, deadline=None)
@given(events=events_strategy, later=st.floats(0, 1000))
def test_the_reserve_decays_toward_zero_without_new_events(events, later) -> None:  # type: ignore[no-untyped-def]
    now = trust_reserve(events, as_of=day(300)).balance
    after = trust_reserve(events, as_of=day(300 + later)).balance
    assert abs(after) <= abs(now) + 1e-12
    assert after * now >= 0  # never crosses zero by decay alone
