"""People, units, organizations and relationships (read), and their score reports."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router

from trustledger.accounts.disclosure import disclose
from trustledger.api import scoping
from trustledger.api.common import DEFAULT, Cursor, IdFilter, Limit, PathId, Search, scope, visible
from trustledger.api.paging import by_position
from trustledger.api.schemas import (
    Moment,
    OrganizationOut,
    PersonOut,
    RelationshipOut,
    UnitOut,
    page_of,
)
from trustledger.engine.reports import person_report, relationship_report, unit_report

router = Router(tags=["parties"])
Report = dict[str, Any]


@router.get("/people", response=page_of(PersonOut))
def list_people(
    request: HttpRequest,
    unit_id: IdFilter = None,
    organization_id: IdFilter = None,
    q: Search = None,
    ordering: Literal["display_name", "-display_name", "id", "-id", "created_at"] = "display_name",
    limit: Limit = DEFAULT,
    cursor: Cursor = None,
) -> dict[str, Any]:
    qs = scope(request).people()
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if organization_id:
        qs = qs.filter(organization_id=organization_id)
    if q:
        qs = qs.filter(display_name__icontains=q)
    return by_position(qs, ordering, cursor, limit)


@router.get("/people/{person_id}", response=PersonOut)
def get_person(request: HttpRequest, person_id: PathId) -> Any:
    return visible(scope(request).people(), person_id)


@router.get("/people/{person_id}/report", response=Report)
def get_person_report(
    request: HttpRequest, person_id: PathId, as_of: Query[Moment | None] = None
) -> Report:
    """Trust, perception gap, reliability and local context of a person, each explained."""
    person = visible(scope(request).people(), person_id)
    return disclose(person_report(person, as_of).to_dict(), scope(request))


@router.get("/units", response=page_of(UnitOut))
def list_units(
    request: HttpRequest,
    organization_id: IdFilter = None,
    parent_id: IdFilter = None,
    ordering: Literal["name", "-name", "id", "-id"] = "name",
    limit: Limit = DEFAULT,
    cursor: Cursor = None,
) -> dict[str, Any]:
    qs = scope(request).units()
    if organization_id:
        qs = qs.filter(organization_id=organization_id)
    if parent_id:
        qs = qs.filter(parent_id=parent_id)
    return by_position(qs, ordering, cursor, limit)


@router.get("/units/{unit_id}", response=UnitOut)
def get_unit(request: HttpRequest, unit_id: PathId) -> Any:
    return visible(scope(request).units(), unit_id)


@router.get("/units/{unit_id}/report", response=Report)
def get_unit_report(
    request: HttpRequest, unit_id: PathId, as_of: Query[Moment | None] = None
) -> Report:
    """Organizational trust, perception gap, transparency and reliability of a unit."""
    unit = visible(scope(request).units(), unit_id)
    return disclose(unit_report(unit, as_of).to_dict(), scope(request))


@router.get("/organizations", response=page_of(OrganizationOut))
def list_organizations(
    request: HttpRequest,
    kind: Literal["ours", "customer", "supplier", "partner", "regulator"] | None = None,
    q: Search = None,
    ordering: Literal["name", "-name", "id", "-id"] = "name",
    limit: Limit = DEFAULT,
    cursor: Cursor = None,
) -> dict[str, Any]:
    qs = scoping.organizations(scope(request))
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(name__icontains=q)
    return by_position(qs, ordering, cursor, limit)


@router.get("/organizations/{organization_id}", response=OrganizationOut)
def get_organization(request: HttpRequest, organization_id: PathId) -> Any:
    return visible(scoping.organizations(scope(request)), organization_id)


@router.get("/relationships", response=page_of(RelationshipOut))
def list_relationships(
    request: HttpRequest,
    our_unit_id: IdFilter = None,
    our_person_id: IdFilter = None,
    counterpart_organization_id: IdFilter = None,
    status: Literal["active", "paused", "ended"] | None = None,
    service_level: Query[int | None] = None,
    ordering: Literal[
        "id", "-id", "started_on", "-started_on", "service_level", "-service_level"
    ] = "id",
    limit: Limit = DEFAULT,
    cursor: Cursor = None,
) -> dict[str, Any]:
    qs = scope(request).relationships()
    if our_unit_id:
        qs = qs.filter(our_unit_id=our_unit_id)
    if our_person_id:
        qs = qs.filter(our_person_id=our_person_id)
    if counterpart_organization_id:
        qs = qs.filter(counterpart_organization_id=counterpart_organization_id)
    if status:
        qs = qs.filter(status=status)
    if service_level is not None:
        if not 1 <= service_level <= 5:
            return {"items": [], "next_cursor": None}
        qs = qs.filter(service_level=service_level)
    return by_position(qs, ordering, cursor, limit)


@router.get("/relationships/{relationship_id}", response=RelationshipOut)
def get_relationship(request: HttpRequest, relationship_id: PathId) -> Any:
    return visible(scope(request).relationships(), relationship_id)


@router.get("/relationships/{relationship_id}/report", response=Report)
def get_relationship_report(
    request: HttpRequest, relationship_id: PathId, as_of: Query[Moment | None] = None
) -> Report:
    """Every score of the relationship with its formula, inputs, n, interval and records."""
    relationship = visible(scope(request).relationships(), relationship_id)
    return disclose(relationship_report(relationship, as_of).to_dict(), scope(request))
