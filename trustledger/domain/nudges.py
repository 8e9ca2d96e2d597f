"""Nudges: the gaps that should reach a person without their opening a page.

The shell gathers plain facts for one person (the relationships they keep, the promises they
make or are owed, the feedback waiting on their answer); `nudges` turns them into `Nudge`
values. Each carries a stable `cause` key: the shell stores one nudge per person and cause,
so a nudge is never sent twice, a snooze or "not relevant" sticks to its cause, and a nudge
whose cause is no longer found is resolved. Keys change only when the cause does (a new
contact moves the keep-in-touch date; a new week groups what is owed anew).
"""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from trustledger.domain.actions import Gap
from trustledger.domain.explanation import Explained, RecordId, sorted_ids
from trustledger.domain.records import CommitmentState, Confirmation, ServiceLevel
from trustledger.domain.settings import EngineSettings, resolve


class NudgeKind(enum.StrEnum):
    KEEP_IN_TOUCH = "keep_in_touch"
    PROMISE_DUE = "promise_due"
    PROMISE_OVERDUE = "promise_overdue"
    ANSWER_DISPUTE = "answer_dispute"  # the promisor's side: the promisee disputes the outcome
    CONFIRM_OUTCOME = "confirm_outcome"  # the promisee's side: kept, claimed, not confirmed
    OWED_TO_YOU = "owed_to_you"  # the promisee's side: what one side owes you, grouped
    FEEDBACK_UNANSWERED = "feedback_unanswered"
    REVIEW_DUE = "review_due"
    PROMISES_FOUND = "promises_found"  # sentences from our mail that read as promises, unreviewed
    ANSWER_UNSEEN = "answer_unseen"  # we closed a feedback loop; the other side has not seen it
    MEASURES_MISSING = "measures_missing"  # work started before its measures were agreed
    HEALTH_BAND = "health_band"  # a relationship's health below green
    TREND_DOWN = "trend_down"  # health declining over 30 days beyond the stable band
    BLIND_SPOT = "blind_spot"  # the others see a unit worse than it sees itself, beyond the cut
    SURVEY_READY = "survey_ready"  # a closed campaign's results may be shown (k raters or more)
    TEAM_OVERDUE = "team_overdue"  # a manager's view: their team's overdue promises, grouped


class Urgency(enum.StrEnum):
    IMMEDIATE = "immediate"  # cannot wait for the digest: a dispute, a promise due tomorrow
    DIGEST = "digest"


class PromiseSide(enum.StrEnum):
    """Where the person stands in a promise (the shell decides, from the access rules)."""

    TO_KEEP = "to_keep"  # they (or their team) made it
    OWED = "owed"  # it was made to them (or to their side)


@dataclass(frozen=True)
class Link:
    """The action that resolves a nudge: a name the shell maps to a form or page, and the
    ids it needs (`(("relationship", 12), ("person", 5))`)."""

    action: str
    ids: tuple[tuple[str, RecordId], ...] = ()


@dataclass(frozen=True)
class Nudge(Explained):
    cause: str
    kind: NudgeKind
    for_id: RecordId
    reason: str
    urgency: Urgency
    link: Link
    gap: Gap


@dataclass(frozen=True)
class RelationshipFacts:
    id: RecordId
    counterpart: str  # a name, for the reason in words
    level: ServiceLevel
    last_two_way_contact: datetime | None
    started_at: datetime | None = None
    cadence_days: float | None = None  # the relationship's own cadence, if someone set one
    counterpart_person_id: RecordId | None = None


@dataclass(frozen=True)
class PromiseFacts:
    id: RecordId
    what: str
    side: PromiseSide
    due_at: datetime
    state: CommitmentState = CommitmentState.OPEN
    confirmation: Confirmation = Confirmation.CLAIMED
    closed_at: datetime | None = None
    confirmation_at: datetime | None = None
    # The other party, as the person reads it: the promisee of a promise to keep, the
    # promisor's side of one owed ("IT", or a person's name), with an id to group by.
    other: str = ""
    other_id: RecordId = ""


@dataclass(frozen=True)
class FeedbackFacts:
    id: RecordId
    relationship_id: RecordId
    counterpart: str
    received_at: datetime
    answered: bool


@dataclass(frozen=True)
class ReviewFacts:
    """A relationship's latest quality review: when it was held and the next one set."""

    relationship_id: RecordId
    counterpart: str
    held_at: datetime
    next_due_at: datetime | None = None


