"""The team gap, its next action, and the quality of attention over published figures."""

from __future__ import annotations

import pytest

from trustledger.domain import (
    ActionKind,
    EngineSettings,
    EvidenceState,
    Priority,
    focus_from_share,
    rated_attention_quality,
    team_actions,
    team_gap,
)
from trustledger.domain.settings import ActionSettings


def test_a_member_trusted_more_than_the_team_opens_the_team_gap() -> None:
    gap = team_gap("unit:2", 4.78, {"person:2": 8.15, "person:3": 5.0, "person:4": None})
    assert gap.above == ("person:2",)
    assert gap.largest == pytest.approx(3.37)
    assert [m.member_id for m in gap.members] == ["person:2", "person:3"]  # unrated left out
    assert gap.explanation.evidence is EvidenceState.SUFFICIENT


def test_the_threshold_is_a_setting() -> None:
    strict = EngineSettings(
        actions=ActionSettings(team_gap_threshold=4.0, team_gap_high_priority=5.0)
    )
    assert team_gap("unit:2", 4.78, {"person:2": 8.15}, strict).above == ()
    assert team_gap("unit:2", 4.78, {"person:2": 8.15}).above == ("person:2",)


def test_no_team_figure_means_no_gap() -> None:
    gap = team_gap("unit:2", None, {"person:2": 8.15})
    assert gap.members == () and gap.above == () and gap.largest is None
    assert gap.explanation.evidence is EvidenceState.NONE
    assert team_actions(gap) == ()


def test_the_team_gap_becomes_a_next_action_with_its_gap() -> None:
    (action,) = team_actions(team_gap("unit:2", 4.78, {"person:2": 8.15}))
    assert action.kind is ActionKind.SHARE_MEMBERS_TRUST
    assert action.priority is Priority.HIGH  # 3.37 >= team_gap_high_priority 3.0
    assert action.gap.kind == "team_gap"
    assert action.gap.measured == pytest.approx(3.37)
    assert action.gap.record_ids == ("person:2",)
    assert "one member" in action.step


def test_a_smaller_gap_is_a_medium_priority_and_none_is_no_action() -> None:
    (action,) = team_actions(team_gap("unit:2", 5.0, {"person:2": 6.5, "person:3": 6.2}))
    assert action.priority is Priority.MEDIUM
    assert "2 members" in action.step
    assert team_actions(team_gap("unit:2", 5.0, {"person:2": 5.5})) == ()


def test_the_high_priority_gap_may_not_be_below_the_threshold() -> None:
    with pytest.raises(ValueError, match="team_gap_high_priority"):
        ActionSettings(team_gap_threshold=2.0, team_gap_high_priority=1.0)
    with pytest.raises(ValueError, match="team_gap_threshold"):
        ActionSettings(team_gap_threshold=0.0)


def test_focus_runs_from_all_on_the_other_to_all_on_oneself() -> None:
    assert focus_from_share(0.0) == 1.0
    assert focus_from_share(1.0) == 10.0
    assert focus_from_share(0.5) == pytest.approx(5.5)


def test_quality_of_attention_over_published_means_and_recorded_focus() -> None:
    means = {"credibility": 6, "reliability": 7, "character": 8, "intimacy": 5}
    quality = rated_attention_quality(means, 1 / 9, focus_record_ids=["interaction:1"], focus_n=9)
    assert quality.value == pytest.approx(26 / 2)  # F = 1 + 9 × 1/9 = 2
    assert quality.focus == pytest.approx(2.0)
    assert quality.explanation.record_ids == ("interaction:1",)
    assert quality.missing == ()


def test_a_team_uses_transparency_in_place_of_intimacy() -> None:
    means = {"credibility": 6, "reliability": 7, "character": 8, "transparency": 5}
    quality = rated_attention_quality(means, 0.0, intimacy_from="transparency")
    assert quality.value == pytest.approx(26.0)
    assert "transparency" in quality.explanation.formula


def test_a_withheld_mean_or_no_contacts_shows_no_quality() -> None:
    means = {"credibility": 6, "reliability": None, "character": 8, "intimacy": 5}
    quality = rated_attention_quality(means, 0.2)
    assert quality.value is None
    assert quality.missing == ("reliability",)
    assert quality.explanation.evidence is EvidenceState.TOO_LITTLE
    full = {"credibility": 6, "reliability": 7, "character": 8, "intimacy": 5}
    assert rated_attention_quality(full, None).missing == ("focus",)
