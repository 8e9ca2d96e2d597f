"""What the entry views share: scope, refusals, JSON twins, action errors onto form fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from trustledger.accounts.access import Scope
from trustledger.directory.models import Person
from trustledger.directory.tree import units_below
from trustledger.ledger import models as m
from trustledger.ledger.actions import may_change
from trustledger.web import params
from trustledger.web.entry.picker import drawn_choices, is_picker

SIDES = (
    "our_person",
    "our_unit",
    "counterpart_person",
    "counterpart_unit",
    "counterpart_organization",
)


def wants_json(request: HttpRequest) -> bool:
    return request.GET.get("format") == "json"


def respond(
    request: HttpRequest, template: str, page: dict[str, Any], **extra: Any
) -> HttpResponse:
    """The HTML page and its JSON twin from the same `page` dict (forms stay HTML-only)."""
    if wants_json(request):
        return JsonResponse(page, json_dumps_params={"indent": 1})
    return render(request, template, {"page": page, **extra})


def not_found() -> Http404:
    """Records outside the user's scope look like records that do not exist."""
    return Http404("Not found, or not yours to see.")


def may_enter(scope: Scope) -> bool:
    """Someone who could record anything at all: not a viewer, and someone to record it for."""
    if scope.is_admin:
        return True
    return not scope.read_only and (scope.person_id is not None or bool(scope.managed_unit_ids))


def require_entry(scope: Scope) -> None:
    if not may_enter(scope):
        raise PermissionDenied("You may read the ledger but not record in it.")


def changeable_relationships(scope: Scope) -> QuerySet[m.Relationship]:
    """The relationships in scope this user may change, for the forms' choices."""
    readable = scope.relationships().select_related(*SIDES, "our_person__unit")
    if scope.is_admin:
        return readable
    ids = [r.pk for r in readable if may_change(scope, r)]
    return m.Relationship.objects.filter(pk__in=ids).select_related(*SIDES)


def nameable_people(scope: Scope) -> QuerySet[Person]:
    """Everyone this user may name in a record: the people they see, and the other side of
    every relationship they may change (its counterpart person, the people of its counterpart
    unit and the units below it, the people of its counterpart organization). A team records
    promises made to the people it serves, although it does not read their own records."""
    if scope.is_admin:
        return Person.objects.all()
    key = "nameable_people"
    if key not in scope._built:
        sides = list(
            changeable_relationships(scope).values_list(
                "counterpart_person_id", "counterpart_unit_id", "counterpart_organization_id"
            )
        )
        units = units_below({u for _, u, _ in sides if u is not None})
        condition = Q(pk__in=scope.people().values("pk"))
        condition |= Q(pk__in={p for p, _, _ in sides if p is not None})
        condition |= Q(unit_id__in=units)
        condition |= Q(organization_id__in={o for _, _, o in sides if o is not None})
        scope._built[key] = condition
    return Person.objects.filter(scope._built[key])


def relationship_from(request: HttpRequest, scope: Scope) -> m.Relationship | None:
    """The relationship named by `?relationship=` or the form: 404 outside scope, 403 unchangeable."""
    raw = (request.POST.get("relationship") or request.GET.get("relationship") or "").strip()
    if not raw:
        return None
    try:
        pk = params.record_id("relationship", raw)
    except params.BadQuery:
        raise not_found() from None
    found = scope.relationships().select_related(*SIDES).filter(pk=pk).first()
    if found is None:
        raise not_found()
    if not may_change(scope, found):
        raise PermissionDenied("You may read this relationship but not record in it.")
    return found


def add_action_errors(
    form: forms.Form, error: ValidationError, renames: dict[str, str] | None = None
) -> None:
    """Put an action's ValidationError on the form field it names (or on the form)."""
    renames = renames or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        name = renames.get(field, field)
        form.add_error(name if name in form.fields else None, errors)


def safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def at_day(day: dt.date, time: dt.time | None = None) -> dt.datetime:
    """A local date (and time) as an aware moment; today without a time means now."""
    if time is None:
        if day == timezone.localdate():
            return timezone.now()
        time = dt.time(12, 0)
    return timezone.make_aware(dt.datetime.combine(day, time))


def end_of_day(day: dt.date) -> dt.datetime:
    """Due on a date means by the end of that day."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def relationship_name(relationship: m.Relationship | None) -> str:
    return str(relationship) if relationship is not None else ""


def person_ref(person: Any, scope: Scope) -> dict[str, Any] | None:
    """A person named on a page: a link only when the reader may open their page."""
    if person is None:
        return None
    url = f"/people/{person.pk}/" if scope.can_read_person(person.pk) else None
    return {"id": person.pk, "name": person.display_name, "url": url}


def relationship_ref(relationship: m.Relationship | None) -> dict[str, Any] | None:
    if relationship is None:
        return None
    return {
        "id": relationship.pk,
        "name": str(relationship),
        "url": f"/relationships/{relationship.pk}/",
    }


def describe_form(form: forms.Form) -> dict[str, Any]:
    """A form's fields for the JSON twin: name, label, required, initial value and choices."""
    fields = []
    for name, field in form.fields.items():
        entry: dict[str, Any] = {
            "name": name,
            "label": str(field.label or name),
            "required": field.required,
            "initial": field.prepare_value(form[name].value()),
            "help": str(field.help_text or ""),
        }
        if is_picker(field):
            # A picker names only the chosen and suggested records; the rest are searched.
            entry["picker"] = field.widget.attrs["data-picker"]
            entry["choices"] = [
                {"value": value, "label": label}
                for value, label in drawn_choices(field, form[name].value())
            ]
        elif isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
            entry["choices"] = [
                {"value": str(value), "label": str(label)}
                for value, label in field.choices
                if str(value) != ""
            ]
        fields.append(entry)
    errors = {k: [str(e) for e in v] for k, v in form.errors.items()} if form.is_bound else {}
    return {"fields": fields, "errors": errors}
