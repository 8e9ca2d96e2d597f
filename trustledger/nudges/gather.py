"""The facts one user's nudges are computed from, read from the ledger within their scope.

Whose is what:
- relationships the user keeps: their own person's, and their managed units' own (a team
  member's personal relationships nudge that member, not the manager: no noise twice);
- promises to keep: those the user's person made (open, or closed and disputed);
- promises owed: those made to the user's person, and on relationships where the user stands
  on the other side (docs/both-sides.md), those the serving side made to the user's side;
- feedback waiting for an answer, and quality reviews due, on the relationships the user keeps.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, Q

from trustledger.accounts.access import Scope
from trustledger.domain import nudges as n
from trustledger.domain.records import CommitmentState, Confirmation, ServiceLevel
from trustledger.engine.reports import engine_settings
from trustledger.engine.sides import sides_of
from trustledger.ledger import models as m
from trustledger.promises.rows import awaiting as promises_awaiting
from trustledger.web.pages import reports
from trustledger.web.pages.summaries import RELATIONSHIP_RELATED


def kept_relationships(scope: Scope) -> list[m.Relationship]:
    mine = Q(our_unit_id__in=scope.managed_unit_ids)
    if scope.person_id is not None:
        mine |= Q(our_person_id=scope.person_id)
    return list(
        scope.relationships()
        .filter(mine, status=m.RelationshipStatus.ACTIVE)
        .select_related(*RELATIONSHIP_RELATED)
        .order_by("pk")
    )


def relationship_facts(
    rels: list[m.Relationship], as_of: dt.datetime, found_reports: list[dict] | None = None
) -> list[n.RelationshipFacts]:
    found = []
    # The engine's reports (cached, shared with the pages) say when two-way contact was last.
    if found_reports is None:
        found_reports = reports.relationships(rels, as_of)
    for rel, report in zip(rels, found_reports, strict=True):
        last = report["measures"]["attention"]["last_two_way_contact"]
        found.append(
            n.RelationshipFacts(
                id=rel.pk,
                counterpart=str(rel.counterpart),
                level=ServiceLevel(rel.service_level),
                last_two_way_contact=dt.datetime.fromisoformat(last) if last else None,
                started_at=_noon(rel.started_on),
                cadence_days=float(rel.cadence_days) if rel.cadence_days else None,
                counterpart_person_id=rel.counterpart_person_id,
            )
        )
    return found


def promise_facts(
    c: m.Commitment, side: n.PromiseSide, other: str, other_id: str
) -> n.PromiseFacts:
    return n.PromiseFacts(
        id=c.pk,
        what=c.what,
        side=side,
        due_at=c.due_at,
        state=CommitmentState(c.state),
        confirmation=Confirmation(c.confirmation),
        closed_at=c.closed_at,
        confirmation_at=c.confirmation_at,
        other=other,
        other_id=other_id,
    )


def _promises(scope: Scope, as_of: dt.datetime) -> list[n.PromiseFacts]:
    found: list[n.PromiseFacts] = []
    # Open ones, and closed ones whose outcome is still in question (claimed, disputed) and
    # recent enough for the core's windows.
    cfg = engine_settings()
    window = max(cfg.nudges.dispute_recent_days, cfg.reliability.claim_confirms_after_days)
    live = Q(state=m.CommitmentState.OPEN) | (
        ~Q(confirmation=m.Confirmation.CONFIRMED)
        & Q(closed_at__gte=as_of - dt.timedelta(days=window))
    )
    base = (
        scope.commitments()
        .filter(live, made_at__lte=as_of)
        .select_related(
            "promisor", "promisee", *(f"relationship__{s}" for s in RELATIONSHIP_RELATED)
        )
        .order_by("due_at", "pk")
    )
    me = scope.person_id
    if me is not None:
        for c in base.filter(promisor_id=me):
            found.append(
                promise_facts(c, n.PromiseSide.TO_KEEP, str(c.promisee), f"person:{c.promisee_id}")
            )
        for c in base.filter(promisee_id=me).exclude(relationship__in=scope.their_relationships()):
            found.append(
                promise_facts(c, n.PromiseSide.OWED, str(c.promisor), f"person:{c.promisor_id}")
            )
    theirs = list(scope.their_relationships().filter(status=m.RelationshipStatus.ACTIVE))
    sides = {rel.pk: sides_of(rel) for rel in theirs}
    for c in base.filter(relationship_id__in=list(sides)):
        if c.promisor_id in sides[c.relationship_id].theirs:
            continue  # made by the user's side: the promisor is nudged, not the whole side
        rel = c.relationship
        owner = f"unit:{rel.our_unit_id}" if rel.our_unit_id else f"person:{rel.our_person_id}"
        found.append(promise_facts(c, n.PromiseSide.OWED, str(rel.our_side), owner))
    return found


def _feedback(rels: list[m.Relationship], as_of: dt.datetime) -> list[n.FeedbackFacts]:
    names = {rel.pk: str(rel.counterpart) for rel in rels}
    waiting = m.FeedbackItem.objects.filter(
        relationship_id__in=list(names),
        received_at__lte=as_of,
        responded_at=None,
        loop_closed_at=None,
    ).select_related("from_person")
    return [
        n.FeedbackFacts(
            id=f.pk,
            relationship_id=f.relationship_id,
            counterpart=str(f.from_person) if f.from_person_id else names[f.relationship_id],
            received_at=f.received_at,
            answered=False,
        )
        for f in waiting
    ]


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def latest_reviews(rels: list[m.Relationship], as_of: dt.datetime) -> list[n.ReviewFacts]:
    """Each kept relationship's latest review (one query; the newest per relationship)."""
    names = {rel.pk: str(rel.counterpart) for rel in rels}
    latest: dict[int, m.QualityReview] = {}
    held = m.QualityReview.objects.filter(
        relationship_id__in=list(names), held_on__lte=as_of.date()
    ).order_by("relationship_id", "-held_on", "-id")
    for review in held:
        latest.setdefault(review.relationship_id, review)
    return [
        n.ReviewFacts(
            relationship_id=pk,
            counterpart=names[pk],
            held_at=_noon(r.held_on),
            next_due_at=_noon(r.next_review_due) if r.next_review_due else None,
        )
        for pk, r in latest.items()
    ]


