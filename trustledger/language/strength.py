"""The strength of the writer's own promise in one sentence, and the words behind it.

Four readings, as the label guide (docs/language.md) defines them: a commitment (an unhedged
first-person future action in the writer's control), a best effort (the same, hedged by effort
or capacity), a good intention (a wish, plan or hope to act, without a promise) and none.

How a sentence is read, in the guide's order (the word lists are in `cues.py`):

1. The sentence is cut into segments at ``;``, ``?``, ``!``, ``:``, a full stop and a dash. A
   segment that ends in a question mark asks; it promises nothing.
2. In each segment every first-person subject (I, we, "let me", a plan named as a noun, or a
   note's clipped "Will send it Monday") starts a clause, unless it stands behind a
   subordinating word ("if we can", "so I can"), inside a relative clause ("anything we can
   do"), inside someone else's reported words ("he says we'll …") or behind "I wish".
3. A short walk over the clause's next few words reads its modal and verb:
   - "will", "shall", "going to" + an action: a commitment; so are "let me check", "I promise
     to", "consider it done", and offers such as "I'd be happy to send it";
   - "can" + an action: a best effort (an offer stated as capacity); "try", "do my best",
     "I should be able to", "I'll be able to": a best effort;
   - "could", "may", "might", "hope to", "plan to", "want to", "would like to", "will have to",
     "we can discuss": a good intention;
   - no promise: where the writer will be ("will be out", "I'll fly in Tuesday", "we will
     have lunch"), states and perceptions ("will be glad to hear", "will see you", "look
     forward"), needs, negations and doubts ("I don't think I can"), courtesies done by saying
     them ("I'd like to thank you", "let me know"), requests dressed as wishes ("I'd like to
     get your thoughts"), advice ("I would call him"), the past ("I should have called"),
     outcomes ("we'll get hit"), and an organisation's announcements and forecasts ("we will
     be moving", "we will have a new office", "we will be able to offer").
4. Hedges lower a clause: effort or capacity ("try", "if I can", "as soon as we are able",
   "when I get a chance") to a best effort; likelihood or wish ("probably", "hopefully",
   "I think I'll") to a good intention. A hedge never raises a reading.
5. The sentence takes its strongest clause ("I'll be out Monday but will call you Tuesday" is
   a commitment), and its cues are the words of that clause and of its hedges. A sentence that
   promises nothing keeps the words that ruled a promise out, so the reason is shown too.

Every rule was written from the label guide and English grammar and is pinned by sentences
written for tests/language/test_strength.py; nothing here was learned from a data set.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from itertools import islice

from trustledger.language import cues
from trustledger.language.cues import words


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
REPORTED = "someone else's words reported, not the writer's promise"

_CAPACITY = frozenset({OFFER, JOINT, INTENTION})

# Words are read from a lower-cased copy of the sentence with curly apostrophes made straight;
# both keep the sentence's offsets, so cues point into the original.
_STRAIGHTEN = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_TOKEN = re.compile(
    r"n't|'ll|'d|'m|'re|'ve|'s|[a-z]+(?=n't)|(?:gon|wan)(?=na\b)|[a-z0-9]+|[^\sa-z0-9]"
)
_SEGMENT_END = re.compile(r"[;?!]|\.(?=\s|$)|\s[-–—]+\s|--|:\s")
_SUBJECT = re.compile(r"\b(?:i|we|let me)\b")
# Every word that can start a reading (a subject, a clipped modal, a plan, a set phrase): a
# sentence with none of them is read at once as no promise.
_ANY_CUE = re.compile(
    r"\b(?:i|we|let|will|shall|can|could|would|may|might|should|hope|plan|intend|want|try|need"
    r"|going|hoping|planning|trying|looking|thinking|my|our|consider|count|you have|rest assured)\b"
)
_ELLIPTIC = re.compile(
    r"(?:,|\band\b|\bbut\b|\bor\b|\bthen\b)\s+(?:(?:also|then|just|certainly|probably)\s+)*"
    r"(?=(?:will|shall|can|would|could|may|might)\b)"
)
_CLIPPED = re.compile(
    r"\s*(?:(?:and|but|so|also|just|then|ok|okay|thanks|yes|sure|hi|ps)\b[,!.]?\s+)*"
    r"(?=(?:will|shall|can|could|would|may|might|should|(?:hope|plan|intend|want|try|need)\s+to"
    r"|going|hoping|planning|trying|looking|thinking)\s+"
    r"(?!(?:you|he|she|it|they|we|i|there|this|that|your|the|anyone|everyone)\b))"
)
_WOULD_LIKE = re.compile(r"(?:i|we)?(?:'d|\s*would)\s+(?:\w+\s+)?(?:like|love)\b")
_BUT = re.compile(r"\bbut\b")
_IMPERSONAL_WISH = re.compile(
    r"\b(?:it )?would be (?:good|great|nice|wonderful|fun|helpful|useful|ideal) (?=to\b)"
)
_PLAN_NOUN = re.compile(
    r"\b(?:my|our) (?:plan|intention|intent|goal|hope|aim|idea) (?:is|was) (?=to\b)"
)
_OTHER_PERSON = re.compile(r"\b(?:you|he|she|they)\b")
_FUTURE_TIME = re.compile(
    r"\b(?:tomorrow|tonight|later|next|soon|shortly|this (?:afternoon|evening|week|weekend)"
    r"|on (?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
)
_DETERMINERS = words("the a an my our his her their your this that some to")
_BE_FORMS = words("'m am 're are was were")
_BARE_ING = words("going gon planning hoping intending aiming looking thinking trying")
_OTHERS = words("you your his her their them him")
_HAPPY = words("happy glad pleased delighted thrilled willing")
_INTENT_VERBS = words("hope plan intend want aim expect wish mean")
_INTENT_ING = words("planning hoping intending aiming looking")

# A clause's walk yields its reading, the end of the words that decided it, and its effect.
_Walk = tuple[Strength, int, str]


_LOOKBACK = 120  # characters before a subject that the look-back rules read
_LOOKAHEAD = 16  # tokens: the longest rule looks about a dozen words past the subject


class _Words:
    """The tokens of one segment from a start, with their offsets in the sentence."""

    def __init__(self, low: str, start: int, end: int) -> None:
        # A clause is read from its first few words; the rest of a long segment is not needed.
        found = islice(_TOKEN.finditer(low, start, end), _LOOKAHEAD)
        self.items = [(m.group(0), m.start(), m.end()) for m in found]
        self.start = start

    def word(self, i: int) -> str:
        return self.items[i][0] if i < len(self.items) else ""

    def end(self, i: int) -> int:
        """Offset just after token i (or after the last token)."""
        if not self.items:
            return self.start
        return self.items[min(i, len(self.items) - 1)][2]

    def skip_adverbs(self, i: int) -> int:
        while self.word(i) in cues.ADVERBS:
            i += 1
        return i


def _able_to(w: _Words, i: int, subject: str) -> _Walk:
    """Read "able to" + verb at i: capacity to act is a best effort; being able to see, know
    or meet up is a forecast, no action ("then we will be able to get together")."""
    k = w.skip_adverbs(i + 2)
    verb = w.word(k)
    together = subject == "we" and (
        verb in cues.JOINT_CAN_VERBS or verb == "get" and w.word(k + 1) == "together"
    )
    if verb in cues.NON_ACTION_VERBS or together:
        return Strength.NONE, w.end(k), NOT_ACTION
    return Strength.BEST_EFFORT, w.end(i), EFFORT_HEDGE


def _will_be_able(w: _Words, i: int, subject: str) -> _Walk:
    """ "I'll be able to send it" is the writer's capacity to act (a best effort); "we will be
    able to offer lower prices" forecasts what an organisation can do, like an announcement."""
    reading = _able_to(w, i, subject)
    if subject == "we" and reading[0] is Strength.BEST_EFFORT:
        return Strength.NONE, reading[1], FORECAST
    return reading


