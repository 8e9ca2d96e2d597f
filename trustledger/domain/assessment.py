"""From the records of one relationship to the measures that health and actions need."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from trustledger.domain.attention import AttentionSummary, attention_between
from trustledger.domain.explanation import EvidenceState, RecordId, sorted_ids
from trustledger.domain.feedback import (
    FeedbackClosure,
    ReviewStatus,
    feedback_loop_closure,
    quality_review_status,
)
from trustledger.domain.health import HealthInputs
from trustledger.domain.records import RelationshipEvidence, ServiceLevel
from trustledger.domain.reliability import Reliability, reliability_from_commitments
from trustledger.domain.settings import EngineSettings
from trustledger.domain.stats import days_between
from trustledger.domain.transparency import measures_agreed_before_start


@dataclass(frozen=True)
class RelationshipMeasures:
    """The per-topic results behind a relationship's health and next actions."""

    attention: AttentionSummary
    reliability: Reliability
    feedback: FeedbackClosure
    reviews: ReviewStatus
    days_since_contact: float | None
    agreed_measures_share: float | None
    initiatives_without_measures: tuple[RecordId, ...]
    started_at: datetime | None


def measure_relationship(
    evidence: RelationshipEvidence,
    *,
    as_of: datetime,
    settings: EngineSettings | None = None,
) -> RelationshipMeasures:
    attention = attention_between(
        evidence.interactions,
        evidence.our_id,
        evidence.counterpart_id,
        as_of=as_of,
        settings=settings,
    )
    reliability = reliability_from_commitments(evidence.commitments, as_of=as_of, settings=settings)
    feedback = feedback_loop_closure(evidence.feedback, as_of=as_of, settings=settings)
    reviews = quality_review_status(evidence.reviews, as_of=as_of, settings=settings)
    known = [i.occurred_at for i in evidence.interactions if i.occurred_at <= as_of]
    starts = [*known, *([evidence.started_at] if evidence.started_at else [])]
    started = min(starts) if starts else None
    if attention.last_two_way_contact is not None:
        days_since_contact: float | None = days_between(attention.last_two_way_contact, as_of)
    elif started is not None:
        # Never a two-way contact: the silence has lasted since the relationship began.
        days_since_contact = max(0.0, days_between(started, as_of))
    else:
        days_since_contact = None
    started_work = [i for i in evidence.initiatives if i.started_at <= as_of]
    agreed = [i for i in started_work if measures_agreed_before_start(i, as_of)]
    return RelationshipMeasures(
        attention=attention,
        reliability=reliability,
        feedback=feedback,
        reviews=reviews,
        days_since_contact=days_since_contact,
        agreed_measures_share=len(agreed) / len(started_work) if started_work else None,
        initiatives_without_measures=sorted_ids(i.id for i in started_work if i not in agreed),
        started_at=started,
    )


def health_inputs_from_evidence(
    evidence: RelationshipEvidence,
    *,
    as_of: datetime,
    level: ServiceLevel,
    trust: float | None = None,
    trust_record_ids: tuple[RecordId, ...] = (),
    settings: EngineSettings | None = None,
    measures: RelationshipMeasures | None = None,
) -> HealthInputs:
    """Health measures from the records; a measure without records stays missing (None).

    `trust` comes from surveys (see `trust_from_ratings`), so it is passed in. `measures`:
    `measure_relationship` of the same evidence, time and settings, if the caller has it.
    """
    m = measures or measure_relationship(evidence, as_of=as_of, settings=settings)
    att = m.attention
    has_attention = att.given.value > 0 or att.received.value > 0
    started_work = [i for i in evidence.initiatives if i.started_at <= as_of]
    reviews_days = m.reviews.days_since
    if reviews_days is None and started_work:
        # Work is under way but no review was ever held: unreviewed since work began.
        reviews_days = days_between(min(i.started_at for i in started_work), as_of)
    return HealthInputs(
        level=level,
        trust=trust,
        reliability=(
            m.reliability.score if m.reliability.evidence is not EvidenceState.NONE else None
        ),
        days_since_contact=m.days_since_contact,
        reciprocity=att.reciprocity if has_attention else None,
        channel_breadth=att.channel_breadth if att.explanation.n else None,
        agreed_measures_share=m.agreed_measures_share,
        days_since_review=reviews_days,
        feedback_closure=m.feedback.share_closed,
        record_ids={
            "trust": trust_record_ids,
            "reliability": m.reliability.explanation.record_ids,
            "attention_recency": att.explanation.record_ids,
            "reciprocity": att.given.explanation.record_ids + att.received.explanation.record_ids,
            "channel_breadth": att.explanation.record_ids,
            "agreed_measures": sorted_ids(i.id for i in started_work),
            "reviews_up_to_date": m.reviews.explanation.record_ids,
            "feedback_closure": m.feedback.explanation.record_ids,
        },
    )
