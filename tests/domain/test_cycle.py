import pytest

from trustledger.domain.cycle import CycleInputs, Phase, phase_from_evidence, relationship_phase
from trustledger.domain.records import Channel, RelationshipEvidence

from .factories import day, interaction


@pytest.mark.parametrize(
    ("inputs", "as_of", "phase"),
    [
        (CycleInputs(day(0), 5.0, 0.0), 30, Phase.FORMING),
        (CycleInputs(day(0), 0.2, 0.0), 30, Phase.FORMING),
        (CycleInputs(day(0), 0.2, 3.0), 400, Phase.DORMANT),
        (CycleInputs(day(0), 3.0, 0.1), 400, Phase.RENEWING),
        (CycleInputs(day(0), 2.0, 4.0), 400, Phase.DECLINING),
        (CycleInputs(day(0), 4.0, 4.0, trust_now=6.0, trust_then=8.0), 400, Phase.DECLINING),
        (CycleInputs(day(0), 6.0, 4.0), 400, Phase.GROWING),
        (CycleInputs(day(0), 4.0, 4.0, trust_now=9.0, trust_then=8.0), 400, Phase.GROWING),
        (CycleInputs(day(0), 4.0, 4.2), 400, Phase.MATURE),
    ],
)
def test_phase_rules(inputs: CycleInputs, as_of: int, phase: Phase) -> None:
    result = relationship_phase(inputs, as_of=day(as_of))
    assert result.phase is phase
    assert result.explanation.notes == (result.rule,)


def test_a_relationship_left_alone_goes_dormant() -> None:
    evidence = RelationshipEvidence(
        "a", "b", interactions=(interaction(1, 0, Channel.MEETING, minutes=60),)
    )
    assert phase_from_evidence(evidence, as_of=day(30)).phase is Phase.FORMING
    assert phase_from_evidence(evidence, as_of=day(900)).phase is Phase.DORMANT


def test_steady_monthly_contact_is_mature() -> None:
    evidence = RelationshipEvidence(
        "a",
        "b",
        interactions=tuple(interaction(n, n * 30, Channel.CALL, minutes=30) for n in range(20)),
    )
    result = phase_from_evidence(evidence, as_of=day(570))
    assert result.phase is Phase.MATURE
    assert result.explanation.record_ids