def _after_be(w: _Words, i: int, modal: Strength, subject: str) -> _Walk:
    """Read "… be X": availability and states are no promise; "be sending" is an action."""
    word = w.word(i)
    if word == "able":
        return (
            _will_be_able(w, i, subject)
            if modal is Strength.COMMITMENT
            else _able_to(w, i, subject)
        )
    if word in _HAPPY or (word == "more" and w.word(i + 2) in _HAPPY):
        k = i + 1 if word in _HAPPY else i + 3
        if w.word(k) == "to":
            verb = w.word(w.skip_adverbs(k + 1))
            if verb and verb not in cues.STATE_AFTER_GLAD:
                return modal, w.end(k + 1), "an offer of an action" if modal.rank else NOT_ACTION
        return Strength.NONE, w.end(i), STATE
    if word in cues.BE_ACTION or (word == "in" and w.word(i + 1) == "touch"):
        return modal, w.end(i + 1), PROMISE
    if word == "back" and w.word(i + 1) in ("in", "to") and w.word(i + 2) in ("touch", "you"):
        return modal, w.end(i + 2), PROMISE
    if word.endswith("ing") and len(word) > 4 and word not in cues.SCHEDULE_ING:
        # "We will be moving to the new system": an organisation's announcement of what is
        # under way, where "I will be sending it" and "we will be sending you the list" are
        # actions the writer owes.
        if subject == "we" and w.word(i + 1) not in ("you", "your"):
            return Strength.NONE, w.end(i), ANNOUNCEMENT
        return modal, w.end(i), PROMISE
    return Strength.NONE, w.end(i), SCHEDULE


