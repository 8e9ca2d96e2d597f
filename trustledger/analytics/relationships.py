"""Health, trust reserve and cycle phase per relationship, by the trust engine's own report.

No formula here: `engine.reports.relationship_report()` calls the core, as every page does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q

from trustledger.analytics.models import RelationshipFigures
from trustledger.directory.models import Person, Unit
from trustledger.domain.explanation import jsonable
from trustledger.engine.reports import relationship_report
from trustledger.ledger.models import Relationship


def figures_for(
    relationships: Iterable[Relationship], as_of: dt.datetime, data_version: int
) -> list[RelationshipFigures]:
    from django.utils import timezone

    rows = []
    for relationship in relationships:
        report = relationship_report(relationship, as_of)
        health = report.health
        rows.append(
            RelationshipFigures(
                relationship_id=relationship.pk,
                health_score=health.score,
                health_band=health.band.value if health.band else "",
                health_breakdown=jsonable(health.breakdown),
                trend=report.trend.direction.value,
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
    """Relationships whose sides include one of these people, or filed under these ids."""
    if (not person_ids and not relationship_ids) or not Relationship.objects.exists():
        return []
    people = Person.objects.filter(pk__in=person_ids)
    units = set(people.exclude(unit_id=None).values_list("unit_id", flat=True))
    organizations = set(
        people.exclude(organization_id=None).values_list("organization_id", flat=True)
    )
    parent = dict(Unit.objects.values_list("id", "parent_id"))
    with_ancestors: set[int] = set()
    for unit in units:
        while unit is not None and unit not in with_ancestors:
            with_ancestors.add(unit)
            unit = parent.get(unit)
    condition = (
        Q(pk__in=relationship_ids)
        | Q(our_person_id__in=person_ids)
        | Q(counterpart_person_id__in=person_ids)
        | Q(our_unit_id__in=with_ancestors)
        | Q(counterpart_unit_id__in=with_ancestors)
        | Q(counterpart_organization_id__in=organizations)
    )
    return list(Relationship.objects.filter(condition).order_by("pk"))
