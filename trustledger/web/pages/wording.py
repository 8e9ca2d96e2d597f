"""Words for the numbers of the engine: explanation inputs, raw enum values, record kinds.

The JSON twins keep the machine keys; pages show these words beside them.
"""

from __future__ import annotations

from typing import Any

from trustledger.domain import readings
from trustledger.domain.settings import HEALTH_MEASURES

# Inputs whose key alone does not say what they are.
INPUT_WORDS = {
    "n": "number of records",
    "weighted_n": "commitments counted (weighted by strength)",
    "successes": "commitments kept (weighted)",
    "failures": "commitments not kept (weighted)",
    "prior_alpha": "prior: kept commitments assumed before any evidence",
    "prior_beta": "prior: broken commitments assumed before any evidence",
    "posterior_mean": "share kept, with the prior",
    "given": "attention given (points)",
    "received": "attention received (points)",
    "feedback_received": "feedback received",
    "answered": "answered with what changed",
    "seen_closed": "loops the other side saw closed",
    "closed_by_time": "loops not reopened within the waiting time",
    "loops_closed": "loops counted as closed",
    "loop_seen_after_days": "waiting time after our answer",
    "attention_now": "attention both ways now (points)",
    "attention_then": "attention both ways 90 days ago (points)",
    "attention_ratio": "attention now against 90 days ago (times)",
    "age_days": "age of the relationship",
    "half_life_days": "half-life",
    "window_days": "window",
    "self_rating": "self view (own members)",
    "others_mean": "others' view (mean)",
    "threshold": "threshold",
    "withdrawal_multiplier": "a withdrawal weighs this many deposits",
    "deposits": "deposits (reserve points)",
    "withdrawals": "withdrawals (reserve points)",
    "balance": "balance (reserve points)",
    "floor": "lowest balance that still absorbs a setback",
    "setback_size": "setback (a broken commitment and a surprise)",
    "thirty_days_ago": "30 days ago",
    "ninety_days_ago": "90 days ago",
    "now": "now",
    "stable_points": "smaller moves count as stable (points)",
    "trust_change": "relative change of trust",
    "dormant_floor": "attention below which it is dormant",
}

KIND_WORDS = {
    "interaction": "Interactions",
    "commitment": "Commitments",
    "feedback": "Feedback",
    "goal": "Goals",
    "decision": "Decisions",
    "review": "Quality reviews",
    "incident": "Issues",
    "reserve": "Reserve entries",
    "measure": "Agreed measures",
    "person": "People",
    "survey": "Surveys",
    "not yours": "Records you cannot open",
}

RESERVE_WORDS = {
    "kept_commitment": "kept commitment",
    "two_way_attention": "two-way contact",
    "closed_feedback_loop": "feedback loop closed",
    "broken_commitment": "broken commitment",
    "surprise": "surprise",
    "self_oriented_act": "self-oriented act",
}


def words(raw: Any) -> str:
    """A machine value in words: `in_person` → "in person"."""
    return str(raw).replace("_", " ")


def input_label(key: str) -> str:
    return INPUT_WORDS.get(key, words(key))


def input_value(key: str, value: Any, health: bool = False) -> str:
    """One input in words: days rounded to whole days, yes/no, shares of 1, enum values."""
    if value is None:
        return "none (withheld or not measured)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        if health and key in HEALTH_MEASURES:  # health's inputs: a 0–1 score per measure
            return f"{round(float(value) * 100)} of 100"
        if "days" in key or key in {"age", "days_since_review"}:
            return readings.days_in_words(float(value))
        if key.endswith("share") or key in {"reciprocity", "posterior_mean"}:
            return f"{readings.figure(float(value), 2)} of 1"
        return readings.figure(float(value), 2)
    text = str(value)
    if len(text) >= 19 and text[4:5] == "-" and text[10:11] == "T":
        return text[:10]  # an ISO timestamp: the day is what a reader needs
    return words(text)


def input_rows(inputs: dict[str, Any], health: bool = False) -> list[dict[str, Any]]:
    return [
        {"key": key, "label": input_label(key), "text": input_value(key, value, health)}
        for key, value in inputs.items()
    ]


def _pct(share: float) -> str:
    return f"{round(share * 100)}%"


def gap_words(kind: str, measured: float | None, threshold: float) -> str:
    """Why a next action is suggested, in words: "125 days since the last quality review
    (due every 90 days)". Unknown kinds fall back to "<kind> is <measured> (threshold …)"."""
    if measured is None:
        return f"{words(kind)}: nothing measured yet"
    count = round(measured)
    plural = "" if count == 1 else "s"
    says = {
        "attention_recency": lambda: (
            f"{readings.days_in_words(measured)} since the last two-way contact "
            f"(its cadence is {readings.days_in_words(threshold)})"
        ),
        "days_since_review": lambda: (
            f"{readings.days_in_words(measured)} since the last quality review "
            f"(due every {readings.days_in_words(threshold)})"
        ),
        "open_feedback_loops": lambda: f"{count} feedback loop{plural} still open",
        "disputed_outcomes": lambda: (
            f"{count} outcome{plural} the other side disputes (they do not see it as kept)"
        ),
        "good_intentions_in_our_power": lambda: (
            f"{count} open good intention{plural} that are in our power to promise"
        ),
        "agreed_measures": lambda: (
            f"{_pct(measured)} of initiatives had their measures agreed before work began "
            f"(the aim is {_pct(threshold)} of them)"
        ),
        "self_focus": lambda: (
            f"{_pct(measured)} of our interactions were on our own agenda "
            f"(more than {_pct(threshold)} of them calls for asking how we can help)"
        ),
        "undeclared_intent": lambda: (
            f"{_pct(measured)} of our asks came without a declared intent "
            f"(tolerated: {_pct(threshold)} of them)"
        ),
        "local_context_completeness": lambda: (
            f"{_pct(measured)} of their local context is filled in "
            f"(the aim is {_pct(threshold)} of it)"
        ),
    }
    if kind in says:
        return says[kind]()
    return (
        f"{words(kind)} is {readings.figure(measured, 2)} "
        f"(threshold {readings.figure(threshold, 2)})"
    )
