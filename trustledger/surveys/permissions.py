"""Who may run a campaign and who may read its results (aggregates only, for everyone).

- Run (create, add raters, open, remind, close): an admin, or a manager of the subject's unit
  (or of a unit above it). For a person, the unit is the person's unit.
- Read results: those who may run it; for a unit, also its members and viewers; for a person,
  viewers of the person's unit and the person themselves (not their colleagues).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from trustledger.accounts.access import Scope
from trustledger.directory.models import Person, Unit
from trustledger.surveys.models import Campaign


def _subject_unit_id(unit: Unit | None, person: Person | None) -> int | None:
    if unit is not None:
        return unit.pk
    return person.unit_id if person is not None else None


def can_manage_subject(scope: Scope, unit: Unit | None, person: Person | None) -> bool:
    if scope.is_admin:
        return True
    unit_id = _subject_unit_id(unit, person)
    return unit_id is not None and unit_id in scope.managed_unit_ids


def can_manage(scope: Scope, campaign: Campaign) -> bool:
    return can_manage_subject(scope, campaign.subject_unit, campaign.subject_person)


def can_read(scope: Scope, campaign: Campaign) -> bool:
    if can_manage(scope, campaign):
        return True
    if campaign.subject_unit_id is not None:
        return scope.can_read_unit(campaign.subject_unit_id)
    person = campaign.subject_person
    if scope.person_id is not None and person.pk == scope.person_id:
        return True
    return person.unit_id is not None and person.unit_id in scope.readable_unit_ids


def readable_campaigns(scope: Scope) -> QuerySet[Campaign]:
    qs = Campaign.objects.select_related("subject_unit", "subject_person")
    if scope.is_admin:
        return qs
    units = scope.readable_unit_ids | scope.managed_unit_ids
    condition = Q(subject_unit_id__in=units | scope.member_unit_ids)
    condition |= Q(subject_person__unit_id__in=units)
    if scope.person_id is not None:
        condition |= Q(subject_person_id=scope.person_id)
    return qs.filter(condition)


def manageable_units(scope: Scope) -> QuerySet[Unit]:
    qs = Unit.objects.all()
    return qs if scope.is_admin else qs.filter(pk__in=scope.managed_unit_ids)


def manageable_people(scope: Scope) -> QuerySet[Person]:
    qs = Person.objects.filter(is_active=True)
    return qs if scope.is_admin else qs.filter(unit_id__in=scope.managed_unit_ids)
