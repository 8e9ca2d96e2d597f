"""`{% confirmation_for commitment as conf %}`: a commitment's confirmation and the buttons
the viewer gets, for `web/both/_confirm_buttons.html` (any page that lists promises)."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Model

from trustledger.accounts.access import Scope, scope_for
from trustledger.ledger import models as m
from trustledger.web.entry.confirm import confirmation_of, readable_commitment

register = template.Library()


def _scope(context: Any) -> Scope | None:
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_confirm_scope"):
        request._confirm_scope = scope_for(request.user)
    return request._confirm_scope  # type: ignore[no-any-return]


@register.simple_tag(takes_context=True)
def confirmation_for(context: Any, commitment: Any) -> dict[str, Any] | None:
    """`commitment`: a Commitment, a row dict that carries `confirmation` (made by
    `confirmation_of`), or a row dict with the commitment's `id`."""
    if isinstance(commitment, dict) and "confirmation" in commitment:
        return commitment["confirmation"]  # type: ignore[no-any-return]
    scope = _scope(context)
    if scope is None:
        return None
    if not isinstance(commitment, Model):
        pk = commitment.get("id") if isinstance(commitment, dict) else None
        commitment = readable_commitment(scope, pk)
        if commitment is None:
            return None
    if not isinstance(commitment, m.Commitment):
        return None
    return confirmation_of(scope, commitment)
