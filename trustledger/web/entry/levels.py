"""Service levels: the pyramid of relationships by level, and the moves of the last quarter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from trustledger.accounts.access import scope_for
from trustledger.ledger import models as m
from trustledger.web.entry.common import SIDES, may_enter, relationship_ref, respond

QUARTER = dt.timedelta(days=91)


def _move(change: m.ServiceLevelChange) -> dict[str, Any]:
    if change.from_level is None:
        direction = "set"
    else:
        direction = "up" if change.to_level > change.from_level else "down"
    return {
        "relationship": relationship_ref(change.relationship),
        "at": change.changed_at,
        "from_level": change.from_level,
        "from_label": change.get_from_level_display() if change.from_level else "",
        "to_level": change.to_level,
        "to_label": change.get_to_level_display(),
        "direction": direction,
        "reason": change.reason,
        "by": change.changed_by.get_username() if change.changed_by else "",
    }


@login_required
def levels_page(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    now = timezone.now()
    relationships = (
        scope.relationships()
        .exclude(status=m.RelationshipStatus.ENDED)
        .select_related(*SIDES)
        .order_by("pk")
    )
    by_level: dict[int, list[dict[str, Any]]] = {level: [] for level in m.ServiceLevel.values}
    for relationship in relationships:
        by_level[relationship.service_level].append(relationship_ref(relationship))
    total = sum(len(v) for v in by_level.values()) or 1
    # Top of the pyramid first, as it is drawn.
    pyramid = [
        {
            "level": level,
            "label": label,
            "count": len(by_level[level]),
            "share": round(len(by_level[level]) / total, 3),
            "relationships": by_level[level],
        }
        for level, label in reversed(m.ServiceLevel.choices)
    ]
    since = now - QUARTER
    changes = (
        scope.level_changes()
        .filter(changed_at__gte=since, changed_at__lte=now)
        .select_related("changed_by", *(f"relationship__{side}" for side in SIDES))
        .order_by("-changed_at", "-pk")
    )
    moves = [_move(c) for c in changes]
    page = {
        "title": "Service levels",
        "as_of": now,
        "since": since,
        "pyramid": pyramid,
        "total": sum(step["count"] for step in pyramid),
        "moves": moves,
        "ups": sum(1 for mv in moves if mv["direction"] == "up"),
        "downs": sum(1 for mv in moves if mv["direction"] == "down"),
        "may_change_levels": may_enter(scope),
    }
    return respond(request, "web/entry/levels.html", page)
