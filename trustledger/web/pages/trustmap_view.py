"""/map/: the organization trust map (unit × unit grid) and the perception gap chart."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest

from trustledger.accounts.access import Scope
from trustledger.web import params
from trustledger.web.pages.common import page, with_explain_urls
from trustledger.web.pages.trustmap import trust_map


@page("web/map.html")
def trust_map_page(
    request: HttpRequest, scope: Scope, as_of: dt.datetime, as_of_param: str | None
) -> dict[str, Any]:
    """Subjects are the units of our organization the user may read (admins: all of them)."""
    # The map reads a unit's id and name only (500 units at 20M: whole rows cost the page).
    units = list(
        scope.units().filter(organization__kind="ours").only("id", "name").order_by("name")
    )
    chosen = params.optional_id(request.GET, "unit")
    result = trust_map(units, as_of, chosen)
    query = f"?unit={result['chosen_unit_id']}" if result["chosen_unit_id"] else "?"
    if as_of_param:
        query += f"&as_of={as_of_param}"
    return {"title": "Trust map", **with_explain_urls(result, "/explain/map/0/", query)}
