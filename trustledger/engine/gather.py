"""Turn database rows into the core's plain records.

Record ids are "kind:pk" strings (e.g. "commitment:12") so every explanation can point back
to the rows behind a number. Interactions and commitments are seen from the relationship's
two sides, "ours" and "theirs", so a unit-to-unit relationship uses the same formulas as a
person-to-person one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Min, Q, QuerySet

from trustledger.directory.models import Person
from trustledger.domain import records as r
from trustledger.domain.feedback import loop_counted_at
from trustledger.domain.settings import EngineSettings, resolve
from trustledger.engine.sides import OURS, THEIRS, Sides
from trustledger.ledger import models as m

FOCUS = {
    "theirs": r.Focus.THEIRS,
    "ours": r.Focus.OURS,
    "shared": r.Focus.SHARED,
    "unknown": r.Focus.SHARED,
}


def at_noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def from_start_of(day: dt.date) -> dt.datetime:
    """A review held or a measure agreed on a day counts from that day's start: recorded
    today before noon, it must already end the next action that asked for it."""
    return dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC)


def interactions_between(
    sides: Sides, relationship_id: int | None = None
) -> list[r.InteractionRecord]:
    """Interactions that cross from one side to the other (or are filed under the relationship).

    The ids are found one direction at a time, from the side with fewer people: every
    interaction its people started (the (initiator, time) index; those that reached nobody
    on the other side are dropped with the participants in hand, as before), or its people's
    participations (the (person, time) index) in interactions the other side started; then
    the interactions are read by id: one query with
    an OR across the interaction and its participants scanned the whole table (15 s at 10
    million interactions, benchmarks/README.md)."""
    found: set[int] = set()
    for initiators, audience in ((sides.ours, sides.theirs), (sides.theirs, sides.ours)):
        if len(initiators) <= len(audience):
            # Every interaction the fewer people started: those that reached nobody on the
            # other side are left out below, with the participants in hand.
            found.update(
                m.Interaction.objects.filter(initiator_id__in=initiators).values_list(
                    "id", flat=True
                )
            )
        else:
            found.update(
                m.InteractionParticipant.objects.filter(
                    person_id__in=audience, interaction__initiator_id__in=initiators
                ).values_list("interaction_id", flat=True)
            )
    if relationship_id is not None:
        found.update(
            m.Interaction.objects.filter(relationship_id=relationship_id).values_list(
                "id", flat=True
            )
        )
    rows = []
    ordered = sorted(found)
    for start in range(0, len(ordered), 5000):
        rows += m.Interaction.objects.filter(pk__in=ordered[start : start + 5000]).values_list(
            "id",
            "occurred_at",
            "channel",
            "initiator_id",
            "duration_minutes",
            "answered",
            "is_broadcast",
            "focus",
            "is_request",
            "intent_declared",
        )
    rows.sort(key=lambda row: (row[1], row[0]), reverse=True)  # newest first, as before
    participants: dict[int, list[int]] = defaultdict(list)
    ids = [row[0] for row in rows]
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        for interaction_id, person_id in m.InteractionParticipant.objects.filter(
            interaction_id__in=chunk
        ).values_list("interaction_id", "person_id"):
            participants[interaction_id].append(person_id)
    records = []
    for pk, occurred_at, channel, initiator, minutes, answered, broadcast, focus, *asked in rows:
        side = sides.side_of(initiator)
        if side is None:
            continue
        other = THEIRS if side == OURS else OURS
        audience = participants[pk]
        if not any(sides.side_of(p) == other for p in audience):
            continue
        records.append(
            r.InteractionRecord(
                id=f"interaction:{pk}",
                occurred_at=occurred_at,
                channel=r.Channel(channel),
                initiator_id=side,
                participant_ids=(other,),
                recipients_count=max(1, len(audience)),
                duration_minutes=minutes,
                answered=bool(answered),
                is_broadcast=broadcast,
                focus=FOCUS[focus],
                is_request=asked[0],
                intent_declared=asked[1],
            )
        )
    return records


def commitment_record(c: m.Commitment, promisor: str, promisee: str) -> r.CommitmentRecord:
    return r.CommitmentRecord(
        id=f"commitment:{c.pk}",
        strength=r.CommitmentStrength(c.strength),
        made_at=c.made_at,
        due_at=c.due_at,
        state=r.CommitmentState(c.state),
        closed_at=c.closed_at,
        renegotiated_at=c.closed_at if c.state == m.CommitmentState.RENEGOTIATED else None,
        promisor_id=promisor,
        promisee_id=promisee,
        sentence=c.statement,
        in_our_power=c.in_our_power,
        confirmation=r.Confirmation(c.confirmation),
        confirmation_by=c.confirmation_by.display_name if c.confirmation_by else "",
        confirmation_at=c.confirmation_at,
        confirmation_comment=c.confirmation_comment,
        claimed_by=c.promisor.unit.name if c.promisor.unit else c.promisor.display_name,
    )


def _with_names(commitments: QuerySet[m.Commitment]) -> QuerySet[m.Commitment]:
    """What an explanation names: the promisor's unit (who claimed) and who confirmed."""
    return commitments.select_related("promisor__unit", "confirmation_by")


