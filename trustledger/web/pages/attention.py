"""Attention a person gave and received, month by month: the core's terms summed per date.

Each term is the core's `interaction_weight` (broadcasts at the core's broadcast weight) times
its `decay_factor`, exactly as `domain.attention_given` sums them; calling attention_given
once per month would sort the same interactions twelve times.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from trustledger import domain as core
from trustledger.domain.attention import flows
from trustledger.domain.records import Channel, InteractionRecord
from trustledger.engine.reports import engine_settings
from trustledger.ledger import models as m

MONTHS = 12


def attention_series(person_id: int, as_of: dt.datetime) -> dict[str, Any]:
    cfg = engine_settings().attention
    since = as_of - dt.timedelta(days=30 * MONTHS + 4 * cfg.half_life_days)
    # Two index reads (started by the person; the person took part), not one OR over a join:
    # at 20M interactions the OR walked the whole table (37 s for one person page).
    started = m.Interaction.objects.filter(
        initiator_id=person_id, occurred_at__lte=as_of, occurred_at__gte=since
    ).values_list("pk", flat=True)
    took_part = m.InteractionParticipant.objects.filter(
        person_id=person_id, occurred_at__lte=as_of, occurred_at__gte=since
    ).values_list("interaction_id", flat=True)
    ids = sorted(set(started) | set(took_part))
    rows = []
    for at in range(0, len(ids), 5000):
        rows += m.Interaction.objects.filter(pk__in=ids[at : at + 5000]).values_list(
            "occurred_at", "channel", "duration_minutes", "initiator_id", "is_broadcast"
        )
    terms: list[tuple[dt.datetime, bool, bool, float]] = []
    for occurred_at, channel, minutes, initiator, broadcast in rows:
        record = InteractionRecord(
            id="i",
            occurred_at=occurred_at,
            channel=Channel(channel),
            initiator_id="me" if initiator == person_id else "them",
            participant_ids=("them",) if initiator == person_id else ("me",),
            duration_minutes=minutes,
            is_broadcast=broadcast,
        )
        weight = core.interaction_weight(record.channel, minutes, cfg)
        if core.is_broadcast(record, cfg):
            weight *= cfg.broadcast_weight
        terms.append(
            (occurred_at, flows(record, "me", "them"), flows(record, "them", "me"), weight)
        )
    dates = [as_of - dt.timedelta(days=30 * k) for k in range(MONTHS - 1, -1, -1)]
    given, received = [], []
    for when in dates:
        g = r = 0.0
        for occurred_at, gives, receives, weight in terms:
            if occurred_at <= when:
                value = weight * core.decay_factor(
                    (when - occurred_at).total_seconds() / 86400, cfg.half_life_days
                )
                g += value if gives else 0.0
                r += value if receives else 0.0
        given.append(round(g, 3))
        received.append(round(r, 3))
    x = [d.date().isoformat() for d in dates]
    return {
        "title": "Attention given and received",
        "y_title": f"attention (half-life {cfg.half_life_days:g} days)",
        "formula": "A = sum w(channel, duration) * 2^(-(t - ts) / half_life)",
        "series": [
            {"name": "Given", "x": x, "y": given},
            {"name": "Received", "x": x, "y": received},
        ],
    }