@dataclass(frozen=True)
class SignalFacts:
    """What the engine computed for one kept relationship (its report), for the signals."""

    relationship_id: RecordId
    counterpart: str
    health: float | None = None
    band: str | None = None  # green, amber, red (domain/health.py)
    trend: str | None = None  # improving, stable, declining, unknown
    delta_30: float | None = None
    # Health and trend nudge only on sufficient evidence: a relationship with two records
    # says little, and a nudge about it would be noise.
    sufficient: bool = True
    # Feedback loops we closed (what changed, when) that the other side has not seen.
    answers_unseen: tuple[tuple[RecordId, datetime], ...] = ()
    initiatives_without_measures: tuple[RecordId, ...] = ()


@dataclass(frozen=True)
class BlindSpotFacts:
    """A component where a unit's own view exceeds the others' by more than the cut
    (domain/ratings.py decided it, over k raters on both sides)."""

    unit_id: RecordId
    unit: str
    component: str
    gap: float
    threshold: float


@dataclass(frozen=True)
class SurveyFacts:
    """A closed campaign about the person or a unit they manage, with results shown."""

    campaign_id: RecordId
    title: str
    closed_at: datetime
    raters: int


@dataclass(frozen=True)
class TeamPromiseFacts:
    """An open promise made by someone of a unit the person manages (not by the person)."""

    unit_id: RecordId
    unit: str
    promise_id: RecordId
    promisor: str
    what: str
    due_at: datetime


@dataclass(frozen=True)
class NudgeFacts:
    """Everything one person's nudges are computed from."""

    for_id: RecordId
    relationships: tuple[RelationshipFacts, ...] = ()
    promises: tuple[PromiseFacts, ...] = ()
    feedback: tuple[FeedbackFacts, ...] = ()
    reviews: tuple[ReviewFacts, ...] = ()
    # Promises found in mail that this person may review (trustledger.promises), not decided.
    promises_found: int = 0
    signals: tuple[SignalFacts, ...] = ()
    blind_spots: tuple[BlindSpotFacts, ...] = ()
    surveys: tuple[SurveyFacts, ...] = ()
    team_promises: tuple[TeamPromiseFacts, ...] = ()


def iso_week(moment: datetime) -> str:
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def _days(delta: timedelta) -> float:
    return delta.total_seconds() / 86400


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _days_words(days: float) -> str:
    """Whole days as people say them: "less than a day", "1 day", "9 days"."""
    if days < 1:
        return "less than a day"
    return _plural(round(days), "day", "days")


def _day(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b}"


def cadence_of(rel: RelationshipFacts, settings: EngineSettings | None = None) -> float:
    """The relationship's own cadence where set, else its level's."""
    if rel.cadence_days is not None:
        return rel.cadence_days
    return resolve(settings).health.cadence_days[rel.level]


def contact_due_at(
    rel: RelationshipFacts, settings: EngineSettings | None = None
) -> datetime | None:
    """When two-way contact falls due: the last one (else the relationship's start) plus the
    cadence. None when nothing says when the clock started."""
    since = rel.last_two_way_contact or rel.started_at
    return None if since is None else since + timedelta(days=cadence_of(rel, settings))


def _keep_in_touch(
    for_id: RecordId, rel: RelationshipFacts, as_of: datetime, cfg: EngineSettings
) -> Nudge | None:
    cadence = cadence_of(rel, cfg)
    since = rel.last_two_way_contact or rel.started_at
    due = contact_due_at(rel, cfg)
    if since is None or due is None:
        return None  # nothing says when the clock started: no date to be late against
    overdue = _days(as_of - due)
    if overdue <= 0:
        return None
    threshold = (
        f"its own cadence is every {cadence:g} days"
        if rel.cadence_days is not None
        else f"a {rel.level.name.lower().replace('_', ' ')} needs contact every {cadence:g} days"
    )
    contact = (
        f"no two-way contact with {rel.counterpart} for {_days(as_of - since):.0f} days"
        if rel.last_two_way_contact is not None
        else f"no two-way contact with {rel.counterpart} since the relationship started"
    )
    ids: tuple[tuple[str, RecordId], ...] = (("relationship", rel.id),)
    if rel.counterpart_person_id is not None:
        ids += (("person", rel.counterpart_person_id),)
    return Nudge(
        cause=f"{NudgeKind.KEEP_IN_TOUCH}:rel:{rel.id}:{due.date().isoformat()}",
        kind=NudgeKind.KEEP_IN_TOUCH,
        for_id=for_id,
        reason=f"Keep in touch: {contact}, {_days_words(overdue)} overdue ({threshold}).",
        urgency=Urgency.DIGEST,
        link=Link("log_interaction", ids),
        gap=Gap("days_since_contact", _days(as_of - since), cadence, (rel.id,)),
    )


