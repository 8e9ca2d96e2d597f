"""Every weight, threshold, half-life and band the engine uses, with its default.

Functions take `settings: EngineSettings | None = None`; None means `EngineSettings()`.
Values are checked on construction: a bad value raises ValueError naming the field.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace

from trustledger.domain.records import (
    Channel,
    CommitmentStrength,
    ReserveEventKind,
    ServiceLevel,
)


class TrustForm(enum.StrEnum):
    THREE_TERM = "three_term"  # (C + R + I) / S, the original
    FOUR_TERM = "four_term"  # (C + R + I + Ch) / S, extended with character


class HealthModel(enum.StrEnum):
    WEIGHTED = "weighted"  # weighted mean of the available measures
    WORST_OF = "worst_of"  # the weakest measure sets the score


def _require(condition: bool, name: str, message: str) -> None:
    if not condition:
        raise ValueError(f"{name}: {message}")


@dataclass(frozen=True)
class TrustSettings:
    form: TrustForm = TrustForm.FOUR_TERM
    min_raters: int = 5  # aggregates need at least k raters (anonymity; never below 3)
    interval_z: float = 1.96  # normal interval on component means

    def __post_init__(self) -> None:
        _require(self.min_raters >= 3, "trust.min_raters", "must be at least 3")
        _require(self.interval_z > 0, "trust.interval_z", "must be positive")


@dataclass(frozen=True)
class ReliabilitySettings:
    strength_weights: Mapping[CommitmentStrength, float] = field(
        default_factory=lambda: {
            CommitmentStrength.COMMITMENT: 1.0,
            CommitmentStrength.BEST_EFFORT: 0.5,
            CommitmentStrength.GOOD_INTENTION: 0.2,
        }
    )
    kept_on_time_score: float = 1.0
    renegotiated_early_score: float = 0.75
    kept_late_score: float = 0.3
    broken_score: float = 0.0
    overdue_open_score: float = 0.0  # an open commitment past due (plus grace) counts as broken
    overdue_grace_days: float = 0.0
    prior_alpha: float = 2.0
    prior_beta: float = 2.0
    credible_level: float = 0.9  # equal-tailed credible interval
    min_weighted_n: float = 3.0  # below this weighted count: "too little evidence"
    # A kept (or kept late) outcome the promisor's side claimed and the promisee's side has
    # not confirmed counts at this share of its weight; a disputed one counts as broken at it.
    claimed_weight: float = 0.5
    # A claimed kept outcome nobody objected to within this many days is confirmed by silence.
    claim_confirms_after_days: float = 14.0

    def __post_init__(self) -> None:
        for s in CommitmentStrength:
            _require(
                self.strength_weights.get(s, -1.0) >= 0,
                f"reliability.strength_weights[{s.value}]",
                "must be given and non-negative",
            )
        for name in (
            "kept_on_time_score",
            "renegotiated_early_score",
            "kept_late_score",
            "broken_score",
            "overdue_open_score",
        ):
            value = getattr(self, name)
            _require(0.0 <= value <= 1.0, f"reliability.{name}", "must be within 0–1")
        _require(self.prior_alpha > 0, "reliability.prior_alpha", "must be positive")
        _require(self.prior_beta > 0, "reliability.prior_beta", "must be positive")
        _require(0 < self.credible_level < 1, "reliability.credible_level", "must be in (0, 1)")
        _require(self.min_weighted_n >= 0, "reliability.min_weighted_n", "must be >= 0")
        _require(self.overdue_grace_days >= 0, "reliability.overdue_grace_days", "must be >= 0")
        _require(
            0.0 <= self.claimed_weight <= 1.0, "reliability.claimed_weight", "must be within 0–1"
        )
        _require(
            self.claim_confirms_after_days >= 0,
            "reliability.claim_confirms_after_days",
            "must be >= 0",
        )


@dataclass(frozen=True)
class AttentionSettings:
    half_life_days: float = 90.0
    channel_weights: Mapping[Channel, float] = field(
        default_factory=lambda: {
            Channel.EMAIL: 1.0,
            Channel.CHAT: 0.5,
            Channel.CALL: 2.0,
            Channel.MEETING: 3.0,
            Channel.IN_PERSON: 4.0,
            Channel.OTHER: 1.0,
        }
    )
    duration_reference_minutes: float = 30.0  # a 30-minute call weighs its channel weight
    duration_exponent: float = 0.5  # diminishing returns: 2 hours weigh 2x, not 4x
    max_duration_factor: float = 3.0
    max_message_recipients: int = 5  # more recipients: a broadcast
    max_meeting_size: int = 8  # more attendees: a broadcast
    broadcast_weight: float = 0.1  # share of the normal weight a broadcast still carries
    window_days: float = 90.0  # window for channel breadth and focus shares

    def __post_init__(self) -> None:
        _require(self.half_life_days > 0, "attention.half_life_days", "must be positive")
        for c in Channel:
            _require(
                self.channel_weights.get(c, -1.0) >= 0,
                f"attention.channel_weights[{c.value}]",
                "must be given and non-negative",
            )
        _require(self.duration_reference_minutes > 0, "attention.duration_reference_minutes", "> 0")
        _require(self.duration_exponent >= 0, "attention.duration_exponent", "must be >= 0")
        _require(self.max_duration_factor > 0, "attention.max_duration_factor", "must be > 0")
        _require(self.max_message_recipients >= 1, "attention.max_message_recipients", ">= 1")
        _require(self.max_meeting_size >= 2, "attention.max_meeting_size", "must be >= 2")
        _require(0 <= self.broadcast_weight <= 1, "attention.broadcast_weight", "within 0–1")
        _require(self.window_days > 0, "attention.window_days", "must be positive")


@dataclass(frozen=True)
class TransparencySettings:
    measures_before_work_weight: float = 1.0
    stakeholders_told_before_weight: float = 1.0
    issue_speed_weight: float = 1.0
    issue_half_life_days: float = 2.0  # an issue that takes this long scores half on speed
    min_records: int = 3  # fewer initiatives + decisions + issues: "too little evidence"

    def __post_init__(self) -> None:
        for name in (
            "measures_before_work_weight",
            "stakeholders_told_before_weight",
            "issue_speed_weight",
        ):
            _require(getattr(self, name) >= 0, f"transparency.{name}", "must be >= 0")
        _require(self.issue_half_life_days > 0, "transparency.issue_half_life_days", "> 0")


@dataclass(frozen=True)
class PerceptionSettings:
    blind_spot_threshold: float = 2.0  # points on the 1–10 scale
    min_other_raters: int = 5  # anonymity: others' mean only over at least k raters

    def __post_init__(self) -> None:
        _require(self.blind_spot_threshold > 0, "perception.blind_spot_threshold", "> 0")
        _require(self.min_other_raters >= 3, "perception.min_other_raters", "at least 3")


@dataclass(frozen=True)
class ServiceSettings:
    indicator_share: float = 0.5  # share of a level's signals present for it to qualify
    senior_referral_level: ServiceLevel = ServiceLevel.CONSULTANT
    peer_referral_level: ServiceLevel = ServiceLevel.PROBLEM_SOLVER

    def __post_init__(self) -> None:
        _require(0 < self.indicator_share <= 1, "service.indicator_share", "within (0, 1]")


@dataclass(frozen=True)
class ReserveSettings:
    deposit_amounts: Mapping[ReserveEventKind, float] = field(
        default_factory=lambda: {kind: 1.0 for kind in ReserveEventKind}
    )
    withdrawal_multiplier: float = 2.5  # withdrawals weigh this much more than deposits
    half_life_days: float = 180.0  # the balance drifts back toward 0
    absorb_floor: float = 0.0  # a setback is absorbed if the balance stays at or above this

    def __post_init__(self) -> None:
        for kind in ReserveEventKind:
            _require(
                self.deposit_amounts.get(kind, -1.0) >= 0,
                f"reserve.deposit_amounts[{kind.value}]",
                "must be given and non-negative",
            )
        _require(self.withdrawal_multiplier >= 1, "reserve.withdrawal_multiplier", ">= 1")
        _require(self.half_life_days > 0, "reserve.half_life_days", "must be positive")


HEALTH_MEASURES = (
    "trust",
    "reliability",
    "attention_recency",
    "reciprocity",
    "channel_breadth",
    "agreed_measures",
    "reviews_up_to_date",
    "feedback_closure",
)


@dataclass(frozen=True)
class HealthSettings:
    model: HealthModel = HealthModel.WEIGHTED
    weights: Mapping[str, float] = field(
        default_factory=lambda: {
            "trust": 3.0,
            "reliability": 3.0,
            "attention_recency": 2.0,
            "reciprocity": 2.0,
            "channel_breadth": 1.0,
            "agreed_measures": 1.0,
            "reviews_up_to_date": 1.0,
            "feedback_closure": 1.0,
        }
    )
    green_from: float = 70.0
    amber_from: float = 40.0
    cadence_days: Mapping[ServiceLevel, float] = field(
        default_factory=lambda: {
            ServiceLevel.VENDOR: 90.0,
            ServiceLevel.PROBLEM_SOLVER: 60.0,
            ServiceLevel.CONSULTANT: 30.0,
            ServiceLevel.PARTNER: 21.0,
            ServiceLevel.TRUSTED_ADVISOR: 14.0,
        }
    )
    target_channels: int = 3  # this many channels in the window scores full breadth
    review_interval_days: float = 90.0  # quality reviews are due this often
    # An answered feedback loop counts as closed once the other side has seen it closed, or
    # this many days after our answer if they did not reopen it.
    loop_seen_after_days: float = 14.0
    trend_stable_points: float = 5.0  # smaller moves are "stable"

    def __post_init__(self) -> None:
        for name in HEALTH_MEASURES:
            _require(self.weights.get(name, -1.0) >= 0, f"health.weights[{name}]", ">= 0")
        unknown = sorted(set(self.weights) - set(HEALTH_MEASURES))
        _require(not unknown, "health.weights", f"unknown measures {unknown}")
        _require(
            0 <= self.amber_from <= self.green_from <= 100,
            "health.amber_from/green_from",
            "need 0 <= amber_from <= green_from <= 100",
        )
        for level in ServiceLevel:
            _require(self.cadence_days.get(level, 0.0) > 0, f"health.cadence_days[{level}]", "> 0")
        _require(self.target_channels >= 1, "health.target_channels", "must be >= 1")
        _require(self.review_interval_days > 0, "health.review_interval_days", "> 0")
        _require(self.loop_seen_after_days >= 0, "health.loop_seen_after_days", ">= 0")
        _require(self.trend_stable_points >= 0, "health.trend_stable_points", ">= 0")


@dataclass(frozen=True)
class CycleSettings:
    forming_days: float = 90.0  # younger relationships are forming
    dormant_floor: float = 0.5  # attention (both ways) below this: dormant
    growth_ratio: float = 1.25  # attention now / 90 days ago at or above: growing
    decline_ratio: float = 0.75  # at or below: declining
    trust_change: float = 0.1  # relative trust change that counts as a trend

    def __post_init__(self) -> None:
        _require(self.forming_days >= 0, "cycle.forming_days", "must be >= 0")
        _require(self.dormant_floor >= 0, "cycle.dormant_floor", "must be >= 0")
        _require(
            0 < self.decline_ratio < 1 < self.growth_ratio, "cycle.ratios", "0<decline<1<growth"
        )
        _require(self.trust_change > 0, "cycle.trust_change", "must be positive")


@dataclass(frozen=True)
class ActionSettings:
    self_focus_threshold: float = 0.5  # share of our-agenda interactions that triggers "help"
    undeclared_intent_threshold: float = 0.0  # share of asks without declared intent tolerated
    context_completeness_threshold: float = 0.7
    escalate_after_cadences: float = 2.0  # reach-out becomes high priority past this many
    # A member trusted this many points (on 0.4–40) more than their team: the team gap.
    team_gap_threshold: float = 1.0
    team_gap_high_priority: float = 3.0  # a gap this large makes it a high-priority action
    # Levels apart (ours vs theirs) that make the level gap a high-priority action.
    level_gap_high_priority: int = 2

    def __post_init__(self) -> None:
        _require(0 <= self.self_focus_threshold <= 1, "actions.self_focus_threshold", "0–1")
        _require(
            0 <= self.undeclared_intent_threshold <= 1, "actions.undeclared_intent_threshold", "0–1"
        )
        _require(
            0 <= self.context_completeness_threshold <= 1,
            "actions.context_completeness_threshold",
            "within 0–1",
        )
        _require(self.escalate_after_cadences >= 1, "actions.escalate_after_cadences", ">= 1")
        _require(self.level_gap_high_priority >= 1, "actions.level_gap_high_priority", ">= 1")
        _require(self.team_gap_threshold > 0, "actions.team_gap_threshold", "must be positive")
        _require(
            self.team_gap_high_priority >= self.team_gap_threshold,
            "actions.team_gap_high_priority",
            "must be >= team_gap_threshold",
        )


@dataclass(frozen=True)
class NudgeSettings:
    """When a gap becomes a nudge (domain/nudges.py). The contact cadence per service level is
    `health.cadence_days` (one setting for next actions, health and nudges); a relationship's
    own cadence, where someone set one, wins over it."""

    promise_due_soon_days: float = 7.0  # an open promise due within this many days
    immediate_due_days: float = 1.0  # due within this: it cannot wait for the digest
    feedback_unanswered_days: float = 7.0  # feedback with no answer after this many days
    dispute_recent_days: float = 30.0  # a dispute nudges the promisor for this long
    review_due_soon_days: float = 14.0  # a quality review due within this many days
    answer_unseen_days: float = 3.0  # a closed loop the other side has not seen after this
    survey_ready_days: float = 14.0  # survey results nudge for this long after closing

    def __post_init__(self) -> None:
        _require(self.promise_due_soon_days >= 0, "nudges.promise_due_soon_days", ">= 0")
        _require(
            0 <= self.immediate_due_days <= self.promise_due_soon_days,
            "nudges.immediate_due_days",
            "must be within 0 and promise_due_soon_days",
        )
        _require(self.feedback_unanswered_days >= 0, "nudges.feedback_unanswered_days", ">= 0")
        _require(self.dispute_recent_days > 0, "nudges.dispute_recent_days", "must be positive")
        _require(self.review_due_soon_days >= 0, "nudges.review_due_soon_days", ">= 0")
        _require(self.answer_unseen_days >= 0, "nudges.answer_unseen_days", ">= 0")
        _require(self.survey_ready_days > 0, "nudges.survey_ready_days", "must be positive")


@dataclass(frozen=True)
class BandCuts:
    """Where a score on one scale moves from one band in words to the next (poor < fair <
    good < strong). For a lower-is-better scale the cuts are read downwards."""

    fair_from: float
    good_from: float
    strong_from: float

    def check(self, name: str, lower_is_better: bool = False) -> None:
        cuts = (self.fair_from, self.good_from, self.strong_from)
        ordered = (
            cuts[0] >= cuts[1] >= cuts[2] if lower_is_better else cuts[0] <= cuts[1] <= cuts[2]
        )
        _require(ordered, f"bands.{name}", "cuts must run fair_from, good_from, strong_from")


@dataclass(frozen=True)
class BandSettings:
    """The bands in words a page shows beside a score ("4.78 on 0.4–40 · fair")."""

    trust: BandCuts = BandCuts(2.5, 7.0, 15.0)  # trust equation, 0.4–40
    rating: BandCuts = BandCuts(4.0, 6.5, 8.5)  # a 1–10 rating or evidence score
    self_orientation: BandCuts = BandCuts(7.0, 4.5, 2.5)  # 1–10, lower is better
    share: BandCuts = BandCuts(0.3, 0.6, 0.85)  # 0–1 shares where more is better
    gap_notable: float = 1.0  # a perception gap this wide gets a sentence; wider than the
    # blind-spot threshold (PerceptionSettings) it is called a blind spot

    def __post_init__(self) -> None:
        self.trust.check("trust")
        self.rating.check("rating")
        self.self_orientation.check("self_orientation", lower_is_better=True)
        self.share.check("share")
        _require(self.gap_notable >= 0, "bands.gap_notable", "must be >= 0")


@dataclass(frozen=True)
class EngineSettings:
    trust: TrustSettings = field(default_factory=TrustSettings)
    reliability: ReliabilitySettings = field(default_factory=ReliabilitySettings)
    attention: AttentionSettings = field(default_factory=AttentionSettings)
    transparency: TransparencySettings = field(default_factory=TransparencySettings)
    perception: PerceptionSettings = field(default_factory=PerceptionSettings)
    service: ServiceSettings = field(default_factory=ServiceSettings)
    reserve: ReserveSettings = field(default_factory=ReserveSettings)
    health: HealthSettings = field(default_factory=HealthSettings)
    cycle: CycleSettings = field(default_factory=CycleSettings)
    actions: ActionSettings = field(default_factory=ActionSettings)
    bands: BandSettings = field(default_factory=BandSettings)
    nudges: NudgeSettings = field(default_factory=NudgeSettings)


DEFAULT_SETTINGS = EngineSettings()


def resolve(settings: EngineSettings | None) -> EngineSettings:
    return DEFAULT_SETTINGS if settings is None else settings


# --- Stored overrides: dotted names ↔ EngineSettings -------------------------------------------
#
# A stored change names one leaf by a dotted name: `attention.half_life_days`,
# `attention.channel_weights.email`, `health.cadence_days.partner`, `bands.trust.good_from`.
# Mapping keys are an enum's value (a StrEnum) or its lower-case name (an IntEnum).

Value = float | int | str


class SettingsError(ValueError):
    """A stored or proposed value the core refuses; `field` is the dotted name."""

    def __init__(self, field_name: str, message: str) -> None:
        if message[:1] in "<>=" or message.startswith(("within", "at least")):
            message = f"must be {message}"
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.reason = message


def _key_name(key: object) -> str:
    if isinstance(key, enum.IntEnum):
        return key.name.lower()
    if isinstance(key, enum.Enum):
        return str(key.value)
    return str(key)


def flatten(settings: EngineSettings) -> dict[str, Value]:
    """Every leaf of the settings by its dotted name (enums by value)."""
    flat: dict[str, Value] = {}
    for section in fields(settings):
        part = getattr(settings, section.name)
        for f in fields(part):
            value = getattr(part, f.name)
            name = f"{section.name}.{f.name}"
            if isinstance(value, Mapping):
                for key, item in value.items():
                    flat[f"{name}.{_key_name(key)}"] = item
            elif isinstance(value, BandCuts):
                for cut in fields(value):
                    flat[f"{name}.{cut.name}"] = getattr(value, cut.name)
            elif isinstance(value, enum.IntEnum):
                flat[name] = value.name.lower()
            elif isinstance(value, enum.Enum):
                flat[name] = str(value.value)
            else:
                flat[name] = value
    return flat


def _coerce(name: str, default: object, raw: object) -> object:
    """`raw` as the type of `default`; a SettingsError naming the field otherwise."""
    if isinstance(default, enum.Enum):
        for member in type(default):
            if raw == _key_name(member) or raw == member.value:
                return member
        allowed = ", ".join(_key_name(m) for m in type(default))
        raise SettingsError(name, f"must be one of {allowed}")
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise SettingsError(name, "must be a number")
    if raw != raw or raw in (float("inf"), float("-inf")):
        raise SettingsError(name, "must be a finite number")
    if isinstance(default, int):
        if float(raw) != int(raw):
            raise SettingsError(name, "must be a whole number")
        return int(raw)
    return float(raw)


def _normalized(message_name: str) -> str:
    # The checks name mapping entries `x.y[key]`; stored names are `x.y.key`.
    name = message_name.replace("[", ".").replace("]", "")
    for level in ServiceLevel:
        name = name.replace(f".{level!s}", f".{level.name.lower()}")
    return name


def from_overrides(overrides: Mapping[str, object]) -> EngineSettings:
    """The defaults with `overrides` (dotted name → value) applied, checked by the same rules
    as any EngineSettings. An unknown name or a refused value raises SettingsError naming it."""
    defaults = flatten(DEFAULT_SETTINGS)
    by_section: dict[str, dict[str, object]] = {}
    for name, raw in overrides.items():
        if name not in defaults:
            raise SettingsError(name, "not a setting")
        by_section.setdefault(name.split(".", 1)[0], {})[name] = raw
    sections: dict[str, object] = {}
    for section in fields(DEFAULT_SETTINGS):
        part = getattr(DEFAULT_SETTINGS, section.name)
        changed = by_section.get(section.name)
        if not changed:
            sections[section.name] = part
            continue
        kwargs: dict[str, object] = {}
        for f in fields(part):
            value = getattr(part, f.name)
            prefix = f"{section.name}.{f.name}"
            if isinstance(value, Mapping):
                kwargs[f.name] = {
                    key: _coerce(f"{prefix}.{_key_name(key)}", item, changed[n])
                    if (n := f"{prefix}.{_key_name(key)}") in changed
                    else item
                    for key, item in value.items()
                }
            elif isinstance(value, BandCuts):
                kwargs[f.name] = BandCuts(
                    **{  # type: ignore[arg-type]
                        c.name: _coerce(f"{prefix}.{c.name}", getattr(value, c.name), changed[n])
                        if (n := f"{prefix}.{c.name}") in changed
                        else getattr(value, c.name)
                        for c in fields(value)
                    }
                )
            elif prefix in changed:
                kwargs[f.name] = _coerce(prefix, value, changed[prefix])
        try:
            sections[section.name] = replace(part, **kwargs)
        except SettingsError:
            raise
        except ValueError as error:
            message_name, _, reason = str(error).partition(": ")
            raise SettingsError(_normalized(message_name), reason) from None
    return EngineSettings(**sections)  # type: ignore[arg-type]


def overrides_of(settings: EngineSettings) -> dict[str, Value]:
    """Only what differs from the defaults, by dotted name."""
    defaults = flatten(DEFAULT_SETTINGS)
    return {k: v for k, v in flatten(settings).items() if defaults[k] != v}
