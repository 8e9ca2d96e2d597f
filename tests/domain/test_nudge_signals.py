"""The signal rules of the nudges core: health out of its band, a falling trend, an answer the
other side has not seen, work started without agreed measures, blind spots, survey results."""

from __future__ import annotations

import pytest

from trustledger.domain.nudges import (
    BlindSpotFacts,
    NudgeFacts,
    NudgeKind,
    SignalFacts,
    SurveyFacts,
    nudges,
)
from trustledger.domain.settings import EngineSettings, HealthSettings, NudgeSettings

from .factories import day

AS_OF = day(100)


def signal(**kw: object) -> SignalFacts:
    return SignalFacts(relationship_id=12, counterpart="Finance", **kw)  # type: ignore[arg-type]


def of(*, signals=(), blind=(), surveys=(), settings=None):  # type: ignore[no-untyped-def]
    facts = NudgeFacts(7, signals=signals, blind_spots=blind, surveys=surveys)
    return nudges(facts, as_of=AS_OF, settings=settings)


@pytest.mark.parametrize(
    ("score", "band", "cut"), [(55.0, "amber", "below 70"), (30.0, "red", "below 40")]
)
def test_health_below_green_names_its_band_and_cut(score, band, cut):  # type: ignore[no-untyped-def]
    (n,) = of(signals=[signal(health=score, band=band)])
    assert n.kind is NudgeKind.HEALTH_BAND
    assert n.cause == f"health_band:rel:12:{band}"
    assert f"is {score:.0f} ({band}: {cut})" in n.reason
    assert n.link.action == "read_relationship"


def test_green_health_and_a_stable_trend_say_nothing():
    assert of(signals=[signal(health=80.0, band="green", trend="stable", delta_30=-2.0)]) == ()


def test_a_declining_trend_is_one_nudge_while_it_lasts():
    (n,) = of(signals=[signal(trend="declining", delta_30=-8.25)])
    assert n.kind is NudgeKind.TREND_DOWN and n.cause == "trend_down:rel:12"
    assert "fell 8.2 points in 30 days (moves within 5 count as stable)" in n.reason
    wider = EngineSettings(health=HealthSettings(trend_stable_points=10.0))
    (again,) = of(signals=[signal(trend="declining", delta_30=-8.25)], settings=wider)
    assert "moves within 10 count as stable" in again.reason


def test_an_answer_unseen_is_nudged_after_its_days_and_until_it_counts_as_seen():
    answers = ((5, day(98)), (6, day(95)), (8, day(85)))  # 2, 5 and 15 days ago
    found = of(signals=[signal(answers_unseen=answers)])
    # 2 days: too soon (3); 15 days: the loop counts as closed by time (14).
    assert [n.cause for n in found] == ["answer_unseen:feedback:6"]
    assert "(5 days; nudged after 3)" in found[0].reason
    sooner = EngineSettings(nudges=NudgeSettings(answer_unseen_days=1.0))
    assert len(of(signals=[signal(answers_unseen=answers)], settings=sooner)) == 2


def test_work_without_agreed_measures_is_one_nudge_per_set():
    (n,) = of(signals=[signal(initiatives_without_measures=("initiative:3", "initiative:4"))])
    assert n.kind is NudgeKind.MEASURES_MISSING
    assert n.reason.startswith("2 pieces of work with Finance started before")
    assert n.gap.record_ids == ("initiative:3", "initiative:4")
    assert n.link.action == "agree_measure"


def test_a_blind_spot_names_the_component_gap_and_cut():
    (n,) = of(blind=[BlindSpotFacts(3, "IT", "self_orientation", 2.4, 2.0)])
    assert n.cause == "blind_spot:unit:3:self_orientation"
    assert "Others see IT's self orientation 2.4 points worse than IT sees it" in n.reason
    assert "beyond 2" in n.reason


def test_survey_results_nudge_for_a_window_after_closing():
    fresh = SurveyFacts(9, "Autumn pulse", day(95), 6)
    old = SurveyFacts(10, "Spring pulse", day(80), 6)
    (n,) = of(surveys=[fresh, old])
    assert n.cause == "survey_ready:campaign:9" and "(6 raters, closed" in n.reason
    longer = EngineSettings(nudges=NudgeSettings(survey_ready_days=30.0))
    assert len(of(surveys=[fresh, old], settings=longer)) == 2


def test_bad_signal_thresholds_name_their_setting():
    with pytest.raises(ValueError, match="answer_unseen_days"):
        NudgeSettings(answer_unseen_days=-1.0)
    with pytest.raises(ValueError, match="survey_ready_days"):
        NudgeSettings(survey_ready_days=0.0)


def test_health_and_trend_wait_for_sufficient_evidence():
    thin = signal(health=30.0, band="red", trend="declining", delta_30=-20.0, sufficient=False)
    assert of(signals=[thin]) == ()


def test_a_managers_team_overdue_promises_are_one_nudge_per_unit_and_week():
    from trustledger.domain.nudges import TeamPromiseFacts

    def p(id: int, who: str, due: float) -> TeamPromiseFacts:
        return TeamPromiseFacts(3, "IT", id, who, f"thing {id}", day(due))

    promises = (p(1, "Ben", 90), p(2, "Ben", 95), p(3, "Ana", 98), p(4, "Ana", 105))
    (n,) = nudges(NudgeFacts(7, team_promises=promises), as_of=AS_OF)
    assert n.kind is NudgeKind.TEAM_OVERDUE and n.cause.startswith("team_overdue:unit:3:")
    assert n.reason.startswith("3 promises of IT are overdue (Ben 2, Ana 1); the oldest: “thing 1”")
    assert n.gap.record_ids == (1, 2, 3)  # the one not yet due is left out
    assert nudges(NudgeFacts(7, team_promises=(p(4, "Ana", 105),)), as_of=AS_OF) == ()