def _on_promise(
    kind: NudgeKind,
    for_id: RecordId,
    p: PromiseFacts,
    reason: str,
    urgency: Urgency,
    action: str,
    gap: tuple[str, float, float],
) -> Nudge:
    """A nudge about one promise: its cause, link and gap all name the commitment."""
    name, value, threshold = gap
    return Nudge(
        cause=f"{kind}:commitment:{p.id}",
        kind=kind,
        for_id=for_id,
        reason=reason,
        urgency=urgency,
        link=Link(action, (("commitment", p.id),)),
        gap=Gap(name, value, threshold, (p.id,)),
    )


def _promise_to_keep(
    for_id: RecordId, p: PromiseFacts, as_of: datetime, cfg: EngineSettings
) -> Nudge | None:
    rules = cfg.nudges
    to = f" to {p.other}" if p.other else ""
    if p.state is CommitmentState.OPEN:
        left = _days(p.due_at - as_of)
        if left < 0:
            return _on_promise(
                NudgeKind.PROMISE_OVERDUE,
                for_id,
                p,
                f"Overdue by {_days_words(-left)}: “{p.what}”{to}, due {_day(p.due_at)}. "
                "Keep it, or agree a new date with them.",
                Urgency.DIGEST,
                "keep_commitment_late",
                ("days_overdue", -left, 0.0),
            )
        if left <= rules.promise_due_soon_days:
            return _on_promise(
                NudgeKind.PROMISE_DUE,
                for_id,
                p,
                f"Due {_day(p.due_at)} ({_in_days(left)}): “{p.what}”{to} "
                f"(promises due within {rules.promise_due_soon_days:g} days).",
                Urgency.IMMEDIATE if left <= rules.immediate_due_days else Urgency.DIGEST,
                "keep_commitment",
                ("days_until_due", left, rules.promise_due_soon_days),
            )
        return None
    disputed_at = p.confirmation_at or p.closed_at
    recent = disputed_at is not None and _days(as_of - disputed_at) <= rules.dispute_recent_days
    if p.confirmation is Confirmation.DISPUTED and recent:
        return _on_promise(
            NudgeKind.ANSWER_DISPUTE,
            for_id,
            p,
            f"Disputed: {p.other or 'the promisee'} does not see “{p.what}” as "
            f"{p.state.value.replace('_', ' ')}. Talk it through.",
            Urgency.IMMEDIATE,
            "read_commitment",
            ("disputed_outcomes", 1.0, 0.0),
        )
    return None


def _in_days(left: float) -> str:
    if left < 1:
        return "within a day"
    return f"in {left:.0f} days" if round(left) != 1 else "in 1 day"


def _confirm(
    for_id: RecordId, p: PromiseFacts, as_of: datetime, cfg: EngineSettings
) -> Nudge | None:
    """Silence confirms a claim after `reliability.claim_confirms_after_days`: until then the
    promisee's side is asked for its word."""
    kept = p.state in (CommitmentState.KEPT, CommitmentState.KEPT_LATE)
    if not kept or p.confirmation is not Confirmation.CLAIMED:
        return None
    silence = cfg.reliability.claim_confirms_after_days
    since = 0.0 if p.closed_at is None else _days(as_of - p.closed_at)
    if since > silence:
        return None
    by = p.other or "The promisor's side"
    return _on_promise(
        NudgeKind.CONFIRM_OUTCOME,
        for_id,
        p,
        f"{by} says “{p.what}” is {p.state.value.replace('_', ' ')}: confirm it, "
        f"or dispute it if you do not see it so (silence confirms it after {silence:g} days).",
        Urgency.DIGEST,
        "read_commitment",
        ("days_since_claimed", since, silence),
    )


