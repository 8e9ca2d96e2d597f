"""Answering back (issue 14): the other side gives feedback, sees a loop closed or reopens
it, raises a need and states its level; the serving side answers feedback, asks "how can I
help?" and states its level. Same rules as the pages: a relationship the caller stands on
neither side of is 404; the wrong side, a viewer or a read-only token is 403; a bad value is
422 naming the field (nothing is written)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from trustledger.accounts.access import Side
from trustledger.api.common import PathId, caller, scope, visible
from trustledger.api.schemas import (
    FeedbackOut,
    Happened,
    In,
    NeedKindName,
    NeedOut,
    RequiredText,
    SentimentName,
    Text,
)
from trustledger.ledger import answers
from trustledger.ledger import models as m
from trustledger.web.pages.answers import levels

router = Router(tags=["answering back"])

LevelNumber = Annotated[
    int,
    Field(
        ge=1,
        le=5,
        description="1 vendor, 2 problem solver, 3 consultant, 4 partner, 5 trusted advisor.",
    ),
]


class GiveFeedbackIn(In):
    summary: RequiredText
    sentiment: SentimentName = "neutral"


class AnswerFeedbackIn(In):
    response: RequiredText = Field(description="What changed because of the feedback.")
    at: Happened | None = None


class SeenClosedIn(In):
    at: Happened | None = None


class ReopenIn(In):
    comment: Text = ""
    at: Happened | None = None


class AskIn(In):
    note: Text = ""


class RaiseNeedIn(In):
    description: RequiredText
    kind: NeedKindName = "need"


class StateLevelIn(In):
    level: LevelNumber
    reason: RequiredText


class HelpAskOut(Schema):
    id: int
    relationship_id: int
    asked_at: dt.datetime
    asked_by_id: int | None
    note: str
    answered_at: dt.datetime | None


class LevelStatementOut(Schema):
    id: int
    relationship_id: int
    side: str
    level: int
    reason: str
    stated_at: dt.datetime
    stated_by_id: int | None


class StatedLevel(Schema):
    level: int
    label: str
    reason: str
    by: str
    on: str


class AnsweringBackOut(Schema):
    relationship_id: int
    side: str = Field(description='Where the caller stands: "ours" or "theirs".')
    ours: StatedLevel | None
    theirs: StatedLevel | None
    gap: int | None = Field(description="Level we state − level they state; null until both.")
    gap_step: str | None
    open_asks: list[HelpAskOut]
    open_needs: list[NeedOut]


def _relationship(request: HttpRequest, pk: int) -> tuple[m.Relationship, str]:
    rel = m.Relationship.objects.filter(pk=pk).first()
    side = scope(request).side_of(rel) if rel is not None else None
    if rel is None or side is None:
        raise Http404
    return rel, side


def _feedback(request: HttpRequest, pk: int) -> m.FeedbackItem:
    return visible(scope(request).feedback().select_related("relationship"), pk)


@router.get("/relationships/{relationship_id}/answering-back", response=AnsweringBackOut)
def answering_back(request: HttpRequest, relationship_id: PathId) -> Any:
    """Both sides' levels and the gap, our open "how can I help?" asks, and the open needs."""
    rel, side = _relationship(request, relationship_id)
    stated = levels(rel, timezone.now())
    return {
        "relationship_id": rel.pk,
        "side": side,
        "ours": stated["ours"],
        "theirs": stated["theirs"],
        "gap": stated["gap"],
        "gap_step": stated["gap_step"],
        "open_asks": list(rel.help_asks.filter(answered_at__isnull=True)),
        "open_needs": list(rel.needs.filter(status=m.NeedStatus.OPEN)),
    }


@router.post("/relationships/{relationship_id}/feedback/given", response={201: FeedbackOut})
def give_feedback(request: HttpRequest, relationship_id: PathId, payload: GiveFeedbackIn) -> Any:
    """The other side records its feedback itself (as the caller's own person)."""
    rel, _ = _relationship(request, relationship_id)
    return Status(
        201,
        answers.give_feedback(
            rel, person=None, user=caller(request), summary=payload.summary,
            sentiment=payload.sentiment,
        ),
    )  # fmt: skip


@router.post("/feedback/{feedback_id}/answer", response=FeedbackOut)
def answer_feedback(request: HttpRequest, feedback_id: PathId, payload: AnswerFeedbackIn) -> Any:
    """The serving side says what changed; the loop waits for the other side to see it."""
    item = _feedback(request, feedback_id)
    return answers.answer_feedback(
        item, response=payload.response, user=caller(request), at=payload.at
    )


@router.post("/feedback/{feedback_id}/seen-closed", response=FeedbackOut)
def see_loop_closed(request: HttpRequest, feedback_id: PathId, payload: SeenClosedIn) -> Any:
    """The other side: we heard what changed; the loop is closed for us."""
    item = _feedback(request, feedback_id)
    return answers.see_loop_closed(item, person=None, user=caller(request), at=payload.at)


@router.post("/feedback/{feedback_id}/reopen", response=FeedbackOut)
def reopen_loop(request: HttpRequest, feedback_id: PathId, payload: ReopenIn) -> Any:
    """The other side: the answer did not close it; open again."""
    item = _feedback(request, feedback_id)
    return answers.reopen_loop(
        item, person=None, user=caller(request), comment=payload.comment, at=payload.at
    )


@router.post("/relationships/{relationship_id}/help-asks", response={201: HelpAskOut})
def ask_how_can_i_help(request: HttpRequest, relationship_id: PathId, payload: AskIn) -> Any:
    """The serving side asks "how can I help?"; open until the other side raises a need."""
    rel, _ = _relationship(request, relationship_id)
    return Status(201, answers.ask_how_can_i_help(rel, user=caller(request), note=payload.note))


@router.post("/relationships/{relationship_id}/needs/raised", response={201: NeedOut})
def raise_need(request: HttpRequest, relationship_id: PathId, payload: RaiseNeedIn) -> Any:
    """The other side names a need (or an offer); it answers the open asks."""
    rel, _ = _relationship(request, relationship_id)
    return Status(
        201,
        answers.raise_need(
            rel, person=None, user=caller(request), description=payload.description,
            kind=payload.kind,
        ),
    )  # fmt: skip


@router.post("/relationships/{relationship_id}/levels/stated", response={201: LevelStatementOut})
def state_level(request: HttpRequest, relationship_id: PathId, payload: StateLevelIn) -> Any:
    """The caller's side states its level: "ours" for the serving side, "theirs" for the
    other side (the side is where the caller stands, never a field)."""
    rel, side = _relationship(request, relationship_id)
    return Status(
        201,
        answers.state_level(
            rel, side=side if side == Side.THEIRS else Side.OURS, level=payload.level,
            reason=payload.reason, user=caller(request),
        ),
    )  # fmt: skip