def _after_will(w: _Words, i: int, subject: str, modal: Strength, sentence: str) -> _Walk:
    """Read the verb after "will", "shall" or "going to" (modal is the reading it gives)."""
    i = w.skip_adverbs(i)
    verb = w.word(i)
    if verb in cues.NEGATIONS:
        return Strength.NONE, w.end(i), NEGATED
    if verb == "be":
        return _after_be(w, w.skip_adverbs(i + 1), modal, subject)
    if verb in ("try", "attempt", "endeavor", "endeavour", "strive"):
        return Strength.BEST_EFFORT, w.end(i), EFFORT_HEDGE
    if verb == "do" and w.word(i + 1) in ("my", "our") and w.word(i + 2) == "best":
        return Strength.BEST_EFFORT, w.end(i + 2), EFFORT_HEDGE
    if verb == "need":
        return Strength.NONE, w.end(i), OBLIGATION
    if verb == "have" and w.word(i + 1) == "to":
        return Strength.GOOD_INTENTION, w.end(i + 1), OBLIGATION
    if verb == "see":
        nxt = w.word(i + 1)
        if subject == "i" and (nxt in ("if", "whether", "that") or nxt == "what"):
            return modal, w.end(i + 1), PROMISE
        return Strength.NONE, w.end(i), NOT_ACTION
    if verb == "look" and w.word(i + 1) == "forward":
        return Strength.NONE, w.end(i + 1), STATE
    if (
        verb in ("talk", "speak")
        and w.word(i + 1) in ("to", "with")
        and w.word(i + 2) == "you"
        and w.word(i + 3) in ("later", "soon", "then", "shortly", "")
    ):
        return Strength.NONE, w.end(i + 2), JOINT
    if subject == "we" and verb in cues.JOINT_VERBS:
        return Strength.NONE, w.end(i), JOINT
    after = w.word(i + 1)
    if verb in cues.MOVEMENT_VERBS:
        return Strength.NONE, w.end(i), SCHEDULE
    if subject == "we" and verb in cues.AGENDA_VERBS and after in cues.WHEN_OR_WHERE | {""}:
        return Strength.NONE, w.end(i), SCHEDULE
    if subject == "we" and verb in cues.AGENDA_VERBS and after.endswith("ing"):
        return Strength.NONE, w.end(i + 1), ANNOUNCEMENT  # "we will begin flowing gas"
    if verb == "have" and _event_follows(w, i + 1):
        return Strength.NONE, w.end(i + 1), SCHEDULE
    # "We will have a new office" states what the organisation will own; "we'll have it
    # cleared by the 5th" makes something happen (have + object + participle or "ready").
    if subject == "we" and verb == "have" and not _causative(w, i + 1):
        return Strength.NONE, w.end(i), POSSESSION
    if verb == "get" and after == "to" and w.word(i + 2) in cues.PLACES:
        return Strength.NONE, w.end(i + 2), SCHEDULE
    participle = after.endswith("ed") or after in cues.IRREGULAR_PARTICIPLES
    if verb == "get" and participle and after not in cues.GET_ACTIONS:
        return Strength.NONE, w.end(i + 1), OUTCOME
    if verb == "leave" and after == "it" and w.word(i + 2) in ("at", "to", "up", "there", "alone"):
        return Strength.NONE, w.end(i + 2), NOT_ACTION
    if verb in cues.NON_ACTION_VERBS:
        return Strength.NONE, w.end(i), NOT_ACTION
    return modal, w.end(i), PROMISE if modal is Strength.COMMITMENT else INTENTION


def _causative(w: _Words, i: int) -> bool:
    """Do the few words from i make "have" causative: an object and then what is done to it
    ("it cleared", "the draft ready", "the numbers to you", "Sam call you")?"""
    for k in range(i, i + 7):
        word = w.word(k)
        if not word or word in (",", ".", ";", "and", "but"):
            return False
        if k > i and (word.endswith("ed") or word in cues.DONE_WORDS):
            return True
        if k > i and word == "to" and w.word(k + 1) in ("you", "him", "her", "them", "us"):
            return True
    return False


def _event_follows(w: _Words, i: int) -> bool:
    """Does an event ("a call", "lunch", "our offsite") start at token i?"""
    if w.word(i) in ("a", "an", "the", "our", "my", "some"):
        i += 1
    return w.word(i) in cues.EVENT_NOUNS


def _after_intent(w: _Words, i: int, subject: str) -> _Walk:
    """Read the verb after "hope to", "plan to", "would like to": a wish unless a courtesy."""
    i = w.skip_adverbs(i)
    verb = w.word(i)
    if verb in cues.PERFORMATIVE_VERBS or (
        verb == "let" and w.word(i + 1) in ("you", "them", "him", "her")
    ):
        return Strength.NONE, w.end(i), COURTESY
    if verb == "take" and w.word(i + 2) == "opportunity":
        return Strength.NONE, w.end(i + 2), COURTESY
    if verb in cues.NON_ACTION_VERBS or verb == "see" or verb == "get" and w.word(i + 1) == "to":
        return Strength.NONE, w.end(i), NOT_ACTION
    # "I'd like to get your thoughts", "we would like to have their comments": the reader is
    # asked to supply something.
    if verb in ("get", "have", "receive", "obtain") and w.word(i + 1) in _OTHERS:
        return Strength.NONE, w.end(i + 1), REQUEST
    if subject == "we" and verb in ("meet", "see"):
        return Strength.NONE, w.end(i), JOINT
    if verb in ("be", "being"):
        reading = _after_be(w, w.skip_adverbs(i + 1), Strength.GOOD_INTENTION, subject)
        if reading[0] is Strength.BEST_EFFORT:  # "I'd like to be able to": still a wish
            return Strength.GOOD_INTENTION, reading[1], INTENTION
        return reading
    return Strength.GOOD_INTENTION, w.end(i), INTENTION


