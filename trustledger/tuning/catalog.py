"""The settings a team may tune, grouped, each with its meaning in plain words and its range.

The names are the core's dotted names (`trustledger.domain.settings.flatten`); the default
and the checks come from the core. A range here bounds what the page accepts on top of the
core's own rules (a half-life of a million days passes the core but is a typing slip).
"""

from __future__ import annotations

from dataclasses import dataclass

from trustledger.domain.settings import DEFAULT_SETTINGS, flatten

DEFAULTS = flatten(DEFAULT_SETTINGS)


@dataclass(frozen=True)
class Setting:
    name: str
    label: str
    meaning: str
    low: float | None = None  # None: a choice, not a number
    high: float | None = None
    unit: str = ""
    whole: bool = False
    choices: tuple[str, ...] = ()

    @property
    def default(self) -> float | int | str:
        return DEFAULTS[self.name]

    @property
    def range_text(self) -> str:
        if self.choices:
            return " or ".join(self.choices)
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.low:g} to {self.high:g}{unit}"


@dataclass(frozen=True)
class Group:
    slug: str
    title: str
    about: str
    settings: tuple[Setting, ...]


CHANNELS = (
    ("email", "E-mail"),
    ("chat", "Chat"),
    ("call", "Call"),
    ("meeting", "Meeting"),
    ("in_person", "In person"),
    ("other", "Other"),
)
LEVELS = (
    ("vendor", "Vendor"),
    ("problem_solver", "Problem solver"),
    ("consultant", "Consultant"),
    ("partner", "Partner"),
    ("trusted_advisor", "Trusted advisor"),
)
STRENGTHS = (
    ("commitment", "Commitment (“it will be done”)"),
    ("best_effort", "Best effort (“I will do my best”)"),
    ("good_intention", "Good intention (“I will try”)"),
)
HEALTH = (
    ("trust", "Trust"),
    ("reliability", "Reliability"),
    ("attention_recency", "Recent attention"),
    ("reciprocity", "Reciprocity"),
    ("channel_breadth", "Channel breadth"),
    ("agreed_measures", "Agreed measures"),
    ("reviews_up_to_date", "Reviews up to date"),
    ("feedback_closure", "Feedback loops closed"),
)
BAND_SCALES = (
    ("trust", "Trust (0.4–40)", 0.4, 40.0),
    ("rating", "Ratings and evidence scores (1–10)", 0.0, 10.0),
    ("self_orientation", "Self-orientation (1–10, lower is better)", 0.0, 10.0),
    ("share", "Shares (0–1)", 0.0, 1.0),
)
CUTS = (("fair_from", "fair"), ("good_from", "good"), ("strong_from", "strong"))
DAYS = "days"

