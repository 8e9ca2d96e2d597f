import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustledger.domain.explanation import EvidenceState
from trustledger.domain.records import CommitmentRecord, CommitmentState, CommitmentStrength
from trustledger.domain.reliability import Outcome, reliability_from_commitments

from .factories import commitment, day

S = CommitmentStrength
K = CommitmentState
AS_OF = day(100)


def worked_ledger() -> list[CommitmentRecord]:
    return [
        commitment(1, S.COMMITMENT, K.KEPT),
        commitment(2, S.COMMITMENT, K.KEPT),
        commitment(3, S.COMMITMENT, K.KEPT),
        commitment(4, S.BEST_EFFORT, K.BROKEN),
        commitment(5, S.GOOD_INTENTION, K.KEPT_LATE),
        commitment(6, S.COMMITMENT, K.RELEASED),
        commitment(7, S.COMMITMENT, K.OPEN, due=200),
    ]


def test_reliability_worked_example() -> None:
    result = reliability_from_commitments(worked_ledger(), as_of=AS_OF)
    # successes 3*1 + 0.5*0 + 0.2*0.3 = 3.06; failures 0.5 + 0.2*0.7 = 0.64
    # posterior Beta(5.06, 2.64): mean 5.06 / 7.7 = 0.65714
    assert result.weighted_n == pytest.approx(3.7)
    assert result.probability == pytest.approx(5.06 / 7.7)
    assert result.score == pytest.approx(1 + 9 * 5.06 / 7.7)  # 6.914
    assert result.evidence is EvidenceState.SUFFICIENT
    low, high = result.interval
    assert low == pytest.approx(4.322, abs=0.001)  # 1 + 9 * 0.36913
    assert high == pytest.approx(9.066, abs=0.001)  # 1 + 9 * 0.89621
    assert set(result.explanation.record_ids) == {1, 2, 3, 4, 5}
    outcomes = {o.commitment_id: o.outcome for o in result.outcomes}
    assert outcomes[6] is Outcome.RELEASED
    assert outcomes[7] is Outcome.PENDING


def test_no_commitments_means_no_evidence_and_the_prior_mean() -> None:
    result = reliability_from_commitments([], as_of=AS_OF)
    assert result.evidence is EvidenceState.NONE
    assert result.score == pytest.approx(5.5)


def test_one_kept_commitment_is_too_little_evidence() -> None:
    result = reliability_from_commitments([commitment(1)], as_of=AS_OF)
    assert result.evidence is EvidenceState.TOO_LITTLE
    assert result.score == pytest.approx(1 + 9 * 3 / 5)  # Beta(3, 2): 6.4, not 10


def test_an_overdue_open_commitment_counts_as_broken() -> None:
    result = reliability_from_commitments([commitment(1, state=K.OPEN, due=50)], as_of=AS_OF)
    assert result.outcomes[0].outcome is Outcome.OVERDUE
    assert result.probability == pytest.approx(2 / 5)


def test_renegotiating_before_the_due_date_counts_mostly_kept() -> None:
    early = commitment(1, state=K.RENEGOTIATED, due=10, renegotiated=5)
    late = commitment(2, state=K.RENEGOTIATED, due=10, renegotiated=15)
    result = reliability_from_commitments([early, late], as_of=AS_OF)
    scores = {o.commitment_id: (o.outcome, o.score) for o in result.outcomes}
    assert scores[1] == (Outcome.RENEGOTIATED_EARLY, 0.75)
    assert scores[2] == (Outcome.RENEGOTIATED_LATE, 0.3)


def test_a_commitment_kept_after_its_due_date_counts_as_late() -> None:
    result = reliability_from_commitments([commitment(1, due=10, closed=12)], as_of=AS_OF)
    assert result.outcomes[0].outcome is Outcome.KEPT_LATE


def test_a_commitment_closed_after_as_of_is_seen_as_still_open() -> None:
    broken_later = commitment(1, state=K.BROKEN, due=10, closed=150)
    assert reliability_from_commitments([broken_later], as_of=day(5)).evidence is EvidenceState.NONE
    seen = reliability_from_commitments([broken_later], as_of=AS_OF)
    assert seen.outcomes[0].outcome is Outcome.OVERDUE  # open and past due on day 100


def test_commitments_made_after_as_of_are_ignored() -> None:
    result = reliability_from_commitments([commitment(1, made=150, due=160)], as_of=AS_OF)
    assert result.outcomes == ()


states = st.sampled_from(list(K))
commitment_strategy = st.builds(
    lambda i, strength, state, made, due_offset, closed_offset: commitment(
        i,
        strength,
        state,
        made=made,
        due=made + due_offset,
        closed=None if state is K.OPEN else made + closed_offset,
        renegotiated=made + closed_offset if state is K.RENEGOTIATED else None,
    ),
    st.integers(0, 1000),
    st.sampled_from(list(S)),
    states,
    st.integers(0, 80),
    st.integers(1, 40),
    st.integers(0, 60),
)
ledgers = st.lists(commitment_strategy, max_size=15)


@settings(max_examples=80, deadline=None)
@given(ledger=ledgers, extra=commitment_strategy)
def test_keeping_a_commitment_never_lowers_reliability(ledger, extra) -> None:  # type: ignore[no-untyped-def]
    before = reliability_from_commitments(ledger, as_of=AS_OF)
    kept = commitment("new", extra.strength, K.KEPT, made=1, due=5, closed=4)
    after = reliability_from_commitments([*ledger, kept], as_of=AS_OF)
    assert after.score >= before.score - 1e-12


@settings(max_examples=80, deadline=None)
@given(ledger=ledgers, extra=commitment_strategy)
def test_breaking_a_commitment_never_raises_reliability(ledger, extra) -> None:  # type: ignore[no-untyped-def]
    before = reliability_from_commitments(ledger, as_of=AS_OF)
    broken = commitment("new", extra.strength, K.BROKEN, made=1, due=5, closed=6)
    after = reliability_from_commitments([*ledger, broken], as_of=AS_OF)
    assert after.score <= before.score + 1e-12


@settings(max_examples=60, deadline=None)
@given(ledger=ledgers, copies=st.integers(2, 4))
def test_more_consistent_evidence_never_widens_the_interval(ledger, copies) -> None:  # type: ignore[no-untyped-def]
    once = reliability_from_commitments(ledger, as_of=AS_OF)
    repeated = [
        CommitmentRecord(**{**c.__dict__, "id": f"{c.id}-{k}"})
        for c in ledger
        for k in range(copies)
    ]
    more = reliability_from_commitments(repeated, as_of=AS_OF)
    assert more.interval[1] - more.interval[0] <= once.interval[1] - once.interval[0] + 1e-9


@settings(max_examples=60, deadline=None)
@given(ledger=ledgers, seed=st.randoms(use_true_random=False))
def test_commitment_order_never_changes_reliability(ledger, seed) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(ledger)
    seed.shuffle(shuffled)
    assert reliability_from_commitments(ledger, as_of=AS_OF) == reliability_from_commitments(
        shuffled, as_of=AS_OF
    )


@settings(max_examples=60, deadline=None)
@given(ledger=ledgers, as_of_day=st.integers(0, 200))
def test_reliability_and_its_interval_stay_on_the_one_to_ten_scale(ledger, as_of_day) -> None:  # type: ignore[no-untyped-def]
    result = reliability_from_commitments(ledger, as_of=day(as_of_day))
    low, high = result.interval
    assert 1.0 <= low <= result.score <= high <= 10.0
