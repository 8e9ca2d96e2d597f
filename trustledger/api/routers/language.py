"""The language check (issue 15): `POST /language/check` reads a draft message as the page
/language/ does. Any caller may check a draft (nothing is stored, nothing of the ledger is
read); a bad value is 422 naming the field. A POST, so a read-only token is refused (403)
like on every other POST."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema

from trustledger.api.common import scope
from trustledger.api.directory_in import TimeZone
from trustledger.api.schemas import In, Moment, RequiredText
from trustledger.domain.limits import TEXT_MAX
from trustledger.engine import drafts

router = Router(tags=["language"])


class DraftIn(In):
    text: RequiredText = Field(description=f"The draft message, at most {TEXT_MAX:,} characters.")
    written_at: Moment | None = Field(
        None,
        description="When it will be sent (no offset means UTC); empty: now. "
        "Due dates such as “by Friday” are read from it.",
    )
    time_zone: TimeZone = Field(  # type: ignore[valid-type]
        "", description="An IANA zone; empty: the caller's own zone, else the app's."
    )


class CueOut(Schema):
    words: str
    start: int = Field(description="Offset in the sentence's text.")
    end: int
    effect: str


class DueOut(Schema):
    on: str
    words: str
    rule: str


class SentenceOut(Schema):
    index: int
    text: str
    strength: str = Field(description="commitment, best_effort, good_intention or none.")
    strength_label: str
    is_promise: bool
    cues: list[CueOut]
    explanation: str
    due: DueOut | None
    suggestion: str | None


class RemovedOut(Schema):
    kind: str = Field(description="quote, signature or disclaimer.")
    label: str
    text: str
    first_line: int
    last_line: int


class DraftCheckOut(Schema):
    written_at: str
    time_zone: str
    sentences: list[SentenceOut]
    counts: dict[str, int]
    promises: int
    removed: list[RemovedOut]


@router.post("/language/check", response=DraftCheckOut)
def check(request: HttpRequest, payload: DraftIn) -> dict[str, object]:
    """Each sentence of the writer's own words with its strength, the words behind it, the
    due date it names and a plain suggestion where the language is unclear; and what zoning
    set aside (quoted replies, signatures, disclaimers)."""
    zone = drafts.zone_of(scope(request).person_id)
    at = payload.written_at.isoformat() if payload.written_at else None
    text, moment, time_zone = drafts.read_input(payload.text, at, payload.time_zone, zone)
    return drafts.checked(text, moment, time_zone)
