"""What one user may read, record kind by record kind, built on `scope_for(user)`.

Everything the API lists or fetches is filtered here, so a token never sees more than its
owner: the rules for people, units and relationships are `Scope`'s; the records hanging off
them follow the relationships (and, for interactions and commitments, the people) one may read.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from trustledger.accounts.access import Scope
from trustledger.directory.models import Organization, Person, Unit
from trustledger.ledger import models as m


def people(scope: Scope) -> QuerySet[Person]:
    return scope.people()


def units(scope: Scope) -> QuerySet[Unit]:
    return scope.units()


def organizations(scope: Scope) -> QuerySet[Organization]:
    qs = Organization.objects.all()
    if scope.is_admin:
        return qs
    return qs.filter(
        Q(pk__in=scope.units().values("organization_id"))
        | Q(pk__in=scope.people().values("organization_id"))
        | Q(pk__in=scope.relationships().values("counterpart_organization_id"))
    )


def relationships(scope: Scope) -> QuerySet[m.Relationship]:
    return scope.relationships()


def _own_people(scope: Scope) -> Q:
    """People whose records one reads in full: oneself and the people of units one reads."""
    condition = Q(unit_id__in=scope.readable_unit_ids)
    if scope.person_id is not None:
        condition |= Q(pk=scope.person_id)
    return condition


def interactions(scope: Scope) -> QuerySet[m.Interaction]:
    qs = m.Interaction.objects.all()
    if scope.is_admin:
        return qs
    mine = Person.objects.filter(_own_people(scope)).values("pk")
    return qs.filter(
        Q(relationship_id__in=scope.relationships().values("pk"))
        | Q(initiator_id__in=mine)
        | Q(
            pk__in=m.InteractionParticipant.objects.filter(person_id__in=mine).values(
                "interaction_id"
            )
        )
    )


def commitments(scope: Scope) -> QuerySet[m.Commitment]:
    qs = m.Commitment.objects.all()
    if scope.is_admin:
        return qs
    mine = Person.objects.filter(_own_people(scope)).values("pk")
    return qs.filter(
        Q(relationship_id__in=scope.relationships().values("pk"))
        | Q(promisor_id__in=mine)
        | Q(promisee_id__in=mine)
    )


def _on_relationships(scope: Scope, qs: QuerySet) -> QuerySet:  # type: ignore[type-arg]
    if scope.is_admin:
        return qs
    return qs.filter(relationship_id__in=scope.relationships().values("pk"))


def feedback(scope: Scope) -> QuerySet[m.FeedbackItem]:
    return _on_relationships(scope, m.FeedbackItem.objects.all())


def needs(scope: Scope) -> QuerySet[m.Need]:
    return _on_relationships(scope, m.Need.objects.all())


def measures(scope: Scope) -> QuerySet[m.AgreedMeasure]:
    return _on_relationships(scope, m.AgreedMeasure.objects.all())


def reviews(scope: Scope) -> QuerySet[m.QualityReview]:
    return _on_relationships(scope, m.QualityReview.objects.all())


def level_changes(scope: Scope) -> QuerySet[m.ServiceLevelChange]:
    return _on_relationships(scope, m.ServiceLevelChange.objects.all())


def decisions(scope: Scope) -> QuerySet[m.Decision]:
    qs = m.Decision.objects.all()
    if scope.is_admin:
        return qs
    return qs.filter(
        Q(relationship_id__in=scope.relationships().values("pk"))
        | Q(deciding_unit_id__in=scope.readable_unit_ids | scope.member_unit_ids)
    )
