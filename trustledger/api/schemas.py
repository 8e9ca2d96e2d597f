"""Request and response bodies. Input is validated here (types, lengths, ranges); the rules
of the ledger are the actions' (they answer with ValidationError naming the field)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    Strict,
    WithJsonSchema,
    model_validator,
)

from trustledger.domain.limits import LINE_MAX, TEXT_MAX, TITLE_MAX
from trustledger.ledger.plausible import DUE, HAPPENED, DateKind, date_problem

# The same bounds as the pages' query parameters: one rule for dates and ids at every edge.
from trustledger.web.params import EARLIEST, LATEST, MAX_ID

# The rules below are stated in the OpenAPI document too (patterns), so a client can tell a
# valid request from the schema alone. Years 1900-2199, as written (offset included).
# A real calendar date: the days of each month, 29 February in leap years only.
_LEAP_DAY = r"((19|21)(0[48]|[2468][048]|[13579][26])|20([02468][048]|[13579][26]))-02-29"
_DATE = (
    r"((19|20|21)[0-9]{2}-"
    r"((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)"
    rf"|02-(0[1-9]|1[0-9]|2[0-8]))|{_LEAP_DAY})"
)
MOMENT_PATTERN = (
    rf"^{_DATE}T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{{1,6}})?)?"
    r"(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?$"
)
DAY_PATTERN = rf"^{_DATE}$"
# What Python's str.strip() removes: a "blank" text has nothing else.
BLANK = "\t\n\x0b\x0c\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NO_NUL_PATTERN = r"^[^\x00]*$"
NOT_BLANK_PATTERN = rf"^[^\x00]*[^\x00{BLANK}][^\x00]*$"
_WRITTEN_AS = "written as YYYY-MM-DD"


def _written(pattern: str, what: str) -> Any:
    """A before-check that the value is a string of the documented shape (no Unix numbers)."""

    def check(value: Any) -> Any:
        if isinstance(value, str) and re.fullmatch(pattern, value):
            return value
        if isinstance(value, dt.date):  # already parsed (tests, internal callers)
            return value
        raise ValueError(f"must be {what}")

    return check


def _moment(value: dt.datetime) -> dt.datetime:
    if not EARLIEST.year <= value.year < LATEST.year:
        raise ValueError("must be between 1900 and 2200")
    if value.tzinfo is None:  # a time without an offset is read as UTC
        return value.replace(tzinfo=dt.UTC)
    # The same instant in UTC: PostgreSQL refuses offsets past ±15:59 that the pattern allows.
    return value.astimezone(dt.UTC)


def _day(value: dt.date) -> dt.date:
    if not EARLIEST.year <= value.year < LATEST.year:
        raise ValueError("must be between 1900 and 2200")
    return value


def _text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


def _text_type(max_length: int, *, required: bool = False) -> Any:
    checks = [AfterValidator(_text), *([AfterValidator(_not_blank)] if required else [])]
    pattern = NOT_BLANK_PATTERN if required else NO_NUL_PATTERN
    return Annotated[
        str,
        Field(max_length=max_length, json_schema_extra={"pattern": pattern}),
        *checks,
    ]


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Flag = Annotated[bool, Strict()]  # true or false, as the schema says: not 0, 1 or "yes"
Moment = Annotated[
    dt.datetime,
    BeforeValidator(_written(MOMENT_PATTERN, "an ISO 8601 date-time from 1900 to 2199")),
    AfterValidator(_moment),
    # The pattern alone (no "format"): generators then make only dates the server accepts.
    WithJsonSchema(
        {
            "type": "string",
            "pattern": MOMENT_PATTERN,
            "description": "ISO 8601 date-time, 1900-2199; no offset means UTC.",
        }
    ),
]
Day = Annotated[
    dt.date,
    BeforeValidator(_written(DAY_PATTERN, f"a date from 1900 to 2199, {_WRITTEN_AS}")),
    AfterValidator(_day),
    WithJsonSchema(
        {"type": "string", "pattern": DAY_PATTERN, "description": "A date, YYYY-MM-DD, 1900-2199."}
    ),
]


def _plausible(kind: DateKind) -> Any:
    """The plausible-date rule of the forms and the importers (trustledger/domain/dates.py)."""

    def check(value: dt.date) -> dt.date:
        if reason := date_problem(kind, value):
            raise ValueError(reason)
        return value

    return AfterValidator(check)


# Record dates: something that happened (not before 1970, at most a day ahead), something due
# (up to the horizon setting ahead). Moment and Day stay for query filters.
_HAPPENED_WORDS = "something that happened: from 1970 to at most a day from today"
_DUE_WORDS = "a due date: from 1970 to the due-date horizon ahead (TRUSTLEDGER_DUE_HORIZON_YEARS)"


def _said(pattern: str, words: str) -> Any:
    return WithJsonSchema({"type": "string", "pattern": pattern, "description": words})


Happened = Annotated[
    Moment,
    _plausible(HAPPENED),
    _said(MOMENT_PATTERN, f"ISO 8601 date-time of {_HAPPENED_WORDS}; no offset means UTC."),
]
Due = Annotated[
    Moment,
    _plausible(DUE),
    _said(MOMENT_PATTERN, f"ISO 8601 date-time, {_DUE_WORDS}; no offset means UTC."),
]
HappenedDay = Annotated[
    Day, _plausible(HAPPENED), _said(DAY_PATTERN, f"A date, YYYY-MM-DD, of {_HAPPENED_WORDS}.")
]
DueDay = Annotated[Day, _plausible(DUE), _said(DAY_PATTERN, f"A date, YYYY-MM-DD, {_DUE_WORDS}.")]
Line = _text_type(LINE_MAX)
Text = _text_type(TEXT_MAX)
Title = _text_type(TITLE_MAX)
RequiredLine = _text_type(LINE_MAX, required=True)
RequiredText = _text_type(TEXT_MAX, required=True)
RequiredTitle = _text_type(TITLE_MAX, required=True)

ChannelName = Literal["email", "meeting", "call", "chat", "in_person", "other"]
FocusName = Literal["theirs", "ours", "shared", "unknown"]
StrengthName = Literal["commitment", "best_effort", "good_intention"]
SentimentName = Literal["positive", "neutral", "negative"]
NeedKindName = Literal["need", "offer"]
MeasureStatusName = Literal["on_track", "at_risk", "off_track", "met", "missed"]
ParticipantRoleName = Literal["to", "cc", "attendee"]


class Error(Schema):
    field: str | None
    reason: str


class Errors(Schema):
    errors: list[Error]


# -- parties ------------------------------------------------------------------------------


class OrganizationOut(Schema):
    id: int
    name: str
    kind: str
    email_domains: str
    culture: str
    notes: str


class UnitOut(Schema):
    id: int
    organization_id: int
    parent_id: int | None
    name: str
    kind: str


class PersonOut(Schema):
    id: int
    display_name: str
    given_name: str
    family_name: str
    organization_id: int | None
    unit_id: int | None
    title: str
    role: str
    responsibilities: str
    concerns: str
    corporate_culture: str
    country: str
    language: str
    time_zone: str
    preferred_channels: str
    important_to_them: str
    wants_next: str
    bad_outcome: str
    notes: str
    is_active: bool
    erased_at: dt.datetime | None


class RelationshipOut(Schema):
    id: int
    our_person_id: int | None
    our_unit_id: int | None
    counterpart_person_id: int | None
    counterpart_unit_id: int | None
    counterpart_organization_id: int | None
    purpose: str
    business_behaviours: str
    desired_outcomes: str
    status: str
    service_level: int
    cadence_days: int | None
    started_on: dt.date
    referred_by_id: int | None
    referrer_is_senior: bool


# -- records ------------------------------------------------------------------------------


class ParticipantOut(Schema):
    person_id: int
    role: str


class Filed(Schema):
    """A record filed under a relationship: the caller sees which one only if they may open it
    (they may read a record they are a party to under a relationship they may not open)."""

    @staticmethod
    def resolve_relationship_id(obj: Any, context: Any) -> int | None:
        from trustledger.api.common import scope  # common imports this module

        request = (context or {}).get("request")
        if request is None:  # no caller, no name
            return None
        return scope(request).shown_relationship_id(obj.relationship_id)


class InteractionOut(Filed):
    id: int
    occurred_at: dt.datetime
    channel: str
    duration_minutes: float | None
    initiator_id: int | None
    relationship_id: int | None
    answered: bool | None
    is_broadcast: bool
    focus: str
    is_request: bool
    intent_declared: bool | None
    subject: str
    notes: str
    source: str
    participants: list[ParticipantOut]

    @staticmethod
    def resolve_participants(obj: Any) -> list[dict[str, Any]]:
        return [{"person_id": p.person_id, "role": p.role} for p in obj.participants.all()]


class ConfirmationOut(Schema):
    """Who stands behind a commitment's outcome: claimed (the promisor's side alone),
    confirmed or disputed by the promisee's side (who, when, the comment both sides read)."""

    state: str
    by_id: int | None
    by: str | None
    at: dt.datetime | None
    comment: str


