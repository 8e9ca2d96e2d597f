"""Relationship cycle phase from the trends of attention and trust."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from trustledger.domain.attention import attention_between
from trustledger.domain.explanation import EvidenceState, Explained, Explanation
from trustledger.domain.records import RelationshipEvidence
from trustledger.domain.settings import EngineSettings, resolve
from trustledger.domain.stats import days_between

LOOKBACK_DAYS = 90.0


class Phase(enum.StrEnum):
    FORMING = "forming"
    GROWING = "growing"
    MATURE = "mature"
    DECLINING = "declining"
    DORMANT = "dormant"
    RENEWING = "renewing"


@dataclass(frozen=True)
class CycleInputs:
    started_at: datetime  # first contact or the relationship's start
    attention_now: float  # given + received as of the date
    attention_then: float  # given + received 90 days earlier
    trust_now: float | None = None
    trust_then: float | None = None


@dataclass(frozen=True)
class CyclePhase(Explained):
    phase: Phase
    rule: str
    explanation: Explanation


def relationship_phase(
    inputs: CycleInputs, *, as_of: datetime, settings: EngineSettings | None = None
) -> CyclePhase:
    """Rules, first match wins:
    1. attention now below the dormant floor: forming if young, else dormant;
    2. younger than `forming_days`: forming;
    3. dormant 90 days ago and alive now: renewing;
    4. attention ratio <= decline_ratio or trust fell by >= trust_change: declining;
    5. attention ratio >= growth_ratio or trust rose by >= trust_change: growing;
    6. otherwise mature.
    """
    cfg = resolve(settings).cycle
    age = days_between(inputs.started_at, as_of)
    ratio = inputs.attention_now / inputs.attention_then if inputs.attention_then > 0 else None
    trust_change = None
    if inputs.trust_now is not None and inputs.trust_then:
        trust_change = inputs.trust_now / inputs.trust_then - 1.0
    young = age < cfg.forming_days
    if inputs.attention_now < cfg.dormant_floor:
        phase, rule = (
            (Phase.FORMING, "young, little attention yet")
            if young
            else (Phase.DORMANT, "attention decayed below the dormant floor")
        )
    elif young:
        phase, rule = Phase.FORMING, f"younger than {cfg.forming_days:g} days"
    elif inputs.attention_then < cfg.dormant_floor:
        phase, rule = Phase.RENEWING, "dormant 90 days ago, attention is back"
    elif (ratio is not None and ratio <= cfg.decline_ratio) or (
        trust_change is not None and trust_change <= -cfg.trust_change
    ):
        phase, rule = Phase.DECLINING, "attention or trust falling"
    elif (ratio is not None and ratio >= cfg.growth_ratio) or (
        trust_change is not None and trust_change >= cfg.trust_change
    ):
        phase, rule = Phase.GROWING, "attention or trust rising"
    else:
        phase, rule = Phase.MATURE, "steady attention and trust"
    return CyclePhase(
        phase=phase,
        rule=rule,
        explanation=Explanation(
            formula="first matching rule: dormant/forming, forming, renewing, declining, "
            "growing, mature",
            inputs={
                "age_days": age,
                "attention_now": inputs.attention_now,
                "attention_then": inputs.attention_then,
                "attention_ratio": ratio,
                "trust_change": trust_change,
                "dormant_floor": cfg.dormant_floor,
            },
            n=2,
            evidence=EvidenceState.SUFFICIENT,
            notes=(rule,),
        ),
    )


def phase_from_evidence(
    evidence: RelationshipEvidence,
    *,
    as_of: datetime,
    trust_now: float | None = None,
    trust_then: float | None = None,
    settings: EngineSettings | None = None,
) -> CyclePhase:
    """The phase from the relationship's interactions (attention both ways, now and 90 days
    earlier). The start is `started_at`, or the first interaction."""
    then = as_of - timedelta(days=LOOKBACK_DAYS)
    now_summary = attention_between(
        evidence.interactions,
        evidence.our_id,
        evidence.counterpart_id,
        as_of=as_of,
        settings=settings,
    )
    then_summary = attention_between(
        evidence.interactions,
        evidence.our_id,
        evidence.counterpart_id,
        as_of=then,
        settings=settings,
    )
    known = [i.occurred_at for i in evidence.interactions if i.occurred_at <= as_of]
    starts = [*known, *([evidence.started_at] if evidence.started_at else [])]
    started = min(starts) if starts else as_of
    result = relationship_phase(
        CycleInputs(
            started_at=started,
            attention_now=now_summary.given.value + now_summary.received.value,
            attention_then=then_summary.given.value + then_summary.received.value,
            trust_now=trust_now,
            trust_then=trust_then,
        ),
        as_of=as_of,
        settings=settings,
    )
    explanation = Explanation(
        formula=result.explanation.formula,
        inputs=result.explanation.inputs,
        n=now_summary.explanation.n,
        evidence=EvidenceState.SUFFICIENT if known else EvidenceState.NONE,
        record_ids=now_summary.explanation.record_ids,
        notes=result.explanation.notes,
    )
    return CyclePhase(result.phase, result.rule, explanation)
