"""Answering back, on the page: the blocks both sides of a relationship see (feedback and
its loops, "how can I help?" and open needs, the level each side states) with the forms
each side may use. The partials live in web/templates/web/both/; the relationship page, the
answering-back page (/relationships/<id>/answers/) and the counterpart view include them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse

from trustledger.accounts.access import Scope, Side
from trustledger.domain.level_views import gap_step, level_views
from trustledger.domain.records import LevelStatementRecord
from trustledger.domain.records import ServiceLevel as CoreLevel
from trustledger.engine.reports import engine_settings
from trustledger.ledger import models as m
from trustledger.ledger.actions import may_change
from trustledger.web.entry.common import SIDES, may_enter
from trustledger.web.pages.common import page, refuse

FEEDBACK_SHOWN = 20
NEEDS_SHOWN = 50


def _day(at: dt.datetime | None) -> str:
    return at.date().isoformat() if at else ""


def _name(person: Any) -> str:
    return person.display_name if person is not None else ""


def may_answer_ours(scope: Scope, rel: m.Relationship) -> bool:
    """The serving side's forms: someone who records, and may change this relationship."""
    return may_enter(scope) and may_change(scope, rel)


def loop_state(f: m.FeedbackItem, after_days: float, now: dt.datetime) -> dict[str, str]:
    """Where a feedback loop stands, in words both sides read the same way."""
    if f.loop_closed_at is None:
        if f.reopened_at is not None:
            who = _name(f.reopened_by) or "they"
            why = f": “{f.reopen_comment}”" if f.reopen_comment else ""
            return {
                "key": "reopened",
                "text": f"Reopened by {who} on {_day(f.reopened_at)}{why}",
            }
        return {"key": "open", "text": "Open: not answered yet"}
    if f.seen_closed_at is not None:
        who = _name(f.seen_closed_by) or "them"
        return {"key": "seen", "text": f"Seen closed by {who} on {_day(f.seen_closed_at)}"}
    if (now - f.loop_closed_at).total_seconds() >= after_days * 86400:
        return {
            "key": "timed",
            "text": f"Answered on {_day(f.loop_closed_at)}; not reopened within {after_days:g} days",
        }
    return {
        "key": "waiting",
        "text": f"Answered on {_day(f.loop_closed_at)}; waiting for them to see it closed",
    }


def _feedback(rel: m.Relationship, ours: bool, theirs: bool, now: dt.datetime) -> list[Any]:
    after = engine_settings().health.loop_seen_after_days
    rows = []
    for f in rel.feedback.select_related("from_person", "seen_closed_by", "reopened_by")[
        :FEEDBACK_SHOWN
    ]:
        state = loop_state(f, after, now)
        answered = f.loop_closed_at is not None
        rows.append(
            {
                "id": f.pk,
                "url": reverse("record", args=["feedback", f.pk]),
                "summary": f.summary,
                "sentiment": f.get_sentiment_display(),
                "from": _name(f.from_person),
                "received_on": _day(f.received_at),
                "given_directly": f.given_directly,
                "our_response": f.our_response,
                "state": state,
                "answer_url": reverse("feedback_close", args=[f.pk])
                if ours and not answered
                else None,
                "seen_url": reverse("answers_seen", args=[f.pk])
                if theirs and answered and f.seen_closed_at is None
                else None,
                "reopen_url": reverse("answers_reopen", args=[f.pk])
                if theirs and answered
                else None,
            }
        )
    return rows


def need_row(n: m.Need) -> dict[str, Any]:
    return {
        "id": n.pk,
        "url": reverse("record", args=["need", n.pk]),
        "kind": n.kind,
        "kind_label": "Offer" if n.kind == m.NeedKind.OFFER else "Need",
        "description": n.description,
        "raised_on": _day(n.raised_at),
        "raised_by": _name(n.raised_by),
        "answers_ask": n.answers_ask_id is not None,
        "relationship": str(n.relationship),
        "relationship_id": n.relationship_id,
    }


def _statement(s: m.LevelStatement | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "level": s.level,
        "label": m.ServiceLevel(s.level).label,
        "reason": s.reason,
        "by": _name(s.stated_by),
        "on": _day(s.stated_at),
    }


