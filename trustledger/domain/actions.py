"""Next actions: rules that turn a relationship's gaps into concrete steps."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from trustledger.domain.assessment import RelationshipMeasures, measure_relationship
from trustledger.domain.context import local_context_completeness
from trustledger.domain.explanation import (
    EvidenceState,
    Explained,
    Explanation,
    RecordId,
    sorted_ids,
)
from trustledger.domain.level_views import gap_step, level_views
from trustledger.domain.records import (
    CommitmentState,
    CommitmentStrength,
    Confirmation,
    RelationshipEvidence,
    ServiceLevel,
)
from trustledger.domain.reliability import Outcome, outcome_as_of
from trustledger.domain.settings import EngineSettings, resolve
from trustledger.domain.team import TeamGap


class ActionKind(enum.StrEnum):
    REACH_OUT = "reach_out"
    CLOSE_FEEDBACK_LOOP = "close_feedback_loop"
    ANSWER_DISPUTE = "answer_dispute"
    AGREE_MEASURES = "agree_measures"
    ASK_HOW_CAN_I_HELP = "ask_how_can_i_help"
    DECLARE_INTENT = "declare_intent"
    SCHEDULE_REVIEW = "schedule_review"
    CONVERT_GOOD_INTENTION = "convert_good_intention"
    FILL_LOCAL_CONTEXT = "fill_local_context"
    SHARE_MEMBERS_TRUST = "share_members_trust"
    CLOSE_LEVEL_GAP = "close_level_gap"


class Priority(enum.IntEnum):
    HIGH = 1
    MEDIUM = 2
    LOW = 3


@dataclass(frozen=True)
class Gap(Explained):
    """What triggered an action: the measured value against its threshold."""

    kind: str
    measured: float | None
    threshold: float
    record_ids: tuple[RecordId, ...]


@dataclass(frozen=True)
class NextAction(Explained):
    kind: ActionKind
    step: str
    priority: Priority
    gap: Gap
    explanation: Explanation


def _action(kind: ActionKind, step: str, priority: Priority, gap: Gap, rule: str) -> NextAction:
    return NextAction(
        kind=kind,
        step=step,
        priority=priority,
        gap=gap,
        explanation=Explanation(
            formula=rule,
            inputs={"measured": gap.measured, "threshold": gap.threshold},
            n=len(gap.record_ids),
            evidence=EvidenceState.SUFFICIENT,
            record_ids=gap.record_ids,
        ),
    )


def next_actions(
    evidence: RelationshipEvidence,
    *,
    as_of: datetime,
    level: ServiceLevel,
    settings: EngineSettings | None = None,
    measures: RelationshipMeasures | None = None,
) -> tuple[NextAction, ...]:
    """Actions sorted by priority, then kind. Each carries the gap that triggered it.
    `measures`: `measure_relationship` of the same evidence, time and settings, if known."""
    cfg = resolve(settings)
    rules = cfg.actions
    m = measures or measure_relationship(evidence, as_of=as_of, settings=settings)
    att = m.attention
    actions: list[NextAction] = []

    cadence = cfg.health.cadence_days[level]
    days = m.days_since_contact
    if days is not None and days > cadence:
        urgent = days > rules.escalate_after_cadences * cadence
        actions.append(
            _action(
                ActionKind.REACH_OUT,
                f"Reach out: {days:.0f} days since the last two-way contact; "
                f"a {level.name.lower().replace('_', ' ')} needs contact every {cadence:g} days.",
                Priority.HIGH if urgent else Priority.MEDIUM,
                Gap(
                    "attention_recency",
                    days,
                    cadence,
                    () if att.last_two_way_contact_id is None else (att.last_two_way_contact_id,),
                ),
                "days since last two-way contact > cadence for the level",
            )
        )
    if m.feedback.open_ids:
        actions.append(
            _action(
                ActionKind.CLOSE_FEEDBACK_LOOP,
                "Close the feedback loop: tell them what changed because of their feedback.",
                Priority.HIGH,
                Gap(
                    "open_feedback_loops", float(len(m.feedback.open_ids)), 0.0, m.feedback.open_ids
                ),
                "open feedback loops > 0",
            )
        )
    disputed = sorted_ids(
        c.id
        for c in evidence.commitments
        if c.confirmation is Confirmation.DISPUTED
        and c.confirmation_at is not None
        and c.confirmation_at <= as_of
    )
    if disputed:
        actions.append(
            _action(
                ActionKind.ANSWER_DISPUTE,
                "Answer their dispute: they do not see this promise as kept. Talk it through "
                "and ask them to confirm the outcome they see.",
                Priority.HIGH,
                Gap("disputed_outcomes", float(len(disputed)), 0.0, disputed),
                "outcomes the promisee's side disputes > 0",
            )
        )
    # Measures agreed late still count against transparency (`agreed_measures_share`), but
    # once agreed there is nothing left to do: the step asks only for work with none at all.
    unmeasured = sorted_ids(
        i.id
        for i in evidence.initiatives
        if i.started_at <= as_of and (i.measures_agreed_at is None or i.measures_agreed_at > as_of)
    )
    if unmeasured:
        share = m.agreed_measures_share
        actions.append(
            _action(
                ActionKind.AGREE_MEASURES,
                "Agree with them how success will be measured before more work is done.",
                Priority.HIGH,
                Gap("agreed_measures", share, 1.0, unmeasured),
                "initiatives started with no measures agreed yet",
            )
        )
    focus = att.self_focus_share
    if focus.value is not None and focus.value > rules.self_focus_threshold:
        actions.append(
            _action(
                ActionKind.ASK_HOW_CAN_I_HELP,
                'Ask "how can I help?" and follow their agenda: most of our contact is about us.',
                Priority.MEDIUM,
                Gap(
                    "self_focus",
                    focus.value,
                    rules.self_focus_threshold,
                    focus.explanation.record_ids,
                ),
                "share of our-agenda interactions > self_focus_threshold",
            )
        )
    undeclared = att.undeclared_intent_share
    if undeclared.value is not None and undeclared.value > rules.undeclared_intent_threshold:
        actions.append(
            _action(
                ActionKind.DECLARE_INTENT,
                "Declare your intent before you ask for something.",
                Priority.MEDIUM,
                Gap(
                    "undeclared_intent",
                    undeclared.value,
                    rules.undeclared_intent_threshold,
                    undeclared.explanation.record_ids,
                ),
                "share of requests without declared intent > undeclared_intent_threshold",
            )
        )
    has_work = any(i.started_at <= as_of for i in evidence.initiatives)
    if m.reviews.overdue and (has_work or m.reviews.last_review_at is not None):
        actions.append(
            _action(
                ActionKind.SCHEDULE_REVIEW,
                "Schedule a quality review of the agreed measures with them.",
                Priority.MEDIUM,
                Gap(
                    "days_since_review",
                    m.reviews.days_since,
                    cfg.health.review_interval_days,
                    m.reviews.explanation.record_ids,
                ),
                "no review yet, or days since the last > review_interval_days",
            )
        )
    convertible = sorted_ids(
        c.id
        for c in evidence.commitments
        if c.made_at <= as_of
        and c.strength is CommitmentStrength.GOOD_INTENTION
        and c.in_our_power is True
        and c.state in (CommitmentState.OPEN, CommitmentState.RENEGOTIATED)
        and outcome_as_of(c, as_of, cfg.reliability)[0] in (Outcome.PENDING, Outcome.OVERDUE)
    )
    if convertible:
        actions.append(
            _action(
                ActionKind.CONVERT_GOOD_INTENTION,
                "This good intention is in our power: make it a commitment with a date.",
                Priority.LOW,
                Gap("good_intentions_in_our_power", float(len(convertible)), 0.0, convertible),
                "open good intentions marked in our power > 0",
            )
        )
    context = local_context_completeness(evidence.local_contexts)
    share = context.share if context.share is not None else 0.0
    if share < rules.context_completeness_threshold:
        actions.append(
            _action(
                ActionKind.FILL_LOCAL_CONTEXT,
                "Learn their local context: role, concerns, culture, language, time zone, "
                "channels they prefer, and their script: what is important to them, what "
                "they want to happen next, what a bad outcome would be.",
                Priority.LOW,
                Gap(
                    "local_context_completeness",
                    share,
                    rules.context_completeness_threshold,
                    context.explanation.record_ids,
                ),
                "local context completeness < context_completeness_threshold",
            )
        )
    views = level_views(evidence.level_statements, as_of=as_of)
    step = gap_step(views)
    if step is not None and views.gap is not None:
        actions.append(
            _action(
                ActionKind.CLOSE_LEVEL_GAP,
                step,
                Priority.HIGH
                if abs(views.gap) >= rules.level_gap_high_priority
                else Priority.MEDIUM,
                Gap("level_gap", float(views.gap), 0.0, views.explanation.record_ids),
                "level we state ≠ level they state",
            )
        )
    order = list(ActionKind)
    return tuple(sorted(actions, key=lambda a: (a.priority, order.index(a.kind))))


def team_actions(gap: TeamGap, settings: EngineSettings | None = None) -> tuple[NextAction, ...]:
    """The unit's next actions. Members trusted more than their team: the trust is in the
    people, not in how the team works, so make the team's work as visible and dependable as
    theirs (gap ≥ `actions.team_gap_threshold`; high priority from `team_gap_high_priority`)."""
    rules = resolve(settings).actions
    if not gap.above or gap.largest is None:
        return ()
    count = len(gap.above)
    who = "one member" if count == 1 else f"{count} members"
    return (
        _action(
            ActionKind.SHARE_MEMBERS_TRUST,
            f"People trust {who} more than the team: bring the team into the work they are "
            "trusted for — let the team make and keep the promises, tell stakeholders before "
            "decisions, and review agreed measures together.",
            Priority.HIGH if gap.largest >= rules.team_gap_high_priority else Priority.MEDIUM,
            Gap("team_gap", gap.largest, gap.threshold, gap.above),
            "a member's trust − the team's organizational trust >= team_gap_threshold",
        ),
    )
