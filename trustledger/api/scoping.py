"""What one user may read, record kind by record kind, built on `scope_for(user)`.

Everything the API lists or fetches is filtered by `Scope`, so a token never sees more than its
owner: people, units and relationships here; records (interactions, commitments and the
registers) through `Scope.records` and its per-kind methods, the one rule pages share.
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
