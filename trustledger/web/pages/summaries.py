"""Rows shared by several pages: a relationship with its health, a commitment with its state."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from trustledger.accounts.access import Scope
from trustledger.domain.readings import HEALTH_WORDS
from trustledger.ledger import models as m
from trustledger.web.entry.confirm import confirmation_words
from trustledger.web.pages import reports
from trustledger.web.pages.common import explain_base, with_explain_urls

RELATIONSHIP_RELATED = (
    "our_person",
    "our_unit",
    "counterpart_person",
    "counterpart_unit",
    "counterpart_organization",
)


def relationship_rows(
    relationships: QuerySet[m.Relationship], as_of: dt.datetime, as_of_param: str | None
) -> list[dict[str, Any]]:
    """Each relationship with its health, trend and next actions (engine reports, cached)."""
    query = f"?as_of={as_of_param}" if as_of_param else ""
    rows = []
    rels = list(relationships.select_related(*RELATIONSHIP_RELATED).order_by("pk"))
    for rel, found in zip(rels, reports.relationships(rels, as_of, as_of_param), strict=True):
        report = with_explain_urls(found, explain_base("relationship", rel.pk), query)
        rows.append(
            {
                "id": rel.pk,
                "url": f"/relationships/{rel.pk}/",
                "our_side": str(rel.our_side),
                "counterpart": str(rel.counterpart),
                "status": rel.status,
                "level": report["level"],
                "level_label": report["level"].replace("_", " ").capitalize(),
                "health": report["health"],
                "trend": report["trend"],
                "phase": report["phase"],
                "actions": report["actions"],
                "last_two_way_contact": report["measures"]["attention"]["last_two_way_contact"],
                "needs_attention": needs_attention(report),
            }
        )
    return rows


def needs_attention(report: dict[str, Any]) -> list[str]:
    """Why a relationship needs attention now: past its cadence, health falling or low."""
    reasons = []
    if any(a["kind"] == "reach_out" for a in report["actions"]):
        reasons.append("past its contact cadence")
    if report["trend"]["direction"] == "falling":
        reasons.append("health falling")
    if report["health"]["band"] in ("red", "amber"):
        reasons.append(f"health {HEALTH_WORDS[report['health']['band']]}")
    return reasons


def commitment_row(c: m.Commitment, as_of: dt.datetime, scope: Scope) -> dict[str, Any]:
    """One commitment; its relationship only when the reader may open it."""
    return {
        "id": c.pk,
        "what": c.what,
        "promisor": str(c.promisor),
        "promisor_id": c.promisor_id,
        "promisee": str(c.promisee),
        "promisee_id": c.promisee_id,
        "strength": c.strength,
        "strength_label": c.strength.replace("_", " "),
        "state": c.state,
        "state_label": c.get_state_display().lower(),
        "due_at": c.due_at.isoformat(),
        "overdue": c.state == m.CommitmentState.OPEN and c.due_at < as_of,
        "relationship_id": scope.shown_relationship_id(c.relationship_id),
        "confirmation": confirmation_words(c),
    }