def _owed(
    for_id: RecordId, owed: list[PromiseFacts], as_of: datetime, cfg: EngineSettings
) -> list[Nudge]:
    """One nudge per side that owes the person something due soon or overdue: "IT owes you
    2 things this week", never one per promise."""
    window = cfg.nudges.promise_due_soon_days
    groups: dict[RecordId, list[PromiseFacts]] = defaultdict(list)
    for p in owed:
        if p.state is CommitmentState.OPEN and _days(p.due_at - as_of) <= window:
            groups[p.other_id].append(p)
    found = []
    for other_id, items in groups.items():
        items.sort(key=lambda p: (p.due_at, str(p.id)))
        late = sum(1 for p in items if p.due_at < as_of)
        name = items[0].other or "They"
        things = _plural(len(items), "thing", "things")
        listed = "; ".join(f"“{p.what}” (due {_day(p.due_at)})" for p in items[:3])
        more = f"; and {len(items) - 3} more" if len(items) > 3 else ""
        parts = [f"{late} overdue"] if late else []
        if len(items) > late:
            parts.append(f"{len(items) - late} due within {window:g} days")
        found.append(
            Nudge(
                cause=f"{NudgeKind.OWED_TO_YOU}:{other_id}:{iso_week(as_of)}",
                kind=NudgeKind.OWED_TO_YOU,
                for_id=for_id,
                reason=f"{name} owes you {things} ({', '.join(parts)}): {listed}{more}.",
                urgency=Urgency.DIGEST,
                link=Link("read_commitment", (("commitment", items[0].id),)),
                gap=Gap("owed_due_soon", float(len(items)), 0.0, sorted_ids(p.id for p in items)),
            )
        )
    return found


def _feedback(
    for_id: RecordId, f: FeedbackFacts, as_of: datetime, cfg: EngineSettings
) -> Nudge | None:
    after = cfg.nudges.feedback_unanswered_days
    waiting = _days(as_of - f.received_at)
    if f.answered or waiting < after:
        return None
    return Nudge(
        cause=f"{NudgeKind.FEEDBACK_UNANSWERED}:feedback:{f.id}",
        kind=NudgeKind.FEEDBACK_UNANSWERED,
        for_id=for_id,
        reason=f"{f.counterpart}'s feedback has waited {waiting:.0f} days for an answer "
        f"(answer within {after:g} days): tell them what changed because of it.",
        urgency=Urgency.DIGEST,
        link=Link("close_feedback_loop", (("feedback", f.id),)),
        gap=Gap("days_unanswered", waiting, after, (f.id,)),
    )


def _promises_found(for_id: RecordId, waiting: int) -> Nudge | None:
    """One nudge while any promise found in mail waits: its count changes, its cause stays."""
    if waiting <= 0:
        return None
    return Nudge(
        cause=f"{NudgeKind.PROMISES_FOUND}:{for_id}",
        kind=NudgeKind.PROMISES_FOUND,
        for_id=for_id,
        reason=f"{_plural(waiting, 'sentence', 'sentences')} from your side's mail "
        f"{'reads' if waiting == 1 else 'read'} as {'a promise' if waiting == 1 else 'promises'}"
        " and await your review: confirm, correct or dismiss before they count for "
        "reliability.",
        urgency=Urgency.DIGEST,
        link=Link("review_promises_found"),
        gap=Gap("promises_found_unreviewed", float(waiting), 0.0, ()),
    )


def review_due_at(r: ReviewFacts, settings: EngineSettings | None = None) -> datetime:
    """The next review set at the last one, else the last one plus the review interval."""
    interval = timedelta(days=resolve(settings).health.review_interval_days)
    return r.next_due_at or r.held_at + interval


def _review(for_id: RecordId, r: ReviewFacts, as_of: datetime, cfg: EngineSettings) -> Nudge | None:
    window = cfg.nudges.review_due_soon_days
    due = review_due_at(r, cfg)
    left = _days(due - as_of)
    if left > window:
        return None
    when = f"overdue by {_days_words(-left)}" if left < 0 else f"due {_day(due)}"
    how = (
        "the date set at the last one"
        if r.next_due_at
        else (f"every {cfg.health.review_interval_days:g} days")
    )
    return Nudge(
        cause=f"{NudgeKind.REVIEW_DUE}:rel:{r.relationship_id}:{due.date().isoformat()}",
        kind=NudgeKind.REVIEW_DUE,
        for_id=for_id,
        reason=f"Quality review with {r.counterpart} {when} ({how}"
        + (f"; nudged {window:g} days ahead" if left >= 0 else "")
        + "): review the agreed measures together.",
        urgency=Urgency.DIGEST,
        link=Link("record_review", (("relationship", r.relationship_id),)),
        gap=Gap("days_until_review", left, window, (r.relationship_id,)),
    )


