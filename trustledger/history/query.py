"""Reading a record's history, for readers who may read the record.

    history_for(person, scope)              # a model instance
    history_for(("relationship", 12), scope)  # or (kind, id), or "relationship:12"

returns JSON-ready dicts, newest first:
    {"at", "when", "actor", "via", "origin", "action", "action_label", "imported",
     "changes": [{field, label, before, after}]}
("origin": the file or connection an import read it from; "imported": that in words).
and [] for a record the reader may not read (or that does not exist).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q
from django.utils import timezone

from trustledger.accounts.access import RECORD_KINDS, Scope
from trustledger.history.kinds import ANSWER_KINDS, tracked
from trustledger.history.models import RANGE_SPAN, Change, ChangeAction

SHOWN = 20  # changes shown on a record's page; the history page has them all, paged

Target = Model | tuple[str, int] | str


def target_of(obj: Target) -> tuple[str, int]:
    """(kind, id) of a record, an explicit pair, or a "kind:id" string."""
    if isinstance(obj, Model):
        for kind, model in tracked().items():
            if isinstance(obj, model):
                return kind, int(obj.pk)
        raise KeyError(f"{type(obj).__name__} records have no history")
    if isinstance(obj, str):
        kind, _, pk = obj.partition(":")
        return kind, int(pk)
    return obj[0], int(obj[1])


def readable(kind: str, pk: int, scope: Scope) -> bool:
    """May this reader read the record (and so its history)? Unknown kinds: no."""
    if kind not in tracked():
        return False
    if scope.is_admin:
        return True
    if kind == "person":
        return scope.people().filter(pk=pk).exists()
    if kind == "unit":
        return scope.can_read_unit(pk)
    if kind == "organization":
        return scope.units().filter(organization_id=pk).exists()
    if kind == "relationship":
        return scope.relationships().filter(pk=pk).exists()
    if kind in RECORD_KINDS:
        return scope.records(kind).filter(pk=pk).exists()
    if kind in ANSWER_KINDS:
        found = ANSWER_KINDS[kind]._base_manager.filter(pk=pk).select_related("relationship")
        record = found.first()
        return record is not None and scope.side_of(record.relationship) is not None
    return False


def changes_of(kind: str, pk: int) -> Any:
    """The record's own rows, and the row of a block an import created it in (which starts
    at most RANGE_SPAN ids before it: an index range, not a scan)."""
    in_block = Q(record_id__gt=pk - RANGE_SPAN, record_id__lt=pk, last_record_id__gte=pk)
    return Change.objects.filter(Q(record_id=pk) | in_block, kind=kind).order_by("-at", "-id")


def history_for(
    obj: Target, scope: Scope, *, limit: int | None = SHOWN, offset: int = 0
) -> list[dict[str, Any]]:
    kind, pk = target_of(obj)
    if not readable(kind, pk, scope):
        return []
    rows = changes_of(kind, pk)[offset : offset + limit if limit is not None else None]
    return [as_dict(row) for row in rows]


def as_dict(row: Change) -> dict[str, Any]:
    return {
        "at": row.at.isoformat(),
        "when": timezone.localtime(row.at).strftime("%Y-%m-%d %H:%M %Z"),
        "actor": row.actor_username or None,
        "via": row.via,
        "origin": row.origin,
        "action": row.action,
        "action_label": ChangeAction(row.action).label,
        "imported": imported_phrase(row),
        "changes": row.changes,
    }


_IMPORTED = {
    ChangeAction.CREATED: "Imported from",
    ChangeAction.CHANGED: "Changed by an import of",
    ChangeAction.DELETED: "Removed by an import of",
}


def imported_phrase(row: Change) -> str | None:
    """ "Imported from calls.csv by ada, import job 12": a change an import made, in words;
    None for any other change."""
    if not row.origin:
        return None
    phrase = f"{_IMPORTED[ChangeAction(row.action)]} {row.origin}"
    if row.actor_username:
        phrase += f" by {row.actor_username}"
    if row.via and not row.origin.startswith(row.via):  # "connection 3 (…)" names it already
        phrase += f", {row.via}"
    return phrase


def history_section(obj: Target, scope: Scope, *, limit: int = SHOWN) -> dict[str, Any]:
    """What a record's page shows and its JSON twin carries under "history": the newest
    changes, how many there are, and the page with all of them."""
    kind, pk = target_of(obj)
    entries = history_for((kind, pk), scope, limit=limit)
    total = changes_of(kind, pk).count() if entries else 0
    return {
        "kind": kind,
        "id": pk,
        "url": f"/history/{kind}/{pk}/",
        "total": total,
        "changes": entries,
    }