def _walk(low: str, sentence: str, start: int, end: int, subject: str) -> _Walk | None:
    """Read the clause whose subject ends at start; None when it is no first-person clause."""
    w = _Words(low, start, end)
    i = w.skip_adverbs(0)
    word = w.word(i)
    if subject == "let me":
        return _after_let_me(w, i)
    if word in ("'ll", "will", "shall"):
        return _after_will(w, i + 1, subject, Strength.COMMITMENT, sentence)
    if word in _BE_FORMS or word in _BARE_ING:
        return _after_be_form(w, i, subject, sentence, _FUTURE_TIME.search(low, start, end))
    if word in ("can", "could"):
        return _after_can(w, i, subject)
    if word in ("may", "might"):
        return _after_may(w, i, subject)
    if word in ("would", "'d"):
        return _after_would(w, i, subject)
    if word == "should":
        return _after_should(w, i, subject)
    return _after_verb(w, i, subject)


def _wish_or_courtesy(w: _Words, verb_at: int, cue_end: int, subject: str) -> _Walk:
    """A wish to do the verb at verb_at, unless that verb makes it a courtesy or a request."""
    reading = _after_intent(w, verb_at, subject)
    if reading[0] is Strength.NONE:
        return reading
    return Strength.GOOD_INTENTION, w.end(cue_end), INTENTION


def _after_let_me(w: _Words, i: int) -> _Walk:
    """Read "let me check" (an action to come); "let me know", "let me add" promise nothing."""
    word, nxt = w.word(i), w.word(i + 1)
    checks = nxt in ("if", "whether") or nxt == "what" and w.word(i + 2) in ("i", "we")
    if word not in cues.LET_ME_ACTIONS or word == "see" and not checks:
        return Strength.NONE, w.end(i), COURTESY
    return Strength.COMMITMENT, w.end(i), PROMISE


def _after_be_form(
    w: _Words, i: int, subject: str, sentence: str, future: re.Match[str] | None
) -> _Walk | None:
    """Read "I am going to …", "we are planning to …", "I'm trying to …", "I'm sending it
    tomorrow" (future is a time word in the segment), or a clipped "Going to send it"."""
    word = w.word(i)
    j = w.skip_adverbs(i + 1) if word in _BE_FORMS else i
    after = w.word(j)
    past = word in ("was", "were")
    if after in ("going", "gon") and w.word(j + 1) in ("to", "na"):
        if past:
            return Strength.NONE, w.end(j + 1), PAST
        k = w.skip_adverbs(j + 2)
        target = w.word(k)
        if target in _DETERMINERS or target in cues.DESTINATIONS or target.isdigit() or not target:
            return Strength.NONE, w.end(j), SCHEDULE
        token_start = w.items[k][1] if k < len(w.items) else 0
        if sentence[token_start : token_start + 1].isupper() and target != "i":
            return Strength.NONE, w.end(j), SCHEDULE  # "going to Houston"
        return _after_will(w, k, subject, Strength.COMMITMENT, sentence)
    if after in _INTENT_ING and w.word(j + 1) in ("to", "on", "forward"):
        if after == "looking" and w.word(j + 1) == "forward":
            return Strength.NONE, w.end(j + 1), STATE
        return _wish_or_courtesy(w, j + 2, j + 1, subject)
    if after == "thinking" and w.word(j + 1) in ("about", "of"):
        return Strength.GOOD_INTENTION, w.end(j + 1), INTENTION
    if past:
        return None
    if after == "committed" and w.word(j + 1) == "to":
        return Strength.COMMITMENT, w.end(j + 1), PROMISE_WORD
    if after == "trying" and w.word(j + 1) == "to":
        return Strength.BEST_EFFORT, w.end(j + 1), EFFORT_HEDGE
    if after in _HAPPY and w.word(j + 1) == "to":
        return _after_be(w, j, Strength.COMMITMENT, subject)
    if after == "able" and w.word(j + 1) == "to":
        return _able_to(w, j, subject)
    if after.endswith("ing") and after not in cues.SCHEDULE_ING and subject == "i" and future:
        return Strength.COMMITMENT, w.end(j), PROMISE
    return None


def _modal_verb(w: _Words, i: int, past_after_have: tuple[str, ...]) -> tuple[int, _Walk | None]:
    """The verb after the modal at i, and a reading when it is already decided: negated
    ("I can't", "we may not") or past ("I could have", "we may have sent")."""
    j = w.skip_adverbs(i + 1)
    verb = w.word(j)
    if verb in cues.NEGATIONS:
        return j, (Strength.NONE, w.end(j), NEGATED)
    if verb == "have" and w.word(j + 1) in past_after_have:
        return j, (Strength.NONE, w.end(j + 1), PAST)
    return j, None