class CommitmentOut(Filed):
    id: int
    promisor_id: int
    promisee_id: int
    relationship_id: int | None
    what: str
    statement: str
    strength: str
    in_our_power: bool | None
    made_at: dt.datetime
    due_at: dt.datetime
    state: str
    closed_at: dt.datetime | None
    renegotiated_from_id: int | None
    source: str
    confirmation: ConfirmationOut

    @staticmethod
    def resolve_confirmation(obj: Any) -> dict[str, Any]:
        by = obj.confirmation_by
        return {
            "state": obj.confirmation,
            "by_id": obj.confirmation_by_id,
            "by": by.display_name if by else None,
            "at": obj.confirmation_at,
            "comment": obj.confirmation_comment,
        }


class FeedbackOut(Schema):
    id: int
    relationship_id: int
    received_at: dt.datetime
    from_person_id: int | None
    summary: str
    sentiment: str
    our_response: str
    responded_at: dt.datetime | None
    loop_closed_at: dt.datetime | None
    # Answering back: given by the other side itself; seen closed or reopened by them.
    given_directly: bool = False
    seen_closed_at: dt.datetime | None = None
    seen_closed_by_id: int | None = None
    reopened_at: dt.datetime | None = None
    reopened_by_id: int | None = None
    reopen_comment: str = ""


