"""/: the signed-in person's day: relationships needing attention, commitments, next actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest

from trustledger.accounts.access import Scope
from trustledger.ledger import models as m
from trustledger.web.pages.common import page
from trustledger.web.pages.summaries import commitment_row, relationship_rows

DUE_SOON_DAYS = 14


@page("web/home.html")
def home_page(
    request: HttpRequest, scope: Scope, as_of: dt.datetime, as_of_param: str | None
) -> dict[str, Any]:
    relationships = scope.relationships().filter(status="active")
    rows = relationship_rows(relationships, as_of, as_of_param)
    soon = as_of + dt.timedelta(days=DUE_SOON_DAYS)
    open_due = (
        scope.commitments()
        .filter(state=m.CommitmentState.OPEN, due_at__lte=soon, made_at__lte=as_of)
        .select_related("promisor", "promisee")
    )
    if scope.person_id is not None:
        mine = open_due.filter(Q(promisor_id=scope.person_id) | Q(promisee_id=scope.person_id))
    else:
        mine = open_due.filter(relationship__in=relationships)
    commitments = [commitment_row(c, as_of, scope) for c in mine.order_by("due_at")[:50]]
    actions = [
        {**action, "relationship": f"{row['our_side']} ↔ {row['counterpart']}", "url": row["url"]}
        for row in rows
        for action in row["actions"]
    ]
    actions.sort(key=lambda a: {"high": 0, "medium": 1, "low": 2}.get(a["priority"], 3))
    return {
        "title": "Home",
        "relationship_count": len(rows),
        "needing_attention": [r for r in rows if r["needs_attention"]],
        "commitments": {
            "overdue": [c for c in commitments if c["overdue"]],
            "due_soon": [c for c in commitments if not c["overdue"]],
            "made_by_me": [c for c in commitments if c["promisor_id"] == scope.person_id],
            "made_to_me": [c for c in commitments if c["promisee_id"] == scope.person_id],
        },
        "next_actions": actions[:20],
    }
