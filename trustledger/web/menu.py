"""What the menu offers: only what the user may open (a link drawn is a page that opens).

A context processor, so every page (the error pages too) draws the same menu. The scope is
built lazily: pages without a logged-in user never ask the database.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from trustledger.accounts.access import Scope, scope_for
from trustledger.ingest.permissions import may_import
from trustledger.nudges.models import unread_count
from trustledger.web.entry.common import may_enter


def rights(scope: Scope) -> dict[str, bool]:
    """The menu's items a user with this scope may open."""
    return {
        "entry": may_enter(scope),
        "imports": may_import(scope),
        "audit": scope.is_admin,
        # The compute runs (analytics/views.py): admins and managers.
        "status": scope.is_admin or bool(scope.managed_unit_ids),
    }


def menu(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "menu": SimpleLazyObject(lambda: rights(scope_for(user))),
        # The header's unread count: one query, and only on pages that draw the menu.
        "nudges_unread": SimpleLazyObject(lambda: unread_count(user.pk)),
    }
