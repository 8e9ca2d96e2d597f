"""Relationship health, 0–100, from measures each scored on 0–1, with bands and a trend."""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from trustledger.domain.explanation import (
    EvidenceState,
    Explained,
    Explanation,
    RecordId,
    sorted_ids,
)
from trustledger.domain.records import ServiceLevel
from trustledger.domain.settings import (
    HEALTH_MEASURES,
    EngineSettings,
    HealthModel,
    TrustForm,
    resolve,
)
from trustledger.domain.trust import ratio_bounds


class Band(enum.StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


@dataclass(frozen=True)
class HealthInputs:
    """The raw measures of one relationship; None means the measure is missing."""

    level: ServiceLevel
    trust: float | None = None  # trust equation value
    reliability: float | None = None  # 1–10
    days_since_contact: float | None = None  # days since the last two-way contact
    reciprocity: float | None = None  # 0–1
    channel_breadth: int | None = None  # distinct channels in the window
    agreed_measures_share: float | None = None  # 0–1
    days_since_review: float | None = None
    feedback_closure: float | None = None  # 0–1
    record_ids: Mapping[str, tuple[RecordId, ...]] = field(default_factory=dict)


def recency_score(days_since: float, cadence_days: float) -> float:
    """1 within the cadence, then halving with every further cadence that passes."""
    if days_since <= cadence_days:
        return 1.0
    return float(2.0 ** (-(days_since - cadence_days) / cadence_days))


def trust_score(value: float, form: TrustForm) -> float:
    """Trust on 0–1 by its logarithm between the form's bounds: ratios are multiplicative,
    and the neutral point (all components equal) lands exactly on 0.5."""
    low, high = ratio_bounds(3 if form is TrustForm.THREE_TERM else 4)
    clipped = min(high, max(low, value))
    return math.log(clipped / low) / math.log(high / low)


def _clip01(value: float) -> float:
    return min(1.0, max(0.0, value))


@dataclass(frozen=True)
class MeasureScore(Explained):
    measure: str
    raw: float | None
    score: float | None  # 0–1; None when missing
    weight: float  # as set
    share_of_weight: float  # after renormalising over the measures present
    points: float  # contribution to the 0–100 score (weighted model)
    record_ids: tuple[RecordId, ...]
    note: str


@dataclass(frozen=True)
class RelationshipHealth(Explained):
    score: float | None  # 0–100; None when every measure is missing
    band: Band | None
    model: HealthModel
    breakdown: tuple[MeasureScore, ...]
    missing: tuple[str, ...]
    explanation: Explanation


def measure_scores(
    inputs: HealthInputs, settings: EngineSettings | None = None
) -> dict[str, tuple[float | None, float | None, str]]:
    """(raw value, 0–1 score, how it was scored) for every health measure."""
    cfg = resolve(settings)
    h = cfg.health
    cadence = h.cadence_days[inputs.level]
    out: dict[str, tuple[float | None, float | None, str]] = {}

    def put(name: str, raw: float | None, score: float | None, how: str) -> None:
        out[name] = (raw, score, how)

    t = inputs.trust
    put("trust", t, None if t is None else trust_score(t, cfg.trust.form), "log scale")
    r = inputs.reliability
    put("reliability", r, None if r is None else _clip01((r - 1) / 9), "(R - 1) / 9")
    d = inputs.days_since_contact
    put(
        "attention_recency",
        d,
        None if d is None else recency_score(d, cadence),
        f"cadence {cadence:g} days for {inputs.level.name.lower()}",
    )
    rc = inputs.reciprocity
    put("reciprocity", rc, None if rc is None else _clip01(rc), "min / max")
    b = inputs.channel_breadth
    put(
        "channel_breadth",
        None if b is None else float(b),
        None if b is None else min(1.0, b / h.target_channels),
        f"channels / {h.target_channels}",
    )
    a = inputs.agreed_measures_share
    put("agreed_measures", a, None if a is None else _clip01(a), "share agreed before work")
    rv = inputs.days_since_review
    put(
        "reviews_up_to_date",
        rv,
        None if rv is None else recency_score(rv, h.review_interval_days),
        f"review every {h.review_interval_days:g} days",
    )
    f = inputs.feedback_closure
    put(
        "feedback_closure",
        f,
        None if f is None else _clip01(f),
        f"share of loops seen closed by them (or {h.loop_seen_after_days:g} days after our answer)",
    )
    return out


def band_for(score: float, settings: EngineSettings | None = None) -> Band:
    h = resolve(settings).health
    if score >= h.green_from:
        return Band.GREEN
    if score >= h.amber_from:
        return Band.AMBER
    return Band.RED


def relationship_health(
    inputs: HealthInputs, settings: EngineSettings | None = None
) -> RelationshipHealth:
    """Weighted: 100 * sum(w * s) / sum(w) over the measures present.
    Worst-of: 100 * the lowest score present. Missing measures are left out, and said so."""
    h = resolve(settings).health
    scored = measure_scores(inputs, settings)
    present = {
        name: s for name, (_, s, _) in scored.items() if s is not None and h.weights[name] > 0
    }
    total_weight = math.fsum(h.weights[name] for name in present)
    missing = tuple(name for name in HEALTH_MEASURES if scored[name][1] is None)
    score: float | None = None
    if present:
        if h.model is HealthModel.WEIGHTED:
            score = 100 * math.fsum(h.weights[n] * s for n, s in present.items()) / total_weight
        else:
            score = 100 * min(present.values())
        score = min(100.0, max(0.0, score))
    worst = min(present, key=lambda n: (present[n], n)) if present else None
    breakdown = []
    for name in HEALTH_MEASURES:
        raw, s, how = scored[name]
        share = h.weights[name] / total_weight if name in present else 0.0
        if h.model is HealthModel.WEIGHTED:
            points = 100 * share * s if s is not None and name in present else 0.0
        else:
            points = score if name == worst and score is not None else 0.0
        note = how if s is not None else "missing: left out"
        breakdown.append(
            MeasureScore(
                name,
                raw,
                s,
                h.weights[name],
                share,
                points,
                sorted_ids(inputs.record_ids.get(name, ())),
                note,
            )
        )
    notes = [f"level {inputs.level.name.lower()}"]
    if missing:
        notes.append(f"missing {', '.join(missing)}: left out and weights renormalised")
    if h.model is HealthModel.WORST_OF and worst is not None:
        notes.append(f"worst-of model: {worst} sets the score")
    formula = (
        "H = 100 * sum(w_i * s_i) / sum(w_i) over measures present"
        if h.model is HealthModel.WEIGHTED
        else "H = 100 * min(s_i) over measures present"
    )
    n_present = len(present)
    evidence = EvidenceState.NONE
    if n_present:
        evidence = (
            EvidenceState.SUFFICIENT
            if n_present * 2 >= len(HEALTH_MEASURES)
            else EvidenceState.TOO_LITTLE
        )
    return RelationshipHealth(
        score=score,
        band=None if score is None else band_for(score, settings),
        model=h.model,
        breakdown=tuple(breakdown),
        missing=missing,
        explanation=Explanation(
            formula=formula,
            inputs={name: present.get(name) for name in HEALTH_MEASURES},
            n=n_present,
            evidence=evidence,
            record_ids=sorted_ids(i for m in breakdown for i in m.record_ids),
            notes=tuple(notes),
        ),
    )


class TrendDirection(enum.StrEnum):
    IMPROVING = "improving"
    STABLE = "stable"
    DECLINING = "declining"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class HealthTrend(Explained):
    delta_30: float | None
    delta_90: float | None
    direction: TrendDirection
    explanation: Explanation


def health_trend(
    now: float | None,
    thirty_days_ago: float | None,
    ninety_days_ago: float | None,
    settings: EngineSettings | None = None,
) -> HealthTrend:
    """Deltas against 30 and 90 days ago; the direction follows the 30-day delta (or the 90-day
    one when 30 is unknown), with moves within `trend_stable_points` counted as stable."""
    stable = resolve(settings).health.trend_stable_points
    d30 = None if now is None or thirty_days_ago is None else now - thirty_days_ago
    d90 = None if now is None or ninety_days_ago is None else now - ninety_days_ago
    lead = d30 if d30 is not None else d90
    if lead is None:
        direction = TrendDirection.UNKNOWN
    elif lead > stable:
        direction = TrendDirection.IMPROVING
    elif lead < -stable:
        direction = TrendDirection.DECLINING
    else:
        direction = TrendDirection.STABLE
    return HealthTrend(
        delta_30=d30,
        delta_90=d90,
        direction=direction,
        explanation=Explanation(
            formula="delta = H(now) - H(then); direction from the 30-day delta",
            inputs={
                "now": now,
                "thirty_days_ago": thirty_days_ago,
                "ninety_days_ago": ninety_days_ago,
                "stable_points": stable,
            },
            n=sum(v is not None for v in (now, thirty_days_ago, ninety_days_ago)),
            evidence=EvidenceState.SUFFICIENT if lead is not None else EvidenceState.TOO_LITTLE,
        ),
    )
