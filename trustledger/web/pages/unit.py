"""/units/<id>/: a unit's trust components, transparency, relationships, reliability, trend."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest

from trustledger.accounts.access import Scope
from trustledger.directory.models import Unit
from trustledger.engine.sides import unit_subtree_ids
from trustledger.history.query import history_section
from trustledger.web.links import unit_url
from trustledger.web.pages import reports, unit_team
from trustledger.web.pages.act import back_to, next_actions_of
from trustledger.web.pages.common import explain_base, page, refuse, with_explain_urls
from trustledger.web.pages.numbers import read_gaps
from trustledger.web.pages.summaries import relationship_rows
from trustledger.web.records.directory import unit_links

TREND_DAYS = (270, 180, 90, 0)
KEPT = ("kept_on_time", "kept_late")
DUE = (*KEPT, "broken", "overdue")


def kept_ratio(outcomes: list[dict[str, Any]]) -> dict[str, Any]:
    """Kept (on time or late) among commitments that came due; released and renegotiated
    ones are left out, as the reliability formula leaves them out or counts them apart."""
    due = [o for o in outcomes if o["outcome"] in DUE]
    kept = [o for o in due if o["outcome"] in KEPT]
    return {"kept": len(kept), "due": len(due), "ratio": len(kept) / len(due) if due else None}


@page("web/unit.html")
def unit_page(
    request: HttpRequest, scope: Scope, as_of: dt.datetime, as_of_param: str | None, pk: int
) -> dict[str, Any]:
    unit = Unit.objects.select_related("organization", "parent").filter(pk=pk).first()
    if unit is None or not scope.can_read_unit(unit.pk):
        raise refuse()
    query = f"?as_of={as_of_param}" if as_of_param else ""
    raw = reports.unit(unit, as_of, as_of_param)
    ot = raw["organizational_trust"]
    members, team_gap, actions = unit_team.team(
        unit, scope, as_of, as_of_param, ot["trust"]["value"] if ot else None
    )
    report = with_explain_urls(
        {**raw, "team_gap": team_gap, "actions": actions}, explain_base("unit", unit.pk), query
    )
    if report.get("perception_gap"):
        read_gaps(report["perception_gap"]["components"], unit.name)
    subtree = unit_subtree_ids(unit.pk)
    relationships = scope.relationships().filter(
        Q(our_unit_id__in=subtree) | Q(our_person__unit_id__in=subtree)
    )
    trend = []
    for days in TREND_DAYS:
        then = as_of - dt.timedelta(days=days)
        past = reports.unit(unit, then, then.date().isoformat() if days else as_of_param)
        ot = past["organizational_trust"]
        trend.append(
            {
                "date": then.date().isoformat(),
                "organizational_trust": ot["trust"]["value"] if ot else None,
                "transparency": past["transparency"]["score"],
                "reliability": past["reliability"]["score"],
            }
        )
    rows = relationship_rows(relationships, as_of, as_of_param)
    return {
        "title": unit.name,
        "unit": {
            "id": unit.pk,
            "name": unit.name,
            "kind": unit.kind,
            "organization": unit.organization.name,
            "parent": {
                "id": unit.parent_id,
                "name": unit.parent.name,
                "url": unit_url(scope, unit.parent_id),
            }
            if unit.parent
            else None,
        },
        "report": report,
        "links": unit_links(scope, unit),
        "members": members,
        "decisions": unit_team.decisions(unit, scope, as_of),
        "commitments_kept": kept_ratio(report["reliability"]["outcomes"]),
        "relationships": rows,
        "next_actions": next_actions_of(rows, scope, back_to(request, as_of_param)),
        "trend": trend,
        "trend_chart": {
            "title": "Trend (quarterly)",
            "y_title": "score",
            "series": [
                {
                    "name": label,
                    "x": [t["date"] for t in trend],
                    "y": [t[key] for t in trend],
                }
                for key, label in (
                    ("organizational_trust", "Organizational trust (0.4–40)"),
                    ("transparency", "Transparency evidence (1–10)"),
                    ("reliability", "Reliability evidence (1–10)"),
                )
            ],
        },
        "history": history_section(unit, scope),
    }
