"""Links to people and units, drawn only where the reader may open the page they lead to
(a name the reader may not open is shown as plain text: tests/web/test_no_dead_links.py)."""

from __future__ import annotations

from trustledger.accounts.access import Scope


def person_url(scope: Scope, person_id: int | None) -> str | None:
    return f"/people/{person_id}/" if scope.can_read_person(person_id) else None


def unit_url(scope: Scope, unit_id: int | None) -> str | None:
    if unit_id is None or not scope.can_read_unit(unit_id):
        return None
    return f"/units/{unit_id}/"


def side_url(scope: Scope, person_id: int | None, unit_id: int | None) -> str | None:
    """A side of a relationship: a person, else a unit (an organization has no page)."""
    return person_url(scope, person_id) if person_id is not None else unit_url(scope, unit_id)
