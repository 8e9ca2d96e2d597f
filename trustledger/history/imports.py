"""The history an import writes itself: its bulk paths send no model signals.

- Interactions created in bulk: one "created" row per block of consecutive ids the import
  wrote (the CSV path reserves its ids in blocks; a batch of mail is one block too), at most
  RANGE_SPAN ids a row, no values (the record shows them): a 100,000-row file writes ten
  rows, not 100,000. The row holds the block's first and last id; `query.changes_of` finds
  it for every id in between.
- People created in bulk from addresses: one "created" row each with their name and
  organization, written by one INSERT … SELECT over the rows just inserted.
- Records created or changed one by one (people from a card or a CSV of people, commitments,
  a stored interaction a re-import changes): their values, and only what changed, before →
  after in words, as the signals write them.

Every row carries the actor, the via and the origin (file, connection) of
`trustledger.history.context`. Nothing is written inside `unrecorded()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone

from trustledger.directory.models import Organization, Person
from trustledger.history import capture, context, words
from trustledger.history.kinds import parts, tracked
from trustledger.history.models import RANGE_SPAN, Change, ChangeAction
from trustledger.storage.bulk import writer_for

_COLUMNS = (
    "kind",
    "record_id",
    "at",
    "actor_id",
    "actor_username",
    "via",
    "origin",
    "action",
    "changes",
    "mentions",
)


def _insert_select(
    kind: str,
    table: str,
    where: str,
    params: list[Any],
    changes: str = "'[]'",
    change_params: Sequence[Any] = (),
) -> None:
    """One "created" row per row of `table` (alias t) matching `where`; `changes` is SQL
    over the row, its placeholders filled by `change_params`."""
    quote = connection.ops.quote_name
    mentions = "' person:' || t.id || ' '" if kind == "person" else "''"
    if connection.vendor == "postgresql":
        changes = f"CAST({changes} AS jsonb)"
    actor_id, username, via = context.current()
    at: Any = timezone.now()
    if connection.vendor != "postgresql":
        at = connection.ops.adapt_datetimefield_value(at)
    sql = (
        f"INSERT INTO {quote(Change._meta.db_table)} ({', '.join(quote(c) for c in _COLUMNS)}) "
        f"SELECT %s, t.id, %s, %s, %s, %s, %s, %s, {changes}, {mentions} "
        f"FROM {quote(table)} t WHERE {where}"
    )
    who: list[Any] = [kind, at, actor_id, username, via, context.origin(), ChangeAction.CREATED]
    # The values are ours and valid (an action of the list, JSON built by the database):
    # SQLite may skip its CHECKs, which cost 40 % of this insert.
    with writer_for(connection).unchecked(), connection.cursor() as cursor:
        cursor.execute(sql, [*who, *change_params, *params])


def created_interactions(
    first: int | None = None, last: int | None = None, *, ids: Iterable[int] = ()
) -> None:
    """Interactions just inserted in bulk (ids `first`..`last`, or the `ids` given): one
    "created" row per block of consecutive ids (RANGE_SPAN at most), no values."""
    if not context.bulk_recording():
        return
    blocks = [(first, last)] if first is not None and last is not None else _blocks(ids)
    rows = [
        capture.change_row(
            "interaction", a, ChangeAction.CREATED, [], set(), last_record_id=b if b > a else None
        )
        for start, end in blocks
        for a in range(start, end + 1, RANGE_SPAN)
        for b in [min(a + RANGE_SPAN - 1, end)]
    ]
    Change.objects.bulk_create(rows)


def _blocks(ids: Iterable[int]) -> list[tuple[int, int]]:
    """Runs of consecutive ids: [3, 4, 5, 9] → [(3, 5), (9, 9)]."""
    found: list[tuple[int, int]] = []
    for pk in sorted(set(ids)):
        if found and found[-1][1] == pk - 1:
            found[-1] = (found[-1][0], pk)
        else:
            found.append((pk, pk))
    return found


def created_people(first: int, last: int) -> None:
    """People just inserted in bulk (ids `first`..`last`) with a name and maybe an
    organization: a "created" row each, with those two values."""
    if not context.bulk_recording() or last < first:
        return
    quote = connection.ops.quote_name
    name = words.label_of(Person._meta.get_field("display_name"))
    org = words.label_of(Person._meta.get_field("organization"))
    org_name = (
        f"(SELECT o.name FROM {quote(Organization._meta.db_table)} o "
        f"WHERE o.id = t.organization_id)"
    )
    build = "jsonb_build_" if connection.vendor == "postgresql" else "json_"
    entry = build + "object('field', %s, 'label', %s, 'before', NULL, 'after', {})"
    named, in_org = entry.format("t.display_name"), entry.format(org_name)
    changes = (
        f"CASE WHEN t.organization_id IS NULL THEN {build}array({named}) "
        f"ELSE {build}array({named}, {in_org}) END"
    )
    labels = ["display_name", name, "display_name", name, "organization", org]
    _insert_select(
        "person", Person._meta.db_table, "t.id BETWEEN %s AND %s", [first, last], changes, labels
    )


def created(records: Iterable[Model]) -> None:
    """Records created one by one or with bulk_create (their pk set): a "created" row each
    with every value, as a form's save writes."""
    if not context.bulk_recording():
        return
    kinds = {model: kind for kind, model in tracked().items()}
    rows = []
    for record in records:
        kind = kinds[type(record)]
        mentions = {f"person:{record.pk}"} if kind == "person" else set()
        entries = capture._all_values(record, mentions, as_before=False)
        rows.append(capture.change_row(kind, record.pk, ChangeAction.CREATED, entries, mentions))
    Change.objects.bulk_create(rows)


def changed(
    model: type[Model],
    pk: int,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    *,
    instance: Model | None = None,
    also: Sequence[dict[str, Any]] = (),
    mentions: set[str] | None = None,
) -> bool:
    """A record changed in bulk: `before` and `after` by field name (or attname); a "changed"
    row with the fields that differ (and `also`, entries of its sets). False when nothing did."""
    if not context.bulk_recording():
        return False
    kind = {m: k for k, m in tracked().items()}[model]
    mentions = set(mentions or ())
    if kind == "person":
        mentions.add(f"person:{pk}")
    entries = []
    for field in words.fields_of(model):
        key = field.name if field.name in after else field.attname
        if key not in after:
            continue
        old, new = before.get(key), after[key]
        if not words.same(field, old, new):
            entries.append(capture._entry(field, old, new, instance, mentions))
    entries += also
    if not entries:
        return False
    capture.append(kind, pk, ChangeAction.CHANGED, entries, mentions)
    return True


def participants_changed(
    before: Mapping[int, str], after: Mapping[int, str], mentions: set[str]
) -> list[dict[str, Any]]:
    """Entries of an interaction's participants (person id → role) that a re-import changed:
    one per person added, removed or given another role."""
    part = next(p for p in parts() if p.kind == "interaction")
    entries = []
    for person_id in sorted(set(before) | set(after)):
        old, new = before.get(person_id), after.get(person_id)
        if old == new:
            continue
        said = [
            None
            if role is None
            else capture.part_in_words(part, {"person_id": person_id, "role": role}, mentions)
            for role in (old, new)
        ]
        entries.append(
            {"field": part.field, "label": part.label, "before": said[0], "after": said[1]}
        )
    return entries
