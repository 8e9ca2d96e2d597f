"""`{% shared_links relationship_id as links %}`: the links block of a relationship page, for
those who may change the relationship (None for everyone else: the block is not shown)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from trustledger.accounts.access import scope_for
from trustledger.ledger.models import Relationship
from trustledger.sharing.actions import default_days, other_side_people
from trustledger.sharing.models import SharedLink

register = template.Library()


@register.simple_tag(takes_context=True)
def shared_links(context: Any, relationship_id: int) -> dict[str, Any] | None:
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return None
    rel = Relationship.objects.filter(pk=relationship_id).first()
    if rel is None or not scope_for(request.user).can_change_relationship(rel):
        return None
    now = timezone.now()
    links = SharedLink.objects.filter(relationship=rel).select_related("person")
    return {
        "relationship_id": rel.pk,
        "links": [
            {
                "id": link.pk,
                "person": str(link.person),
                "created_at": link.created_at,
                "issued_at": link.issued_at,
                "expires_at": link.expires_at,
                "last_used_at": link.last_used_at,
                "revoked_at": link.revoked_at,
                "live": link.works_at(now),
                "expired": link.revoked_at is None and not link.works_at(now),
            }
            for link in links[:50]
        ],
        # Who may get a new link: a person with a live one gets it made anew instead.
        "people": [
            (p.pk, str(p))
            for p in other_side_people(rel).exclude(
                pk__in=links.filter(revoked_at__isnull=True).values("person_id")
            )[:200]
        ],
        "default_days": default_days(),
    }