def _after_can(w: _Words, i: int, subject: str) -> _Walk | None:
    """Read "I can send it" (an offer stated as capacity) and "we could meet" (a proposal)."""
    word = w.word(i)
    j, decided = _modal_verb(w, i, ("been", "had", "done"))
    verb = w.word(j)
    if decided:
        return decided
    if not verb or verb in (",", "."):  # "as soon as we can": part of a hedge, no clause
        return None
    if verb in cues.CAN_NON_ACTION_VERBS:
        return Strength.NONE, w.end(j), NOT_ACTION
    if w.word(i + 1) in ("now", "still", "already", "finally", "again", "no", "longer"):
        return Strength.NONE, w.end(j), ABILITY  # "I can now open it": a state, no offer
    together = verb in cues.JOINT_CAN_VERBS or verb == "get" and w.word(j + 1) == "together"
    if subject == "we" and word == "can" and together:
        return Strength.GOOD_INTENTION, w.end(j), JOINT
    if word == "can":
        return Strength.BEST_EFFORT, w.end(j), OFFER
    return Strength.GOOD_INTENTION, w.end(j), INTENTION


def _after_may(w: _Words, i: int, subject: str) -> _Walk:
    """Read "I may send it" (a good intention) and "we may have a problem" (no action)."""
    j, decided = _modal_verb(w, i, ("been", "had", "done", "sent"))
    verb = w.word(j)
    if decided:
        return decided
    if verb == "be":
        reading = _after_be(w, w.skip_adverbs(j + 1), Strength.GOOD_INTENTION, subject)
        if reading[0] is Strength.BEST_EFFORT:  # "I may be able to": a hope, not capacity
            return Strength.GOOD_INTENTION, reading[1], INTENTION
        return reading
    if verb == "want" and w.word(j + 1) == "to":
        return _after_intent(w, j + 2, subject)
    if verb in cues.NON_ACTION_VERBS or verb == "have" and w.word(j + 1) != "to":
        return Strength.NONE, w.end(j), NOT_ACTION
    return Strength.GOOD_INTENTION, w.end(j), INTENTION


def _after_would(w: _Words, i: int, subject: str) -> _Walk:
    """Read "I'd like to …" (a wish), "I'd be happy to …" (an offer), "I would call him"."""
    j, decided = _modal_verb(w, i, ())
    verb = w.word(j)
    if decided:
        return decided
    if verb in ("like", "love", "hope", "want", "plan", "intend") and w.word(j + 1) == "to":
        return _after_intent(w, j + 2, subject)
    for_us = w.word(j + 1) == "for" and w.word(j + 2) in ("us", "me")
    if verb in ("like", "love") and for_us and w.word(j + 3) == "to":  # "like for us to meet"
        return _after_intent(w, j + 4, subject)
    if verb == "be" and w.word(j + 1) in _HAPPY | {"more"}:
        return _after_be(w, j + 1, Strength.COMMITMENT, subject)
    chance = w.word(j + 2) in ("opportunity", "chance") and w.word(j + 3) == "to"
    if verb in ("appreciate", "welcome", "love", "like") and chance:
        return _after_intent(w, j + 4, subject)  # "I'd welcome the chance to visit"
    if verb == "be" and w.word(j + 1) == "able":
        return Strength.GOOD_INTENTION, w.end(j + 1), INTENTION
    if verb == "have" and w.word(j + 1) != "to":
        return Strength.NONE, w.end(j), PAST
    return Strength.NONE, w.end(j), HYPOTHETICAL


def _after_should(w: _Words, i: int, subject: str) -> _Walk:
    """Read "I should be able to", "I should have it by Friday" (a best effort), "I should
    have called" (past) and "we should talk" (a suggestion)."""
    j = w.skip_adverbs(i + 1)
    verb, nxt = w.word(j), w.word(j + 1)
    if verb == "be" and nxt == "able":
        return Strength.BEST_EFFORT, w.end(j + 1), EFFORT_HEDGE
    if verb == "have" and (
        nxt.endswith("ed") or nxt in cues.IRREGULAR_PARTICIPLES | {"been", "done"}
    ):
        return Strength.NONE, w.end(j + 1), PAST
    done = verb != "be" or nxt in ("done", "finished", "ready", "through")
    if verb in ("have", "get", "finish", "complete", "be") and subject == "i" and done:
        return Strength.BEST_EFFORT, w.end(j), EFFORT_HEDGE
    return Strength.NONE, w.end(j), HYPOTHETICAL


