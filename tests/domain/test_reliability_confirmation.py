"""Reliability weighs who stands behind an outcome: confirmed fully, claimed at a weight,
disputed as broken at that weight, a kept claim confirmed by silence after a while."""

from dataclasses import replace

import pytest

from trustledger.domain.records import CommitmentState, Confirmation
from trustledger.domain.reliability import Outcome, Standing, reliability_from_commitments
from trustledger.domain.settings import EngineSettings, ReliabilitySettings

from .factories import commitment, day

K = CommitmentState
C = Confirmation


def one(state=K.KEPT, confirmation=C.CLAIMED, **kw):  # type: ignore[no-untyped-def]
    return replace(commitment(1, state=state), confirmation=confirmation, claimed_by="IT", **kw)


def score(records, as_of, settings=None):  # type: ignore[no-untyped-def]
    return reliability_from_commitments(records, as_of=as_of, settings=settings)


def test_a_confirmed_kept_counts_fully_and_names_who_confirmed() -> None:
    record = one(
        confirmation=C.CONFIRMED, confirmation_by="Margit Esterházy", confirmation_at=day(11)
    )
    result = score([record], day(12))
    (outcome,) = result.outcomes
    assert outcome.weight == 1.0 and outcome.standing is Standing.CONFIRMED
    assert outcome.said == "kept — confirmed by Margit Esterházy on 2024-01-12"
    assert f"1: {outcome.said}" in result.explanation.notes


def test_a_kept_claim_counts_at_the_claimed_weight_until_confirmed() -> None:
    result = score([one()], day(12))
    (outcome,) = result.outcomes
    assert outcome.weight == 0.5 and outcome.standing is Standing.CLAIMED
    assert outcome.said == "kept — claimed by IT, not yet confirmed"
    # Beta(2 + 0.5, 2): a claim moves the score half as far as a confirmed kept.
    assert result.probability == pytest.approx(2.5 / 4.5)
    assert score([one(confirmation=C.CONFIRMED)], day(12)).probability == pytest.approx(3 / 5)


def test_a_kept_claim_is_confirmed_by_silence_after_the_set_days() -> None:
    # Closed on day 10: on day 23 still a claim, on day 24 (14 days later) confirmed by silence.
    assert score([one()], day(23)).outcomes[0].standing is Standing.CLAIMED
    (outcome,) = score([one()], day(24)).outcomes
    assert outcome.standing is Standing.CONFIRMED_BY_SILENCE and outcome.weight == 1.0
    assert outcome.said == "kept — claimed by IT, confirmed by silence after 14 days"
    quick = EngineSettings(reliability=ReliabilitySettings(claim_confirms_after_days=3))
    assert score([one()], day(13), quick).outcomes[0].standing is Standing.CONFIRMED_BY_SILENCE


def test_a_disputed_outcome_counts_as_broken_at_the_claimed_weight() -> None:
    record = one(
        confirmation=C.DISPUTED,
        confirmation_by="Margit Esterházy",
        confirmation_at=day(12),
        confirmation_comment="The VPN still drops",
    )
    result = score([record], day(40))
    (outcome,) = result.outcomes
    assert (outcome.outcome, outcome.score, outcome.weight) == (Outcome.DISPUTED, 0.0, 0.5)
    assert outcome.said == (
        "kept — disputed by Margit Esterházy on 2024-01-13: The VPN still drops"
    )
    assert result.probability == pytest.approx(2 / 4.5)
    # Before the dispute was raised, the claim stood (a past score is recomputed as it was).
    assert score([record], day(11)).outcomes[0].standing is Standing.CLAIMED


def test_a_broken_recorded_by_the_promisor_counts_fully() -> None:
    (outcome,) = score([one(state=K.BROKEN)], day(12)).outcomes
    assert outcome.weight == 1.0 and outcome.standing is Standing.CLAIMED
    assert outcome.said == "broken — recorded by IT, not yet confirmed"


def test_claimed_weight_is_a_setting() -> None:
    none = EngineSettings(reliability=ReliabilitySettings(claimed_weight=0.0))
    result = score([one()], day(12), none)
    assert result.weighted_n == 0 and result.probability == pytest.approx(0.5)
    with pytest.raises(ValueError, match="claimed_weight"):
        ReliabilitySettings(claimed_weight=1.5)


def test_records_that_do_not_say_are_taken_as_confirmed() -> None:
    # The pure core's default: evidence given without a confirmation is an agreed outcome.
    (outcome,) = score([commitment(1, state=K.KEPT)], day(12)).outcomes
    assert outcome.standing is Standing.CONFIRMED and outcome.said == "kept — confirmed"


def test_a_dispute_becomes_a_next_action_for_the_promisor_side() -> None:
    from trustledger.domain.actions import ActionKind, next_actions
    from trustledger.domain.records import RelationshipEvidence, ServiceLevel

    record = one(confirmation=C.DISPUTED, confirmation_by="M", confirmation_at=day(12))
    evidence = RelationshipEvidence(our_id="ours", counterpart_id="theirs", commitments=(record,))
    found = next_actions(evidence, as_of=day(20), level=ServiceLevel.VENDOR)
    dispute = [a for a in found if a.kind is ActionKind.ANSWER_DISPUTE]
    assert len(dispute) == 1 and dispute[0].gap.record_ids == (1,)
    before = next_actions(evidence, as_of=day(11), level=ServiceLevel.VENDOR)
    assert not [a for a in before if a.kind is ActionKind.ANSWER_DISPUTE]