def commitments_between(
    sides: Sides, relationship_id: int | None = None
) -> list[r.CommitmentRecord]:
    """Our promises to them: the evidence of our reliability in this relationship."""
    ours_to_them = Q(promisor_id__in=sides.ours, promisee_id__in=sides.theirs)
    if relationship_id is not None:
        ours_to_them |= Q(relationship_id=relationship_id, promisor_id__in=sides.ours)
    return [
        commitment_record(c, OURS, THEIRS)
        for c in _with_names(m.Commitment.objects.filter(ours_to_them).distinct())
    ]


def commitments_of(person_ids: Iterable[int]) -> list[r.CommitmentRecord]:
    return [
        commitment_record(c, str(c.promisor_id), str(c.promisee_id))
        for c in _with_names(m.Commitment.objects.filter(promisor_id__in=list(person_ids)))
    ]


def initiatives_of(goals: Iterable[m.Goal]) -> list[r.InitiativeRecord]:
    goals = list(goals)
    agreed = dict(
        m.AgreedMeasure.objects.filter(goal__in=goals, agreed_on__isnull=False)
        .values("goal_id")
        .annotate(first=Min("agreed_on"))
        .values_list("goal_id", "first")
    )
    return [
        r.InitiativeRecord(
            id=f"goal:{g.pk}",
            started_at=at_noon(g.work_started_on),
            measures_agreed_at=from_start_of(agreed[g.pk]) if g.pk in agreed else None,
        )
        for g in goals
        if g.work_started_on is not None
    ]


def local_context(person: Person) -> r.LocalContext:
    channels = tuple(
        r.Channel(c) for c in person.preferred_channel_list if c in r.Channel.__members__.values()
    )
    return r.LocalContext(
        person_id=f"person:{person.pk}",
        role=person.role,
        responsibilities_and_concerns=" ".join(
            t for t in (person.responsibilities, person.concerns) if t
        ),
        culture=person.corporate_culture,
        country=person.country,
        language=person.language,
        time_zone=person.time_zone,
        preferred_channels=channels,
        important_to_them=person.important_to_them,
        wants_next=person.wants_next,
        bad_outcome=person.bad_outcome,
    )


def relationship_evidence(relationship: m.Relationship, sides: Sides) -> r.RelationshipEvidence:
    counterpart_people = Person.objects.filter(pk__in=sides.theirs).order_by("pk")[:50]
    return r.RelationshipEvidence(
        our_id=OURS,
        counterpart_id=THEIRS,
        started_at=at_noon(relationship.started_on),
        interactions=tuple(interactions_between(sides, relationship.pk)),
        commitments=tuple(commitments_between(sides, relationship.pk)),
        initiatives=tuple(initiatives_of(relationship.goals.all())),
        feedback=tuple(
            r.FeedbackRecord(
                id=f"feedback:{f.pk}",
                received_at=f.received_at,
                change_made=f.our_response,
                closed_at=f.loop_closed_at,
                seen_closed_at=f.seen_closed_at,
                seen_closed_by=f.seen_closed_by.display_name if f.seen_closed_by else "",
                reopened_at=f.reopened_at,
            )
            for f in relationship.feedback.select_related("seen_closed_by")
        ),
        reviews=tuple(
            r.QualityReviewRecord(id=f"review:{q.pk}", held_at=from_start_of(q.held_on))
            for q in relationship.reviews.all()
        ),
        level_statements=tuple(
            r.LevelStatementRecord(
                id=f"level_statement:{s.pk}",
                side=s.side,
                level=r.ServiceLevel(s.level),
                stated_at=s.stated_at,
                reason=s.reason,
                stated_by=s.stated_by.display_name if s.stated_by else "",
            )
            for s in relationship.level_statements.select_related("stated_by")
        ),
        local_contexts=tuple(local_context(p) for p in counterpart_people),
    )


