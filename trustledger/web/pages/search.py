"""/search/?q=: people, units, organizations and relationships the user may read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest

from trustledger.accounts.access import Scope
from trustledger.directory.models import Organization
from trustledger.web.pages.common import page
from trustledger.web.pages.summaries import RELATIONSHIP_RELATED

LIMIT = 25


@page("web/search.html")
def search_page(
    request: HttpRequest, scope: Scope, as_of: dt.datetime, as_of_param: str | None
) -> dict[str, Any]:
    q = request.GET.get("q", "").strip()[:100]
    result: dict[str, Any] = {"title": "Search", "q": q}
    if not q:
        return {**result, "people": [], "units": [], "organizations": [], "relationships": []}
    people = (
        scope.people()
        .filter(
            Q(display_name__icontains=q) | Q(title__icontains=q) | Q(identities__value__icontains=q)
        )
        .distinct()
        .select_related("organization")[:LIMIT]
    )
    units = scope.units().filter(name__icontains=q).select_related("organization")[:LIMIT]
    relationships = (
        scope.relationships()
        .filter(
            Q(purpose__icontains=q)
            | Q(our_person__display_name__icontains=q)
            | Q(our_unit__name__icontains=q)
            | Q(counterpart_person__display_name__icontains=q)
            | Q(counterpart_unit__name__icontains=q)
            | Q(counterpart_organization__name__icontains=q)
        )
        .select_related(*RELATIONSHIP_RELATED)[:LIMIT]
    )
    # An organization is visible when one of its people, units or relationships is.
    organizations = Organization.objects.filter(name__icontains=q)
    if not scope.is_admin:
        organizations = organizations.filter(
            Q(people__in=scope.people())
            | Q(units__in=scope.units())
            | Q(relationships__in=scope.relationships())
        ).distinct()
    return {
        **result,
        "people": [
            {
                "id": p.pk,
                "name": p.display_name,
                "detail": ", ".join(
                    t for t in (p.title, p.organization.name if p.organization else "") if t
                ),
                "url": f"/people/{p.pk}/",
            }
            for p in people
        ],
        "units": [
            {"id": u.pk, "name": u.name, "detail": u.organization.name, "url": f"/units/{u.pk}/"}
            for u in units
        ],
        "organizations": [
            {"id": o.pk, "name": o.name, "detail": o.get_kind_display(), "url": None}
            for o in organizations[:LIMIT]
        ],
        "relationships": [
            {
                "id": r.pk,
                "name": f"{r.our_side} ↔ {r.counterpart}",
                "detail": r.purpose[:120],
                "url": f"/relationships/{r.pk}/",
            }
            for r in relationships
        ],
    }
