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
from trustledger.domain.records import CommitmentRecord, CommitmentState, Confirmation
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
    DISPUTED = "disputed"  # the promisee's side objects to the recorded outcome


class Standing(enum.StrEnum):
    """Who stands behind an outcome, seen from as_of."""

    CONFIRMED = "confirmed"  # by the promisee's side: counts fully
    CONFIRMED_BY_SILENCE = "confirmed_by_silence"  # a kept claim nobody objected to in time
    CLAIMED = "claimed"  # the promisor's side alone: a kept claim counts at claimed_weight
    DISPUTED = "disputed"  # counted as broken at claimed_weight
    NOT_CLOSED = "not_closed"  # open, overdue or renegotiated: nobody has to confirm it


@dataclass(frozen=True)
class CommitmentOutcome(Explained):
    commitment_id: RecordId
    outcome: Outcome
    score: float | None  # None when left out of the evidence
    weight: float
    standing: Standing = Standing.NOT_CLOSED
    said: str = ""  # the outcome and who stands behind it, in words


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


OUTCOME_WORDS = {
    Outcome.KEPT_ON_TIME: "kept",
    Outcome.KEPT_LATE: "kept late",
    Outcome.BROKEN: "broken",
    Outcome.RELEASED: "released",
}
KEPT_OUTCOMES = (Outcome.KEPT_ON_TIME, Outcome.KEPT_LATE)


def _on(moment: datetime | None) -> str:
    return f" on {moment:%Y-%m-%d}" if moment is not None else ""


def silence_confirms(closed_at: datetime | None, as_of: datetime, cfg: ReliabilitySettings) -> bool:
    """Has a kept claim closed at closed_at gone unobjected long enough, at as_of, to count
    as confirmed (`claim_confirms_after_days`)?"""
    silence = timedelta(days=cfg.claim_confirms_after_days)
    return closed_at is not None and closed_at + silence <= as_of


def standing_as_of(
    commitment: CommitmentRecord, outcome: Outcome, as_of: datetime, cfg: ReliabilitySettings
) -> tuple[Standing, float, str]:
    """Who stands behind the outcome at as_of, the share of its weight it counts at, and the
    words for it. A confirmation or dispute made after as_of was not there yet; a kept claim
    older than `claim_confirms_after_days` is confirmed by silence; a claimed broken counts
    fully (nobody admits a broken promise to their own advantage)."""
    if outcome not in OUTCOME_WORDS:
        return Standing.NOT_CLOSED, 1.0, ""
    words = OUTCOME_WORDS[outcome]
    answered = commitment.confirmation_at
    confirmation = commitment.confirmation
    if answered is not None and answered > as_of:
        confirmation = Confirmation.CLAIMED
    who = commitment.confirmation_by
    if confirmation is Confirmation.CONFIRMED:
        by = f" by {who}" if who else ""
        return Standing.CONFIRMED, 1.0, f"{words} — confirmed{by}{_on(answered)}"
    if confirmation is Confirmation.DISPUTED:
        comment = f": {commitment.confirmation_comment}" if commitment.confirmation_comment else ""
        said = f"{words} — disputed by {who or 'the promisee'}{_on(answered)}{comment}"
        return Standing.DISPUTED, cfg.claimed_weight, said
    claimer = commitment.claimed_by or "the promisor's side"
    if outcome not in KEPT_OUTCOMES:
        return Standing.CLAIMED, 1.0, f"{words} — recorded by {claimer}, not yet confirmed"
    if silence_confirms(commitment.closed_at, as_of, cfg):
        days = f"{cfg.claim_confirms_after_days:g}"
        said = f"{words} — claimed by {claimer}, confirmed by silence after {days} days"
        return Standing.CONFIRMED_BY_SILENCE, 1.0, said
    return (
        Standing.CLAIMED,
        cfg.claimed_weight,
        f"{words} — claimed by {claimer}, not yet confirmed",
    )


def _standing_notes(outcomes: list[CommitmentOutcome], cfg: ReliabilitySettings) -> list[str]:
    closed = [o for o in outcomes if o.standing is not Standing.NOT_CLOSED]
    if not closed:
        return []
    count = {s: sum(1 for o in closed if o.standing is s) for s in Standing}
    kept_claims = sum(
        1 for o in closed if o.standing is Standing.CLAIMED and o.outcome in KEPT_OUTCOMES
    )
    notes = [
        f"confirmed outcomes count fully ({count[Standing.CONFIRMED]} confirmed, "
        f"{count[Standing.CONFIRMED_BY_SILENCE]} confirmed by silence after "
        f"{cfg.claim_confirms_after_days:g} days); a kept claim not yet confirmed counts at "
        f"{cfg.claimed_weight:g} of its weight ({kept_claims} such claim(s)); a broken or "
        f"released one recorded by the promisor's side alone counts fully "
        f"({count[Standing.CLAIMED] - kept_claims}); a disputed outcome counts as broken at "
        f"{cfg.claimed_weight:g} of its weight ({count[Standing.DISPUTED]} disputed)"
    ]
    shown = closed[:STANDING_LINES]
    notes += [f"{o.commitment_id}: {o.said}" for o in shown]
    if len(closed) > len(shown):
        notes.append(f"and {len(closed) - len(shown)} more closed commitment(s)")
    return notes


STANDING_LINES = 25  # per-outcome lines in an explanation; the rest are counted


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
        standing, share, said = standing_as_of(c, outcome, as_of, cfg)
        if standing is Standing.DISPUTED:
            outcome, score = Outcome.DISPUTED, cfg.broken_score
        weight = cfg.strength_weights[c.strength] * share
        outcomes.append(CommitmentOutcome(c.id, outcome, score, weight, standing, said))
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
    notes += _standing_notes(outcomes, cfg)
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