def _signals(for_id: RecordId, s: SignalFacts, as_of: datetime, cfg: EngineSettings) -> list[Nudge]:
    found: list[Nudge] = []
    rel = (("relationship", s.relationship_id),)
    h = cfg.health
    if s.sufficient and s.band in ("amber", "red") and s.health is not None:
        cut = h.green_from if s.band == "amber" else h.amber_from
        found.append(
            Nudge(
                cause=f"{NudgeKind.HEALTH_BAND}:rel:{s.relationship_id}:{s.band}",
                kind=NudgeKind.HEALTH_BAND,
                for_id=for_id,
                reason=f"Health of the relationship with {s.counterpart} is {s.health:.0f} "
                f"({s.band}: below {cut:g}): its next actions say what would lift it.",
                urgency=Urgency.DIGEST,
                link=Link("read_relationship", rel),
                gap=Gap("health_below_band", s.health, cut, (s.relationship_id,)),
            )
        )
    if s.sufficient and s.trend == "declining" and s.delta_30 is not None:
        found.append(
            Nudge(
                cause=f"{NudgeKind.TREND_DOWN}:rel:{s.relationship_id}",
                kind=NudgeKind.TREND_DOWN,
                for_id=for_id,
                reason=f"Health with {s.counterpart} fell {-s.delta_30:.1f} points in 30 days "
                f"(moves within {h.trend_stable_points:g} count as stable): see what changed.",
                urgency=Urgency.DIGEST,
                link=Link("read_relationship", rel),
                gap=Gap(
                    "health_change_30_days",
                    s.delta_30,
                    -h.trend_stable_points,
                    (s.relationship_id,),
                ),
            )
        )
    after = cfg.nudges.answer_unseen_days
    for feedback_id, closed_at in s.answers_unseen:
        waited = _days(as_of - closed_at)
        if not after <= waited < h.loop_seen_after_days:
            continue  # too soon, or the loop now counts as closed by time
        found.append(
            Nudge(
                cause=f"{NudgeKind.ANSWER_UNSEEN}:feedback:{feedback_id}",
                kind=NudgeKind.ANSWER_UNSEEN,
                for_id=for_id,
                reason=f"{s.counterpart} has not seen what you changed because of their "
                f"feedback ({waited:.0f} days; nudged after {after:g}): tell them, or send "
                "them their link.",
                urgency=Urgency.DIGEST,
                link=Link("read_feedback", (("feedback", feedback_id),)),
                gap=Gap("days_answer_unseen", waited, after, (feedback_id,)),
            )
        )
    if s.initiatives_without_measures:
        ids = s.initiatives_without_measures
        found.append(
            Nudge(
                cause=f"{NudgeKind.MEASURES_MISSING}:rel:{s.relationship_id}:"
                + ",".join(str(i) for i in ids),
                kind=NudgeKind.MEASURES_MISSING,
                for_id=for_id,
                reason=f"{_plural(len(ids), 'piece', 'pieces')} of work with {s.counterpart} "
                f"started before its measures were agreed: agree with them how success is "
                "measured.",
                urgency=Urgency.DIGEST,
                link=Link("agree_measure", rel),
                gap=Gap("initiatives_without_measures", float(len(ids)), 0.0, sorted_ids(ids)),
            )
        )
    return found


def _blind_spot(for_id: RecordId, b: BlindSpotFacts) -> Nudge:
    what = b.component.replace("_", " ")
    return Nudge(
        cause=f"{NudgeKind.BLIND_SPOT}:unit:{b.unit_id}:{b.component}",
        kind=NudgeKind.BLIND_SPOT,
        for_id=for_id,
        reason=f"Others see {b.unit}'s {what} {b.gap:.1f} points worse than {b.unit} sees it "
        f"(a blind spot beyond {b.threshold:g}): ask them what they see.",
        urgency=Urgency.DIGEST,
        link=Link("read_unit", (("unit", b.unit_id),)),
        gap=Gap("perception_gap", b.gap, b.threshold, (b.unit_id,)),
    )


