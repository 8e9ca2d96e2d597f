"""Writing the directory: people, units, organizations and relationships (POST, PATCH, DELETE).

Exactly the web's rules: the named actions of `trustledger/directory/actions.py` decide
(`person_rights`, `may_delete_person`, `may_change_unit` …), and a record named in a body is
looked up in the same set the web form offers for that field. Outside the caller's reach:
404 (for an id in the body, the reason names the field); readable but not theirs to change:
403; a rule broken (one side each, a unit of the person's organization): 422 naming the
field; a delete that other records block: 409 saying which.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from ninja import Status
from ninja.errors import HttpError

from trustledger.accounts.access import Scope
from trustledger.api import scoping
from trustledger.api.common import PathId, caller, scope, visible
from trustledger.api.directory_in import (
    OrganizationChange,
    OrganizationIn,
    PersonChange,
    PersonIn,
    RelationshipChange,
    RelationshipIn,
    UnitChange,
    UnitIn,
)
from trustledger.api.routers import parties
from trustledger.api.schemas import OrganizationOut, PersonOut, RelationshipOut, UnitOut
from trustledger.directory import actions as d
from trustledger.directory.models import Organization, Person, Unit
from trustledger.engine.sides import unit_subtree_ids
from trustledger.ledger import models as m

# The reads' router: django-ninja serves one path from one router (a second router's PATCH
# on /people/{id} answered 405), so the writes join the parties' reads.
router = parties.router

# Body field → (model field, the set the web form offers for it).
Choices = dict[str, tuple[str, Callable[[Scope], QuerySet[Any]]]]
PERSON_CHOICES: Choices = {
    "organization_id": ("organization", d.nameable_organizations),
    "unit_id": ("unit", d.unit_homes),
}
UNIT_CHOICES: Choices = {
    "organization_id": ("organization", lambda s: Organization.objects.all()),
    "parent_id": ("parent", d.unit_homes),
}
RELATIONSHIP_CHOICES: Choices = {
    "our_person_id": ("our_person", d.our_side_people),
    "our_unit_id": ("our_unit", d.our_side_units),
    "counterpart_person_id": ("counterpart_person", lambda s: s.people()),
    "counterpart_unit_id": ("counterpart_unit", d.nameable_units),
    "counterpart_organization_id": ("counterpart_organization", d.nameable_organizations),
}


def _values(
    request: HttpRequest, payload: Any, choices: Choices, current: Model | None = None
) -> dict[str, Any]:
    """The body's fields as the action's values: ids as records of the field's set (the
    record's current value stays allowed), text as sent; only the fields sent."""
    sent = payload.dict(exclude_unset=True)
    sent.pop("goal_ids", None)
    values: dict[str, Any] = {}
    for name, value in sent.items():
        if name not in choices:
            values[name] = value
            continue
        field, offered = choices[name]
        if value is None:
            values[field] = None
            continue
        kept = getattr(current, f"{field}_id", None) if current is not None else None
        allowed = offered(scope(request))
        found = allowed.model.objects.filter(Q(pk__in=allowed.values("pk")) | Q(pk=kept or 0))
        record = found.filter(pk=value).first()
        if record is None:  # as every write of the API: out of reach is not found
            raise HttpError(404, f"{name}: {value} is not one you may name here.")
        values[field] = record
    return values


def _deleted(delete: Callable[[Any, Any], None], request: HttpRequest, obj: Any) -> Any:
    """Delete `obj` through the action; records that block it answer 409 naming them."""
    try:
        with transaction.atomic():
            delete(caller(request), obj)
    except ValidationError as refused:
        raise HttpError(409, " ".join(refused.messages)) from None
    return Status(204, None)


def _delete_visible(
    request: HttpRequest,
    readable: QuerySet[Any],
    pk: int,
    may_delete: Callable[[Scope, Any], bool],
    delete: Callable[[Any, Any], None],
) -> Any:
    """404 outside reach, 403 readable but not the caller's to delete, else delete."""
    obj = visible(readable, pk)
    _refuse_unless(may_delete(scope(request), obj), "You may not delete it.")
    return _deleted(delete, request, obj)


def _refuse_unless(allowed: bool, why: str) -> None:
    from django.core.exceptions import PermissionDenied

    if not allowed:
        raise PermissionDenied(why)


# -- people -----------------------------------------------------------------------------------


@router.post("/people", response={201: PersonOut})
def create_person(request: HttpRequest, payload: PersonIn) -> Any:
    """A person: the admin anyone; a manager into the units they manage or an outside
    contact; a member an outside contact; a viewer nobody (403)."""
    _refuse_unless(d.may_add_person(scope(request)), "A viewer reads and changes nothing.")
    person = d.create_person(caller(request), **_values(request, payload, PERSON_CHOICES))
    return Status(201, person)


@router.patch("/people/{person_id}", response=PersonOut)
def change_person(request: HttpRequest, person_id: PathId, payload: PersonChange) -> Any:
    """The fields sent change. One's own person: only local context and their script."""
    person = visible(scope(request).people(), person_id)
    _refuse_unless(
        d.person_rights(scope(request), person) is not None, "You may not change this person."
    )
    d.update_person(caller(request), person, **_values(request, payload, PERSON_CHOICES, person))
    return Person.objects.get(pk=person.pk)


