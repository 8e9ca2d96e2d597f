"""Reliability as evidence: the commitment ledger scored with a Beta prior, mapped to 1–10."""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from trustledger.domain.explanation import (
    EvidenceState,
    Explained,
    Explanation,
    RecordId,
    id_sort_key,
    sorted_ids,
)
from trustledger.domain.records import CommitmentRecord, CommitmentState
from trustledger.domain.settings import EngineSettings, ReliabilitySettings, resolve
from trustledger.domain.stats import beta_interval


class Outcome(enum.StrEnum):
    KEPT_ON_TIME = "kept_on_time"
    RENEGOTIATED_EARLY = "renegotiated_early"
    KEPT_LATE = "kept_late"
    RENEGOTIATED_LATE = "renegotiated_late"
    BROKEN = "broken"
    OVERDUE = "overdue"  # still open past its due date (plus grace)
    RELEASED = "released"  # neutral: left out
    PENDING = "pending"  # open, not yet due: left out


@dataclass(frozen=True)
class CommitmentOutcome(Explained):
    commitment_id: RecordId
    outcome: Outcome
    score: float | None  # None when left out of the evidence
    weight: float


def outcome_as_of(
    commitment: CommitmentRecord, as_of: datetime, cfg: ReliabilitySettings
) -> tuple[Outcome, float | None]:
    """What the commitment says about reliability, seen from as_of."""
    state = commitment.state
    closed = commitment.closed_at
    if state is CommitmentState.RENEGOTIATED:
        moment = commitment.renegotiated_at
        if moment is not None and moment <= as_of:
            if moment <= commitment.due_at:
                return Outcome.RENEGOTIATED_EARLY, cfg.renegotiated_early_score
            return Outcome.RENEGOTIATED_LATE, cfg.kept_late_score
        state = CommitmentState.OPEN
    elif state is not CommitmentState.OPEN and closed is not None and closed > as_of:
        state = CommitmentState.OPEN  # closed later than as_of: it was still open then
    if state is CommitmentState.KEPT:
        if closed is not None and closed > commitment.due_at:
            return Outcome.KEPT_LATE, cfg.kept_late_score
        return Outcome.KEPT_ON_TIME, cfg.kept_on_time_score
    if state is CommitmentState.KEPT_LATE:
        return Outcome.KEPT_LATE, cfg.kept_late_score
    if state is CommitmentState.BROKEN:
        return Outcome.BROKEN, cfg.broken_score
    if state is CommitmentState.RELEASED:
        return Outcome.RELEASED, None
    if as_of > commitment.due_at + timedelta(days=cfg.overdue_grace_days):
        return Outcome.OVERDUE, cfg.overdue_open_score
    return Outcome.PENDING, None


@dataclass(frozen=True)
class Reliability(Explained):
    score: float  # 1–10 = 1 + 9 * posterior mean
    probability: float  # posterior mean of "a commitment is kept"
    interval: tuple[float, float]  # credible interval on the 1–10 scale
    weighted_n: float
    evidence: EvidenceState
    outcomes: tuple[CommitmentOutcome, ...]
    explanation: Explanation


def to_scale(p: float) -> float:
    """Map a probability onto the 1–10 component scale."""
    return 1.0 + 9.0 * p


def reliability_from_commitments(
    commitments: Iterable[CommitmentRecord],
    *,
    as_of: datetime,
    promisor_id: RecordId | None = None,
    settings: EngineSettings | None = None,
) -> Reliability:
    """Weighted successes and failures update Beta(prior_alpha, prior_beta).

    Each counted commitment adds weight * score to successes and weight * (1 - score) to
    failures, the weight coming from its strength. Released and pending ones are left out.
    """
    cfg = resolve(settings).reliability
    ledger = sorted(
        (
            c
            for c in commitments
            if c.made_at <= as_of and (promisor_id is None or c.promisor_id == promisor_id)
        ),
        key=lambda c: (id_sort_key(c.id), repr(c)),
    )
    outcomes: list[CommitmentOutcome] = []
    for c in ledger:
        outcome, score = outcome_as_of(c, as_of, cfg)
        outcomes.append(CommitmentOutcome(c.id, outcome, score, cfg.strength_weights[c.strength]))
    counted = [o for o in outcomes if o.score is not None]
    successes = math.fsum(o.weight * o.score for o in counted if o.score is not None)
    failures = math.fsum(o.weight * (1.0 - o.score) for o in counted if o.score is not None)
    weighted_n = math.fsum(o.weight for o in counted)
    alpha = cfg.prior_alpha + successes
    beta = cfg.prior_beta + failures
    p = alpha / (alpha + beta)
    low, high = beta_interval(alpha, beta, cfg.credible_level)
    if weighted_n == 0:
        evidence = EvidenceState.NONE
    elif weighted_n < cfg.min_weighted_n:
        evidence = EvidenceState.TOO_LITTLE
    else:
        evidence = EvidenceState.SUFFICIENT
    notes = [
        f"prior Beta({cfg.prior_alpha:g}, {cfg.prior_beta:g}) keeps one commitment from "
        "swinging the score",
        f"{cfg.credible_level:.0%} equal-tailed credible interval",
    ]
    left_out = [o for o in outcomes if o.score is None]
    if left_out:
        notes.append(f"left out {len(left_out)} released or not-yet-due commitment(s)")
    interval = (to_scale(low), to_scale(high))
    return Reliability(
        score=to_scale(p),
        probability=p,
        interval=interval,
        weighted_n=weighted_n,
        evidence=evidence,
        outcomes=tuple(outcomes),
        explanation=Explanation(
            formula="R = 1 + 9 * (prior_alpha + successes) / (prior_alpha + prior_beta + n)",
            inputs={
                "prior_alpha": cfg.prior_alpha,
                "prior_beta": cfg.prior_beta,
                "successes": successes,
                "failures": failures,
                "weighted_n": weighted_n,
                "posterior_mean": p,
            },
            n=weighted_n,
            interval=interval,
            evidence=evidence,
            record_ids=sorted_ids(o.commitment_id for o in counted),
            notes=tuple(notes),
        ),
    )
