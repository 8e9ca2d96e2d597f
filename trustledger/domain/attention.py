"""Attention, the currency of relationships: given, received, reciprocity, breadth, talking AT.

`decay_factor`, `duration_factor` and `interaction_weight` are plain scalar functions so a
vectorized engine can apply the same rules to whole columns.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
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
from trustledger.domain.records import Channel, Focus, InteractionRecord
from trustledger.domain.settings import AttentionSettings, EngineSettings, resolve
from trustledger.domain.stats import days_between

DEFAULT_HALF_LIFE_DAYS = 90.0
DEFAULT_CHANNEL_WEIGHTS = AttentionSettings().channel_weights


def decay_factor(age_days: float, half_life_days: float = DEFAULT_HALF_LIFE_DAYS) -> float:
    """2^(-age / half_life): 1 now, 1/2 one half-life ago."""
    if age_days < 0:
        raise ValueError("age_days must not be negative: the interaction is after as_of")
    if half_life_days <= 0:
        raise ValueError("half_life_days must be positive")
    return float(2.0 ** (-age_days / half_life_days))


def duration_factor(
    duration_minutes: float | None,
    reference_minutes: float = 30.0,
    exponent: float = 0.5,
    cap: float = 3.0,
) -> float:
    """(duration / reference)^exponent, capped; 1 when the duration is unknown."""
    if duration_minutes is None:
        return 1.0
    if duration_minutes <= 0:
        return 0.0
    return float(min(cap, (duration_minutes / reference_minutes) ** exponent))


def interaction_weight(
    channel: Channel, duration_minutes: float | None, settings: AttentionSettings | None = None
) -> float:
    """w(channel, duration) = channel weight * duration factor."""
    cfg = settings or AttentionSettings()
    return cfg.channel_weights[channel] * duration_factor(
        duration_minutes,
        cfg.duration_reference_minutes,
        cfg.duration_exponent,
        cfg.max_duration_factor,
    )


def is_broadcast(interaction: InteractionRecord, settings: AttentionSettings | None = None) -> bool:
    """Flagged, or a message to too many recipients, or a meeting above the size limit."""
    cfg = settings or AttentionSettings()
    if interaction.is_broadcast:
        return True
    audience = max(interaction.recipients_count, len(interaction.participant_ids))
    if interaction.channel.is_synchronous:
        return audience + 1 > cfg.max_meeting_size
    return audience > cfg.max_message_recipients


def is_meaningful(
    interaction: InteractionRecord, settings: AttentionSettings | None = None
) -> bool:
    """Meaningful interactions are neither automated nor broadcasts."""
    return not interaction.automated and not is_broadcast(interaction, settings)


def flows(interaction: InteractionRecord, giver: RecordId, receiver: RecordId) -> bool:
    """Did attention flow from giver to receiver? Synchronous channels flow both ways."""
    if interaction.automated:
        return False
    if interaction.initiator_id == giver and receiver in interaction.participant_ids:
        return True
    return (
        interaction.channel.is_synchronous
        and interaction.initiator_id == receiver
        and giver in interaction.participant_ids
    )


# Attention below this is what decay leaves of old evidence, not a flow: the weight one
# e-mail (weight 1) still carries after ten half-lives, 2^-10 ≈ 0.001 (2.5 years at the
# default half-life of 90 days). Reciprocity compares two flows only when both carry at least
# this much; otherwise it is 0, as for a one-sided pair, so that a network last active in
# 2004 does not show 0.94 computed from attention of 3.5e-26 each way.
ATTENTION_FLOOR = 2.0**-10


def reciprocity(given: float, received: float) -> float:
    """min / max of the two flows: 1 when balanced, 0 when one-sided, or when either flow is
    below ATTENTION_FLOOR (too faded to compare)."""
    low, high = min(given, received), max(given, received)
    if low < ATTENTION_FLOOR:
        return 0.0
    return low / high


def _between(
    interactions: Iterable[InteractionRecord], a: RecordId, b: RecordId, as_of: datetime
) -> list[InteractionRecord]:
    """Non-automated interactions between a and b at or before as_of, in a fixed order."""
    chosen = [
        i for i in interactions if i.occurred_at <= as_of and (flows(i, a, b) or flows(i, b, a))
    ]
    return sorted(chosen, key=lambda i: (i.occurred_at, id_sort_key(i.id), repr(i)))


@dataclass(frozen=True)
class AttentionFlow(Explained):
    giver_id: RecordId
    receiver_id: RecordId
    value: float
    explanation: Explanation


def attention_given(
    interactions: Iterable[InteractionRecord],
    giver_id: RecordId,
    receiver_id: RecordId,
    *,
    as_of: datetime,
    settings: EngineSettings | None = None,
) -> AttentionFlow:
    """sum of w(channel, duration) * 2^(-(as_of - t) / half_life) over giver → receiver."""
    cfg = resolve(settings).attention
    terms: list[float] = []
    ids: list[RecordId] = []
    broadcasts = 0
    for i in _between(interactions, giver_id, receiver_id, as_of):
        if not flows(i, giver_id, receiver_id):
            continue
        weight = interaction_weight(i.channel, i.duration_minutes, cfg)
        if is_broadcast(i, cfg):
            weight *= cfg.broadcast_weight
            broadcasts += 1
        terms.append(weight * decay_factor(days_between(i.occurred_at, as_of), cfg.half_life_days))
        ids.append(i.id)
    notes = ["automated messages are left out; synchronous channels count both ways"]
    if broadcasts:
        notes.append(f"{broadcasts} broadcast(s) counted at {cfg.broadcast_weight:g} of weight")
    return AttentionFlow(
        giver_id=giver_id,
        receiver_id=receiver_id,
        value=math.fsum(terms),
        explanation=Explanation(
            formula="A = sum w(channel, duration) * 2^(-(as_of - t) / half_life)",
            inputs={"half_life_days": cfg.half_life_days, "as_of": as_of.isoformat()},
            n=len(terms),
            evidence=EvidenceState.SUFFICIENT if terms else EvidenceState.NONE,
            record_ids=sorted_ids(ids),
            notes=tuple(notes),
        ),
    )


@dataclass(frozen=True)
class Share(Explained):
    """A share within 0–1, or None when there is nothing to share out."""

    value: float | None
    explanation: Explanation


def _share(
    records: list[InteractionRecord], hit: Callable[[InteractionRecord], bool], formula: str
) -> Share:
    hits = [i for i in records if hit(i)]
    return Share(
        value=len(hits) / len(records) if records else None,
        explanation=Explanation(
            formula=formula,
            inputs={"hits": len(hits), "total": len(records)},
            n=len(records),
            evidence=EvidenceState.SUFFICIENT if records else EvidenceState.NONE,
            record_ids=sorted_ids(i.id for i in hits),
        ),
    )


@dataclass(frozen=True)
class AttentionSummary(Explained):
    """Attention between our side `a` and counterpart `b` as of a date."""

    given: AttentionFlow
    received: AttentionFlow
    reciprocity: float
    channel_breadth: int
    channels: tuple[Channel, ...]
    last_two_way_contact: datetime | None
    last_two_way_contact_id: RecordId | None
    talking_at_share: Share  # a's messages to b that were broadcasts or got no answer
    self_focus_share: Share  # a-initiated meaningful interactions on a's own agenda
    undeclared_intent_share: Share  # a's requests to b without a declared intent
    explanation: Explanation


def attention_between(
    interactions: Iterable[InteractionRecord],
    a_id: RecordId,
    b_id: RecordId,
    *,
    as_of: datetime,
    settings: EngineSettings | None = None,
) -> AttentionSummary:
    cfg = resolve(settings).attention
    records = list(interactions)
    given = attention_given(records, a_id, b_id, as_of=as_of, settings=settings)
    received = attention_given(records, b_id, a_id, as_of=as_of, settings=settings)
    between = _between(records, a_id, b_id, as_of)
    window_start = as_of - timedelta(days=cfg.window_days)
    recent = [i for i in between if i.occurred_at > window_start and is_meaningful(i, cfg)]
    channels = tuple(sorted({i.channel for i in recent}, key=lambda c: c.value))
    two_way = [
        i for i in between if is_meaningful(i, cfg) and (i.channel.is_synchronous or i.answered)
    ]
    last_two_way = two_way[-1].occurred_at if two_way else None
    last_two_way_id = two_way[-1].id if two_way else None
    ours = [i for i in between if i.initiator_id == a_id and i.occurred_at > window_start]
    messages = [i for i in ours if not i.channel.is_synchronous]
    talking_at = _share(
        messages,
        lambda i: is_broadcast(i, cfg) or not i.answered,
        "talking AT = (broadcasts + unanswered) / our messages in the window",
    )
    self_focus = _share(
        [i for i in ours if is_meaningful(i, cfg)],
        lambda i: i.focus is Focus.OURS,
        "self focus = our-agenda interactions / interactions we started in the window",
    )
    undeclared = _share(
        [i for i in ours if i.is_request],
        lambda i: i.intent_declared is not True,
        "undeclared intent = requests without declared intent / our requests in the window",
    )
    recip = reciprocity(given.value, received.value)
    return AttentionSummary(
        given=given,
        received=received,
        reciprocity=recip,
        channel_breadth=len(channels),
        channels=channels,
        last_two_way_contact=last_two_way,
        last_two_way_contact_id=last_two_way_id,
        talking_at_share=talking_at,
        self_focus_share=self_focus,
        undeclared_intent_share=undeclared,
        explanation=Explanation(
            formula=(
                "reciprocity = min(given, received) / max(given, received); 0 when either is "
                f"below {ATTENTION_FLOOR:g}"
            ),
            inputs={
                "given": given.value,
                "received": received.value,
                "reciprocity": recip,
                "channel_breadth": len(channels),
                "window_days": cfg.window_days,
                "last_two_way_contact": last_two_way.isoformat() if last_two_way else None,
            },
            n=len(between),
            evidence=EvidenceState.SUFFICIENT if between else EvidenceState.NONE,
            record_ids=sorted_ids(i.id for i in between),
            notes=("only interactions at or before as_of count",),
        ),
    )