@router.delete("/people/{person_id}", response={204: None})
def delete_person(request: HttpRequest, person_id: PathId) -> Any:
    return _delete_visible(
        request, scope(request).people(), person_id, d.may_delete_person, d.delete_person
    )


# -- organizations ----------------------------------------------------------------------------


@router.post("/organizations", response={201: OrganizationOut})
def create_organization(request: HttpRequest, payload: OrganizationIn) -> Any:
    organization = d.create_organization(caller(request), **payload.dict(exclude_unset=True))
    return Status(201, organization)


def _organization(request: HttpRequest, pk: int) -> Organization:
    found = d.nameable_organizations(scope(request)).filter(pk=pk).first()
    if found is None:
        found = visible(scoping.organizations(scope(request)), pk)
    return found


@router.patch("/organizations/{organization_id}", response=OrganizationOut)
def change_organization(
    request: HttpRequest, organization_id: PathId, payload: OrganizationChange
) -> Any:
    organization = _organization(request, organization_id)
    d.update_organization(caller(request), organization, **payload.dict(exclude_unset=True))
    return Organization.objects.get(pk=organization.pk)


@router.delete("/organizations/{organization_id}", response={204: None})
def delete_organization(request: HttpRequest, organization_id: PathId) -> Any:
    organization = _organization(request, organization_id)
    _refuse_unless(
        d.may_delete_organization(scope(request), organization), "You may not delete it."
    )
    return _deleted(d.delete_organization, request, organization)


# -- units ------------------------------------------------------------------------------------


@router.post("/units", response={201: UnitOut})
def create_unit(request: HttpRequest, payload: UnitIn) -> Any:
    """A unit under one the caller manages (the admin: anywhere, or a top unit)."""
    _refuse_unless(d.may_add_unit(scope(request)), "Only a unit's manager or an admin adds units.")
    values = _values(request, payload, UNIT_CHOICES)
    if values.get("parent") is not None and values.get("organization") is None:
        values["organization"] = values["parent"].organization
    if values.get("organization") is None:
        raise ValidationError({"parent_id": "Name the unit it is part of (or an organization)."})
    # The organization first, as the web form gives it: the action reads it before the rest.
    values = {"organization": values.pop("organization"), **values}
    return Status(201, d.create_unit(caller(request), **values))


@router.patch("/units/{unit_id}", response=UnitOut)
def change_unit(request: HttpRequest, unit_id: PathId, payload: UnitChange) -> Any:
    unit = visible(scope(request).units(), unit_id)
    _refuse_unless(d.may_change_unit(scope(request), unit), "You may not change this unit.")
    values = _values(request, payload, UNIT_CHOICES, unit)
    parent = values.get("parent")
    if parent is not None and parent.pk in unit_subtree_ids(unit.pk):
        raise ValidationError({"parent_id": "A unit cannot be placed under itself or below."})
    d.update_unit(caller(request), unit, **values)
    return Unit.objects.get(pk=unit.pk)


@router.delete("/units/{unit_id}", response={204: None})
def delete_unit(request: HttpRequest, unit_id: PathId) -> Any:
    return _delete_visible(
        request, scope(request).units(), unit_id, d.may_delete_unit, d.delete_unit
    )


# -- relationships ----------------------------------------------------------------------------


def _goals(request: HttpRequest, payload: Any) -> list[Any] | None:
    if payload.goal_ids is None:
        return None
    readable = m.Goal.objects.all() if scope(request).is_admin else scope(request).records("goal")
    found = readable.in_bulk(payload.goal_ids)
    missing = [pk for pk in payload.goal_ids if pk not in found]
    if missing:
        raise HttpError(404, f"goal_ids: not goals you may name: {missing}.")
    return [found[pk] for pk in payload.goal_ids]


@router.post("/relationships", response={201: RelationshipOut})
def create_relationship(request: HttpRequest, payload: RelationshipIn) -> Any:
    """Our side: oneself, a unit one manages or one of its people; the counterpart: a person
    one reads, or a unit or organization one may name."""
    _refuse_unless(d.may_add_relationship(scope(request)), "A viewer reads and changes nothing.")
    values = _values(request, payload, RELATIONSHIP_CHOICES)
    relationship = d.create_relationship(caller(request), goals=_goals(request, payload), **values)
    return Status(201, relationship)


@router.patch("/relationships/{relationship_id}", response=RelationshipOut)
def change_relationship(
    request: HttpRequest, relationship_id: PathId, payload: RelationshipChange
) -> Any:
    relationship = visible(scope(request).relationships(), relationship_id)
    _refuse_unless(
        d.may_change_relationship(scope(request), relationship), "You may not change it."
    )
    values = _values(request, payload, RELATIONSHIP_CHOICES, relationship)
    d.update_relationship(caller(request), relationship, goals=_goals(request, payload), **values)
    return m.Relationship.objects.get(pk=relationship.pk)


@router.delete("/relationships/{relationship_id}", response={204: None})
def delete_relationship(request: HttpRequest, relationship_id: PathId) -> Any:
    return _delete_visible(
        request,
        scope(request).relationships(),
        relationship_id,
        d.may_change_relationship,
        d.delete_relationship,
    )
