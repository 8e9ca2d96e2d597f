"""The trust reserve: a running balance of deposits and (heavier) withdrawals, decaying to 0."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from trustledger.domain.attention import decay_factor
from trustledger.domain.explanation import (
    EvidenceState,
    Explained,
    Explanation,
    RecordId,
    id_sort_key,
    sorted_ids,
)
from trustledger.domain.records import ReserveEvent, ReserveEventKind
from trustledger.domain.settings import EngineSettings, ReserveSettings, resolve
from trustledger.domain.stats import days_between


def event_amount(event: ReserveEvent, cfg: ReserveSettings) -> float:
    """Signed change: a deposit adds its amount, a withdrawal takes multiplier times as much."""
    base = cfg.deposit_amounts[event.kind] * event.size
    return -base * cfg.withdrawal_multiplier if event.kind.is_withdrawal else base


@dataclass(frozen=True)
class ReservePoint(Explained):
    at: datetime
    event_id: RecordId
    change: float
    balance: float
    kind: ReserveEventKind | None = None  # what moved the balance (a deposit or a withdrawal)


@dataclass(frozen=True)
class TrustReserve(Explained):
    balance: float  # as of as_of, decayed since the last event
    series: tuple[ReservePoint, ...]
    explanation: Explanation


def trust_reserve(
    events: Iterable[ReserveEvent],
    *,
    as_of: datetime,
    settings: EngineSettings | None = None,
) -> TrustReserve:
    """balance(t) = balance(t_prev) * 2^(-(t - t_prev) / half_life) + change(t)."""
    cfg = resolve(settings).reserve
    ordered = sorted(
        (e for e in events if e.occurred_at <= as_of),
        key=lambda e: (e.occurred_at, id_sort_key(e.id), repr(e)),
    )
    balance = 0.0
    last: datetime | None = None
    series: list[ReservePoint] = []
    for event in ordered:
        if last is not None:
            balance *= decay_factor(days_between(last, event.occurred_at), cfg.half_life_days)
        change = event_amount(event, cfg)
        balance += change
        last = event.occurred_at
        series.append(ReservePoint(event.occurred_at, event.id, change, balance, event.kind))
    if last is not None:
        balance *= decay_factor(days_between(last, as_of), cfg.half_life_days)
    deposits = math.fsum(p.change for p in series if p.change > 0)
    withdrawals = math.fsum(p.change for p in series if p.change < 0)
    return TrustReserve(
        balance=balance,
        series=tuple(series),
        explanation=Explanation(
            formula="balance = balance_prev * 2^(-days / half_life) + change; "
            "withdrawals = multiplier * amount",
            inputs={
                "deposits": deposits,
                "withdrawals": withdrawals,
                "withdrawal_multiplier": cfg.withdrawal_multiplier,
                "half_life_days": cfg.half_life_days,
            },
            n=len(series),
            evidence=EvidenceState.SUFFICIENT if series else EvidenceState.NONE,
            record_ids=sorted_ids(p.event_id for p in series),
        ),
    )


@dataclass(frozen=True)
class SetbackCapacity(Explained):
    can_absorb: bool
    balance_after: float
    explanation: Explanation


def can_absorb(
    reserve: TrustReserve, setback_size: float, settings: EngineSettings | None = None
) -> SetbackCapacity:
    """Would a setback of this size (in deposit units) keep the balance at or above the floor?"""
    if setback_size < 0:
        raise ValueError("setback_size must not be negative")
    cfg = resolve(settings).reserve
    withdrawal = setback_size * cfg.withdrawal_multiplier
    after = reserve.balance - withdrawal
    return SetbackCapacity(
        can_absorb=after >= cfg.absorb_floor,
        balance_after=after,
        explanation=Explanation(
            formula="absorbs if balance - size * multiplier >= floor",
            inputs={
                "balance": reserve.balance,
                "setback_size": setback_size,
                "withdrawal_multiplier": cfg.withdrawal_multiplier,
                "floor": cfg.absorb_floor,
            },
            n=reserve.explanation.n,
            evidence=reserve.explanation.evidence,
            record_ids=reserve.explanation.record_ids,
        ),
    )