class NeedOut(Schema):
    id: int
    relationship_id: int
    kind: str
    description: str
    raised_at: dt.datetime
    status: str
    resolved_at: dt.datetime | None
    raised_by_id: int | None = None  # someone of the other side, who raised it themselves
    answers_ask_id: int | None = None  # the "how can I help?" it answered


class MeasureOut(Schema):
    id: int
    relationship_id: int | None
    goal_id: int | None
    name: str
    target: str
    owner_id: int | None
    agreed_on: dt.date | None
    agreed_by_both: bool
    agreed_by_other_id: int | None = Field(
        None, description="Who of the other side agreed it in the product."
    )
    agreed_by_other_at: dt.datetime | None = None


class MeasureStatusOut(Schema):
    measure_id: int
    status: str
    note: str


class ReviewOut(Schema):
    id: int
    relationship_id: int
    held_on: dt.date
    notes: str
    next_review_due: dt.date | None
    attendee_ids: list[int]
    statuses: list[MeasureStatusOut]

    @staticmethod
    def resolve_attendee_ids(obj: Any) -> list[int]:
        return sorted(p.pk for p in obj.attendees.all())

    @staticmethod
    def resolve_statuses(obj: Any) -> list[dict[str, Any]]:
        return [
            {"measure_id": s.measure_id, "status": s.status, "note": s.note}
            for s in obj.measure_statuses.all()
        ]


class LevelChangeOut(Schema):
    id: int
    relationship_id: int
    changed_at: dt.datetime
    from_level: int | None
    to_level: int
    reason: str


class StakeholderOut(Schema):
    person_id: int | None
    unit_id: int | None
    role: str


class DecisionOut(Filed):
    id: int
    title: str
    description: str
    decided_at: dt.datetime
    deciding_unit_id: int | None
    decided_by_id: int | None
    relationship_id: int | None
    stakeholders: list[StakeholderOut]

    @staticmethod
    def resolve_stakeholders(obj: Any) -> list[dict[str, Any]]:
        return [
            {"person_id": s.person_id, "unit_id": s.unit_id, "role": s.role}
            for s in obj.stakeholders.all()
        ]


# -- inputs -------------------------------------------------------------------------------


