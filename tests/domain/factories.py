"""Small builders for domain records; day numbers count from a fixed start date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from trustledger.domain.explanation import RecordId
from trustledger.domain.records import (
    Channel,
    CommitmentRecord,
    CommitmentState,
    CommitmentStrength,
    Focus,
    InteractionRecord,
    Rating,
    TrustComponent,
)

START = datetime(2024, 1, 1, tzinfo=UTC)


def day(n: float) -> datetime:
    return START + timedelta(days=n)


def rating(
    id: RecordId,
    rater: RecordId,
    subject: RecordId,
    component: TrustComponent,
    value: float,
    *,
    on: float = 0,
    rater_unit: RecordId | None = None,
    self_assessment: bool = False,
) -> Rating:
    return Rating(id, rater, subject, component, value, day(on), rater_unit, self_assessment)


def commitment(
    id: RecordId,
    strength: CommitmentStrength = CommitmentStrength.COMMITMENT,
    state: CommitmentState = CommitmentState.KEPT,
    *,
    made: float = 0,
    due: float = 10,
    closed: float | None = None,
    renegotiated: float | None = None,
    in_our_power: bool | None = None,
) -> CommitmentRecord:
    if closed is None and state in (
        CommitmentState.KEPT,
        CommitmentState.KEPT_LATE,
        CommitmentState.BROKEN,
        CommitmentState.RELEASED,
    ):
        closed = due if state is not CommitmentState.KEPT_LATE else due + 5
    return CommitmentRecord(
        id=id,
        strength=strength,
        made_at=day(made),
        due_at=day(due),
        state=state,
        closed_at=None if closed is None else day(closed),
        renegotiated_at=None if renegotiated is None else day(renegotiated),
        in_our_power=in_our_power,
    )


def interaction(
    id: RecordId,
    on: float,
    channel: Channel = Channel.EMAIL,
    *,
    by: RecordId = "a",
    to: tuple[RecordId, ...] = ("b",),
    recipients: int | None = None,
    minutes: float | None = None,
    answered: bool = True,
    automated: bool = False,
    broadcast: bool = False,
    focus: Focus = Focus.SHARED,
    request: bool = False,
    intent_declared: bool | None = None,
) -> InteractionRecord:
    return InteractionRecord(
        id=id,
        occurred_at=day(on),
        channel=channel,
        initiator_id=by,
        participant_ids=to,
        recipients_count=len(to) if recipients is None else recipients,
        duration_minutes=minutes,
        answered=answered,
        automated=automated,
        is_broadcast=broadcast,
        focus=focus,
        is_request=request,
        intent_declared=intent_declared,
    )
