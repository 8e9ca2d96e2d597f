"""Input bodies for writing the directory through the API: people, units, organizations and
relationships. A create body requires what the web form requires; a change body (PATCH)
takes any of the same fields, and only the fields sent change. Limits are the model's.

An optional field that may not be emptied has the default None but no null in its schema
(`Id = None`): sending null for it is refused by the schema, leaving it out keeps it."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from zoneinfo import available_timezones

from pydantic import Field

from trustledger.api.schemas import HappenedDay, Id, In, Text, _text_type
from trustledger.directory.models import Channel

Name = _text_type(200, required=True)
Short = _text_type(200)
Part = _text_type(100)
StatusName = Literal["active", "paused", "ended"]
OrganizationKindName = Literal["ours", "customer", "supplier", "partner", "regulator"]
UnitKindName = Literal["team", "department", "division"]
_CHANNEL = "(" + "|".join(Channel.values) + ")"
Channels = Annotated[
    str,
    Field(
        max_length=100,
        pattern=rf"^ *({_CHANNEL} *(, *{_CHANNEL} *)*)?$",
        description="Comma-separated channels, most preferred first.",
    ),
]
TimeZone: Any = Literal[("", *sorted(available_timezones()))]  # an IANA zone, or empty
Country = Annotated[str, Field(pattern=r"^([A-Z]{2})?$", description="ISO 3166-1 alpha-2")]
Language = Annotated[str, Field(max_length=35, pattern=r"^([A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*)?$")]
Cadence = Annotated[int, Field(ge=1, le=3660, description="Days between contacts.")]


class PersonChange(In):
    display_name: Name = None  # type: ignore[assignment]
    given_name: Part = ""
    family_name: Part = ""
    organization_id: Id | None = Field(
        None, description="An organization you may name (null: none)."
    )
    unit_id: Id | None = Field(
        None,
        description="A unit you may put a person in (null: none); of the person's organization.",
    )
    title: Short = ""
    role: Short = ""
    responsibilities: Text = ""
    concerns: Text = ""
    corporate_culture: Text = ""
    country: Country = ""
    language: Language = ""
    time_zone: TimeZone = ""
    preferred_channels: Channels = ""
    important_to_them: Text = ""
    wants_next: Text = ""
    bad_outcome: Text = ""
    notes: Text = ""


class PersonIn(PersonChange):
    display_name: Name


class OrganizationChange(In):
    name: Name = None  # type: ignore[assignment]
    kind: OrganizationKindName = None  # type: ignore[assignment]
    email_domains: _text_type(500) = ""  # type: ignore[valid-type]
    culture: Text = ""
    notes: Text = ""


class OrganizationIn(OrganizationChange):
    name: Name
    kind: OrganizationKindName


class UnitChange(In):
    organization_id: Id = Field(
        None, description="Empty: the organization of the unit it is part of."
    )
    parent_id: Id | None = Field(
        None, description="The unit it is part of: one you manage (null: a top unit, admins)."
    )
    name: Name = None  # type: ignore[assignment]
    kind: UnitKindName = None  # type: ignore[assignment]


class UnitIn(UnitChange):
    name: Name


_ONE_SIDE = "Exactly one of our_person_id and our_unit_id is set (null clears the other)."
_ONE_COUNTERPART = (
    "Exactly one of counterpart_person_id, counterpart_unit_id and counterpart_organization_id "
    "is set."
)


class RelationshipChange(In):
    our_person_id: Id | None = Field(None, description=_ONE_SIDE)
    our_unit_id: Id | None = Field(None, description=_ONE_SIDE)
    counterpart_person_id: Id | None = Field(None, description=_ONE_COUNTERPART)
    counterpart_unit_id: Id | None = Field(None, description=_ONE_COUNTERPART)
    counterpart_organization_id: Id | None = Field(None, description=_ONE_COUNTERPART)
    purpose: Text = ""
    business_behaviours: Text = ""
    desired_outcomes: Text = ""
    started_on: HappenedDay = None  # type: ignore[assignment]
    cadence_days: Cadence | None = None
    status: StatusName = None  # type: ignore[assignment]
    goal_ids: list[Id] = Field(None, max_length=100)  # type: ignore[assignment]


class RelationshipIn(RelationshipChange):
    started_on: HappenedDay
