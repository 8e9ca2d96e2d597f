"""Organizations, units, people and relationships: new, edit and delete from the web.

Each kind has one `Kind` entry; three views serve them all. Who may do what is decided by
the named actions in `trustledger/directory/actions.py` (the views only ask them before
offering a form): out of reach → 404, readable but not changeable → 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from trustledger.accounts.access import Scope, scope_for
from trustledger.directory import actions as d
from trustledger.directory.models import Organization, Person, Unit
from trustledger.ledger import models as m
from trustledger.web import params
from trustledger.web.entry.common import add_action_errors, describe_form, respond, safe_next
from trustledger.web.pages.common import bad_query, refuse
from trustledger.web.records import forms as f


@dataclass(frozen=True)
class Kind:
    name: str  # "person": the URL names are <name>_new, <name>_edit, <name>_delete
    label: str
    form: type[f.RecordForm]
    readable: Callable[[Scope], Any]  # the records one may open (404 for the rest)
    may_add: Callable[[Scope], bool]
    may_change: Callable[[Scope, Any], bool]
    may_delete: Callable[[Scope, Any], bool]
    create: Callable[..., Any]
    update: Callable[..., list[str]]
    delete: Callable[[Any, Any], None]
    url: Callable[[Any], str]  # the record's page after saving
    # Query parameters that prefill a new record: field → parameter.
    prefill: tuple[str, ...] = ()


def _organization_url(organization: Organization) -> str:
    return f"/organizations/{organization.pk}/edit/"


KINDS = {
    "person": Kind(
        "person",
        "person",
        f.PersonForm,
        lambda scope: scope.people().select_related("organization", "unit__organization"),
        d.may_add_person,
        lambda scope, p: d.person_rights(scope, p) is not None,
        d.may_delete_person,
        d.create_person,
        d.update_person,
        d.delete_person,
        lambda p: f"/people/{p.pk}/",
        ("organization", "unit"),
    ),
    "organization": Kind(
        "organization",
        "organization",
        f.OrganizationForm,
        d.nameable_organizations,
        d.may_add_organization,
        d.may_change_organization,
        d.may_delete_organization,
        d.create_organization,
        d.update_organization,
        d.delete_organization,
        _organization_url,
    ),
    "unit": Kind(
        "unit",
        "unit",
        f.UnitForm,
        lambda scope: Unit.objects.select_related("organization", "parent").filter(
            pk__in=scope.units().values("pk")
        ),
        d.may_add_unit,
        d.may_change_unit,
        d.may_delete_unit,
        d.create_unit,
        d.update_unit,
        d.delete_unit,
        lambda u: f"/units/{u.pk}/",
        ("organization", "parent"),
    ),
    "relationship": Kind(
        "relationship",
        "relationship",
        f.RelationshipForm,
        lambda scope: scope.relationships().select_related(
            "our_person__unit", "our_unit", "counterpart_person", "counterpart_unit"
        ),
        d.may_add_relationship,
        d.may_change_relationship,
        d.may_change_relationship,
        d.create_relationship,
        d.update_relationship,
        d.delete_relationship,
        lambda r: f"/relationships/{r.pk}/",
        ("our_person", "our_unit", "counterpart_person", "counterpart_unit")
        + ("counterpart_organization",),
    ),
}


def _find(kind: Kind, scope: Scope, pk: int) -> Any:
    found = kind.readable(scope).filter(pk=pk).first()
    if found is None:
        raise refuse()
    return found


def _prefill(request: HttpRequest, kind: Kind) -> dict[str, int]:
    """`?our_unit=3&counterpart_person=7`: ids parsed at the edge (a bad one: 400)."""
    initial = {}
    for name in kind.prefill:
        value = params.optional_id(request.GET, name)
        if value is not None:
            initial[name] = value
    return initial


def _form(kind: Kind, request: HttpRequest, scope: Scope, obj: Any, initial: dict[str, Any]) -> Any:
    data = request.POST if request.method == "POST" else None
    extra: dict[str, Any] = {}
    if kind.name == "person" and obj is not None:
        extra["context_only"] = d.person_rights(scope, obj) == d.CONTEXT
    return kind.form(data, scope=scope, instance=obj, initial=initial, **extra)


def _save(kind: Kind, request: HttpRequest, form: Any, obj: Any) -> Any:
    """Call the kind's action; its refusals land on the form's fields. The record or None."""
    values = form.values()
    goals = form.cleaned_data.get("goals") if "goals" in form.fields else None
    extra = {"goals": goals} if kind.name == "relationship" else {}
    try:
        with transaction.atomic():
            if obj is None:
                return kind.create(request.user, **values, **extra)
            kind.update(request.user, obj, **values, **extra)
            return obj
    except ValidationError as error:
        add_action_errors(form, error)
    return None


def _page(kind: Kind, title: str, form: Any, obj: Any, scope: Scope) -> dict[str, Any]:
    page: dict[str, Any] = {"title": title, "kind": kind.name, "form": describe_form(form)}
    if obj is not None:
        page["record"] = {"id": obj.pk, "name": str(obj), "url": kind.url(obj)}
        page["may_delete"] = kind.may_delete(scope, obj)
        page["delete_url"] = f"/{_plural(kind)}/{obj.pk}/delete/"
    return page


def _plural(kind: Kind) -> str:
    return "people" if kind.name == "person" else f"{kind.name}s"


def _fresh(obj: Any) -> Any:
    """A second copy for the form: validation may change the form's instance."""
    return type(obj).objects.get(pk=obj.pk)


