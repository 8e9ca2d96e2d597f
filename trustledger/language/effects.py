"""The four strengths of a promise, the words that moved a reading, and what those words do.

Shared by the clause finder (`clauses.py`), the verb walk (`verbs.py`) and the reading of a
whole sentence (`strength.py`).
"""

from __future__ import annotations

import enum
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

    @property
    def rank(self) -> int:
        """Order of strength: none < good intention < best effort < commitment."""
        return _RANK[self]


_RANK = {
    Strength.NONE: 0,
    Strength.GOOD_INTENTION: 1,
    Strength.BEST_EFFORT: 2,
    Strength.COMMITMENT: 3,
}


@dataclass(frozen=True)
class Cue:
    """Words in the sentence that moved the reading, and which way."""

    words: str
    start: int
    end: int
    effect: str  # e.g. "first-person future action", "hedged by effort", "not an action"


# The effects shown to users beside the words.
PROMISE = "first-person future action"
OFFER = "an offer stated as capacity"
INTENTION = "a wish, plan or hope to act"
EFFORT_HEDGE = "hedged by effort or capacity"
WISH_HEDGE = "hedged by likelihood or wish"
SCHEDULE = "where or when the writer will be, not an action"
STATE = "a state or feeling, not an action"
NEGATED = "negated: promises nothing"
QUESTION = "a question, not a promise"
NOT_ACTION = "not an action the writer promises"
OBLIGATION = "a need or duty, not a promise"
COURTESY = "a courtesy done by saying it, nothing promised for later"
HYPOTHETICAL = "a suggestion or a hypothetical, not a promise"
JOINT = "a meeting or talk together, proposed rather than promised"
PAST = "past, nothing promised"
PROMISE_WORD = "a promise in so many words"
ABILITY = "what the writer is able to do now, offered to no one"
OUTCOME = "something that will happen to the writer, not an action"
REGRET = "a wish declined in the same breath, not a promise"
COUNTERFACTUAL = "a wish contrary to fact, not a promise"
POSSESSION = "what the writer will have, not an action"
FORECAST = "a forecast of what the organisation can do, not a promise"
ANNOUNCEMENT = "an announcement of what is under way, not a promise"
REQUEST = "a request to others, not a promise"
ADVERT = "a service an organisation advertises, not a promise to this reader"
AVAILABILITY = "when the writer is free, not an action promised"
LEFT_TO_OTHERS = "left for someone else to do or decide, not a promise"
REPORTED = "someone else's words reported, not the writer's promise"
AWAITING = "waiting for what others send, not an action promised"
THIS_MESSAGE = "what this message itself does, nothing promised for later"
AGENDA = "what a meeting will cover, an agenda, not a promise"
RESULT = "what becomes possible as a result, offered to no one"
