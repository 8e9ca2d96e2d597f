"""Input bodies for writing the directory through the API: people, units, organizations and
relationships. A create body requires what the web form requires; a change body (PATCH)
takes any of the same fields, and only the fields sent change. Limits are the model's."""

from __future__ import annotations

from typing import Literal

from trustledger.api.schemas import (
    HappenedDay,
    Id,
    In,
    Text,
    _text_type,
)

Name = _text_type(200, required=True)
Short = _text_type(200)
Part = _text_type(100)
StatusName = Literal["active", "paused", "ended"]
OrganizationKindName = Literal["ours", "customer", "supplier", "partner", "regulator"]
UnitKindName = Literal["team", "department", "division"]


class PersonChange(In):
    display_name: Name | None = None
    given_name: Part | None = None
    family_name: Part | None = None
    organization_id: Id | None = None
    unit_id: Id | None = None
    title: Short | None = None
    role: Short | None = None
    responsibilities: Text | None = None
    concerns: Text | None = None
    corporate_culture: Text | None = None
    country: _text_type(2) | None = None  # type: ignore[valid-type]
    language: _text_type(35) | None = None  # type: ignore[valid-type]
    time_zone: _text_type(64) | None = None  # type: ignore[valid-type]
    preferred_channels: Part | None = None
    important_to_them: Text | None = None
    wants_next: Text | None = None
    bad_outcome: Text | None = None
    notes: Text | None = None


class PersonIn(PersonChange):
    display_name: Name


class OrganizationChange(In):
    name: Name | None = None
    kind: OrganizationKindName | None = None
    email_domains: _text_type(500) | None = None  # type: ignore[valid-type]
    culture: Text | None = None
    notes: Text | None = None


class OrganizationIn(OrganizationChange):
    name: Name
    kind: OrganizationKindName


class UnitChange(In):
    organization_id: Id | None = None
    parent_id: Id | None = None
    name: Name | None = None
    kind: UnitKindName | None = None


class UnitIn(UnitChange):
    name: Name


class RelationshipChange(In):
    our_person_id: Id | None = None
    our_unit_id: Id | None = None
    counterpart_person_id: Id | None = None
    counterpart_unit_id: Id | None = None
    counterpart_organization_id: Id | None = None
    purpose: Text | None = None
    business_behaviours: Text | None = None
    desired_outcomes: Text | None = None
    started_on: HappenedDay | None = None
    cadence_days: int | None = None
    status: StatusName | None = None
    goal_ids: list[Id] | None = None


class RelationshipIn(RelationshipChange):
    started_on: HappenedDay
