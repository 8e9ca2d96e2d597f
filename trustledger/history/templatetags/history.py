"""`{% load history %}{% record_history obj %}`: a record's collapsible History section.

`obj` is a record (its history is read with the viewer's scope) or the dict a page already
built with `history_section` (its "history" key): then nothing is read twice.
"""

from __future__ import annotations

from typing import Any

from django import template

from trustledger.accounts.access import scope_for
from trustledger.history.query import history_section

register = template.Library()


@register.inclusion_tag("web/_history.html", takes_context=True)
def record_history(context: template.Context, obj: Any) -> dict[str, Any]:
    if isinstance(obj, dict) and "changes" in obj:
        section = obj
    elif obj is None or obj == "":
        section = None
    else:
        section = history_section(obj, scope_for(context["request"].user))
    return {"history": section}
