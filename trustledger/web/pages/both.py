"""The other side of a relationship (docs/both-sides.md).

`/relationships/<id>/` shows the serving side its page and the other side (the counterpart,
its unit or its organization: `Scope.side_of`) the counterpart view built here: the records
both sides keep, read from the counterpart's chair. No score, survey number, reserve,
indicator, incident, goal or private note of the serving side is ever read here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from trustledger.accounts.access import Scope, Side, scope_for
from trustledger.directory.models import Channel
from trustledger.engine.sides import Sides, sides_of
from trustledger.ledger import models as m
from trustledger.web.entry.confirm import confirmation_of
from trustledger.web.links import side_url
from trustledger.web.pages.answers import answering_back
from trustledger.web.pages.common import page, refuse
from trustledger.web.pages.relationship import relationship_page
from trustledger.web.pages.summaries import RELATIONSHIP_RELATED, commitment_row
from trustledger.web.pages.unit_team import TOLD_BEFORE, decisions_touching

RECENT_CONTACT = 10  # interactions listed in the view, newest first
OWED_LISTED = 50  # open promises per list on the home


def promise_row(c: m.Commitment, as_of: dt.datetime, scope: Scope, sides: Sides) -> dict[str, Any]:
    """One promise as the other side reads it. `buttons` is empty here: the confirmation
    work (claimed / confirmed / disputed) fills it; web/both/_promise_row.html draws it."""
    row = commitment_row(c, as_of, scope)
    row.update(
        url=f"/records/commitment/{c.pk}/",
        made_at=c.made_at.isoformat(),
        closed_at=c.closed_at.isoformat() if c.closed_at else None,
        # From the counterpart's chair: "to_us" is a promise made to their side.
        direction="by_us" if c.promisor_id in sides.theirs else "to_us",
        is_open=c.state == m.CommitmentState.OPEN,
        relationship=str(c.relationship) if c.relationship_id else "",
        relationship_url=f"/relationships/{row['relationship_id']}/"
        if row["relationship_id"]
        else None,
        buttons=[],
        # The promisee's side's word on it, and the buttons this reader gets
        # (web/both/_confirm_buttons.html draws them from the row, no query per row).
        confirmation=confirmation_of(scope, c),
    )
    # A promise closed on the promisor's word alone still waits for this reader's word: it
    # stays with the open ones until they confirm or dispute it.
    row["awaits_word"] = row["confirmation"]["awaiting"]
    row["is_open"] = row["is_open"] or row["awaits_word"]
    return row


def _level(rel: m.Relationship, as_of: dt.datetime, scope: Scope) -> dict[str, Any]:
    changes = list(
        rel.level_changes.filter(scope.record_condition("level_change"), changed_at__lte=as_of)
        .order_by("-changed_at", "-id")
        .values("id", "changed_at", "from_level", "to_level", "reason")
    )
    current = changes[0]["to_level"] if changes else rel.service_level
    return {
        # The level the serving side has recorded; each side's stated level comes with the
        # "answering back" work (`stated` stays a list of {side, level, reason}).
        "recorded": m.ServiceLevel(current).label,
        "recorded_by": str(rel.our_side),
        "stated": [],
        "history": [
            {
                "url": f"/records/level_change/{c['id']}/",
                "at": c["changed_at"].isoformat(),
                "from": m.ServiceLevel(c["from_level"]).label if c["from_level"] else None,
                "to": m.ServiceLevel(c["to_level"]).label,
                "reason": c["reason"],
            }
            for c in changes
        ],
    }


def _feedback(rel: m.Relationship, as_of: dt.datetime, scope: Scope) -> list[dict[str, Any]]:
    found = (
        rel.feedback.filter(scope.record_condition("feedback"), received_at__lte=as_of)
        .select_related("from_person")
        .order_by("-received_at", "-id")
    )
    return [
        {
            "url": f"/records/feedback/{f.pk}/",
            "at": f.received_at.isoformat(),
            "from": str(f.from_person) if f.from_person_id else "",
            "sentiment": f.sentiment,
            "sentiment_label": f.get_sentiment_display(),
            "summary": f.summary,
            "changed": f.our_response,
            "answered_at": f.responded_at.isoformat() if f.responded_at else None,
            "loop_closed_at": f.loop_closed_at.isoformat() if f.loop_closed_at else None,
        }
        for f in found
    ]


def _measures(rel: m.Relationship, scope: Scope) -> list[dict[str, Any]]:
    found = rel.measures.filter(scope.record_condition("measure")).order_by("agreed_on", "pk")
    return [
        {
            "url": f"/records/measure/{a.pk}/",
            "name": a.name,
            "target": a.target,
            "agreed_on": a.agreed_on.isoformat() if a.agreed_on else None,
            "agreed_by_both": a.agreed_by_both,
        }
        for a in found
    ]


def _reviews(rel: m.Relationship, as_of: dt.datetime, scope: Scope) -> list[dict[str, Any]]:
    found = (
        rel.reviews.filter(scope.record_condition("review"), held_on__lte=as_of.date())
        .prefetch_related("measure_statuses__measure", "attendees")
        .order_by("-held_on", "-id")
    )
    return [
        {
            "url": f"/records/review/{r.pk}/",
            "held_on": r.held_on.isoformat(),
            "notes": r.notes,
            "next_due": r.next_review_due.isoformat() if r.next_review_due else None,
            "attendees": [str(p) for p in r.attendees.all()],
            "results": [
                {
                    "measure": s.measure.name,
                    "status": s.status,
                    "status_label": s.get_status_display(),
                    "note": s.note,
                }
                for s in r.measure_statuses.all()
            ],
        }
        for r in found
    ]


def _how(roles: set[str]) -> str:
    if roles & set(TOLD_BEFORE):
        return "told_before"
    return "surprised" if "surprised" in roles else "affected"


HOW_LABELS = {
    "told_before": "told before",
    "surprised": "surprised after",
    "affected": "affected",
}


def _decisions(rel: m.Relationship, as_of: dt.datetime, scope: Scope) -> list[dict[str, Any]]:
    """Decisions filed under the relationship, and the serving side's own decisions that
    name the counterpart as a stakeholder: for these the counterpart reads the title, the
    date and how it was involved (the record opens only where the scope says so)."""
    filed = rel.decisions.filter(scope.record_condition("decision"), decided_at__lte=as_of)
    touching, theirs = decisions_touching(rel, as_of)
    found = list(filed.prefetch_related("stakeholders")) + list(touching)
    readable = set(
        m.Decision.objects.filter(
            scope.record_condition("decision"), pk__in=[d.pk for d in found]
        ).values_list("pk", flat=True)
    )
    rows = []
    for d in found:
        roles = {s.role for s in d.stakeholders.all()}
        if d.relationship_id is None:
            roles = {s.role for s in d.stakeholders.filter(theirs)}
        how = _how(roles)
        rows.append(
            {
                "url": f"/records/decision/{d.pk}/" if d.pk in readable else None,
                "at": d.decided_at.isoformat(),
                "title": d.title,
                "how": how,
                "how_label": HOW_LABELS[how],
            }
        )
    return sorted(rows, key=lambda row: row["at"], reverse=True)


def _needs(rel: m.Relationship, as_of: dt.datetime, scope: Scope) -> list[dict[str, Any]]:
    found = rel.needs.filter(scope.record_condition("need"), raised_at__lte=as_of).order_by(
        "-raised_at", "-id"
    )
    return [
        {
            "url": f"/records/need/{n.pk}/",
            "at": n.raised_at.isoformat(),
            "kind": n.kind,
            "description": n.description,
            "status": n.status,
            "status_label": n.get_status_display(),
            "resolved_at": n.resolved_at.isoformat() if n.resolved_at else None,
        }
        for n in found
    ]


def _contact(rel: m.Relationship, as_of: dt.datetime, scope: Scope) -> list[dict[str, Any]]:
    """The latest interactions filed under the relationship; never one marked private (not
    even to a serving-side reader of this view, so the view is what the other side reads)."""
    found = (
        m.Interaction.objects.filter(
            scope.record_condition("interaction"),
            relationship_id=rel.pk,
            private=False,
            occurred_at__lte=as_of,
        )
        .select_related("initiator")
        .order_by("-occurred_at", "-id")[:RECENT_CONTACT]
    )
    return [
        {
            "url": f"/records/interaction/{i.pk}/",
            "at": i.occurred_at.isoformat(),
            "channel": Channel(i.channel).label if i.channel else "",
            "from": str(i.initiator) if i.initiator_id else "",
            "subject": i.subject,
        }
        for i in found
    ]


def counterpart_view(rel: m.Relationship, scope: Scope, as_of: dt.datetime) -> dict[str, Any]:
    """The relationship as its other side reads it (pages and the API: the same dict)."""
    sides = sides_of(rel)
    rows = [
        promise_row(c, as_of, scope, sides)
        for c in rel.commitments.filter(scope.record_condition("commitment"), made_at__lte=as_of)
        .select_related("promisor", "promisee", "confirmation_by", "relationship", *_REL_SIDES)
        .order_by("due_at", "pk")
    ]
    # Open ones first, soonest due; then the closed ones, latest due first.
    promises = [r for r in rows if r["is_open"]] + [r for r in reversed(rows) if not r["is_open"]]
    return {
        "title": f"{rel.our_side} ↔ {rel.counterpart}",
        "side": scope.side_of(rel),
        "may_answer": scope.may_answer_for(rel),
        "relationship": {
            "id": rel.pk,
            "serving": str(rel.our_side),
            "serving_url": side_url(scope, rel.our_person_id, rel.our_unit_id),
            "counterpart": str(rel.counterpart),
            "counterpart_url": side_url(scope, rel.counterpart_person_id, rel.counterpart_unit_id),
            "status": rel.status,
            "started_on": rel.started_on.isoformat(),
            "purpose": rel.purpose,
            "desired_outcomes": rel.desired_outcomes,
        },
        "level": _level(rel, as_of, scope),
        "promises": {
            "to_us": [p for p in promises if p["direction"] == "to_us"],
            "by_us": [p for p in promises if p["direction"] == "by_us"],
            "closed": {
                way: sum(1 for p in promises if p["direction"] == way and not p["is_open"])
                for way in ("to_us", "by_us")
            },
        },
        "feedback": _feedback(rel, as_of, scope),
        "measures": _measures(rel, scope),
        "reviews": _reviews(rel, as_of, scope),
        "decisions": _decisions(rel, as_of, scope),
        "needs": _needs(rel, as_of, scope),
        "contact": _contact(rel, as_of, scope),
        # Feedback both ways, open needs and "how can I help?", each side's stated level:
        # the same partials and forms as on the serving side's page (web/both/).
        "answers": answering_back(rel, scope, as_of),
    }


_REL_SIDES = tuple(f"relationship__{side}" for side in RELATIONSHIP_RELATED)


def either_side(scope: Scope, pk: int) -> m.Relationship:
    """The relationship if the reader stands on either side of it; 404 otherwise."""
    rel = m.Relationship.objects.select_related(*RELATIONSHIP_RELATED).filter(pk=pk).first()
    if rel is None or scope.side_of(rel) is None:
        raise refuse()
    return rel


@page("web/relationship_theirs.html")
def counterpart_page(
    request: HttpRequest, scope: Scope, as_of: dt.datetime, as_of_param: str | None, pk: int
) -> dict[str, Any]:
    rel = either_side(scope, pk)
    if scope.side_of(rel) != Side.THEIRS:
        raise refuse()
    return counterpart_view(rel, scope, as_of)


@login_required
def relationship_either_side(request: HttpRequest, pk: int) -> HttpResponse:
    """`/relationships/<id>/`: the serving side's page, or the other side's view of it."""
    scope = scope_for(request.user)  # type: ignore[arg-type]
    rel = m.Relationship.objects.filter(pk=pk).first()
    if rel is not None and scope.side_of(rel) == Side.THEIRS:
        return counterpart_page(request, pk=pk)
    return relationship_page(request, pk=pk)  # refuses a reader on neither side


# --- the home of a user on the other side -------------------------------------------------------


def their_home(scope: Scope, as_of: dt.datetime) -> dict[str, Any]:
    """The relationships the user stands on the other side of, what the serving side owes
    the user's side there and what the user's side owes it (open promises, soonest first)."""
    rels = list(
        scope.their_relationships()
        .filter(status=m.RelationshipStatus.ACTIVE)
        .select_related(*RELATIONSHIP_RELATED)
        .order_by("pk")
    )
    if not rels:  # most users stand on no other side: no query for their promises
        return {"relationships": [], "they_owe_us": [], "we_owe_them": []}
    sides = {rel.pk: sides_of(rel) for rel in rels}
    open_ = (
        m.Commitment.objects.filter(
            scope.record_condition("commitment"),
            relationship_id__in=list(sides),
            state=m.CommitmentState.OPEN,
            made_at__lte=as_of,
        )
        .select_related("promisor", "promisee", "confirmation_by", "relationship", *_REL_SIDES)
        .order_by("due_at", "pk")
    )
    rows = [promise_row(c, as_of, scope, sides[c.relationship_id]) for c in open_]
    owed = [r for r in rows if r["direction"] == "to_us"]
    owing = [r for r in rows if r["direction"] == "by_us"]
    return {
        "relationships": [
            {
                "id": rel.pk,
                "url": f"/relationships/{rel.pk}/",
                "serving": str(rel.our_side),
                "counterpart": str(rel.counterpart),
                "level": m.ServiceLevel(rel.service_level).label,
                "owed": sum(1 for r in owed if r["relationship_id"] == rel.pk),
                "owing": sum(1 for r in owing if r["relationship_id"] == rel.pk),
            }
            for rel in rels
        ],
        "they_owe_us": owed[:OWED_LISTED],
        "we_owe_them": owing[:OWED_LISTED],
    }
