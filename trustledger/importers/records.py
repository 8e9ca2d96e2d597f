"""The records importers produce: plain frozen dataclasses, no Django, no I/O.

A parser yields a mix of records, `RejectedRecord` (bad content, with where and why) and
`SkippedRecord` (well-formed but deliberately not imported, e.g. a bounce). A file that
cannot be read at all raises `UnreadableFile` before anything is yielded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Channel = Literal["email", "meeting", "call", "chat", "in_person", "other"]
CHANNELS: tuple[str, ...] = ("email", "meeting", "call", "chat", "in_person", "other")

ParticipantRole = Literal["to", "cc", "attendee"]

Strength = Literal["commitment", "best_effort", "good_intention"]
STRENGTHS: tuple[str, ...] = ("commitment", "best_effort", "good_intention")

CommitmentState = Literal["open", "kept", "kept_late", "broken", "renegotiated", "released"]
COMMITMENT_STATES: tuple[str, ...] = (
    "open",
    "kept",
    "kept_late",
    "broken",
    "renegotiated",
    "released",
)

OrganizationKind = Literal["own", "customer", "supplier", "partner", "regulator", "other"]
ORGANIZATION_KINDS: tuple[str, ...] = (
    "own",
    "customer",
    "supplier",
    "partner",
    "regulator",
    "other",
)


NO_MATCHING_COLUMNS = "no_matching_columns"  # UnreadableFile.code of a CSV in unknown columns


class UnreadableFile(Exception):
    """The file as a whole cannot be read (missing, unreadable, not this format at all)."""

    # A code for what a program may act on (the words are for people): "no_matching_columns"
    # when a CSV has no column of the chosen kind, so its columns can be mapped by hand.
    def __init__(self, path: object, reason: str, code: str = "") -> None:
        self.path = str(path)
        self.reason = reason
        self.code = code
        super().__init__(f"{self.path}: {reason}")


@dataclass(frozen=True)
class Identity:
    """Who someone is in a source: a normalised email and/or a display name.

    The email is the only key that may be used to match people automatically; a name alone
    is never enough to merge two identities (see `identity.name_key` for suggestions).
    """

    email: str | None
    name: str | None = None

    @property
    def is_known(self) -> bool:
        return bool(self.email or self.name)


@dataclass(frozen=True)
class Participant:
    identity: Identity
    role: ParticipantRole


@dataclass(frozen=True)
class PersonRecord:
    source: str
    external_id: str
    full_name: str | None
    given_name: str | None = None
    family_name: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    organization: str | None = None
    unit: str | None = None
    title: str | None = None
    role: str | None = None
    notes: str | None = None
    country: str | None = None
    language: str | None = None
    time_zone: str | None = None
    # The full name was put together from other fields (a vCard's N without FN): it never
    # replaces a name already known for the person.
    full_name_derived: bool = False

    @property
    def identity(self) -> Identity:
        return Identity(self.emails[0] if self.emails else None, self.full_name)


@dataclass(frozen=True)
class OrganizationRecord:
    source: str
    external_id: str
    name: str
    kind: OrganizationKind = "other"
    domain: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class UnitRecord:
    source: str
    external_id: str
    name: str
    organization: str | None = None
    parent: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class InteractionRecord:
    source: str
    external_id: str
    occurred_at: datetime  # aware, UTC
    channel: Channel
    initiator: Identity
    participants: tuple[Participant, ...] = ()
    duration_minutes: float | None = None
    subject: str | None = None
    body: str | None = None
    answered: bool | None = None
    reply_latency_seconds: float | None = None
    is_broadcast: bool = False
    thread_id: str | None = None
    message_id: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    list_id: str | None = None
    # Set when the record is kept as evidence but must not count as attention
    # (e.g. a cancelled meeting occurrence that may have been imported before).
    excluded_reason: str | None = None
    # The time is an estimate (a message without a Date header, dated from its mbox "From "
    # line or Received headers): it never replaces a time already stored for the record.
    time_estimated: bool = False


@dataclass(frozen=True)
class CommitmentRecord:
    source: str
    external_id: str
    promisor: Identity
    promisee: Identity
    statement: str
    strength: Strength
    made_at: datetime
    due_at: datetime | None = None
    state: CommitmentState = "open"


@dataclass(frozen=True)
class RejectedRecord:
    """Bad content: the record at `location` (e.g. "line 12", "event 3") was not imported."""

    file: str
    location: str
    reason: str
    fields: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class SkippedRecord:
    """Well-formed content deliberately left out (bounce, auto-reply, duplicate...)."""

    file: str
    location: str
    reason: str
    external_id: str | None = None
    # When what was left out happened, if it is a dated event (an event outside the import
    # window): the summary names the earliest, the date to give --since.
    occurred_at: datetime | None = None


Record = PersonRecord | OrganizationRecord | UnitRecord | InteractionRecord | CommitmentRecord
ParseResult = Record | RejectedRecord | SkippedRecord
