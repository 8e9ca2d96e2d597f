"""Writing the history from model signals, so every form, action and API call is recorded
without doing anything: pre_save reads the stored row, post_save / post_delete /
m2m_changed append the difference.

Bulk writes (bulk_create, `.update()`, COPY in `generate`, the engine, a restore) send no
signals and leave no history; imports write their own (`history.imports`). docs/history.md.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, signals

from trustledger.directory.models import Person
from trustledger.history import context, words
from trustledger.history.kinds import Part, parts, tracked
from trustledger.history.models import Change, ChangeAction

_KIND_OF: dict[type[Model], str] = {}
_PART_OF: dict[type[Model], Part] = {}
_BEFORE = "_history_before"
# Records being deleted: the rows of their sets go with them, unrecorded one by one.
_DELETING: set[tuple[str, Any]] = set()


def connect() -> None:
    for kind, model in tracked().items():
        _KIND_OF[model] = kind
        uid = f"history:{kind}"
        signals.pre_save.connect(_read_stored, sender=model, dispatch_uid=uid)
        signals.post_save.connect(_saved, sender=model, dispatch_uid=uid)
        signals.post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            signals.m2m_changed.connect(
                _set_changed, sender=through, dispatch_uid=f"{uid}:{field.name}"
            )
    for part in parts():
        _PART_OF[part.model] = part
        uid = f"history:part:{part.model._meta.label_lower}"
        signals.pre_save.connect(_read_stored, sender=part.model, dispatch_uid=uid)
        signals.post_save.connect(_part_saved, sender=part.model, dispatch_uid=uid)
        signals.post_delete.connect(_part_deleted, sender=part.model, dispatch_uid=uid)
        owner = part.model._meta.get_field(part.parent).related_model
        signals.pre_delete.connect(_owner_deleting, sender=owner, dispatch_uid=f"{uid}:owner")


def append(
    kind: str, record_id: int, action: str, entries: list[dict[str, Any]], mentions: set[str]
) -> Change:
    row = change_row(kind, record_id, action, entries, mentions)
    row.save()
    return row


def change_row(
    kind: str,
    record_id: int,
    action: str,
    entries: list[dict[str, Any]],
    mentions: set[str],
    *,
    last_record_id: int | None = None,
) -> Change:
    """An unsaved row of the current actor, via and origin (`context`)."""
    actor_id, username, via = context.current()
    return Change(
        kind=kind,
        record_id=record_id,
        last_record_id=last_record_id,
        actor_id=actor_id,
        actor_username=username,
        via=via,
        origin=context.origin(),
        action=action,
        changes=entries,
        mentions=f" {' '.join(sorted(mentions))} " if mentions else "",
    )


def _fields(model: type[Model]) -> list[Any]:
    part = _PART_OF.get(model)
    return words.fields_of(model, (part.parent, *part.skipped) if part else ())


# -- records ----------------------------------------------------------------------------------


def _read_stored(
    sender: type[Model], instance: Model, raw: bool = False, update_fields: Any = None, **_: Any
) -> None:
    setattr(instance, _BEFORE, None)
    if raw or instance._state.adding or instance.pk is None or not context.recording():
        return
    fields = _fields(sender)
    if update_fields is not None:
        fields = [f for f in fields if f.name in update_fields or f.attname in update_fields]
        if not fields:
            return
    stored = (
        sender._base_manager.filter(pk=instance.pk).values(*(f.attname for f in fields)).first()
    )
    setattr(instance, _BEFORE, (fields, stored))


def _entry(
    field: Any, before: Any, after: Any, instance: Model | None, mentions: set[str]
) -> dict[str, Any]:
    before_words, named_before = words.in_words(field, before, None)
    after_words, named_after = words.in_words(field, after, instance)
    mentions.update(named_before, named_after)
    return {
        "field": field.name,
        "label": words.label_of(field),
        "before": before_words,
        "after": after_words,
    }


def _differences(instance: Model, mentions: set[str]) -> list[dict[str, Any]] | None:
    read = getattr(instance, _BEFORE, None)
    if read is None or read[1] is None:
        return None
    fields, stored = read
    setattr(instance, _BEFORE, None)
    return [
        _entry(f, stored[f.attname], getattr(instance, f.attname), instance, mentions)
        for f in fields
        if not words.same(f, stored[f.attname], getattr(instance, f.attname))
    ]


def _all_values(instance: Model, mentions: set[str], *, as_before: bool) -> list[dict[str, Any]]:
    entries = []
    for field in _fields(type(instance)):
        value = getattr(instance, field.attname)
        if value is None or value == "":
            continue
        before, after = (value, None) if as_before else (None, value)
        entries.append(_entry(field, before, after, instance, mentions))
    return entries


def _saved(
    sender: type[Model], instance: Model, created: bool, raw: bool = False, **_: Any
) -> None:
    words.forget(sender, instance.pk)
    if raw or not context.recording():
        return
    kind = _KIND_OF[sender]
    mentions = {f"person:{instance.pk}"} if kind == "person" else set()
    if created:
        append(
            kind,
            instance.pk,
            ChangeAction.CREATED,
            _all_values(instance, mentions, as_before=False),
            mentions,
        )
        return
    entries = _differences(instance, mentions)
    if entries:
        append(kind, instance.pk, ChangeAction.CHANGED, entries, mentions)


def _deleted(sender: type[Model], instance: Model, **_: Any) -> None:
    words.forget(sender, instance.pk)
    kind = _KIND_OF[sender]
    _DELETING.discard((kind, instance.pk))
    if not context.recording():
        return
    mentions = {f"person:{instance.pk}"} if kind == "person" else set()
    append(
        kind,
        instance.pk,
        ChangeAction.DELETED,
        _all_values(instance, mentions, as_before=True),
        mentions,
    )


# -- parts of a record (rows of its sets) ----------------------------------------------------------


def part_in_words(part: Part, row: Model | dict[str, Any], mentions: set[str]) -> str:
    """One row of a set as one phrase: "Ada Berg · To"."""
    phrases = []
    for field in _fields(part.model):
        value = row[field.attname] if isinstance(row, dict) else getattr(row, field.attname)
        shown, named = words.in_words(field, value, None if isinstance(row, dict) else row)
        mentions.update(named)
        if shown is not None:
            phrases.append(str(shown))
    return " · ".join(phrases)


def _part_saved(
    sender: type[Model], instance: Model, created: bool, raw: bool = False, **_: Any
) -> None:
    if raw or not context.recording():
        return
    part = _PART_OF[sender]
    mentions: set[str] = set()
    after = part_in_words(part, instance, mentions)
    before = None
    if not created:
        read = getattr(instance, _BEFORE, None)
        if read is None or read[1] is None:
            return
        # A save with update_fields read only those columns: the rest are as they are now.
        stored = {f.attname: getattr(instance, f.attname) for f in _fields(part.model)}
        before = part_in_words(part, stored | dict(read[1]), mentions)
        if before == after:
            return
    owner = getattr(instance, f"{part.parent}_id")
    entry = {"field": part.field, "label": part.label, "before": before, "after": after}
    append(part.kind, owner, ChangeAction.CHANGED, [entry], mentions)


def _part_deleted(sender: type[Model], instance: Model, **_: Any) -> None:
    part = _PART_OF[sender]
    owner = getattr(instance, f"{part.parent}_id")
    if not context.recording() or (part.kind, owner) in _DELETING:
        return  # the owner's own deletion says it all
    mentions: set[str] = set()
    entry = {
        "field": part.field,
        "label": part.label,
        "before": part_in_words(part, instance, mentions),
        "after": None,
    }
    append(
        part.kind, getattr(instance, f"{part.parent}_id"), ChangeAction.CHANGED, [entry], mentions
    )


def _owner_deleting(sender: type[Model], instance: Model, **_: Any) -> None:
    _DELETING.add((_KIND_OF[sender], instance.pk))


# -- many-to-many fields --------------------------------------------------------------------------


def _set_changed(
    sender: Any,
    instance: Model,
    action: str,
    reverse: bool,
    model: type[Model],
    pk_set: set[Any] | None,
    **_: Any,
) -> None:
    if not context.recording():
        return
    field = next(f for f in _m2m_fields() if f.remote_field.through is sender)
    owner_model = field.model
    if action == "pre_clear":
        # The rows cleared are gone by post_clear: remember them now.
        name = field.remote_field.get_accessor_name() if reverse else field.name
        targets = getattr(instance, name).values_list("pk", flat=True)
        setattr(instance, f"_history_clear_{field.name}", set(targets))
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if action == "post_clear":
        pk_set = getattr(instance, f"_history_clear_{field.name}", set())
    if not pk_set:
        return
    added = action == "post_add"
    kind = _KIND_OF[owner_model]
    if reverse:  # goal.relationships.add(relationship): each relationship's goals changed
        owners = list(owner_model._base_manager.filter(pk__in=pk_set))
        members = [instance]
    else:
        owners = [instance]
        members = list(model._base_manager.filter(pk__in=pk_set))
    for owner in owners:
        mentions: set[str] = set()
        entries = []
        for member in members:
            name = str(member)
            if isinstance(member, Person):
                mentions.add(f"person:{member.pk}")
            before, after = (None, name) if added else (name, None)
            entries.append(
                {
                    "field": field.name,
                    "label": words.label_of(field),
                    "before": before,
                    "after": after,
                }
            )
        append(kind, owner.pk, ChangeAction.CHANGED, entries, mentions)


def _m2m_fields() -> list[Any]:
    return [f for model in _KIND_OF for f in model._meta.many_to_many]


# -- sets written in bulk -------------------------------------------------------------------------


def record_parts(rows: list[Model], *, added: bool = True) -> None:
    """Write the history of set rows an action wrote with bulk_create (which sends no signal):
    one change per owning record, one entry per row."""
    if not context.recording():
        return
    by_owner: dict[tuple[str, int], tuple[list[dict[str, Any]], set[str]]] = {}
    for row in rows:
        part = _PART_OF[type(row)]
        owner = (part.kind, getattr(row, f"{part.parent}_id"))
        entries, mentions = by_owner.setdefault(owner, ([], set()))
        phrase = part_in_words(part, row, mentions)
        before, after = (None, phrase) if added else (phrase, None)
        entries.append({"field": part.field, "label": part.label, "before": before, "after": after})
    for (kind, pk), (entries, mentions) in by_owner.items():
        append(kind, pk, ChangeAction.CHANGED, entries, mentions)
