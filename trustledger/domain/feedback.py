"""Respect and transparency upkeep: feedback loops closed, quality reviews held on time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

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
    # Loops we have not answered yet (or that they reopened): ours to close.
    open_ids: tuple[RecordId, ...]
    explanation: Explanation
    # Answered, but neither seen closed by them nor past the waiting time yet.
    waiting_ids: tuple[RecordId, ...] = ()
    # Counted as closed: seen closed by the other side, or past the waiting time.
    seen_ids: tuple[RecordId, ...] = ()
    timed_ids: tuple[RecordId, ...] = ()


def _answered(f: FeedbackRecord, as_of: datetime) -> bool:
    if f.closed_at is None or f.closed_at > as_of:
        return False
    # A reopening after the answer (and by as_of) undoes it until we answer again.
    return f.reopened_at is None or not (f.closed_at <= f.reopened_at <= as_of)


def _seen(f: FeedbackRecord, as_of: datetime) -> bool:
    """Seen closed by them, after our (latest) answer and by as_of."""
    return (
        f.seen_closed_at is not None
        and f.seen_closed_at <= as_of
        and (f.closed_at is None or f.seen_closed_at >= f.closed_at)
    )


def loop_counted_at(f: FeedbackRecord, after_days: float) -> datetime | None:
    """When the loop starts to count as closed: their seeing it closed after our answer, or
    `after_days` after the answer, whichever comes first; None while unanswered or reopened."""
    if f.closed_at is None or (f.reopened_at is not None and f.reopened_at >= f.closed_at):
        return None
    by_time = f.closed_at + timedelta(days=after_days)
    seen = f.seen_closed_at
    return min(seen, by_time) if seen is not None and seen >= f.closed_at else by_time


def feedback_loop_closure(
    feedback: Iterable[FeedbackRecord],
    *,
    as_of: datetime,
    settings: EngineSettings | None = None,
) -> FeedbackClosure:
    """Share of feedback received by as_of whose loop counts as closed by as_of: we answered
    with what changed, and the other side saw the loop closed, or `loop_seen_after_days`
    passed after the answer without their reopening it."""
    after = resolve(settings).health.loop_seen_after_days
    received = [f for f in feedback if f.received_at <= as_of]
    answered = [f for f in received if _answered(f, as_of)]
    seen = [f for f in answered if _seen(f, as_of)]
    timed = [
        f
        for f in answered
        if not _seen(f, as_of)
        and f.closed_at is not None
        and days_between(f.closed_at, as_of) >= after
    ]
    counted = {f.id for f in seen} | {f.id for f in timed}
    answered_ids = {f.id for f in answered}
    notes = tuple(
        f"{f.id}: seen closed by {f.seen_closed_by or 'the other side'}"
        + (f" on {f.seen_closed_at:%Y-%m-%d}" if f.seen_closed_at else "")
        for f in sorted(seen, key=lambda f: (f.seen_closed_at or f.received_at, str(f.id)))
    ) + tuple(
        f"{f.id}: answered on {f.closed_at:%Y-%m-%d}, not reopened within {after:g} days"
        for f in sorted(timed, key=lambda f: (f.closed_at or f.received_at, str(f.id)))
        if f.closed_at is not None
    )
    return FeedbackClosure(
        share_closed=len(counted) / len(received) if received else None,
        open_ids=sorted_ids(f.id for f in received if f.id not in answered_ids),
        waiting_ids=sorted_ids(f.id for f in answered if f.id not in counted),
        seen_ids=sorted_ids(f.id for f in seen),
        timed_ids=sorted_ids(f.id for f in timed),
        explanation=Explanation(
            formula=(
                "closure = loops closed / feedback received; a loop is closed when we "
                "answered what changed and they saw it closed, or loop_seen_after_days "
                "passed after the answer without their reopening it"
            ),
            inputs={
                "feedback_received": len(received),
                "answered": len(answered),
                "seen_closed": len(seen),
                "closed_by_time": len(timed),
                "loops_closed": len(counted),
                "loop_seen_after_days": after,
            },
            n=len(received),
            evidence=EvidenceState.SUFFICIENT if received else EvidenceState.NONE,
            record_ids=sorted_ids(f.id for f in received),
            notes=notes,
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
