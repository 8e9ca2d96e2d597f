"""Transparency evidence of a unit: measures agreed first, no surprises, issues told fast."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from trustledger.domain.explanation import (
    EvidenceState,
    Explained,
    Explanation,
    RecordId,
    sorted_ids,
)
from trustledger.domain.records import DecisionRecord, InitiativeRecord, IssueRecord
from trustledger.domain.settings import EngineSettings, resolve
from trustledger.domain.stats import days_between, median


def measures_agreed_before_start(initiative: InitiativeRecord, as_of: datetime) -> bool:
    agreed = initiative.measures_agreed_at
    return agreed is not None and agreed <= initiative.started_at and agreed <= as_of


def stakeholders_told_before(decision: DecisionRecord) -> bool:
    """Every affected stakeholder was involved or told before, and nobody was surprised."""
    return (
        decision.affected_ids <= decision.involved_or_told_before_ids and not decision.surprised_ids
    )


def issue_speed_score(median_days: float, half_life_days: float) -> float:
    """1 for an issue told at once, 1/2 after one half-life, toward 0 after that."""
    return float(2.0 ** (-max(0.0, median_days) / half_life_days))


@dataclass(frozen=True)
class TransparencyEvidence(Explained):
    score: float | None  # 1–10, None without any evidence
    measures_before_work_share: float | None
    stakeholders_told_before_share: float | None
    median_days_to_stakeholders: float | None
    explanation: Explanation


def transparency_evidence(
    initiatives: Iterable[InitiativeRecord],
    decisions: Iterable[DecisionRecord],
    issues: Iterable[IssueRecord],
    *,
    as_of: datetime,
    settings: EngineSettings | None = None,
) -> TransparencyEvidence:
    """Tr = 1 + 9 * weighted mean of (measures share, told-before share, issue speed).

    Parts without records are left out and the weights renormalised. An issue that has not
    reached stakeholders by as_of counts with its age so far (a lower bound on its delay).
    """
    cfg = resolve(settings).transparency
    started = [i for i in initiatives if i.started_at <= as_of]
    decided = [d for d in decisions if d.decided_at <= as_of]
    raised = [i for i in issues if i.detected_at <= as_of]

    measures_share = None
    if started:
        measures_share = sum(measures_agreed_before_start(i, as_of) for i in started) / len(started)
    told_share = None
    if decided:
        told_share = sum(stakeholders_told_before(d) for d in decided) / len(decided)
    median_days = None
    still_open = 0
    if raised:
        delays = []
        for issue in raised:
            reached = issue.reached_stakeholders_at
            if reached is None or reached > as_of:
                still_open += 1
                reached = as_of
            delays.append(max(0.0, days_between(issue.detected_at, reached)))
        median_days = median(delays)

    parts: list[tuple[str, float, float]] = []
    if measures_share is not None:
        parts.append(("measures_before_work", measures_share, cfg.measures_before_work_weight))
    if told_share is not None:
        parts.append(("stakeholders_told_before", told_share, cfg.stakeholders_told_before_weight))
    if median_days is not None:
        speed = issue_speed_score(median_days, cfg.issue_half_life_days)
        parts.append(("issue_speed", speed, cfg.issue_speed_weight))
    total_weight = math.fsum(w for _, _, w in parts)
    score = None
    if parts and total_weight > 0:
        score = 1.0 + 9.0 * math.fsum(v * w for _, v, w in parts) / total_weight

    n = len(started) + len(decided) + len(raised)
    if n == 0:
        evidence = EvidenceState.NONE
    elif n < cfg.min_records:
        evidence = EvidenceState.TOO_LITTLE
    else:
        evidence = EvidenceState.SUFFICIENT
    notes = []
    missing = {"measures_before_work", "stakeholders_told_before", "issue_speed"} - {
        name for name, _, _ in parts
    }
    if missing:
        notes.append(f"no records for {', '.join(sorted(missing))}: left out, weights renormalised")
    if still_open:
        notes.append(f"{still_open} issue(s) not yet told: counted with their age so far")
    ids: list[RecordId] = [*(i.id for i in started), *(d.id for d in decided)]
    ids.extend(i.id for i in raised)
    inputs: dict[str, float | int | str | bool | None] = {name: v for name, v, _ in parts}
    inputs["median_days_to_stakeholders"] = median_days
    return TransparencyEvidence(
        score=score,
        measures_before_work_share=measures_share,
        stakeholders_told_before_share=told_share,
        median_days_to_stakeholders=median_days,
        explanation=Explanation(
            formula=(
                "Tr = 1 + 9 * weighted mean(measures_before_work, stakeholders_told_before, "
                "2^(-median_days / issue_half_life))"
            ),
            inputs=inputs,
            n=n,
            evidence=evidence,
            record_ids=sorted_ids(ids),
            notes=tuple(notes),
        ),
    )