def _after_verb(w: _Words, i: int, subject: str) -> _Walk | None:
    """A first-person present verb: "I hope to", "I need to", "I promise to", "I try to"."""
    word, nxt = w.word(i), w.word(i + 1)
    if word in ("must", "need", "have", "'ve", "got") and (
        word == "must" or nxt == "to" or word in ("'ve", "have") and nxt == "got"
    ):
        return Strength.NONE, w.end(i + 1), OBLIGATION
    if word in cues.PROMISE_VERBS and nxt in ("to", "that", "you", "i", "we", "it"):
        return Strength.COMMITMENT, w.end(i), PROMISE_WORD
    if word == "plan" and nxt == "on":
        return Strength.GOOD_INTENTION, w.end(i + 1), INTENTION
    if word == "wan" and nxt == "na":  # "I wanna get this done"
        word, nxt = "want", "to"
    if word in _INTENT_VERBS and nxt == "to":
        return _wish_or_courtesy(w, i + 2, i + 1, subject)
    if word == "wanted" and nxt == "to":
        return Strength.NONE, w.end(i + 1), PAST
    if word in ("try", "attempt") and nxt == "to":
        return Strength.BEST_EFFORT, w.end(i + 1), EFFORT_HEDGE
    if word == "look" and nxt == "forward":
        return Strength.NONE, w.end(i + 1), STATE
    return None


@dataclass(frozen=True)
class _Clause:
    strength: Strength
    cues: tuple[Cue, ...]


def _cue(sentence: str, start: int, end: int, effect: str) -> Cue:
    return Cue(sentence[start:end], start, end, effect)


def _segments(low: str) -> list[tuple[int, int, bool]]:
    """Spans of the sentence's segments, each with whether it asks a question."""
    spans: list[tuple[int, int, bool]] = []
    start = 0
    for mark in _SEGMENT_END.finditer(low):
        spans.append((start, mark.start(), mark.group(0) == "?"))
        start = mark.end()
    spans.append((start, len(low), False))
    return [s for s in spans if s[1] > s[0]]


def _words_before(low: str, seg_start: int, at: int) -> list[str]:
    """The words of the segment before `at`, at most _LOOKBACK characters of them (every
    look-back rule reads the last few words; the bound keeps long segments linear)."""
    start = max(seg_start, at - _LOOKBACK)
    found = low[start:at].split()
    return found[1:] if start > seg_start else found  # the first may be cut in half


def _subordinate(low: str, seg_start: int, at: int) -> bool:
    """Is the subject at `at` behind a subordinating word (if, so, when, anything …)?"""
    before = _words_before(low, seg_start, at)
    if before and before[-1] == "that" and len(before) > 1:
        before = before[:-1]
    return (
        bool(before)
        and before[-1].strip(",") in cues.SUBORDINATORS
        and (not before[-1].endswith(","))
    )


def _relative(low: str, seg_start: int, at: int) -> bool:
    """Is the subject at `at` inside a relative clause ("anything we can do", "the ones that I
    can spare")? It is when a plain word stands before it: no conjunction, no opening adverb or
    greeting, no verb that takes a clause ("I think we can"), no punctuation."""
    before = _words_before(low, seg_start, at)
    if not before:
        return False
    last = before[-1]
    if last == "that":
        return len(before) > 1 and before[-2] not in cues.CLAUSE_TAKERS
    if not last[-1].isalpha():
        return False
    return last not in cues.CLAUSE_OPENERS and last not in cues.CLAUSE_TAKERS


def _numeral(low: str, seg_start: int, m: re.Match[str]) -> bool:
    """Is the "I" at m a Roman numeral ("Phase I will start in May")?"""
    before = _words_before(low, seg_start, m.start())
    return m.group(0) == "i" and bool(before) and before[-1] in cues.NUMBERED


def _wished(low: str, seg_start: int, at: int) -> bool:
    """Is the subject at `at` behind "wish" ("I wish I could", "wish we could")?"""
    before = _words_before(low, seg_start, at)
    return bool(before) and before[-1] == "wish"


def _reported(low: str, seg_start: int, at: int) -> bool:
    """Is the subject at `at` inside words reported from someone else ("he says we'll …",
    "she told me we will …")? Not when the writer is the one who said it ("I said I would")."""
    before = _words_before(low, seg_start, at)
    if before and before[-1] == "that":
        before = before[:-1]
    if len(before) > 2 and before[-1] in ("me", "us") and before[-2] in cues.REPORTING_VERBS:
        before = before[:-1]
    if len(before) < 2 or before[-1] not in cues.REPORTING_VERBS:
        return False
    return not any(x in ("i", "we") for x in before[-4:-1])


@dataclass(frozen=True)
class _Start:
    """Where a first-person clause starts: its cue, where its walk starts, and its kind."""

    at: int
    walk_from: int
    subject: str
    kind: str = "clause"  # or "reported", "wished", "phrase", "wish"


def _names_someone(sentence: str, at: int) -> bool:
    """Does the word after the modal at `at` name someone or a date ("Will Bob", "May 5th")?"""
    rest = sentence[at:].split(maxsplit=2)
    if len(rest) < 2:
        return False
    after = rest[1]
    return after[:1].isdigit() or after[:1].isupper() and after != "I"


