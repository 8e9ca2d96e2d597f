import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustledger.domain.explanation import EvidenceState
from trustledger.domain.health import (
    Band,
    HealthInputs,
    TrendDirection,
    health_trend,
    recency_score,
    relationship_health,
    trust_score,
)
from trustledger.domain.records import ServiceLevel
from trustledger.domain.settings import EngineSettings, HealthModel, HealthSettings, TrustForm

WORST_OF = EngineSettings(health=HealthSettings(model=HealthModel.WORST_OF))


def partner() -> HealthInputs:
    return HealthInputs(
        level=ServiceLevel.PARTNER,
        trust=10.0,
        reliability=7.3,
        days_since_contact=42,
        reciprocity=0.8,
        channel_breadth=2,
        agreed_measures_share=1.0,
        feedback_closure=0.5,
        record_ids={"reliability": (3, 1, 2)},
    )


def test_health_weighted_worked_example() -> None:
    health = relationship_health(partner())
    # scores: trust 0.699, reliability 0.7, recency 0.5, reciprocity 0.8, breadth 0.667,
    # agreed measures 1.0, feedback 0.5; weights 3,3,2,2,1,1,1 (reviews missing) -> 68.95
    assert health.score == pytest.approx(68.9506, abs=1e-4)
    assert health.band is Band.AMBER
    assert health.missing == ("reviews_up_to_date",)
    assert any("renormalised" in note for note in health.explanation.notes)
    breakdown = {m.measure: m for m in health.breakdown}
    assert breakdown["reliability"].record_ids == (1, 2, 3)
    assert breakdown["reviews_up_to_date"].score is None
    assert sum(m.points for m in health.breakdown) == pytest.approx(health.score)
    json.dumps(health.to_dict())


def test_health_worst_of_model_takes_the_weakest_measure() -> None:
    health = relationship_health(partner(), WORST_OF)
    assert health.score == pytest.approx(50.0)  # attention recency 0.5 (or feedback 0.5)
    assert health.band is Band.AMBER


def test_health_bands_follow_the_settings() -> None:
    strict = EngineSettings(health=HealthSettings(green_from=95, amber_from=80))
    assert relationship_health(partner(), strict).band is Band.RED
    full = HealthInputs(level=ServiceLevel.VENDOR, reliability=10.0, reciprocity=1.0)
    assert relationship_health(full).band is Band.GREEN


def test_health_without_any_measure_is_not_a_number() -> None:
    health = relationship_health(HealthInputs(level=ServiceLevel.VENDOR))
    assert health.score is None
    assert health.band is None
    assert health.explanation.evidence is EvidenceState.NONE


def test_attention_recency_depends_on_the_cadence_of_the_level() -> None:
    assert recency_score(14, 14) == 1.0
    assert recency_score(28, 14) == pytest.approx(0.5)
    vendor = relationship_health(HealthInputs(level=ServiceLevel.VENDOR, days_since_contact=60))
    advisor = relationship_health(
        HealthInputs(level=ServiceLevel.TRUSTED_ADVISOR, days_since_contact=60)
    )
    assert vendor.score == pytest.approx(100.0)
    assert advisor.score == pytest.approx(100 * 2 ** (-46 / 14))


def test_trust_is_scored_on_a_log_scale_with_neutral_at_one_half() -> None:
    assert trust_score(4.0, TrustForm.FOUR_TERM) == pytest.approx(0.5)  # (5.5*4)/5.5
    assert trust_score(0.4, TrustForm.FOUR_TERM) == 0.0
    assert trust_score(40, TrustForm.FOUR_TERM) == pytest.approx(1.0)
    assert trust_score(3.0, TrustForm.THREE_TERM) == pytest.approx(0.5)


def test_a_bad_setting_is_refused_with_its_name() -> None:
    with pytest.raises(ValueError, match="health.weights"):
        HealthSettings(weights={"trust": 1.0})


def test_health_trend_worked_example() -> None:
    trend = health_trend(62.0, 70.0, 55.0)
    assert trend.delta_30 == pytest.approx(-8.0)
    assert trend.delta_90 == pytest.approx(7.0)
    assert trend.direction is TrendDirection.DECLINING
    assert health_trend(62.0, 60.0, None).direction is TrendDirection.STABLE
    assert health_trend(62.0, None, 40.0).direction is TrendDirection.IMPROVING
    assert health_trend(None, 60.0, 40.0).direction is TrendDirection.UNKNOWN


@settings(max_examples=100, deadline=None)
@given(
    level=st.sampled_from(list(ServiceLevel)),
    trust=st.none() | st.floats(0.4, 40),
    reliability=st.none() | st.floats(1, 10),
    days=st.none() | st.floats(0, 2000),
    recip=st.none() | st.floats(0, 1),
    breadth=st.none() | st.integers(0, 6),
    agreed=st.none() | st.floats(0, 1),
    review=st.none() | st.floats(0, 2000),
    closure=st.none() | st.floats(0, 1),
    model=st.sampled_from(list(HealthModel)),
)
def test_health_stays_within_zero_and_one_hundred(  # type: ignore[no-untyped-def]
    level, trust, reliability, days, recip, breadth, agreed, review, closure, model
) -> None:
    inputs = HealthInputs(level, trust, reliability, days, recip, breadth, agreed, review, closure)
    health = relationship_health(inputs, EngineSettings(health=HealthSettings(model=model)))
    assert health.score is None or 0.0 <= health.score <= 100.0
    if model is HealthModel.WEIGHTED and health.score is not None:
        assert sum(m.points for m in health.breakdown) == pytest.approx(health.score)
