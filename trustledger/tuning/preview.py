"""What a proposed change would do, before it is saved: each relationship's health as the
pages show it now (the cached reports) beside the same report under the proposed settings.
Nothing is saved. A large organization is sampled: the PREVIEW_LIMIT relationships whose
materialized health lies nearest a band edge (now or as proposed), the likeliest to change
band; the answer says how many were checked."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from trustledger.analytics.models import RelationshipFigures
from trustledger.engine.reports import relationship_reports
from trustledger.ledger.models import Relationship
from trustledger.tuning.catalog import BY_NAME
from trustledger.tuning.store import Proposal
from trustledger.web.pages import reports as cached

PREVIEW_LIMIT = 60
SHOWN = 25  # rows listed per kind of change
MOVE = 0.5  # health points: smaller moves are not listed


def _health(report: dict[str, Any]) -> tuple[float | None, str]:
    health = report.get("health") or {}
    band = health.get("band") or ""
    return health.get("score"), str(band)


def preview(proposal: Proposal, as_of: dt.datetime | None = None) -> dict[str, Any]:
    as_of = as_of or timezone.now()
    total = Relationship.objects.count()
    rels = list(Relationship.objects.filter(pk__in=nearest_edges(proposal)).order_by("pk"))
    if not rels:
        rels = list(Relationship.objects.order_by("pk")[:PREVIEW_LIMIT])
    before = cached.relationships(rels, as_of)
    after = [r.to_dict() for r in relationship_reports(rels, as_of, settings=proposal.settings)]
    band_changes, moves = [], []
    for rel, old, new in zip(rels, before, after, strict=True):
        (old_score, old_band), (new_score, new_band) = _health(old), _health(new)
        row = {
            "relationship_id": rel.pk,
            "name": str(rel),
            "url": f"/relationships/{rel.pk}/",
            "before": {"score": old_score, "band": old_band},
            "after": {"score": new_score, "band": new_band},
        }
        if old_band != new_band:
            band_changes.append(row)
        elif old_score is not None and new_score is not None and abs(new_score - old_score) >= MOVE:
            moves.append(row)
    moves.sort(key=lambda r: -abs(r["after"]["score"] - r["before"]["score"]))
    return {
        "as_of": as_of.isoformat(),
        "checked": len(rels),
        "total": total,
        "band_change_count": len(band_changes),
        "band_changes": band_changes[:SHOWN],
        "moved_count": len(moves),
        "moved": moves[:SHOWN],
        "changes": [
            {**c, "label": BY_NAME[c["name"]].label if c["name"] in BY_NAME else c["name"]}
            for c in proposal.changes
        ],
        "summary": summary(len(band_changes), len(moves), len(rels), total),
    }


def nearest_edges(proposal: Proposal) -> list[int]:
    """The relationships (ids) whose materialized health lies nearest a band edge, now or as
    proposed: those most likely to change band; at most PREVIEW_LIMIT."""
    from trustledger.tuning.store import current

    cuts = {cfg.health.green_from for cfg in (current(), proposal.settings)} | {
        cfg.health.amber_from for cfg in (current(), proposal.settings)
    }
    scored = RelationshipFigures.objects.values_list("relationship_id", "health_score")
    ranked = sorted(
        scored,
        key=lambda row: (
            row[1] is None,
            min(abs((row[1] or 0.0) - cut) for cut in cuts),
            row[0],
        ),
    )
    return [pk for pk, _ in ranked[:PREVIEW_LIMIT]]


def summary(bands: int, moved: int, checked: int, total: int) -> str:
    def n(count: int, one: str, many: str) -> str:
        return f"{count} {one if count == 1 else many}"

    text = f"{n(bands, 'relationship changes', 'relationships change')} health band"
    if moved:
        text += f"; {n(moved, 'other moves', 'others move')} by {MOVE:g} points or more"
    text += f" (checked {checked} of {total})." if checked < total else "."
    return text
