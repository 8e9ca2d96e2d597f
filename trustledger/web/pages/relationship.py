"""/relationships/<id>/: purpose, level history, health down to records, reserve, timeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest

from trustledger.accounts.access import Scope
from trustledger.directory.models import Channel
from trustledger.engine.sides import sides_of
from trustledger.history.query import history_section
from trustledger.ledger import models as m
from trustledger.promises.rows import awaiting as promises_awaiting
from trustledger.web import params
from trustledger.web.entry.confirm import confirmation_words
from trustledger.web.links import side_url
from trustledger.web.pages import reports
from trustledger.web.pages.act import back_to, buttons, level_move
from trustledger.web.pages.answers import answering_back
from trustledger.web.pages.common import (
    BadQuery,
    explain_base,
    page,
    refuse,
    with_explain_urls,
)
from trustledger.web.pages.numbers import attention_relative, reserve_moves
from trustledger.web.pages.summaries import RELATIONSHIP_RELATED, commitment_row
from trustledger.web.pages.unit_team import crossing_decisions, decision_item
from trustledger.web.records.directory import context_gaps, links

TIMELINE_INTERACTIONS = 25  # per page of the timeline; `?older=<id>` pages back


def _crossing(rel: m.Relationship) -> Q:
    """Interactions of the relationship: filed under it, or between its two sides (imported
    mail and meetings are not filed under a relationship)."""
    sides = sides_of(rel)
    return (
        Q(relationship_id=rel.pk)
        | Q(initiator_id__in=sides.ours, participants__person_id__in=sides.theirs)
        | Q(initiator_id__in=sides.theirs, participants__person_id__in=sides.ours)
    )


def last_contact(rel: m.Relationship, as_of: dt.datetime, scope: Scope) -> dict[str, Any] | None:
    """The latest interaction between the two sides, read fresh (never from a cache). When
    the user may not open it, its time and channel are shown, not its id or subject."""
    found = (
        m.Interaction.objects.filter(_crossing(rel), occurred_at__lte=as_of)
        .order_by("-occurred_at", "-id")
        .values("id", "occurred_at", "channel", "subject", "answered")
        .first()
    )
    if found is None:
        return None
    found["occurred_at"] = found["occurred_at"].isoformat()
    found["channel_label"] = Channel(found["channel"]).label if found["channel"] else ""
    if not scope.records("interaction").filter(pk=found["id"]).exists():
        found.update(id=None, subject="")
    return found


def _interaction_page(
    rel: m.Relationship, scope: Scope, as_of: dt.datetime, older_than: m.Interaction | None
) -> tuple[list[m.Interaction], bool]:
    """Up to TIMELINE_INTERACTIONS interactions of the relationship the user may open, newest
    first, older than `older_than` (by time, then id); and whether older ones exist."""
    keys = m.Interaction.objects.filter(
        _crossing(rel), scope.record_condition("interaction"), occurred_at__lte=as_of
    )
    if older_than is not None:
        keys = keys.filter(
            Q(occurred_at__lt=older_than.occurred_at)
            | Q(occurred_at=older_than.occurred_at, id__lt=older_than.pk)
        )
    found = list(
        keys.values_list("id", "occurred_at")
        .distinct()  # one row per interaction, however many participants matched
        .order_by("-occurred_at", "-id")[: TIMELINE_INTERACTIONS + 1]
    )
    ids = [pk for pk, _ in found[:TIMELINE_INTERACTIONS]]
    rows = m.Interaction.objects.filter(pk__in=ids).select_related("initiator")
    by_id = {i.pk: i for i in rows}
    return [by_id[pk] for pk in ids], len(found) > TIMELINE_INTERACTIONS


def timeline(
    rel: m.Relationship,
    scope: Scope,
    as_of: dt.datetime,
    older_than: m.Interaction | None = None,
) -> dict[str, Any]:
    """One page of the timeline, newest first. The first page: the latest
    TIMELINE_INTERACTIONS interactions and every commitment, feedback item, decision, agreed
    measure and review (few, and what the relationship turns on). Each older page: the next
    TIMELINE_INTERACTIONS interactions."""
    interactions, more = _interaction_page(rel, scope, as_of, older_than)
    items = [
        {
            "kind": "interaction",
            "id": f"interaction:{i.pk}",
            "at": i.occurred_at.isoformat(),
            "text": f"{i.get_channel_display()}"
            + (f" from {i.initiator}" if i.initiator else "")
            + (f": {i.subject}" if i.subject else "")
            + ("" if i.answered is None else (" (answered)" if i.answered else " (no answer)")),
        }
        for i in interactions
    ]
    if older_than is None:
        items += _records(rel, as_of)
        items += crossing_decisions(rel, scope, as_of)
    for item in items:  # each item's own page (records filed here are read with the relationship)
        item["url"] = "/records/{}/{}/".format(*item["id"].split(":"))
    return {
        "items": sorted(items, key=lambda item: item["at"], reverse=True),
        "older": interactions[-1].pk if more and interactions else None,
        "paged": older_than is not None,
    }


def _records(rel: m.Relationship, as_of: dt.datetime) -> list[dict[str, Any]]:
    """Commitments, feedback, decisions, agreed measures and reviews up to `as_of`: filed
    under the relationship, so read with it (`Scope.records`)."""
    items: list[dict[str, Any]] = []
    commitments = rel.commitments.filter(made_at__lte=as_of)
    for c in commitments.select_related("promisor", "promisee", "confirmation_by"):
        said = confirmation_words(c)
        items.append(
            {
                "kind": "commitment",
                "id": f"commitment:{c.pk}",
                "at": c.made_at.isoformat(),
                "text": f"{c.promisor} to {c.promisee}: {c.what} — {c.get_strength_display().split(' (')[0].lower()}, "
                f"due {c.due_at:%Y-%m-%d}, {c.get_state_display().lower()}"
                + (f" — {said}" if said else ""),
            }
        )
    for f in rel.feedback.filter(received_at__lte=as_of).select_related("seen_closed_by"):
        closed = (
            f" — loop closed {f.loop_closed_at:%Y-%m-%d}" if f.loop_closed_at else " — loop open"
        )
        if f.loop_closed_at and f.seen_closed_at and f.seen_closed_by:
            closed += f", seen closed by {f.seen_closed_by.display_name}"
        items.append(
            {
                "kind": "feedback",
                "id": f"feedback:{f.pk}",
                "at": f.received_at.isoformat(),
                "text": f"{f.get_sentiment_display()}: {f.summary}{closed}",
            }
        )
    for d in rel.decisions.filter(decided_at__lte=as_of).prefetch_related("stakeholders"):
        items.append(decision_item(d, rel.counterpart, {s.role for s in d.stakeholders.all()}))
    for measure in rel.measures.all():
        if measure.agreed_on and measure.agreed_on <= as_of.date():
            items.append(
                {
                    "kind": "measure",
                    "id": f"measure:{measure.pk}",
                    "at": measure.agreed_on.isoformat(),
                    "text": f"Agreed measure: {measure.name} (target {measure.target})"
                    + (" — agreed by both sides" if measure.agreed_by_both else ""),
                }
            )
    for review in rel.reviews.filter(held_on__lte=as_of.date()):
        items.append(
            {
                "kind": "review",
                "id": f"review:{review.pk}",
                "at": review.held_on.isoformat(),
                "text": "Quality review"
                + (f", next due {review.next_review_due}" if review.next_review_due else ""),
            }
        )
    return items


def _older_than(request: HttpRequest, rel: m.Relationship, scope: Scope) -> m.Interaction | None:
    """`?older=<interaction id>`: the timeline continues after that interaction of this
    relationship. One the user may not open is refused as an unknown id would be."""
    pk = params.optional_id(request.GET, "older")
    if pk is None:
        return None
    found = m.Interaction.objects.filter(
        _crossing(rel), scope.record_condition("interaction"), pk=pk
    ).first()
    if found is None:
        raise BadQuery("older", "must be the id of an interaction of this relationship")
    return found


@page("web/relationship.html")
def relationship_page(
    request: HttpRequest, scope: Scope, as_of: dt.datetime, as_of_param: str | None, pk: int
) -> dict[str, Any]:
    rel = m.Relationship.objects.select_related(*RELATIONSHIP_RELATED).filter(pk=pk).first()
    if rel is None or not scope.can_read_relationship(rel):
        raise refuse()
    older_than = _older_than(request, rel, scope)
    query = f"?as_of={as_of_param}" if as_of_param else ""
    report = with_explain_urls(
        reports.relationship(rel, as_of, as_of_param), explain_base("relationship", rel.pk), query
    )
    report["actions"] = buttons(report["actions"], rel, scope, back_to(request, as_of_param))
    levels = [
        {
            "at": change.changed_at.isoformat(),
            "from": m.ServiceLevel(change.from_level).label if change.from_level else None,
            "to": m.ServiceLevel(change.to_level).label,
            "direction": "up"
            if change.from_level and change.to_level > change.from_level
            else ("down" if change.from_level else "set"),
            "reason": change.reason,
        }
        for change in rel.level_changes.filter(changed_at__lte=as_of).order_by("-changed_at", "-id")
    ]
    reserve_series = report["reserve"]["series"]
    return {
        "title": f"{rel.our_side} ↔ {rel.counterpart}",
        "relationship": {
            "id": rel.pk,
            "our_side": str(rel.our_side),
            # A side is a link only where the reader may open its page.
            "our_side_url": side_url(scope, rel.our_person_id, rel.our_unit_id),
            "counterpart": str(rel.counterpart),
            "counterpart_url": side_url(scope, rel.counterpart_person_id, rel.counterpart_unit_id),
            "status": rel.status,
            "started_on": rel.started_on.isoformat(),
            "purpose": rel.purpose,
            "business_behaviours": rel.business_behaviours,
            "desired_outcomes": rel.desired_outcomes,
            "goals": [{"id": g.pk, "title": g.title, "kind": g.kind} for g in rel.goals.all()],
            "cadence_days": rel.cadence_days,
        },
        "can_change": scope.can_change_relationship(rel),
        "level_move": level_move(rel, report, scope, back_to(request, as_of_param)),
        "links": links(scope, rel),
        "context_gaps": context_gaps(scope, report["context"]),
        "last_contact": last_contact(rel, as_of, scope),
        "level": m.ServiceLevel[report["level"].upper()].label,
        "level_history": levels,
        "open_commitments": [
            commitment_row(c, as_of, scope)
            for c in rel.commitments.filter(state=m.CommitmentState.OPEN, made_at__lte=as_of)
            .select_related("promisor", "promisee")
            .order_by("due_at")
        ],
        "report": report,
        "reserve_chart": {
            "title": "Trust reserve",
            "y_title": "reserve points",
            "series": [
                {
                    "name": "Reserve balance",
                    "x": [p["at"] for p in reserve_series],
                    "y": [p["balance"] for p in reserve_series],
                    "shape": "hv",
                }
            ],
        },
        "timeline": timeline(rel, scope, as_of, older_than),
        "history": history_section(rel, scope),
        "reserve_moves": reserve_moves(reserve_series, scope),
        "attention_relative": attention_relative(report),
        "answers": answering_back(rel, scope, as_of),
        # Our side's own words to them: evidence beside the rated S (serving side only).
        "language_orientation": reports.orientation_of_relationship(rel, as_of, as_of_param),
        "promises_found": promises_awaiting(scope, rel),  # in our side's mail, unreviewed
    }
