"""Where each side believes the relationship stands, and the gap between the two views.

Moving up a service level depends on the other side seeing you differently: a level we claim
and they do not see is a gap to work on, not a level reached."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from trustledger.domain.explanation import EvidenceState, Explained, Explanation, sorted_ids
from trustledger.domain.records import LevelStatementRecord, ServiceLevel

OURS = "ours"
THEIRS = "theirs"


@dataclass(frozen=True)
class LevelViews(Explained):
    ours: LevelStatementRecord | None
    theirs: LevelStatementRecord | None
    # ours − theirs in levels (positive: we believe we stand higher than they see us);
    # None until both sides have stated a level.
    gap: int | None
    explanation: Explanation


def _latest(
    statements: Iterable[LevelStatementRecord], side: str, as_of: datetime
) -> LevelStatementRecord | None:
    said = [s for s in statements if s.side == side and s.stated_at <= as_of]
    return max(said, key=lambda s: (s.stated_at, str(s.id))) if said else None


def level_views(statements: Iterable[LevelStatementRecord], *, as_of: datetime) -> LevelViews:
    """The latest statement of each side by as_of, and the gap when both have spoken."""
    listed = list(statements)
    ours, theirs = _latest(listed, OURS, as_of), _latest(listed, THEIRS, as_of)
    gap = None if ours is None or theirs is None else int(ours.level) - int(theirs.level)
    both = [s for s in (ours, theirs) if s is not None]
    notes = tuple(
        f"{s.id}: {'we' if s.side == OURS else 'they'} see {_name(s.level)}"
        + (f" ({s.stated_by}, {s.stated_at:%Y-%m-%d})" if s.stated_by else "")
        for s in both
    )
    return LevelViews(
        ours=ours,
        theirs=theirs,
        gap=gap,
        explanation=Explanation(
            formula="gap = level we state − level they state (latest statement of each side)",
            inputs={
                "ours": None if ours is None else int(ours.level),
                "theirs": None if theirs is None else int(theirs.level),
            },
            n=len(both),
            evidence=EvidenceState.SUFFICIENT if gap is not None else EvidenceState.TOO_LITTLE,
            record_ids=sorted_ids(s.id for s in both),
            notes=notes,
        ),
    )


def _name(level: ServiceLevel) -> str:
    return ServiceLevel(level).name.lower().replace("_", " ")


def gap_step(views: LevelViews) -> str | None:
    """The next step a level gap asks for, in words; None without a gap."""
    if not views.gap or views.ours is None or views.theirs is None:
        return None
    ours, theirs = _name(views.ours.level), _name(views.theirs.level)
    if views.gap > 0:
        return (
            f"Level gap: we believe we are a {ours}, they see a {theirs}. Ask them what a "
            f"{_name(ServiceLevel(min(5, int(views.theirs.level) + 1)))} would do for them, "
            "and show it before claiming the level."
        )
    return (
        f"Level gap: they see a {theirs}, we say {ours}. Ask what they value in the "
        "relationship and agree the level with them."
    )