def _signals(
    rels: list[m.Relationship], found_reports: list[dict], as_of: dt.datetime
) -> list[n.SignalFacts]:
    """Health, its trend and the measures gap from each kept relationship's report; the loops
    we closed that the other side has not seen, from the feedback itself (one query)."""
    unseen: dict[int, list[tuple[int, dt.datetime]]] = {}
    closed = m.FeedbackItem.objects.filter(
        relationship_id__in=[rel.pk for rel in rels],
        loop_closed_at__isnull=False,
        loop_closed_at__lte=as_of,
        seen_closed_at=None,
    ).filter(Q(reopened_at=None) | Q(reopened_at__lt=F("loop_closed_at")))
    closed = closed.values_list("relationship_id", "pk", "loop_closed_at")
    for rel_id, pk, closed_at in closed.order_by("pk"):
        unseen.setdefault(rel_id, []).append((pk, closed_at))
    found = []
    for rel, report in zip(rels, found_reports, strict=True):
        health, trend = report["health"], report["trend"]
        missing = report["measures"].get("initiatives_without_measures") or []
        found.append(
            n.SignalFacts(
                relationship_id=rel.pk,
                counterpart=str(rel.counterpart),
                health=health.get("score"),
                band=health.get("band"),
                trend=trend.get("direction"),
                delta_30=trend.get("delta_30"),
                sufficient=(health.get("explanation") or {}).get("evidence") == "sufficient"
                and (trend.get("explanation") or {}).get("evidence") == "sufficient",
                answers_unseen=tuple(unseen.get(rel.pk, ())),
                initiatives_without_measures=tuple(missing),
            )
        )
    return found


def _blind_spots(scope: Scope, as_of: dt.datetime) -> list[n.BlindSpotFacts]:
    """The managed units' blind spots, as the unit page's perception chart shows them (self and
    others each over k raters, or nothing)."""
    return [b for unit in sorted(scope.managed_unit_ids) for b in blind_spots_of(unit, as_of)]


