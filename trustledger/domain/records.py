"""The evidence of relationships as plain frozen dataclasses, the engine's only inputs.

All datetimes given to one call must be alike: all timezone-aware (recommended, UTC) or all
naive. Ids (`RecordId`) are ints or strings and are passed through untouched.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from trustledger.domain.explanation import RecordId


class ServiceLevel(enum.IntEnum):
    """How the counterpart sees us, ordered from commodity to confidant."""

    VENDOR = 1
    PROBLEM_SOLVER = 2
    CONSULTANT = 3
    PARTNER = 4
    TRUSTED_ADVISOR = 5


class TrustComponent(enum.StrEnum):
    CREDIBILITY = "credibility"
    RELIABILITY = "reliability"
    INTIMACY = "intimacy"
    CHARACTER = "character"
    SELF_ORIENTATION = "self_orientation"
    TRANSPARENCY = "transparency"
    FOCUS = "focus"

    @property
    def lower_is_better(self) -> bool:
        """Self-orientation and focus on oneself divide trust: less is better."""
        return self in (TrustComponent.SELF_ORIENTATION, TrustComponent.FOCUS)


@dataclass(frozen=True)
class Rating:
    """One rater's view of one component of a subject (a person or a unit), on 1–10."""

    id: RecordId
    rater_id: RecordId
    subject_id: RecordId
    component: TrustComponent
    value: float
    rated_at: datetime
    rater_unit_id: RecordId | None = None
    self_assessment: bool = False

    @property
    def is_self_rating(self) -> bool:
        return self.self_assessment or self.rater_id == self.subject_id


class CommitmentStrength(enum.StrEnum):
    COMMITMENT = "commitment"  # "it will be done, no matter what": in my power
    BEST_EFFORT = "best_effort"  # "I will do my best"
    GOOD_INTENTION = "good_intention"  # "I strive, but I don't control the outcome"


class CommitmentState(enum.StrEnum):
    OPEN = "open"
    KEPT = "kept"
    KEPT_LATE = "kept_late"
    BROKEN = "broken"
    RENEGOTIATED = "renegotiated"
    RELEASED = "released"


class Confirmation(enum.StrEnum):
    """Who stands behind a closed commitment's outcome."""

    CLAIMED = "claimed"  # recorded by the promisor's side alone
    CONFIRMED = "confirmed"  # by the promisee or a manager of the promisee's unit
    DISPUTED = "disputed"  # the promisee's side objects, with a comment


@dataclass(frozen=True)
class CommitmentRecord:
    id: RecordId
    strength: CommitmentStrength
    made_at: datetime
    due_at: datetime
    state: CommitmentState = CommitmentState.OPEN
    closed_at: datetime | None = None
    renegotiated_at: datetime | None = None
    promisor_id: RecordId | None = None
    promisee_id: RecordId | None = None
    sentence: str = ""
    in_our_power: bool | None = None
    # The promisee's side's word on the outcome. A record that does not say is taken as
    # confirmed (an outcome both sides stand by); the engine passes what the ledger holds.
    confirmation: Confirmation = Confirmation.CONFIRMED
    confirmation_by: str = ""  # who confirmed or disputed (a name)
    confirmation_at: datetime | None = None
    confirmation_comment: str = ""
    claimed_by: str = ""  # the promisor's side, as named in an explanation


class Channel(enum.StrEnum):
    EMAIL = "email"
    MEETING = "meeting"
    CALL = "call"
    CHAT = "chat"
    IN_PERSON = "in_person"
    OTHER = "other"

    @property
    def is_synchronous(self) -> bool:
        """Both sides are present at once, so attention flows both ways."""
        return self in (Channel.MEETING, Channel.CALL, Channel.IN_PERSON)


class Focus(enum.StrEnum):
    THEIRS = "theirs"
    SHARED = "shared"
    OURS = "ours"


