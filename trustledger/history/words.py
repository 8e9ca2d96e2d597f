"""Stored values in words, as a history shows them: choices as their labels, foreign keys as
the name of the record, dates as dates, yes/no for booleans, empty as None."""

from __future__ import annotations

import contextvars
import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Field, ForeignKey, Model
from django.utils import timezone

from trustledger.directory.models import Person

MAX_TEXT = 1000  # characters of one value kept in the history
# Fields with no meaning to a reader, or kept elsewhere (the actor is the change's own).
SKIPPED = frozenset(
    {"created_at", "created_by", "changed_by", "by", "normalized", "thread_id", "search_name"}
)


def fields_of(model: type[Model], skipped: tuple[str, ...] = ()) -> list[Field[Any, Any]]:
    """The fields whose changes a history records."""
    chosen = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in SKIPPED or field.name in skipped:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        if isinstance(field, ForeignKey) and field.related_model._meta.app_label == "accounts":
            continue  # users: the change's actor says who
        chosen.append(field)
    return chosen


def label_of(field: Any) -> str:
    name = str(field.verbose_name)
    return name[:1].upper() + name[1:]


def in_words(field: Any, value: Any, instance: Model | None = None) -> tuple[Any, list[str]]:
    """(the value as a reader reads it, the people it names as "person:<id>")."""
    if value is None or value == "":
        return None, []
    if isinstance(field, ForeignKey):
        return _name_of(field, value, instance)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value)), []
    if isinstance(value, bool):
        return ("yes" if value else "no"), []
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M"), []
    if isinstance(value, dt.date):
        return value.isoformat(), []
    if isinstance(value, Decimal):
        return str(value), []
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return value[:MAX_TEXT] + "…", []
    return value, []


# Names of records read while serving one request or command (`context` starts a fresh one),
# forgotten when the record is saved or deleted: a delete of many participations reads their
# person's name once.
_names: contextvars.ContextVar[dict[tuple[Any, Any], tuple[str, list[str]]] | None] = (
    contextvars.ContextVar("history_names", default=None)
)
MAX_NAMES = 5000


def fresh_names() -> contextvars.Token[Any]:
    return _names.set({})


def end_names(token: contextvars.Token[Any]) -> None:
    _names.reset(token)


def forget(model: Any, pk: Any) -> None:
    names = _names.get()
    if names is not None:
        names.pop((model, pk), None)


def _name_of(field: Any, value: Any, instance: Model | None) -> tuple[Any, list[str]]:
    names = _names.get()
    key = (field.related_model, value)
    if names is not None and key in names:
        return names[key]
    found = _look_up(field, value, instance)
    if names is not None:
        if len(names) >= MAX_NAMES:
            names.clear()
        names[key] = found
    return found


def _look_up(field: Any, value: Any, instance: Model | None) -> tuple[str, list[str]]:
    related = field.related_model
    target = None
    if instance is not None and field.is_cached(instance):
        cached = field.get_cached_value(instance)
        target = cached if cached is not None and cached.pk == value else None
    if target is None:
        target = related._base_manager.filter(pk=value).first()
    mentions = [f"person:{value}"] if related is Person else []
    if target is None:
        return f"#{value} (deleted)", mentions
    return str(target), mentions + _people_in(target)


def _people_in(target: Model) -> list[str]:
    """People a record's name is made of (a relationship is named after its sides)."""
    found = []
    for name in ("our_person_id", "counterpart_person_id"):
        pk = getattr(target, name, None)
        if pk is not None:
            found.append(f"person:{pk}")
    return found


def same(field: Any, stored: Any, current: Any) -> bool:
    try:
        return bool(field.to_python(stored) == field.to_python(current))
    except Exception:  # noqa: BLE001 - a value the field cannot read differs from any other
        return False