def _starts(sentence: str, low: str, seg_start: int, seg_end: int) -> list[_Start]:
    """Every place in the segment where the writer may speak of their own action."""
    starts: list[_Start] = []
    for m in _SUBJECT.finditer(low, seg_start, seg_end):
        if _subordinate(low, seg_start, m.start()) or _numeral(low, seg_start, m):
            continue
        kind = (
            "wished"
            if _wished(low, seg_start, m.start())
            else "reported"
            if _reported(low, seg_start, m.start())
            else "clause"
        )
        starts.append(_Start(m.start(), m.end(), m.group(0), kind))
    # Set phrases that promise without a modal ("consider it done", "you have my word").
    # (Each scan runs only where a cheap look finds its key words.)
    if any(
        low.find(k, seg_start, seg_end) >= 0 for k in ("done", "count", "word", "on it", "assur")
    ):
        for m in cues.PROMISE_PHRASES.finditer(low, seg_start, seg_end):
            starts.append(_Start(m.start(), m.end(), "i", "phrase"))
    # "It would be great to catch up next week": a wish to act, said impersonally.
    if low.find("would be", seg_start, seg_end) >= 0:
        for m in _IMPERSONAL_WISH.finditer(low, seg_start, seg_end):
            starts.append(_Start(m.start(), m.end(), "it", "wish"))
    # "My plan is to visit in May": the writer's plan named as a noun.
    if low.find("my ", seg_start, seg_end) >= 0 or low.find("our ", seg_start, seg_end) >= 0:
        for m in _PLAN_NOUN.finditer(low, seg_start, seg_end):
            starts.append(_Start(m.start(), m.end(), "i", "wish"))
    starts.sort(key=lambda s: s.at)
    # Notes drop the subject: "Will send it Monday", "Hoping to finish today" are the writer's.
    clipped = _CLIPPED.match(low, seg_start, seg_end)
    if clipped and _names_someone(sentence, clipped.end()):
        clipped = None  # "Will Bob attend", "May 5th works": a question or a date
    if clipped and (not starts or starts[0].at > clipped.end()):
        starts.insert(0, _Start(clipped.end(), clipped.end(), "i"))
    # "I'll check with Mark and will get back to you": the second "will" keeps the subject.
    if starts and starts[0].kind == "clause":
        first = starts[0]
        other = _OTHER_PERSON.search(low, first.walk_from, seg_end)
        until = other.start() if other else seg_end  # up to where someone else is the subject
        for m in _ELLIPTIC.finditer(low, first.walk_from, until):
            starts.append(_Start(m.end(), m.end(), first.subject))
        starts.sort(key=lambda s: s.at)
    return starts


def _read_segment(sentence: str, low: str, seg: tuple[int, int, bool]) -> list[_Clause]:
    seg_start, seg_end, asks = seg
    starts = _starts(sentence, low, seg_start, seg_end)
    # First every clause's own words, then the hedges: a hedge belongs to the clause it
    # follows, up to the next first-person clause ("I will send it as soon as we are able").
    walks: list[tuple[int, _Walk, bool]] = []  # (cue start, walk, reported)
    for n, start in enumerate(starts):
        stop = starts[n + 1].at if n + 1 < len(starts) else seg_end
        if start.kind == "wish":  # "my plan is to …", "it would be good to …"
            to = _Words(low, start.walk_from, stop)
            wished = _wish_or_courtesy(to, 1, 0, start.subject)
            if start.subject == "it" and to.word(1) in ("have", "get", "receive", "obtain"):
                wished = (Strength.NONE, to.end(1), REQUEST)  # "it would help to have …"
            walks.append((start.at, wished, False))
            continue
        if start.kind == "phrase":
            walks.append((start.at, (Strength.COMMITMENT, start.walk_from, PROMISE_WORD), False))
            continue
        walked = _walk(low, sentence, start.walk_from, stop, start.subject)
        if walked is None:
            continue
        if start.kind == "wished":  # "I wish I could": contrary to fact
            walked = (Strength.NONE, walked[1], COUNTERFACTUAL)
        elif walked[0] is not Strength.NONE and cues.DOUBTED.search(
            low, max(seg_start, start.at - _LOOKBACK), start.at
        ):
            walked = (Strength.NONE, walked[1], NEGATED)  # "I don't think I can help"
        # Capacity inside a relative clause describes a thing, it offers nothing.
        elif walked[2] in _CAPACITY and _relative(low, seg_start, start.at):
            continue
        walks.append((start.at, walked, start.kind == "reported"))
    clauses: list[_Clause] = []
    for n, (cue_start, (strength, words_end, effect), reported) in enumerate(walks):
        stop = walks[n + 1][0] if n + 1 < len(walks) else seg_end
        if reported:
            clauses.append(
                _Clause(Strength.NONE, (_cue(sentence, cue_start, words_end, REPORTED),))
            )
            continue
        found = [_cue(sentence, cue_start, words_end, effect)]
        if asks:
            found.append(_cue(sentence, seg_end, seg_end + 1, QUESTION))
            clauses.append(_Clause(Strength.NONE, tuple(found)))
            continue
        if (
            effect == INTENTION
            and _WOULD_LIKE.match(low, cue_start)
            and _BUT.search(low, words_end, stop)
        ):
            clauses.append(_Clause(Strength.NONE, (_cue(sentence, cue_start, words_end, REGRET),)))
            continue
        if effect == POSSESSION:
            # "We will have the figures as soon as we can": effort makes having a doing.
            hedged, hedges = _hedged(sentence, low, Strength.COMMITMENT, seg_start, cue_start, stop)
            if hedged is Strength.BEST_EFFORT:
                strength, found = hedged, [*found, *hedges]
        elif strength is not Strength.NONE:
            strength, hedges = _hedged(sentence, low, strength, seg_start, cue_start, stop)
            # A hedge inside the clause's own words ("I'll try") is shown once.
            found.extend(h for h in hedges if h.start >= words_end or h.end <= cue_start)
        clauses.append(_Clause(strength, tuple(found)))
    return clauses


