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
    """Each relationship with its health, trend and next actions (engine reports, cached).

    A row carries only the figures a list shows, each with the link to its explanation; the
    explanations themselves stay behind those links (at 20M interactions one report holds
    about 100,000 nodes of explanation, and walking them cost home two thirds of its time).
    """
    query = f"?as_of={as_of_param}" if as_of_param else ""
    rows = []
    rels = list(relationships.select_related(*RELATIONSHIP_RELATED).order_by("pk"))
    for rel, report in zip(rels, reports.relationships(rels, as_of, as_of_param), strict=True):
        base = explain_base("relationship", rel.pk)
        rows.append(
            {
                "id": rel.pk,
                "url": f"/relationships/{rel.pk}/",
                "our_side": str(rel.our_side),
                "counterpart": str(rel.counterpart),
                "status": rel.status,
                "level": report["level"],
                "level_label": report["level"].replace("_", " ").capitalize(),
                "health": _figure(report, "health", ROW_FIELDS["health"], base, query),
                "trend": _figure(report, "trend", ROW_FIELDS["trend"], base, query),
                "phase": _figure(report, "phase", ROW_FIELDS["phase"], base, query),
                "actions": with_explain_urls(report["actions"], base, query, "actions"),
                "last_two_way_contact": report["measures"]["attention"]["last_two_way_contact"],
                "needs_attention": needs_attention(report),
            }
        )
    return rows


# What a row keeps of each explained figure of a relationship report.
ROW_FIELDS = {
    "health": ("score", "band", "model", "missing"),
    "trend": ("delta_30", "delta_90", "direction"),
    "phase": ("phase", "rule"),
}


def _figure(
    report: dict[str, Any], key: str, fields: tuple[str, ...], base: str, query: str
) -> dict[str, Any]:
    """A report's figure as a row shows it: its fields, their labels in words, the head of
    its explanation and the link to the whole (the link `with_explain_urls` would give)."""
    node = report[key]
    figure = with_explain_urls({f: node[f] for f in fields if f in node}, base, query)
    figure["explain_url"] = f"{base}{key}/{query}"
    # The explanation's head (its formula, n and evidence), without its inputs and records.
    head = node.get("explanation") or {}
    figure["explanation"] = {k: head[k] for k in EXPLANATION_HEAD if k in head}
    return figure


EXPLANATION_HEAD = ("formula", "n", "evidence", "interval")


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
