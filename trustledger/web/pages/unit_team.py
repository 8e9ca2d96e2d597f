"""The unit page's team: members beside the team's trust (the team gap), and its decisions.

A member's own trust is shown only to a reader who may open that member's page (where the
same figure already is), and only as the survey rules publish it. The team gap and its next
action are computed by the core over those members, so a reader never learns, from a gap or
a count, the figure of someone they may not open.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Q, QuerySet

from trustledger import domain as core
from trustledger.accounts.access import Scope
from trustledger.directory.models import Person, Unit
from trustledger.domain.explanation import jsonable
from trustledger.engine.reports import engine_settings
from trustledger.engine.sides import unit_subtree_ids
from trustledger.ledger import models as m
from trustledger.web.pages import reports
from trustledger.web.pages.common import query_of

TOLD_BEFORE = ("involved_before", "told_before")
DECISIONS_SHOWN = 20


def _member_state(trust: dict[str, Any] | None, visible: bool) -> str:
    if not visible:
        return "not_yours"
    if trust is None:
        return "no_survey"
    return "shown" if trust.get("value") is not None else "too_few"


def team(
    unit: Unit,
    scope: Scope,
    as_of: dt.datetime,
    as_of_param: str | None,
    team_trust: float | None,
) -> tuple[list[dict[str, Any]], dict[str, Any], list[dict[str, Any]]]:
    """(member rows, team gap, unit next actions) as `jsonable` dicts."""
    found = reports.member_trust(unit, as_of, as_of_param)
    surveyed = found["surveyed"]
    people = Person.objects.filter(pk__in=found["members"]).select_related("unit")
    visible = set(scope.people().filter(pk__in=found["members"]).values_list("pk", flat=True))
    query = query_of(as_of_param)
    rows = []
    for person in sorted(people, key=lambda p: (p.display_name.casefold(), p.pk)):
        shown = person.pk in visible
        trust = surveyed.get(str(person.pk)) if shown else None
        state = _member_state(trust, shown)
        rows.append(
            {
                "id": person.pk,
                "name": person.display_name,
                "title": person.title,
                "unit": person.unit.name if person.unit else None,
                "url": f"/people/{person.pk}/{query}" if shown else None,
                "state": state,
                "trust": trust["value"] if trust and state == "shown" else None,
                "explain_url": f"/explain/person/{person.pk}/trust/{query}"
                if state == "shown"
                else None,
            }
        )
    gap = core.team_gap(
        f"unit:{unit.pk}",
        team_trust,
        {f"person:{row['id']}": row["trust"] for row in rows if row["state"] == "shown"},
        settings=engine_settings(),
    )
    by_id = {f"person:{row['id']}": row for row in rows}
    for member in gap.members:
        row = by_id[str(member.member_id)]
        row["gap"] = member.gap
        row["above_team"] = member.member_id in gap.above
    rows.sort(key=lambda row: (row["trust"] is None, -(row["trust"] or 0)))
    gap_dict = jsonable(gap)
    gap_dict["above_names"] = [by_id[str(pk)]["name"] for pk in gap.above]
    return rows, gap_dict, jsonable(core.team_actions(gap, engine_settings()))


def decisions(unit: Unit, scope: Scope, as_of: dt.datetime) -> dict[str, Any]:
    """The unit's decisions up to `as_of` the reader may open, newest first, with the units
    and people told before and surprised after; a tally per stakeholder unit; and how many
    decisions the reader may not open (counted, never named)."""
    subtree = unit_subtree_ids(unit.pk)
    all_of_unit = m.Decision.objects.filter(deciding_unit_id__in=subtree, decided_at__lte=as_of)
    readable = all_of_unit.filter(scope.record_condition("decision"))
    chosen = list(readable.order_by("-decided_at", "-id")[:DECISIONS_SHOWN])
    stakeholders = m.DecisionStakeholder.objects.filter(
        decision_id__in=[d.pk for d in chosen]
    ).select_related("unit", "person")
    readable_units = set(scope.units().values_list("pk", flat=True))
    readable_people = set(
        scope.people()
        .filter(pk__in=[s.person_id for s in stakeholders if s.person_id])
        .values_list("pk", flat=True)
    )
    roles: dict[int, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    tally: dict[tuple[str, str | None], dict[str, int]] = defaultdict(
        lambda: {"told_before": 0, "surprised": 0, "affected": 0}
    )
    for s in stakeholders:
        if s.unit_id:
            name = s.unit.name
            url = f"/units/{s.unit_id}/" if s.unit_id in readable_units else None
        else:
            name = s.person.display_name
            url = f"/people/{s.person_id}/" if s.person_id in readable_people else None
        role = "told_before" if s.role in TOLD_BEFORE else s.role
        roles[s.decision_id][role].append({"name": name, "url": url})
        tally[(name, url)][role] += 1
    rows = [
        {
            "id": f"decision:{d.pk}",
            "title": d.title,
            "decided_at": d.decided_at.date().isoformat(),
            "relationship_url": f"/relationships/{d.relationship_id}/"
            if d.relationship_id and scope.shown_relationship_id(d.relationship_id)
            else None,
            "told_before": roles[d.pk]["told_before"],
            "surprised": roles[d.pk]["surprised"],
            "affected": roles[d.pk]["affected"],
        }
        for d in chosen
    ]
    return {
        "decisions": rows,
        "more": max(0, readable.count() - len(chosen)),
        "not_yours": all_of_unit.count() - readable.count(),
        "by_stakeholder": [
            {"name": name, "url": url, **counts}
            for (name, url), counts in sorted(tally.items(), key=lambda kv: kv[0][0])
        ],
    }


def crossing_decisions(
    rel: m.Relationship, scope: Scope, as_of: dt.datetime
) -> list[dict[str, Any]]:
    """Decisions our side took that the counterpart was a stakeholder of (told before,
    surprised after, affected), filed under no relationship: the timeline shows them with
    the ones filed under this one. Only decisions the reader may open."""
    found, theirs = decisions_touching(rel, as_of)
    found = found.filter(scope.record_condition("decision"))
    return [
        decision_item(d, rel.counterpart, set(s.role for s in d.stakeholders.filter(theirs)))
        for d in found.order_by("-decided_at")
    ]


def decisions_touching(rel: m.Relationship, as_of: dt.datetime) -> tuple[QuerySet[m.Decision], Q]:
    """The decisions our side took, filed under no relationship, that name the counterpart
    as a stakeholder; and the filter on stakeholders that picks the counterpart's rows."""
    if rel.our_unit_id:
        ours = Q(deciding_unit_id__in=unit_subtree_ids(rel.our_unit_id))
    else:
        ours = Q(decided_by_id=rel.our_person_id)
    if rel.counterpart_unit_id:
        theirs = Q(unit_id__in=unit_subtree_ids(rel.counterpart_unit_id))
    elif rel.counterpart_person_id:
        person = rel.counterpart_person
        theirs = Q(person_id=rel.counterpart_person_id)
        if person is not None and person.unit_id:
            theirs |= Q(unit_id=person.unit_id)
    else:
        theirs = Q(unit__organization_id=rel.counterpart_organization_id) | Q(
            person__organization_id=rel.counterpart_organization_id
        )
    stakes = m.DecisionStakeholder.objects.filter(theirs).values("decision_id")
    found = m.Decision.objects.filter(
        ours, relationship__isnull=True, decided_at__lte=as_of, pk__in=stakes
    )
    return found, theirs


def decision_item(decision: m.Decision, whom: object, roles: set[str]) -> dict[str, Any]:
    if roles & set(TOLD_BEFORE):
        how = f"{whom} told before"
    elif "surprised" in roles:
        how = f"{whom} surprised after"
    else:
        how = f"{whom} affected"
    return {
        "kind": "decision",
        "id": f"decision:{decision.pk}",
        "at": decision.decided_at.isoformat(),
        "text": f"Decision: {decision.title} — {how}",
        "surprised": "surprised" in roles,
    }