def _hedged(
    sentence: str, low: str, strength: Strength, seg_start: int, at: int, stop: int
) -> tuple[Strength, list[Cue]]:
    """Lower a clause's reading by the hedges around it; never raise it."""
    other = cues.OTHER_SUBJECT.search(low, at, stop)
    scope_end = other.start() if other else stop
    found: list[Cue] = []
    before = cues.PRE_INTENTION.search(low, max(seg_start, at - _LOOKBACK), at)
    if before and before.end() == at:
        found.append(_cue(sentence, before.start(), before.end(), WISH_HEDGE))
    # A hedge before the subject counts unless another person's clause stands between
    # ("maybe in South America you may disagree, and we can change it" is not hedged).
    others = [o.end() for o in _OTHER_PERSON.finditer(low, max(seg_start, at - _LOOKBACK), at)]
    for m in cues.GOOD_INTENTION_HEDGES.finditer(
        low, others[-1] if others else max(seg_start, at - _LOOKBACK), scope_end
    ):
        if not before or m.start() >= before.end():
            found.append(_cue(sentence, m.start(), m.end(), WISH_HEDGE))
    lowest = Strength.GOOD_INTENTION if found else strength
    for m in cues.BEST_EFFORT_HEDGES.finditer(low, at, scope_end):
        found.append(_cue(sentence, m.start(), m.end(), EFFORT_HEDGE))
        if lowest.rank > Strength.BEST_EFFORT.rank:
            lowest = Strength.BEST_EFFORT
    for m in cues.CONDITION_HEDGES.finditer(low, max(seg_start, at - _LOOKBACK), at):
        found.append(_cue(sentence, m.start(), m.end(), EFFORT_HEDGE))
        if lowest.rank > Strength.BEST_EFFORT.rank:
            lowest = Strength.BEST_EFFORT
    final = strength if strength.rank <= lowest.rank else lowest
    return final, found


def classify(sentence: str) -> Reading:
    """The strength of the writer's own promise in the sentence, with the words behind it."""
    low = sentence.translate(_STRAIGHTEN).lower()
    if not _ANY_CUE.search(low):  # most sentences of a mailbox: no person, modal or plan
        return Reading(sentence, Strength.NONE)
    clauses = [c for seg in _segments(low) for c in _read_segment(sentence, low, seg)]
    if not clauses:
        return Reading(sentence, Strength.NONE)
    best = max(clauses, key=lambda c: c.strength.rank)
    if best.strength is Strength.NONE:
        return Reading(sentence, Strength.NONE, tuple(c for cl in clauses for c in cl.cues)[:3])
    return Reading(sentence, best.strength, best.cues)


def suggestion_for(reading: Reading, has_due_date: bool) -> str | None:
    """A plain suggestion where the language leaves the other side guessing, naming the words
    that made it so ("“try to” makes this a best effort")."""
    hedges = _hedge_words(reading)
    if reading.strength is Strength.GOOD_INTENTION:
        return (
            f"{hedges or 'This'} reads as a good intention. If the outcome is in your power, "
            "say what you will do and by when; if it is not, say what you don't control."
        )
    if reading.strength is Strength.BEST_EFFORT:
        return (
            f"{hedges or 'This'} reads as a best effort. If you can promise it, say what you "
            "will do and by when; if you can't, say what could stop you, so they can plan "
            "around it."
        )
    if reading.strength is Strength.COMMITMENT and not has_due_date:
        return "A clear commitment. Say by when, so both sides can tell whether it was kept."
    return None


def _hedge_words(reading: Reading) -> str:
    """The words that lowered the reading, quoted ("“try”, “if I can”"), or ""."""
    lowering = (EFFORT_HEDGE, WISH_HEDGE, INTENTION, OFFER, JOINT)
    said = [f"“{c.words}”" for c in reading.cues if c.effect in lowering]
    return ", ".join(dict.fromkeys(said))