GROUPS: tuple[Group, ...] = (
    Group(
        "attention",
        "Attention",
        "How much an interaction counts and how fast it fades.",
        (
            Setting(
                "attention.half_life_days",
                "Half-life of attention",
                "After this many days an interaction counts half as much as on its day.",
                1,
                3650,
                DAYS,
            ),
            *(
                Setting(
                    f"attention.channel_weights.{key}",
                    f"Weight of {label.lower()}",
                    f"How much one {label.lower()} interaction counts (an e-mail counts 1).",
                    0,
                    20,
                )
                for key, label in CHANNELS
            ),
            Setting(
                "attention.window_days",
                "Window for channel breadth and focus",
                "Channel breadth and focus shares look at this many days back.",
                1,
                3650,
                DAYS,
            ),
        ),
    ),
    Group(
        "meaningful",
        "Meaningful interaction",
        "When a message or a meeting is a broadcast to an audience rather than a conversation.",
        (
            Setting(
                "attention.max_message_recipients",
                "Most recipients of a message",
                "A message to more people than this is a broadcast.",
                1,
                1000,
                "people",
                whole=True,
            ),
            Setting(
                "attention.max_meeting_size",
                "Largest meeting",
                "A meeting or call with more people than this (everyone counted) is a broadcast.",
                2,
                1000,
                "people",
                whole=True,
            ),
            Setting(
                "attention.broadcast_weight",
                "What a broadcast still counts",
                "The share of its normal weight a broadcast keeps (0: nothing, 1: all).",
                0,
                1,
            ),
        ),
    ),
    Group(
        "cadence",
        "Contact cadence per service level",
        "How often we should be in touch, by the level the other side sees us at. Next "
        "actions, health and nudges use it; a relationship's own cadence wins over it.",
        tuple(
            Setting(
                f"health.cadence_days.{key}",
                f"Cadence for a {label.lower()}",
                f"Reach out at least every this many days where they see us as a {label.lower()}.",
                1,
                365,
                DAYS,
            )
            for key, label in LEVELS
        ),
    ),
    Group(
        "reliability",
        "Reliability",
        "How promises count towards reliability.",
        (
            *(
                Setting(
                    f"reliability.strength_weights.{key}",
                    f"Weight of a {label}",
                    "How much one promise of this strength counts (0: not at all).",
                    0,
                    10,
                )
                for key, label in STRENGTHS
            ),
            Setting(
                "reliability.claimed_weight",
                "Weight of a claimed, unconfirmed outcome",
                "A kept promise our side claimed and theirs has not confirmed counts at this "
                "share of its weight (1: as if confirmed).",
                0,
                1,
            ),
            Setting(
                "reliability.claim_confirms_after_days",
                "Silence confirms after",
                "A claimed kept promise nobody disputed within this many days counts as confirmed.",
                0,
                365,
                DAYS,
            ),
            Setting(
                "reliability.overdue_grace_days",
                "Grace before an open promise counts as broken",
                "An open promise this many days past its due date counts as broken.",
                0,
                365,
                DAYS,
            ),
        ),
    ),
    Group(
        "health",
        "Relationship health",
        "How the health score (0–100) weighs its measures, and where its colours change.",
        (
            *(
                Setting(
                    f"health.weights.{key}",
                    f"Weight of {label.lower()}",
                    "How much this measure counts in the health score (0: left out).",
                    0,
                    10,
                )
                for key, label in HEALTH
            ),
            Setting(
                "health.green_from",
                "Green from",
                "A health score at or above this is green.",
                0,
                100,
                "points",
            ),
            Setting(
                "health.amber_from",
                "Amber from",
                "A health score at or above this (and below green) is amber; below it, red.",
                0,
                100,
                "points",
            ),
            Setting(
                "health.review_interval_days",
                "Quality reviews due every",
                "A quality review is due this many days after the last one.",
                1,
                730,
                DAYS,
            ),
        ),
    ),
    Group(
        "bands",
        "Score bands in words",
        "Where a score moves from poor to fair, good and strong (the words beside a number).",
        (
            *(
                Setting(
                    f"bands.{scale}.{cut}",
                    f"{title}: {word} from",
                    f"A score from here is called {word}"
                    + (
                        " (lower is better: read downwards)."
                        if scale == "self_orientation"
                        else "."
                    )
                    + "",
                    low,
                    high,
                )
                for scale, title, low, high in BAND_SCALES
                for cut, word in CUTS
            ),
            Setting(
                "bands.gap_notable",
                "A perception gap worth a sentence",
                "A gap between how we see ourselves and how others see us this wide is pointed out.",
                0,
                10,
                "points",
            ),
        ),
    ),
    Group(
        "nudges",
        "Nudges",
        "When something becomes a nudge in the notification centre and the digest.",
        (
            Setting(
                "nudges.promise_due_soon_days",
                "Promise due soon",
                "An open promise due within this many days is a nudge.",
                0,
                90,
                DAYS,
            ),
            Setting(
                "nudges.immediate_due_days",
                "Cannot wait for the digest",
                "A promise due within this many days is sent at once (at most “due soon”).",
                0,
                90,
                DAYS,
            ),
            Setting(
                "nudges.feedback_unanswered_days",
                "Feedback unanswered after",
                "Feedback still unanswered after this many days is a nudge.",
                0,
                90,
                DAYS,
            ),
            Setting(
                "nudges.dispute_recent_days",
                "A dispute nudges for",
                "A disputed promise nudges its promisor for this many days.",
                1,
                365,
                DAYS,
            ),
            Setting(
                "nudges.review_due_soon_days",
                "Review due soon",
                "A quality review due within this many days is a nudge.",
                0,
                90,
                DAYS,
            ),
            Setting(
                "nudges.answer_unseen_days",
                "Answer unseen after",
                "A closed feedback loop the other side has not seen after this many days.",
                0,
                90,
                DAYS,
            ),
            Setting(
                "nudges.survey_ready_days",
                "Survey results nudge for",
                "Survey results are a nudge for this many days after the survey closes.",
                1,
                90,
                DAYS,
            ),
        ),
    ),
    Group(
        "anonymity",
        "Anonymity",
        "Survey answers are only shown as aggregates over at least k raters; k is never "
        "below 3, nor below the server's floor (TRUSTLEDGER_SURVEY_MIN_RATERS).",
        (
            Setting(
                "trust.min_raters",
                "Anonymity threshold k",
                "Survey trust is shown only when at least this many people rated.",
                3,
                1000,
                "raters",
                whole=True,
            ),
            Setting(
                "perception.min_other_raters",
                "Others needed for a perception gap",
                "How others see someone is shown beside their own view only over at least "
                "this many other raters.",
                3,
                1000,
                "raters",
                whole=True,
            ),
        ),
    ),
)

BY_NAME: dict[str, Setting] = {s.name: s for g in GROUPS for s in g.settings}
GROUP_OF: dict[str, Group] = {s.name: g for g in GROUPS for s in g.settings}
ANONYMITY = ("trust.min_raters", "perception.min_other_raters")
