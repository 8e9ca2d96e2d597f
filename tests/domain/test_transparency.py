import pytest

from trustledger.domain.explanation import EvidenceState
from trustledger.domain.records import DecisionRecord, InitiativeRecord, IssueRecord
from trustledger.domain.transparency import transparency_evidence

from .factories import day


def initiatives() -> list[InitiativeRecord]:
    return [
        InitiativeRecord("crm", day(10), day(5)),
        InitiativeRecord("erp", day(10), day(10)),
        InitiativeRecord("bi", day(20), day(5)),
        InitiativeRecord("portal", day(20), day(25)),  # measures agreed after work began
    ]


def decisions() -> list[DecisionRecord]:
    return [
        DecisionRecord("cloud", day(15), frozenset({"fin", "mkt"}), frozenset({"fin", "mkt"})),
        DecisionRecord("freeze", day(16), frozenset({"fin"}), frozenset(), frozenset({"fin"})),
    ]


def issues() -> list[IssueRecord]:
    return [
        IssueRecord("outage", day(30), day(31)),
        IssueRecord("delay", day(30), day(32)),
        IssueRecord("bug", day(30), day(34)),
    ]


def test_transparency_evidence_worked_example() -> None:
    result = transparency_evidence(initiatives(), decisions(), issues(), as_of=day(60))
    assert result.measures_before_work_share == pytest.approx(0.75)
    assert result.stakeholders_told_before_share == pytest.approx(0.5)
    assert result.median_days_to_stakeholders == pytest.approx(2.0)
    # speed = 2^(-2/2) = 0.5; Tr = 1 + 9 * (0.75 + 0.5 + 0.5) / 3 = 6.25
    assert result.score == pytest.approx(6.25)
    assert result.explanation.evidence is EvidenceState.SUFFICIENT
    assert len(result.explanation.record_ids) == 9


def test_missing_parts_are_left_out_and_weights_renormalised() -> None:
    result = transparency_evidence(initiatives(), [], [], as_of=day(60))
    assert result.score == pytest.approx(1 + 9 * 0.75)
    assert any("renormalised" in note for note in result.explanation.notes)


def test_an_issue_not_yet_told_counts_with_its_age_so_far() -> None:
    result = transparency_evidence([], [], [IssueRecord("open", day(50))], as_of=day(60))
    assert result.median_days_to_stakeholders == pytest.approx(10.0)
    assert result.explanation.evidence is EvidenceState.TOO_LITTLE


def test_no_records_give_no_score() -> None:
    result = transparency_evidence([], [], [], as_of=day(60))
    assert result.score is None
    assert result.explanation.evidence is EvidenceState.NONE


def test_records_after_as_of_are_ignored() -> None:
    early = transparency_evidence(initiatives(), decisions(), issues(), as_of=day(12))
    assert early.measures_before_work_share == pytest.approx(1.0)  # only crm and erp started
    assert early.stakeholders_told_before_share is None