@dataclass(frozen=True)
class InteractionRecord:
    """One message, meeting or call from `initiator_id` to the people in `participant_ids`.

    `recipients_count` is the full audience (an importer may know only some of the people);
    `answered` says the other side replied or took part.
    """

    id: RecordId
    occurred_at: datetime
    channel: Channel
    initiator_id: RecordId
    participant_ids: tuple[RecordId, ...]
    recipients_count: int = 1
    duration_minutes: float | None = None
    answered: bool = False
    automated: bool = False
    is_broadcast: bool = False
    focus: Focus = Focus.SHARED
    is_request: bool = False
    intent_declared: bool | None = None


@dataclass(frozen=True)
class InitiativeRecord:
    id: RecordId
    started_at: datetime
    measures_agreed_at: datetime | None = None


@dataclass(frozen=True)
class DecisionRecord:
    id: RecordId
    decided_at: datetime
    affected_ids: frozenset[RecordId] = frozenset()
    involved_or_told_before_ids: frozenset[RecordId] = frozenset()
    surprised_ids: frozenset[RecordId] = frozenset()


@dataclass(frozen=True)
class IssueRecord:
    id: RecordId
    detected_at: datetime
    reached_stakeholders_at: datetime | None = None


@dataclass(frozen=True)
class FeedbackRecord:
    """Feedback received from the partner. We close the loop when we tell them what changed
    (`closed_at`); it counts as closed once they have seen it closed (`seen_closed_at`, by
    `seen_closed_by`), or once `health.loop_seen_after_days` pass after our answer without
    their reopening it (`reopened_at`)."""

    id: RecordId
    received_at: datetime
    change_made: str = ""
    closed_at: datetime | None = None
    seen_closed_at: datetime | None = None
    seen_closed_by: str = ""
    reopened_at: datetime | None = None


@dataclass(frozen=True)
class LevelStatementRecord:
    """Where one side ("ours" or "theirs") said it believes the relationship stands."""

    id: RecordId
    side: str
    level: ServiceLevel
    stated_at: datetime
    reason: str = ""
    stated_by: str = ""


@dataclass(frozen=True)
class QualityReviewRecord:
    id: RecordId
    held_at: datetime


@dataclass(frozen=True)
class LocalContext:
    """What we know of one counterpart person's world."""

    person_id: RecordId
    role: str = ""
    responsibilities_and_concerns: str = ""
    culture: str = ""
    country: str = ""
    language: str = ""
    time_zone: str = ""
    preferred_channels: tuple[Channel, ...] = ()
    # Their script: what is important to them, what they want next, what would be bad.
    important_to_them: str = ""
    wants_next: str = ""
    bad_outcome: str = ""


class ReserveEventKind(enum.StrEnum):
    KEPT_COMMITMENT = "kept_commitment"
    TWO_WAY_ATTENTION = "two_way_attention"
    CLOSED_FEEDBACK_LOOP = "closed_feedback_loop"
    BROKEN_COMMITMENT = "broken_commitment"
    SURPRISE = "surprise"
    SELF_ORIENTED_ACT = "self_oriented_act"

    @property
    def is_withdrawal(self) -> bool:
        return self in (
            ReserveEventKind.BROKEN_COMMITMENT,
            ReserveEventKind.SURPRISE,
            ReserveEventKind.SELF_ORIENTED_ACT,
        )


@dataclass(frozen=True)
class ReserveEvent:
    id: RecordId
    occurred_at: datetime
    kind: ReserveEventKind
    size: float = 1.0


@dataclass(frozen=True)
class RelationshipEvidence:
    """All the records of one relationship, from our side (`our_id`) to `counterpart_id`."""

    our_id: RecordId
    counterpart_id: RecordId
    started_at: datetime | None = None
    interactions: tuple[InteractionRecord, ...] = ()
    commitments: tuple[CommitmentRecord, ...] = ()
    initiatives: tuple[InitiativeRecord, ...] = ()
    feedback: tuple[FeedbackRecord, ...] = ()
    reviews: tuple[QualityReviewRecord, ...] = ()
    level_statements: tuple[LevelStatementRecord, ...] = ()
    local_contexts: tuple[LocalContext, ...] = field(default_factory=tuple)