@login_required
@require_http_methods(["GET", "POST"])
def record_new(request: HttpRequest, kind: str) -> HttpResponse:
    entry = KINDS[kind]
    scope = scope_for(request.user)  # type: ignore[arg-type]
    if not entry.may_add(scope):
        raise PermissionDenied(f"You may not add a {entry.label}.")
    try:
        initial = _prefill(request, entry)
    except params.BadQuery as error:
        return bad_query(request, error)
    form = _form(entry, request, scope, None, initial)
    if request.method == "POST" and form.is_valid():
        saved = _save(entry, request, form, None)
        if saved is not None:
            messages.success(request, f"{entry.label.capitalize()} “{saved}” added.")
            return redirect(safe_next(request, entry.url(saved)))
    page = _page(entry, f"New {entry.label}", form, None, scope)
    return respond(request, "web/records/form.html", page, form=form, next=safe_next(request, ""))


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    entry = KINDS[kind]
    scope = scope_for(request.user)  # type: ignore[arg-type]
    obj = _find(entry, scope, pk)
    if not entry.may_change(scope, obj):
        raise PermissionDenied(f"You may read this {entry.label} but not change it.")
    form = _form(entry, request, scope, _fresh(obj), {})
    if request.method == "POST" and form.is_valid():
        saved = _save(entry, request, form, obj)
        if saved is not None:
            messages.success(request, f"{entry.label.capitalize()} “{_fresh(obj)}” saved.")
            return redirect(safe_next(request, entry.url(saved)))
    page = _page(entry, f"Edit {obj}", form, obj, scope)
    return respond(request, "web/records/form.html", page, form=form, next=safe_next(request, ""))


def _after_delete(kind: Kind, obj: Any) -> str:
    """Where one lands after a delete: the page the record hung from."""
    if isinstance(obj, Unit) and obj.parent_id:
        return f"/units/{obj.parent_id}/"
    if isinstance(obj, Person) and obj.unit_id:
        return f"/units/{obj.unit_id}/"
    if isinstance(obj, m.Relationship):
        return (
            f"/people/{obj.our_person_id}/" if obj.our_person_id else f"/units/{obj.our_unit_id}/"
        )
    return "/"


@login_required
@require_http_methods(["GET", "POST"])
def record_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """A confirmation page that says what goes with the record; POST deletes."""
    entry = KINDS[kind]
    scope = scope_for(request.user)  # type: ignore[arg-type]
    obj = _find(entry, scope, pk)
    if not entry.may_delete(scope, obj):
        raise PermissionDenied(f"You may not delete this {entry.label}.")
    effects, blocked = d.deletion_effects(obj)
    error = ""
    if request.method == "POST" and not blocked:
        name = str(obj)
        try:
            entry.delete(request.user, obj)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, f"{entry.label.capitalize()} “{name}” deleted.")
            return redirect(_after_delete(entry, obj))
    page = {
        "title": f"Delete {obj}?",
        "kind": entry.name,
        "record": {"id": obj.pk, "name": str(obj), "url": entry.url(obj)},
        "goes_with_it": [{"kind": k, "count": n} for k, n in effects],
        "kept": [{"kind": k, "count": n} for k, n in d.kept_after_deletion(obj)],
        "blocked": blocked,
        "error": error,
    }
    return respond(request, "web/records/directory_delete.html", page)


def links(scope: Scope, obj: models.Model) -> dict[str, str]:
    """The edit/delete links a record's page may draw for this viewer (none they cannot use)."""
    kind = KINDS[str(obj._meta.model_name)]
    found: dict[str, str] = {}
    if kind.may_change(scope, obj):
        found["edit"] = f"/{_plural(kind)}/{obj.pk}/edit/"
    if kind.may_delete(scope, obj):
        found["delete"] = f"/{_plural(kind)}/{obj.pk}/delete/"
    if isinstance(obj, Person) and d.may_add_relationship(scope):
        # A relationship with them: they are our side if one may put them there.
        ours = d.our_side_people(scope).filter(pk=obj.pk).exists()
        side = "our_person" if ours else "counterpart_person"
        found["add_relationship"] = f"/relationships/new/?{side}={obj.pk}"
    return found


def context_gaps(scope: Scope, context: dict[str, Any]) -> dict[str, Any]:
    """A completeness report's gaps, named: whose local context misses which fields. Only
    people the viewer may open are named; the others are counted."""
    from trustledger.domain.context import FIELD_LABELS, missing_in_words

    missing = {int(pid.partition(":")[2]): fields for pid, fields in context.get("missing", [])}
    people = scope.people().filter(pk__in=missing).order_by("display_name")
    named = []
    for person in people:
        fields = missing[person.pk]
        rights = d.person_rights(scope, person)
        named.append(
            {
                "id": person.pk,
                "name": person.display_name,
                "url": f"/people/{person.pk}/",
                "fields": list(fields),
                "labels": [FIELD_LABELS.get(x, x) for x in fields],
                "sentence": f"{person.display_name}: missing {missing_in_words(fields)}",
                "fill_url": f"/people/{person.pk}/edit/#context" if rights else None,
            }
        )
    return {"people": named, "unnamed": len(missing) - len(named)}


def unit_links(scope: Scope, unit: Unit) -> dict[str, str]:
    """A unit page's links: edit, delete, and adding a person, a unit or a relationship there."""
    found = links(scope, unit)
    if d.may_add_person(scope) and d.unit_homes(scope).filter(pk=unit.pk).exists():
        found["add_person"] = f"/people/new/?unit={unit.pk}"
        if d.may_add_unit(scope):
            found["add_unit"] = f"/units/new/?parent={unit.pk}"
    if d.our_side_units(scope).filter(pk=unit.pk).exists():
        found["add_relationship"] = f"/relationships/new/?our_unit={unit.pk}"
    return found
