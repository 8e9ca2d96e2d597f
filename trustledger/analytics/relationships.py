"""Health, trust reserve and cycle phase per relationship, by the trust engine's own report.

No formula here: `engine.reports.relationship_reports()` calls the core, as every page does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import polars as pl

from trustledger.analytics.models import RelationshipFigures
from trustledger.directory.models import Person, Unit
from trustledger.domain.explanation import EvidenceState, jsonable
from trustledger.engine.reports import relationship_reports
from trustledger.ledger.models import Relationship


def figures_for(
    relationships: Iterable[Relationship], as_of: dt.datetime, data_version: int
) -> list[RelationshipFigures]:
    from django.utils import timezone

    rows = []
    for report in relationship_reports(relationships, as_of):
        health = report.health
        rows.append(
            RelationshipFigures(
                relationship_id=report.relationship_id,
                health_score=health.score,
                health_band=health.band.value if health.band else "",
                health_breakdown=jsonable(health.breakdown),
                trend=report.trend.direction.value,
                trend_delta_30=report.trend.delta_30,
                evidence_sufficient=health.explanation.evidence is EvidenceState.SUFFICIENT
                and report.trend.explanation.evidence is EvidenceState.SUFFICIENT,
                initiatives_without_measures=jsonable(
                    list(report.measures.initiatives_without_measures)
                ),
                reserve_balance=report.reserve.balance,
                can_absorb_setback=report.setback.can_absorb,
                phase=report.phase.phase.value,
                computed_at=timezone.now(),
                as_of=as_of,
                data_version=data_version,
            )
        )
    return rows


def affected(person_ids: set[int], relationship_ids: set[int]) -> list[Relationship]:
    """Relationships whose sides include one of these people, or filed under these ids.

    Matched in Python over the relationships' side columns: a run can touch tens of
    thousands of people, more than SQLite takes as parameters of one query."""
    if (not person_ids and not relationship_ids) or not Relationship.objects.exists():
        return []
    from trustledger.analytics import store

    people = store.read_where_in(
        Person,
        {"id": pl.Int64, "unit_id": pl.Int64, "organization_id": pl.Int64},
        "id",
        sorted(person_ids),
    )
    units = set(people["unit_id"].drop_nulls().to_list())
    organizations = set(people["organization_id"].drop_nulls().to_list())
    parent = dict(Unit.objects.values_list("id", "parent_id"))
    with_ancestors: set[int] = set()
    for unit in units:
        while unit is not None and unit not in with_ancestors:
            with_ancestors.add(unit)
            unit = parent.get(unit)
    sides = Relationship.objects.values_list(
        "id",
        "our_person_id",
        "counterpart_person_id",
        "our_unit_id",
        "counterpart_unit_id",
        "counterpart_organization_id",
    )
    chosen = [
        pk
        for pk, ours, theirs, our_unit, their_unit, their_org in sides.iterator(chunk_size=5000)
        if pk in relationship_ids
        or ours in person_ids
        or theirs in person_ids
        or our_unit in with_ancestors
        or their_unit in with_ancestors
        or their_org in organizations
    ]
    rows: list[Relationship] = []
    for start in range(0, len(chosen), 500):
        rows += Relationship.objects.filter(pk__in=chosen[start : start + 500]).order_by("pk")
    return rows