def blind_spots_of(unit_id: int, as_of: dt.datetime) -> list[n.BlindSpotFacts]:
    """One unit's blind spots (none for a unit that no longer exists)."""
    from trustledger.directory.models import Unit
    from trustledger.engine.ratings import survey_ratings
    from trustledger.surveys.results import min_raters
    from trustledger.web.pages.trustmap import perception_chart

    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        return []
    threshold = engine_settings().perception.blind_spot_threshold
    chart = perception_chart(
        unit, survey_ratings(as_of=as_of, unit_id=unit.pk), as_of, min_raters()
    )
    return [
        n.BlindSpotFacts(unit.pk, unit.name, row["component"], abs(row["gap"]), threshold)
        for row in (chart or {}).get("components", [])
        if row["blind_spot"] and row["gap"] is not None
    ]


def _surveys(scope: Scope, as_of: dt.datetime) -> list[n.SurveyFacts]:
    """Campaigns about the user's person or a unit they manage, closed within the window, whose
    results may be shown (the anonymity rules allow at least one component)."""
    from trustledger.surveys.models import Campaign, CampaignStatus

    window = dt.timedelta(days=engine_settings().nudges.survey_ready_days)
    about = Q(subject_unit_id__in=scope.managed_unit_ids)
    if scope.person_id is not None:
        about |= Q(subject_person_id=scope.person_id)
    found = []
    recent = Campaign.objects.filter(
        about,
        status=CampaignStatus.CLOSED,
        closed_at__lte=as_of,
        closed_at__gte=as_of - window,
    ).order_by("pk")
    for campaign in recent:
        ready = survey_ready(campaign, as_of)
        if ready is not None:
            found.append(ready)
    return found


def _team_promises(scope: Scope, as_of: dt.datetime) -> list[n.TeamPromiseFacts]:
    """Open promises past due made by the people of the units the user manages (their own
    excepted: those nudge them directly)."""
    if not scope.managed_unit_ids:
        return []
    from trustledger.directory.models import Person

    people = dict(
        Person.objects.filter(unit_id__in=scope.managed_unit_ids).values_list("id", "unit_id")
    )
    people.pop(scope.person_id, None)
    if not people:
        return []
    open_overdue = (
        m.Commitment.objects.filter(
            promisor_id__in=list(people),
            state=m.CommitmentState.OPEN,
            due_at__lt=as_of,
            made_at__lte=as_of,
        )
        .select_related("promisor", "promisor__unit")
        .order_by("due_at", "pk")
    )
    return [
        n.TeamPromiseFacts(
            unit_id=c.promisor.unit_id,
            unit=str(c.promisor.unit),
            promise_id=c.pk,
            promisor=str(c.promisor),
            what=c.what,
            due_at=c.due_at,
        )
        for c in open_overdue
    ]


def survey_ready(campaign: Any, as_of: dt.datetime) -> n.SurveyFacts | None:
    """A closed campaign's results, when the anonymity rules allow at least one component."""
    from trustledger.surveys.results import series

    subject = (
        {"person_id": campaign.subject_person_id}
        if campaign.subject_person_id
        else {"unit_id": campaign.subject_unit_id}
    )
    for published, figures in series(**subject, as_of=as_of):
        if published.pk != campaign.pk:
            continue
        shown = [cf.others.n for cf in figures.components.values() if cf.others.shown]
        if shown:
            return n.SurveyFacts(campaign.pk, campaign.title, campaign.closed_at, max(shown))
    return None


def facts_for(scope: Scope, user_id: int, as_of: dt.datetime) -> n.NudgeFacts:
    rels = kept_relationships(scope)
    found_reports = reports.relationships(rels, as_of)
    return n.NudgeFacts(
        for_id=user_id,
        relationships=tuple(relationship_facts(rels, as_of, found_reports)),
        promises=tuple(_promises(scope, as_of)),
        feedback=tuple(_feedback(rels, as_of)),
        reviews=tuple(latest_reviews(rels, as_of)),
        promises_found=promises_awaiting(scope),
        signals=tuple(_signals(rels, found_reports, as_of)),
        blind_spots=tuple(_blind_spots(scope, as_of)),
        surveys=tuple(_surveys(scope, as_of)),
        team_promises=tuple(_team_promises(scope, as_of)),
    )


def nudges_for(scope: Scope, user_id: int, as_of: dt.datetime) -> tuple[n.Nudge, ...]:
    return n.nudges(facts_for(scope, user_id, as_of), as_of=as_of, settings=engine_settings())
