"""A page's or report's dict as one reader may see it: numbers stay, records they may not open go.

Engine reports name the records behind each number ("commitment:12") in `record_ids` and a
few other keys. A number may rest on records the reader may not open (a colleague's promise
filed under another unit's relationship): the number is shown, the ids of such records are
taken out, and each explanation says how many were (`hidden_records`, 0 for most).
Survey response ids are not records anyone opens; their display is the anonymity rules' own.
"""

from __future__ import annotations

from typing import Any

from trustledger.accounts.access import Scope, record_kind

# Keys whose value is a list of record ids, and keys whose value is one record id.
ID_LISTS = ("record_ids", "open_ids")
ID_VALUES = ("commitment_id", "event_id", "last_two_way_contact_id")
HIDDEN = "hidden_records"


def record_ids_in(node: Any) -> set[str]:
    """Every record id under the id-bearing keys of a nested dict/list."""
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key in ID_LISTS and isinstance(value, list):
                    found |= {v for v in value if record_kind(v)}
                elif key in ID_VALUES and record_kind(value):
                    found.add(value)
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _without(node: Any, hidden: set[str]) -> Any:
    if isinstance(node, list):
        return [_without(v, hidden) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ID_LISTS and isinstance(value, list):
            out[key] = [v for v in value if v not in hidden]
            if key == "record_ids":
                out[HIDDEN] = len(value) - len(out[key])
        elif key in ID_VALUES and value in hidden:
            out[key] = None
        else:
            out[key] = _without(value, hidden)
    return out


def disclose(node: Any, scope: Scope) -> Any:
    """A copy of `node` with the ids of records `scope` may not open taken out and counted;
    the input is left untouched (it may be a cached report)."""
    hidden: set[str] = set()
    if not scope.is_admin:
        ids = record_ids_in(node)
        hidden = ids - scope.visible_record_ids(ids)
    return _without(node, hidden)
