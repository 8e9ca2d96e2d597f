"""Scores for a relationship, a unit, a person or the whole organization, as of a date.

Each report is the core's results gathered in one dataclass with `to_dict()`, so a page and
its JSON twin (and the API) show the same numbers with the same explanations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from trustledger import domain as core
from trustledger.directory.models import Person, Unit
from trustledger.domain import records as r
from trustledger.domain.attention import Share
from trustledger.domain.explanation import jsonable
from trustledger.domain.settings import EngineSettings
from trustledger.engine import gather
from trustledger.engine.ratings import NO_UNIT, SurveyEvidence, survey_evidence, survey_ratings
from trustledger.engine.sides import people_of_unit, sides_of, unit_subtree_ids
from trustledger.ledger import models as m

SETBACK_SIZE = 3.0  # "could it absorb a broken commitment and a surprise?" in deposit units


def engine_settings() -> EngineSettings:
    """The settings in force: the core's defaults with the overrides an admin saved
    (trustledger/tuning, docs/settings.md); cached per process, checked once per request."""
    from trustledger.tuning.store import current

    return current()


class Report:
    def to_dict(self) -> dict[str, Any]:
        return _no_counts_below_k(jsonable(self))  # type: ignore[no-any-return]


def _no_counts_below_k(node: Any) -> Any:
    """Survey trust below the threshold says "fewer than k", never a count: a component the
    survey rules withhold gives the engine no ratings (`ratings`), so its n would read 0 where
    some raters did answer. Withheld means and their counts become None together."""
    if isinstance(node, dict):
        rated = node.get("trust") if isinstance(node.get("trust"), dict) else node
        if isinstance(rated, dict) and "n_raters" in rated and "components" in rated:
            for component in rated["components"].values():
                if component.get("mean") is None:
                    component["n"] = None
            for explanation in (rated.get("explanation"), node.get("explanation")):
                if isinstance(explanation, dict):
                    inputs = explanation.get("inputs", {})
                    for name in [k for k in inputs if k.endswith("_n")]:
                        if inputs.get(name[:-2]) is None:
                            inputs[name] = None
                    if rated.get("value") is None:
                        explanation["n"] = None
        for value in node.values():
            _no_counts_below_k(value)
    elif isinstance(node, list):
        for value in node:
            _no_counts_below_k(value)
    return node


@dataclass(frozen=True)
class RelationshipReport(Report):
    relationship_id: int
    as_of: dt.datetime
    level: r.ServiceLevel
    trust: core.RatedTrust | None
    trust_raters: CounterpartRaters
    health: core.RelationshipHealth
    trend: core.HealthTrend
    measures: core.RelationshipMeasures
    reserve: core.TrustReserve
    setback: core.SetbackCapacity
    phase: core.CyclePhase
    actions: tuple[core.NextAction, ...]
    suggested_level: core.ServiceLevelSuggestion
    starting_level: core.StartingLevel
    context: core.ContextCompleteness
    attention_quality: core.RatedAttentionQuality


@dataclass(frozen=True)
class CounterpartRaters:
    """Whose ratings "trust of our side" reads: the counterpart's rater group, by name.
    `state`: shown, too_few (fewer than k of them, or their figure withheld so it cannot be
    set against the whole team's), or no_survey (nobody rated our side)."""

    group: str
    name: str
    state: str


# (our unit id, our person id, as of) → the survey evidence about our side then
TrustMemo = dict[tuple[int | None, int | None, dt.datetime], SurveyEvidence]


def counterpart_group(relationship: m.Relationship) -> tuple[str, str]:
    """The rater group (as the survey results break answers down) the counterpart is in:
    its unit, a counterpart person's unit, or else its organization."""
    person = relationship.counterpart_person
    if relationship.counterpart_unit_id:
        return f"unit:{relationship.counterpart_unit_id}", relationship.counterpart_unit.name
    if person is not None and person.unit_id:
        return f"unit:{person.unit_id}", person.unit.name
    organization = (
        person.organization if person is not None else relationship.counterpart_organization
    )
    if organization is None:
        return NO_UNIT, "No unit"
    return f"organization:{organization.pk}", organization.name


def _trust_of_our_side(
    relationship: m.Relationship,
    as_of: dt.datetime,
    settings: EngineSettings,
    memo: TrustMemo | None = None,
) -> tuple[core.RatedTrust | None, CounterpartRaters]:
    """The survey trust of our side as of then, as the counterpart's raters see it; `memo`
    shares the survey evidence between the relationships of one call (many have one side)."""
    unit_id, person_id = relationship.our_unit_id, relationship.our_person_id
    key = (unit_id, person_id, as_of)
    if memo is None or key not in memo:
        evidence = survey_evidence(as_of=as_of, unit_id=unit_id, person_id=person_id)
        if memo is not None:
            memo[key] = evidence
    else:
        evidence = memo[key]
    group, name = counterpart_group(relationship)
    if not evidence.published:
        return None, CounterpartRaters(group, name, "no_survey")
    ratings = evidence.from_group(group)
    trust = None
    if ratings and unit_id:
        trust = core.organizational_trust(
            ratings, f"unit:{unit_id}", as_of=as_of, settings=settings
        ).trust
    elif ratings:
        trust = core.trust_from_ratings(
            ratings, f"person:{person_id}", as_of=as_of, settings=settings
        )
    shown = trust is not None and trust.value is not None
    return trust, CounterpartRaters(group, name, "shown" if shown else "too_few")


def attention_quality(
    trust: core.RatedTrust | None, self_focus: Share, *, team: bool
) -> core.RatedAttentionQuality:
    """Quality of attention from the published means of `trust` (others' view) and a
    self-focus share."""
    means = {name: c.mean for name, c in trust.components.items()} if trust else {}
    return core.rated_attention_quality(
        means,
        self_focus.value,
        focus_record_ids=self_focus.explanation.record_ids,
        focus_n=int(self_focus.explanation.n),
        intimacy_from="transparency" if team else "intimacy",
    )


def _health_at(
    evidence: r.RelationshipEvidence,
    level: r.ServiceLevel,
    trust: core.RatedTrust | None,
    as_of: dt.datetime,
    settings: EngineSettings,
    measures: core.RelationshipMeasures | None = None,
) -> core.RelationshipHealth:
    inputs = core.health_inputs_from_evidence(
        evidence,
        as_of=as_of,
        level=level,
        trust=trust.value if trust else None,
        trust_record_ids=trust.explanation.record_ids if trust else (),
        settings=settings,
        measures=measures,
    )
    return core.relationship_health(inputs, settings)


def relationship_report(
    relationship: m.Relationship,
    as_of: dt.datetime | None = None,
    settings: EngineSettings | None = None,
    trust_memo: TrustMemo | None = None,
) -> RelationshipReport:
    as_of = as_of or timezone.now()
    settings = settings or engine_settings()
    sides = sides_of(relationship)
    evidence = gather.relationship_evidence(relationship, sides)
    level = r.ServiceLevel(_level_at(relationship, as_of))
    trust, raters = _trust_of_our_side(relationship, as_of, settings, trust_memo)
    measures = core.measure_relationship(evidence, as_of=as_of, settings=settings)
    health = _health_at(evidence, level, trust, as_of, settings, measures)
    past = {}
    past_trust = {}
    for days in (30, 90):
        then = as_of - dt.timedelta(days=days)
        past_trust[days] = _trust_of_our_side(relationship, then, settings, trust_memo)[0]
        past[days] = _health_at(
            evidence,
            r.ServiceLevel(_level_at(relationship, then)),
            past_trust[days],
            then,
            settings,
        )
    trend = core.health_trend(health.score, past[30].score, past[90].score, settings)
    reserve = core.trust_reserve(
        gather.reserve_events(relationship, evidence, sides, settings),
        as_of=as_of,
        settings=settings,
    )
    indicators, indicator_ids = gather.service_indicators(relationship, as_of)
    referral = None
    if relationship.referred_by_id:
        referral = core.Referral(
            referrer_id=f"person:{relationship.referred_by_id}",
            referrer_is_senior=relationship.referrer_is_senior,
            referrer_level=r.ServiceLevel.TRUSTED_ADVISOR
            if relationship.referrer_is_senior
            else r.ServiceLevel.PROBLEM_SOLVER,
        )
    then_trust = past_trust[90]  # the trust 90 days ago, computed once for health and phase
    return RelationshipReport(
        relationship_id=relationship.pk,
        as_of=as_of,
        level=level,
        trust=trust,
        trust_raters=raters,
        health=health,
        trend=trend,
        measures=measures,
        reserve=reserve,
        setback=core.can_absorb(reserve, SETBACK_SIZE, settings),
        phase=core.phase_from_evidence(
            evidence,
            as_of=as_of,
            trust_now=trust.value if trust else None,
            trust_then=then_trust.value if then_trust else None,
            settings=settings,
        ),
        actions=core.next_actions(
            evidence, as_of=as_of, level=level, settings=settings, measures=measures
        ),
        suggested_level=core.suggest_service_level(core.ServiceIndicators(**indicators), settings),
        starting_level=core.starting_level_from_referral(referral, settings),
        context=core.local_context_completeness(evidence.local_contexts),
        attention_quality=attention_quality(
            trust, measures.attention.self_focus_share, team=bool(relationship.our_unit_id)
        ),
    )


def _level_at(relationship: m.Relationship, as_of: dt.datetime) -> int:
    change = (
        relationship.level_changes.filter(changed_at__lte=as_of)
        .order_by("-changed_at", "-id")
        .first()
    )
    return change.to_level if change else relationship.service_level


@dataclass(frozen=True)
class UnitReport(Report):
    unit_id: int
    as_of: dt.datetime
    organizational_trust: core.OrganizationalTrust | None
    perception_gap: core.PerceptionGap | None
    transparency: core.TransparencyEvidence
    reliability: core.Reliability
    people: int


def unit_report(
    unit: Unit, as_of: dt.datetime | None = None, settings: EngineSettings | None = None
) -> UnitReport:
    as_of = as_of or timezone.now()
    settings = settings or engine_settings()
    subject = f"unit:{unit.pk}"
    ratings = survey_ratings(as_of=as_of, unit_id=unit.pk)
    members = people_of_unit(unit.pk)
    initiatives, decisions, issues = gather.transparency_records(unit_subtree_ids(unit.pk))
    return UnitReport(
        unit_id=unit.pk,
        as_of=as_of,
        organizational_trust=core.organizational_trust(
            ratings, subject, as_of=as_of, settings=settings
        )
        if ratings
        else None,
        perception_gap=core.perception_gap(
            ratings, subject, as_of=as_of, self_unit_id=subject, settings=settings
        )
        if ratings
        else None,
        transparency=core.transparency_evidence(
            initiatives, decisions, issues, as_of=as_of, settings=settings
        ),
        reliability=core.reliability_from_commitments(
            gather.commitments_of(members), as_of=as_of, settings=settings
        ),
        people=len(members),
    )


@dataclass(frozen=True)
class PersonReport(Report):
    person_id: int
    as_of: dt.datetime
    trust: core.RatedTrust | None
    perception_gap: core.PerceptionGap | None
    reliability: core.Reliability
    context: core.ContextCompleteness


def person_report(
    person: Person, as_of: dt.datetime | None = None, settings: EngineSettings | None = None
) -> PersonReport:
    as_of = as_of or timezone.now()
    settings = settings or engine_settings()
    subject = f"person:{person.pk}"
    ratings = survey_ratings(as_of=as_of, person_id=person.pk)
    return PersonReport(
        person_id=person.pk,
        as_of=as_of,
        trust=core.trust_from_ratings(ratings, subject, as_of=as_of, settings=settings)
        if ratings
        else None,
        perception_gap=core.perception_gap(ratings, subject, as_of=as_of, settings=settings)
        if ratings
        else None,
        reliability=core.reliability_from_commitments(
            gather.commitments_of([person.pk]),
            as_of=as_of,
            promisor_id=str(person.pk),
            settings=settings,
        ),
        context=core.local_context_completeness([gather.local_context(person)]),
    )


@dataclass(frozen=True)
class OrganizationReport(Report):
    as_of: dt.datetime
    units: tuple[UnitReport, ...]
    relationships: tuple[RelationshipReport, ...]
    people: tuple[PersonReport, ...]


def relationship_reports(
    relationships: Iterable[m.Relationship],
    as_of: dt.datetime | None = None,
    settings: EngineSettings | None = None,
) -> Iterator[RelationshipReport]:
    """`relationship_report` of each, one at a time, with the survey trust of each side
    computed once."""
    as_of = as_of or timezone.now()
    settings = settings or engine_settings()
    memo: TrustMemo = {}
    for rel in relationships:
        yield relationship_report(rel, as_of, settings, memo)


def organization_report(
    as_of: dt.datetime | None = None, settings: EngineSettings | None = None
) -> OrganizationReport:
    """Every score for every unit, relationship and person of our side."""
    as_of = as_of or timezone.now()
    settings = settings or engine_settings()
    units = Unit.objects.filter(organization__kind="ours").order_by("pk")
    people = Person.objects.filter(organization__kind="ours").order_by("pk")
    return OrganizationReport(
        as_of=as_of,
        units=tuple(unit_report(u, as_of, settings) for u in units),
        relationships=tuple(
            relationship_reports(m.Relationship.objects.order_by("pk"), as_of, settings)
        ),
        people=tuple(person_report(p, as_of, settings) for p in people),
    )
