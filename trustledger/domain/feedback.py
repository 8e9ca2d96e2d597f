"""Respect and transparency upkeep: feedback loops closed, quality reviews held on time."""

from __future__ import annotations

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
from trustledger.domain.records import FeedbackRecord, QualityReviewRecord
from trustledger.domain.settings import EngineSettings, resolve
from trustledger.domain.stats import days_between


@dataclass(frozen=True)
class FeedbackClosure(Explained):
    share_closed: float | None
    open_ids: tuple[RecordId, ...]
    explanation: Explanation


def feedback_loop_closure(
    feedback: Iterable[FeedbackRecord], *, as_of: datetime
) -> FeedbackClosure:
    """Share of feedback received by as_of whose loop was closed by as_of."""
    received = [f for f in feedback if f.received_at <= as_of]
    closed = [f for f in received if f.closed_at is not None and f.closed_at <= as_of]
    open_ids = sorted_ids(f.id for f in received if f not in closed)
    return FeedbackClosure(
        share_closed=len(closed) / len(received) if received else None,
        open_ids=open_ids,
        explanation=Explanation(
            formula="closure = loops closed / feedback received",
            inputs={"closed": len(closed), "received": len(received)},
            n=len(received),
            evidence=EvidenceState.SUFFICIENT if received else EvidenceState.NONE,
            record_ids=sorted_ids(f.id for f in received),
        ),
    )


@dataclass(frozen=True)
class ReviewStatus(Explained):
    last_review_at: datetime | None
    days_since: float | None
    overdue: bool
    explanation: Explanation


def quality_review_status(
    reviews: Iterable[QualityReviewRecord],
    *,
    as_of: datetime,
    settings: EngineSettings | None = None,
) -> ReviewStatus:
    """Overdue when no review was held, or the last one is older than the review interval."""
    interval = resolve(settings).health.review_interval_days
    held = sorted((r for r in reviews if r.held_at <= as_of), key=lambda r: r.held_at)
    last = held[-1] if held else None
    days = days_between(last.held_at, as_of) if last else None
    return ReviewStatus(
        last_review_at=last.held_at if last else None,
        days_since=days,
        overdue=days is None or days > interval,
        explanation=Explanation(
            formula="overdue = no review yet or days since last review > review_interval_days",
            inputs={"days_since": days, "review_interval_days": interval},
            n=len(held),
            evidence=EvidenceState.SUFFICIENT if held else EvidenceState.NONE,
            record_ids=(last.id,) if last else (),
        ),
    )
