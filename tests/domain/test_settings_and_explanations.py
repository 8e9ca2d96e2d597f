import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustledger.domain import (
    EvidenceState,
    ReserveEvent,
    ReserveEventKind,
    ServiceLevel,
    attention_between,
    health_inputs_from_evidence,
    next_actions,
    phase_from_evidence,
    relationship_health,
    reliability_from_commitments,
    trust_reserve,
)
from trustledger.domain.explanation import Explanation, jsonable, sorted_ids
from trustledger.domain.records import (
    CommitmentState,
    CommitmentStrength,
    FeedbackRecord,
    RelationshipEvidence,
)
from trustledger.domain.settings import (
    AttentionSettings,
    EngineSettings,
    PerceptionSettings,
    ReliabilitySettings,
    ReserveSettings,
    TrustSettings,
)

from .factories import commitment, day, interaction


@pytest.mark.parametrize(
    ("build", "name"),
    [
        (lambda: TrustSettings(min_raters=2), "trust.min_raters"),
        (lambda: PerceptionSettings(min_other_raters=1), "perception.min_other_raters"),
        (lambda: ReliabilitySettings(kept_late_score=1.5), "reliability.kept_late_score"),
        (lambda: ReliabilitySettings(strength_weights={}), "reliability.strength_weights"),
        (lambda: AttentionSettings(half_life_days=0), "attention.half_life_days"),
        (lambda: ReserveSettings(withdrawal_multiplier=0.5), "reserve.withdrawal_multiplier"),
    ],
)
def test_a_bad_setting_fails_loudly_naming_the_field(build, name) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=name.replace(".", r"\.")):
        build()


def test_explanations_serialise_to_plain_json() -> None:
    explanation = Explanation(
        formula="x",
        inputs={"a": 1.0, "b": None},
        n=2,
        interval=(1.0, 2.0),
        evidence=EvidenceState.TOO_LITTLE,
        record_ids=(1, "x"),
    )
    data = json.loads(json.dumps(explanation.to_dict()))
    assert data["evidence"] == "too little evidence"
    assert data["interval"] == [1.0, 2.0]
    assert jsonable(ServiceLevel.TRUSTED_ADVISOR) == "trusted_advisor"
    assert jsonable(day(0)) == "2024-01-01T00:00:00+00:00"


def test_mixed_ids_sort_ints_before_strings() -> None:
    assert sorted_ids(["b", 3, "a", 1, 3]) == (1, 3, "a", "b")


def evidence() -> RelationshipEvidence:
    return RelationshipEvidence(
        our_id="a",
        counterpart_id="b",
        interactions=(
            interaction(1, 10),
            interaction(2, 20, by="b", to=("a",)),
            interaction(3, 200),  # after as_of below
        ),
        commitments=(
            commitment("c1", CommitmentStrength.COMMITMENT, CommitmentState.KEPT),
            commitment(
                "c2", CommitmentStrength.COMMITMENT, CommitmentState.BROKEN, made=150, due=160
            ),
        ),
        feedback=(FeedbackRecord("f1", day(5), "x", day(8)), FeedbackRecord("f2", day(180))),
    )


def test_records_after_as_of_change_nothing() -> None:
    full = evidence()
    trimmed = RelationshipEvidence(
        our_id="a",
        counterpart_id="b",
        interactions=full.interactions[:2],
        commitments=full.commitments[:1],
        feedback=full.feedback[:1],
    )
    as_of = day(100)
    level = ServiceLevel.CONSULTANT
    assert health_inputs_from_evidence(full, as_of=as_of, level=level) == (
        health_inputs_from_evidence(trimmed, as_of=as_of, level=level)
    )
    assert next_actions(full, as_of=as_of, level=level) == next_actions(
        trimmed, as_of=as_of, level=level
    )
    assert phase_from_evidence(full, as_of=as_of) == phase_from_evidence(trimmed, as_of=as_of)


def test_every_result_serialises_to_json() -> None:
    as_of = day(100)
    ev = evidence()
    results = [
        attention_between(ev.interactions, "a", "b", as_of=as_of),
        reliability_from_commitments(ev.commitments, as_of=as_of),
        relationship_health(
            health_inputs_from_evidence(ev, as_of=as_of, level=ServiceLevel.PARTNER)
        ),
        phase_from_evidence(ev, as_of=as_of),
        trust_reserve([ReserveEvent(1, day(1), ReserveEventKind.SURPRISE)], as_of=as_of),
        *next_actions(ev, as_of=as_of, level=ServiceLevel.PARTNER),
    ]
    for result in results:
        data = json.loads(json.dumps(result.to_dict()))
        assert "explanation" in data


@settings(max_examples=40, deadline=None)
@given(seed=st.randoms(use_true_random=False), as_of=st.integers(0, 250))
def test_record_order_never_changes_health_or_actions(seed, as_of) -> None:  # type: ignore[no-untyped-def]
    ev = evidence()
    interactions = list(ev.interactions)
    seed.shuffle(interactions)
    shuffled = RelationshipEvidence(
        "a",
        "b",
        interactions=tuple(interactions),
        commitments=tuple(reversed(ev.commitments)),
        feedback=tuple(reversed(ev.feedback)),
    )
    when = day(as_of)
    level = ServiceLevel.PARTNER
    assert health_inputs_from_evidence(ev, as_of=when, level=level) == (
        health_inputs_from_evidence(shuffled, as_of=when, level=level)
    )
    assert next_actions(ev, as_of=when, level=level) == next_actions(
        shuffled, as_of=when, level=level
    )


def test_default_settings_are_used_when_none_are_given() -> None:
    ledger = [commitment(1)]
    assert reliability_from_commitments(ledger, as_of=day(50)) == reliability_from_commitments(
        ledger, as_of=day(50), settings=EngineSettings()
    )


def test_record_ids_sort_in_natural_order_so_commitment_9_comes_before_10() -> None:
    from trustledger.domain.explanation import sorted_ids

    ids = ["commitment:10", "interaction:2", "commitment:9", 7, "commitment:100", 3, "note"]
    assert sorted_ids(ids) == (
        3,
        7,
        "commitment:9",
        "commitment:10",
        "commitment:100",
        "interaction:2",
        "note",
    )