def reserve_events(
    relationship: m.Relationship,
    evidence: r.RelationshipEvidence,
    sides: Sides,
    settings: EngineSettings | None = None,
) -> list[r.ReserveEvent]:
    """Deposits and withdrawals evidenced by the ledger, plus entries recorded by hand."""
    kinds = r.ReserveEventKind
    events: list[r.ReserveEvent] = []
    for c in evidence.commitments:
        if c.state in (r.CommitmentState.KEPT, r.CommitmentState.KEPT_LATE) and c.closed_at:
            events.append(
                r.ReserveEvent(
                    c.id,
                    c.closed_at,
                    kinds.KEPT_COMMITMENT,
                    1.0 if c.state == r.CommitmentState.KEPT else 0.5,
                )
            )
        elif c.state == r.CommitmentState.BROKEN and c.closed_at:
            events.append(r.ReserveEvent(c.id, c.closed_at, kinds.BROKEN_COMMITMENT))
    for i in evidence.interactions:
        two_way = i.answered and not i.is_broadcast and i.focus != r.Focus.OURS
        if two_way:
            events.append(r.ReserveEvent(i.id, i.occurred_at, kinds.TWO_WAY_ATTENTION, 0.2))
    # A loop deposits when it counts as closed: seen closed by them, or some days after
    # our answer without their reopening it (docs/formulas.md).
    after = resolve(settings).health.loop_seen_after_days
    for f in evidence.feedback:
        counted = loop_counted_at(f, after)
        if counted is not None:
            events.append(r.ReserveEvent(f.id, counted, kinds.CLOSED_FEEDBACK_LOOP))
    surprised = m.DecisionStakeholder.objects.filter(role=m.StakeholderRole.SURPRISED).filter(
        Q(person_id__in=sides.theirs) | Q(unit__people__id__in=sides.theirs)
    )
    if relationship.counterpart_organization_id:
        surprised = surprised | m.DecisionStakeholder.objects.filter(
            role=m.StakeholderRole.SURPRISED, decision__relationship=relationship
        )
    for decision_id, decided_at in (
        m.Decision.objects.filter(
            stakeholders__in=surprised, deciding_unit__people__id__in=sides.ours
        )
        .distinct()
        .values_list("id", "decided_at")
    ):
        events.append(r.ReserveEvent(f"decision:{decision_id}", decided_at, kinds.SURPRISE))
    manual = {
        "deposit": kinds.TWO_WAY_ATTENTION,
        "self_oriented_act": kinds.SELF_ORIENTED_ACT,
        "surprise": kinds.SURPRISE,
    }
    for entry in relationship.reserve_entries.all():
        events.append(
            r.ReserveEvent(f"reserve:{entry.pk}", entry.occurred_at, manual[entry.kind], entry.size)
        )
    return events


INDICATOR_FIELDS = {
    "chosen_on_price": ("chosen_on_price",),
    "one_kind_of_problem": ("called_for_one_kind_of_problem",),
    "asked_for_thinking": ("asked_for_thinking_across_problems",),
    "asks_why": ("asks_why",),
    "mutual_success": ("mutual_success",),
    "gives_referrals": ("gives_referrals",),
    "coaches_advocates": ("coaches_us", "advocates_for_us"),
    "personal_matters": ("shares_personal_matters",),
    "reaches_out_first": ("reaches_out_first",),
}


def service_indicators(
    relationship: m.Relationship, as_of: dt.datetime
) -> tuple[dict[str, bool], list[str]]:
    seen: dict[str, bool] = {}
    ids: list[str] = []
    for pk, indicator in relationship.indicators.filter(observed_on__lte=as_of.date()).values_list(
        "id", "indicator"
    ):
        for name in INDICATOR_FIELDS.get(indicator, ()):
            seen[name] = True
        ids.append(f"indicator:{pk}")
    return seen, ids


def transparency_records(
    unit_ids: set[int],
) -> tuple[list[r.InitiativeRecord], list[r.DecisionRecord], list[r.IssueRecord]]:
    initiatives = initiatives_of(m.Goal.objects.filter(owner_unit_id__in=unit_ids))
    roles: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    decided: dict[int, dt.datetime] = {}
    for decision_id, decided_at, role, person_id, unit_id in m.DecisionStakeholder.objects.filter(
        decision__deciding_unit_id__in=unit_ids
    ).values_list("decision_id", "decision__decided_at", "role", "person_id", "unit_id"):
        who = f"person:{person_id}" if person_id else f"unit:{unit_id}"
        roles[decision_id][role].add(who)
        decided[decision_id] = decided_at
    decisions = [
        r.DecisionRecord(
            id=f"decision:{d}",
            decided_at=decided[d],
            affected_ids=frozenset(by_role["affected"]),
            involved_or_told_before_ids=frozenset(
                by_role["involved_before"] | by_role["told_before"]
            ),
            surprised_ids=frozenset(by_role["surprised"]),
        )
        for d, by_role in roles.items()
    ]
    issues = [
        r.IssueRecord(id=f"incident:{pk}", detected_at=arose, reached_stakeholders_at=told)
        for pk, arose, told in m.Incident.objects.filter(unit_id__in=unit_ids).values_list(
            "id", "arose_at", "stakeholders_told_at"
        )
    ]
    return initiatives, decisions, issues
