"""The strength of the writer's own promise in one sentence, and the words behind it.

Four readings, as the label guide (docs/language.md) defines them: a commitment (an unhedged
first-person future action in the writer's control), a best effort (the same, hedged by effort
or capacity), a good intention (a wish, plan or hope to act, without a promise) and none.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class Strength(enum.StrEnum):
    COMMITMENT = "commitment"
    BEST_EFFORT = "best_effort"
    GOOD_INTENTION = "good_intention"
    NONE = "none"

    @property
    def words(self) -> str:
        return {
            Strength.COMMITMENT: "a commitment",
            Strength.BEST_EFFORT: "a best effort",
            Strength.GOOD_INTENTION: "a good intention",
            Strength.NONE: "not a promise",
        }[self]


@dataclass(frozen=True)
class Cue:
    """Words in the sentence that moved the reading, and which way."""

    words: str
    start: int
    end: int
    effect: str  # e.g. "first-person future action", "hedged by effort", "not an action"


@dataclass(frozen=True)
class Reading:
    sentence: str
    strength: Strength
    cues: tuple[Cue, ...] = ()

    @property
    def is_promise(self) -> bool:
        return self.strength is not Strength.NONE

    @property
    def explanation(self) -> str:
        if not self.cues:
            return f"Reads as {self.strength.words}: no first-person promise found."
        said = "; ".join(f"“{c.words}” ({c.effect})" for c in self.cues)
        return f"Reads as {self.strength.words}: {said}."


_HEDGE = re.compile(
    r"\b(try|attempt|do (?:my|our) best|best effort|should be able|as soon as (?:i|we) can|"
    r"see what (?:i|we) can)\b",
    re.I,
)
_INTENT = re.compile(
    r"\b(hope|plan|intend|would like|'d like|want to|probably|perhaps|may be able|might)\b", re.I
)
_WILL = re.compile(r"\b(i|we)(?:'ll| will| shall)\b(?! be (?:in|out|away|on|glad|happy)\b)", re.I)


def classify(sentence: str) -> Reading:
    """Baseline reading (replaced by the rule set of docs/language.md)."""
    for pattern, strength, effect in (
        (_HEDGE, Strength.BEST_EFFORT, "hedged by effort or capacity"),
        (_INTENT, Strength.GOOD_INTENTION, "a wish, plan or hope"),
        (_WILL, Strength.COMMITMENT, "first-person future action"),
    ):
        found = pattern.search(sentence)
        if found:
            cue = Cue(found.group(0), found.start(), found.end(), effect)
            return Reading(sentence, strength, (cue,))
    return Reading(sentence, Strength.NONE)


def suggestion_for(reading: Reading, has_due_date: bool) -> str | None:
    """A plain suggestion where the language leaves the other side guessing."""
    if reading.strength is Strength.GOOD_INTENTION:
        return (
            "This reads as a good intention. If the outcome is in your power, say what you "
            "will do and by when; if it is not, say what you don't control."
        )
    if reading.strength is Strength.BEST_EFFORT:
        return (
            "This reads as a best effort. If you can promise it, say what you will do and by "
            "when; if you can't, say what could stop you, so they can plan around it."
        )
    if reading.strength is Strength.COMMITMENT and not has_due_date:
        return "A clear commitment. Say by when, so both sides can tell whether it was kept."
    return None