class In(Schema):
    """An input body: a JSON object, never a string, list or number.

    (ninja reads a non-object through attribute access: the string "AAA" became a decision
    titled "Aaa" by way of str.title.)"""

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data: Any) -> Any:
        # ninja's own validator has already wrapped the body in its DjangoGetter.
        body = data._obj if isinstance(data, DjangoGetter) else data
        if not isinstance(body, dict):
            raise ValueError("must be a JSON object")
        return data


class InteractionIn(In):
    occurred_at: Happened
    channel: ChannelName
    initiator_id: Id
    participant_ids: Annotated[
        list[Id],
        Field(
            min_length=1,
            max_length=500,
            description="Must name someone besides initiator_id (422 otherwise).",
        ),
    ]
    relationship_id: Id | None = None
    duration_minutes: Annotated[float, Field(ge=0, le=100_000, allow_inf_nan=False)] | None = None
    answered: Flag | None = None
    focus: FocusName = "unknown"
    is_request: Flag = False
    intent_declared: Annotated[
        Flag | None,
        Field(description="Only with is_request: did they say why they asked (422 otherwise)."),
    ] = None
    subject: Line = ""
    notes: Text = ""
    role: ParticipantRoleName | None = None


class CommitmentIn(In):
    promisor_id: Id
    promisee_id: Annotated[
        Id, Field(description="Must differ from promisor_id: a promise to someone else (422).")
    ]
    what: RequiredLine
    strength: StrengthName
    due_at: Annotated[Due, Field(description="After made_at (or now when made_at is absent).")]
    made_at: Happened | None = None
    statement: Text = ""
    relationship_id: Id | None = None
    in_our_power: Flag | None = None


class KeepIn(In):
    at: Happened | None = None


class CloseIn(In):
    at: Happened | None = None
    note: Text = ""


class ConfirmIn(In):
    outcome: Literal["kept", "kept_late", "broken", "released"]
    note: Text = ""
    at: Happened | None = None


class DisputeIn(In):
    comment: RequiredText
    at: Happened | None = None


class AgreeIn(In):
    at: Happened | None = None


class RenegotiateIn(In):
    new_due_at: Due
    at: Happened | None = None
    note: Text = ""


class LevelChangeIn(In):
    to_level: Annotated[int, Field(ge=1, le=5)]
    reason: RequiredText
    at: Happened | None = None


class FeedbackIn(In):
    summary: RequiredText
    received_at: Happened | None = None
    from_person_id: Id | None = None
    sentiment: SentimentName = "neutral"
    our_response: Text = ""


class CloseFeedbackIn(In):
    what_changed: RequiredText
    at: Happened | None = None


class NeedIn(In):
    description: RequiredText
    kind: NeedKindName = "need"
    raised_at: Happened | None = None


class DecisionIn(In):
    title: RequiredTitle
    decided_at: Happened | None = None
    relationship_id: Id | None = None
    deciding_unit_id: Id | None = None
    affected_unit_ids: Annotated[list[Id], Field(max_length=200)] = []
    involved_unit_ids: Annotated[list[Id], Field(max_length=200)] = []
    surprised_unit_ids: Annotated[list[Id], Field(max_length=200)] = []
    description: Text = ""


class MeasureIn(In):
    name: RequiredTitle
    target: RequiredTitle
    agreed_on: HappenedDay | None = None
    agreed_by_both: Flag = Field(
        False,
        description="Ignored: a measure is agreed by both only when someone of the other "
        "side agrees it (POST /measures/{measure_id}/agree).",
        json_schema_extra={"deprecated": True},
    )
    owner_id: Id | None = None


class MeasureStatusIn(In):
    measure_id: Id
    status: MeasureStatusName


class ReviewIn(In):
    held_on: HappenedDay
    statuses: Annotated[list[MeasureStatusIn], Field(max_length=200)] = []
    attendee_ids: Annotated[list[Id], Field(max_length=200)] = []
    notes: Text = ""
    next_review_due: Annotated[
        DueDay | None, Field(description="After held_on when given (422 otherwise).")
    ] = None


def page_of(item: type[Schema]) -> type[Schema]:
    """The list envelope for `item`."""
    return type(
        f"{item.__name__.removesuffix('Out')}Page",
        (Schema,),
        {"__annotations__": {"items": list[item], "next_cursor": str | None}},  # type: ignore[valid-type]
    )
