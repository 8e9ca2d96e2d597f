import json

import pytest

from trustledger.domain.actions import ActionKind, Priority, next_actions
from trustledger.domain.assessment import health_inputs_from_evidence
from trustledger.domain.health import relationship_health
from trustledger.domain.records import (
    Channel,
    CommitmentState,
    CommitmentStrength,
    FeedbackRecord,
    Focus,
    InitiativeRecord,
    LocalContext,
    QualityReviewRecord,
    RelationshipEvidence,
    ServiceLevel,
)

from .factories import commitment, day, interaction

AS_OF = day(60)


def neglected() -> RelationshipEvidence:
    return RelationshipEvidence(
        our_id="a",
        counterpart_id="b",
        interactions=(
            interaction("i1", 10, focus=Focus.OURS, request=True, intent_declared=False),
            interaction("i2", 12, focus=Focus.OURS, answered=False),
        ),
        commitments=(
            commitment(
                "c1",
                CommitmentStrength.GOOD_INTENTION,
                CommitmentState.OPEN,
                due=100,
                in_our_power=True,
            ),
            commitment("c2", CommitmentStrength.GOOD_INTENTION, CommitmentState.OPEN, due=100),
        ),
        initiatives=(InitiativeRecord("crm", day(5)),),
        feedback=(FeedbackRecord("f1", day(20)),),
    )


def test_every_gap_of_a_neglected_relationship_becomes_a_step() -> None:
    actions = next_actions(neglected(), as_of=AS_OF, level=ServiceLevel.PARTNER)
    kinds = [a.kind for a in actions]
    assert kinds == [
        ActionKind.REACH_OUT,
        ActionKind.CLOSE_FEEDBACK_LOOP,
        ActionKind.AGREE_MEASURES,
        ActionKind.ASK_HOW_CAN_I_HELP,
        ActionKind.DECLARE_INTENT,
        ActionKind.SCHEDULE_REVIEW,
        ActionKind.CONVERT_GOOD_INTENTION,
        ActionKind.FILL_LOCAL_CONTEXT,
    ]
    by_kind = {a.kind: a for a in actions}
    reach = by_kind[ActionKind.REACH_OUT]
    assert reach.priority is Priority.HIGH  # 50 days > 2 x 21-day partner cadence
    assert reach.gap.measured == pytest.approx(50.0)
    assert reach.gap.threshold == 21.0
    assert reach.gap.record_ids == ("i1",)
    assert by_kind[ActionKind.CLOSE_FEEDBACK_LOOP].gap.record_ids == ("f1",)
    assert by_kind[ActionKind.CONVERT_GOOD_INTENTION].gap.record_ids == ("c1",)
    assert by_kind[ActionKind.ASK_HOW_CAN_I_HELP].gap.measured == pytest.approx(1.0)
    json.dumps([a.to_dict() for a in actions])


def test_a_well_kept_relationship_needs_no_action() -> None:
    evidence = RelationshipEvidence(
        our_id="a",
        counterpart_id="b",
        interactions=(
            interaction("i1", 55, Channel.MEETING, minutes=45, focus=Focus.THEIRS),
            interaction("i2", 58, by="b", to=("a",), focus=Focus.SHARED),
        ),
        initiatives=(InitiativeRecord("crm", day(5), day(1)),),
        feedback=(FeedbackRecord("f1", day(20), "weekly call", day(30)),),
        reviews=(QualityReviewRecord("q1", day(40)),),
        local_contexts=(
            LocalContext(
                "b", "CFO", "cash", "direct", "NL", "nl", "Europe/Amsterdam", (Channel.CALL,)
            ),
        ),
    )
    assert next_actions(evidence, as_of=AS_OF, level=ServiceLevel.TRUSTED_ADVISOR) == ()


def test_a_good_intention_outside_our_power_is_left_as_it_is() -> None:
    actions = next_actions(neglected(), as_of=AS_OF, level=ServiceLevel.PARTNER)
    convert = next(a for a in actions if a.kind is ActionKind.CONVERT_GOOD_INTENTION)
    assert "c2" not in convert.gap.record_ids


def test_health_inputs_from_the_records() -> None:
    inputs = health_inputs_from_evidence(
        neglected(), as_of=AS_OF, level=ServiceLevel.PARTNER, trust=4.0
    )
    assert inputs.days_since_contact == pytest.approx(50.0)
    assert inputs.reciprocity == 0.0
    assert inputs.channel_breadth == 1
    assert inputs.agreed_measures_share == 0.0
    assert inputs.days_since_review == pytest.approx(55.0)
    assert inputs.feedback_closure == 0.0
    assert inputs.reliability is None  # no closed or overdue commitment yet
    health = relationship_health(inputs)
    assert health.band is not None and health.band.value == "red"
    assert "reliability" in health.missing


def test_measures_agreed_late_end_the_step_but_still_count_as_late() -> None:
    late = RelationshipEvidence(
        our_id="a",
        counterpart_id="b",
        initiatives=(InitiativeRecord("crm", day(5), measures_agreed_at=day(50)),),
    )
    before = next_actions(late, as_of=day(40), level=ServiceLevel.PARTNER)
    after = next_actions(late, as_of=AS_OF, level=ServiceLevel.PARTNER)
    assert ActionKind.AGREE_MEASURES in [a.kind for a in before]
    assert ActionKind.AGREE_MEASURES not in [a.kind for a in after]
    inputs = health_inputs_from_evidence(late, as_of=AS_OF, level=ServiceLevel.PARTNER)
    assert inputs.agreed_measures_share == 0.0
