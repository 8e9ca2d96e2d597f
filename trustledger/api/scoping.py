"""The organizations one user may read, built on `scope_for(user)`.

Everything the API lists or fetches is filtered by `Scope`, so a token never sees more than its
owner: organizations here; people, units, relationships and records (interactions, commitments
and the registers) through `Scope`'s own methods, the one rule pages share.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from trustledger.accounts.access import Scope
from trustledger.directory.models import Organization


def organizations(scope: Scope) -> QuerySet[Organization]:
    qs = Organization.objects.all()
    if scope.is_admin:
        return qs
    return qs.filter(
        Q(pk__in=scope.units().values("organization_id"))
        | Q(pk__in=scope.people().values("organization_id"))
        | Q(pk__in=scope.relationships().values("counterpart_organization_id"))
    )