def levels(rel: m.Relationship, now: dt.datetime) -> dict[str, Any]:
    """Each side's latest statement and the gap between them (the domain's rule)."""
    statements = list(rel.level_statements.select_related("stated_by").filter(stated_at__lte=now))
    views = level_views(
        [
            LevelStatementRecord(
                s.pk, s.side, CoreLevel(s.level), s.stated_at, s.reason, _name(s.stated_by)
            )
            for s in statements
        ],
        as_of=now,
    )
    by_id = {s.pk: s for s in statements}
    return {
        "ours": _statement(by_id.get(views.ours.id) if views.ours else None),  # type: ignore[arg-type]
        "theirs": _statement(by_id.get(views.theirs.id) if views.theirs else None),  # type: ignore[arg-type]
        "assessed": m.ServiceLevel(rel.service_level).label,
        "gap": views.gap,
        "gap_step": gap_step(views),
    }


def answering_back(rel: m.Relationship, scope: Scope, now: dt.datetime) -> dict[str, Any]:
    """Everything the partials show for one relationship, and the forms open to this user."""
    side = scope.side_of(rel)
    ours = side == Side.OURS and may_answer_ours(scope, rel)
    theirs = scope.may_answer_for(rel)
    pk = rel.pk
    open_asks = rel.help_asks.filter(answered_at__isnull=True).select_related("asked_by")
    stated = levels(rel, now)
    mine = stated["theirs"] if side == Side.THEIRS else stated["ours"]
    stated["my_level"] = mine["level"] if mine else None
    if side == Side.THEIRS and stated["gap"]:
        # The step is the serving side's to take; the other side reads the difference.
        stated["gap_step"] = (
            f"Level gap: {rel.our_side} says {stated['ours']['label'].lower()}, you say "
            f"{stated['theirs']['label'].lower()}: the difference is on their list of next "
            "actions."
        )
    return {
        "relationship_id": pk,
        "side": side,
        "feedback": _feedback(rel, ours, theirs, now),
        "give_feedback_url": reverse("answers_give_feedback", args=[pk]) if theirs else None,
        "sentiments": [{"value": v, "label": label} for v, label in m.Sentiment.choices],
        "open_asks": [
            {
                "on": _day(a.asked_at),
                "note": a.note,
                "by": a.asked_by.username if a.asked_by else "",
            }
            for a in open_asks
        ],
        "ask_url": reverse("answers_ask", args=[pk]) if ours else None,
        "raise_need_url": reverse("answers_raise_need", args=[pk]) if theirs else None,
        "needs": [
            need_row(n)
            for n in rel.needs.filter(status=m.NeedStatus.OPEN).select_related(
                "raised_by", "relationship", *(f"relationship__{s}" for s in SIDES)
            )[:NEEDS_SHOWN]
        ],
        "levels": stated,
        "level_choices": [{"value": v, "label": label} for v, label in m.ServiceLevel.choices],
        "state_level_url": reverse("answers_state_level", args=[pk]) if ours or theirs else None,
    }


def open_needs(scope: Scope) -> list[dict[str, Any]]:
    """Open needs of the relationships this user keeps or stands on the other side of: on
    both homes until they are done."""
    if scope.is_admin:
        return []  # an admin's home is not a party's home
    mine = Q(relationship__in=scope.relationships().values("pk")) | Q(
        relationship__in=scope.their_relationships().values("pk")
    )
    found = (
        m.Need.objects.filter(mine, status=m.NeedStatus.OPEN)
        .select_related("raised_by", "relationship", *(f"relationship__{s}" for s in SIDES))
        .order_by("-raised_at", "-id")[:NEEDS_SHOWN]
    )
    return [need_row(n) for n in found]


@page("web/both/answers.html")
def answers_page(
    request: HttpRequest, scope: Scope, as_of: dt.datetime, as_of_param: str | None, pk: int
) -> dict[str, Any]:
    """/relationships/<id>/answers/: answering back, for both sides of the relationship."""
    rel = m.Relationship.objects.select_related(*SIDES).filter(pk=pk).first()
    if rel is None or scope.side_of(rel) is None:
        raise refuse()
    return {
        "title": f"Answering back: {rel.our_side} ↔ {rel.counterpart}",
        "relationship": {
            "id": rel.pk,
            "name": str(rel),
            "url": reverse("relationship", args=[rel.pk])
            if scope.can_read_relationship(rel)
            else None,
        },
        "answers": answering_back(rel, scope, as_of),
    }