def _survey(for_id: RecordId, s: SurveyFacts, as_of: datetime, cfg: EngineSettings) -> Nudge | None:
    window = cfg.nudges.survey_ready_days
    age = _days(as_of - s.closed_at)
    if not 0 <= age <= window:
        return None
    return Nudge(
        cause=f"{NudgeKind.SURVEY_READY}:campaign:{s.campaign_id}",
        kind=NudgeKind.SURVEY_READY,
        for_id=for_id,
        reason=f"Results of “{s.title}” are ready ({_plural(s.raters, 'rater', 'raters')}, "
        f"closed {_day(s.closed_at)}): read how the other side sees you.",
        urgency=Urgency.DIGEST,
        link=Link("read_survey", (("campaign", s.campaign_id),)),
        gap=Gap("survey_results_unread", age, window, (s.campaign_id,)),
    )


def _team_overdue(
    for_id: RecordId, promises: tuple[TeamPromiseFacts, ...], as_of: datetime
) -> list[Nudge]:
    """One nudge per managed unit and week: its people's promises past due, by promisor. The
    promisors have their own nudges; the manager sees the pattern (and can help)."""
    by_unit: dict[RecordId, list[TeamPromiseFacts]] = defaultdict(list)
    for p in promises:
        if p.due_at < as_of:
            by_unit[p.unit_id].append(p)
    found = []
    for unit_id, items in by_unit.items():
        items.sort(key=lambda p: (p.due_at, str(p.promise_id)))
        counts: dict[str, int] = defaultdict(int)
        for p in items:
            counts[p.promisor] += 1
        who = ", ".join(f"{name} {n}" for name, n in sorted(counts.items(), key=lambda c: -c[1]))
        oldest = items[0]
        found.append(
            Nudge(
                cause=f"{NudgeKind.TEAM_OVERDUE}:unit:{unit_id}:{iso_week(as_of)}",
                kind=NudgeKind.TEAM_OVERDUE,
                for_id=for_id,
                reason=f"{_plural(len(items), 'promise', 'promises')} of {oldest.unit} "
                f"{'is' if len(items) == 1 else 'are'} overdue ({who}); the oldest: "
                f"“{oldest.what}”, due {_day(oldest.due_at)}. Ask what would help.",
                urgency=Urgency.DIGEST,
                link=Link("read_unit", (("unit", unit_id),)),
                gap=Gap(
                    "team_promises_overdue",
                    float(len(items)),
                    0.0,
                    sorted_ids(p.promise_id for p in items),
                ),
            )
        )
    return found


KIND_ORDER = list(NudgeKind)


def nudges(
    facts: NudgeFacts, *, as_of: datetime, settings: EngineSettings | None = None
) -> tuple[Nudge, ...]:
    """The person's nudges now: immediate first, then by kind and cause. One per cause."""
    cfg = resolve(settings)
    me = facts.for_id
    found: list[Nudge | None] = [_keep_in_touch(me, r, as_of, cfg) for r in facts.relationships]
    owed = [p for p in facts.promises if p.side is PromiseSide.OWED]
    for p in facts.promises:
        if p.side is PromiseSide.TO_KEEP:
            found.append(_promise_to_keep(me, p, as_of, cfg))
        else:
            found.append(_confirm(me, p, as_of, cfg))
    found.extend(_owed(me, owed, as_of, cfg))
    found.extend(_feedback(me, f, as_of, cfg) for f in facts.feedback)
    found.extend(_review(me, r, as_of, cfg) for r in facts.reviews)
    found.append(_promises_found(me, facts.promises_found))
    for s in facts.signals:
        found.extend(_signals(me, s, as_of, cfg))
    found.extend(_blind_spot(me, b) for b in facts.blind_spots)
    found.extend(_survey(me, s, as_of, cfg) for s in facts.surveys)
    found.extend(_team_overdue(me, facts.team_promises, as_of))
    # The same cause twice (a record gathered by two routes) is one nudge: the first found.
    unique: dict[str, Nudge] = {}
    for n in found:
        if n is not None and n.cause not in unique:
            unique[n.cause] = n
    return tuple(
        sorted(
            unique.values(),
            key=lambda n: (n.urgency is not Urgency.IMMEDIATE, KIND_ORDER.index(n.kind), n.cause),
        )
    )
