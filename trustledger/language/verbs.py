"""The walk over a first-person clause's next few words: its modal and verb give its reading.

- "will", "shall", "going to" + an action: a commitment; so are "let me check" and offers such
  as "I'd be happy to send it";
- "can" + an action: a best effort (an offer stated as capacity); "try", "do my best", "I
  should be able to": a best effort;
- "could", "may", "might", "hope to", "plan to", "would like to": a good intention;
- no promise: where the writer will be, states and perceptions, needs, negations, courtesies
  done by saying them, requests dressed as wishes, advice, the past, outcomes, and an
  organisation's announcements and forecasts.
"""

from __future__ import annotations

import re

from trustledger.language import cues
from trustledger.language.clauses import Words
from trustledger.language.cues import words
from trustledger.language.effects import (
    ABILITY,
    ADVERT,
    ANNOUNCEMENT,
    AVAILABILITY,
    AWAITING,
    COURTESY,
    EFFORT_HEDGE,
    FORECAST,
    HYPOTHETICAL,
    INTENTION,
    JOINT,
    LEFT_TO_OTHERS,
    NEGATED,
    NOT_ACTION,
    OBLIGATION,
    OFFER,
    OUTCOME,
    PAST,
    POSSESSION,
    PROMISE,
    PROMISE_WORD,
    REQUEST,
    SCHEDULE,
    STATE,
    THIS_MESSAGE,
    Strength,
)

_FUTURE_TIME = re.compile(
    r"\b(?:tomorrow|tonight|later|next|soon|shortly|this (?:afternoon|evening|week|weekend)"
    r"|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|separately|(?:under|by) separate cover"
    r"|right away|in a (?:minute|moment|bit|few minutes))\b"
)
_DETERMINERS = words("the a an my our his her their your this that some to")
_BE_FORMS = words("'m am 're are was were")
_BARE_ING = words(
    "going gon planning hoping intending aiming looking thinking trying considering inclined"
)
_OTHERS = words("you your his her their them him")
_THAT = words("it that this")
_HAPPY = words("happy glad pleased delighted thrilled willing prepared")
_BROUGHT = words("a an the some more my our")
_ANSWERING = frozenset({("following", "up"), ("getting", "back"), ("reaching", "out")})
_ANSWERING_ING = words("contacting replying responding reverting")
_MET = words("you him her them everyone everybody all your his their people")
_LATER = words("later soon then shortly tomorrow . ! ,") | {""}
_LEANING = words("inclined tempted minded")
_WORKED_ON = words("it this that these those your")
_INTENT_VERBS = words("hope plan intend want aim expect wish mean prefer")
_INTENT_ING = words("planning hoping intending aiming looking")

# A clause's walk yields its reading, the end of the words that decided it, and its effect.
Walk = tuple[Strength, int, str]


def _able_to(w: Words, i: int, subject: str) -> Walk:
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


def _will_be_able(w: Words, i: int, subject: str) -> Walk:
    """ "I'll be able to send it" is the writer's capacity to act (a best effort); "we will be
    able to offer lower prices" forecasts what an organisation can do, like an announcement."""
    reading = _able_to(w, i, subject)
    if subject == "we" and reading[0] is Strength.BEST_EFFORT:
        return Strength.NONE, reading[1], FORECAST
    return reading


def _able(w: Words, i: int) -> int:
    """Where "able" or its kin "in a position" ends from token i, when "to" follows; else -1
    ("I should be in a position to confirm" is "I should be able to confirm")."""
    if w.word(i) == "able":
        return i
    if w.word(i) == "in" and w.word(i + 1) == "a" and w.word(i + 2) == "position":
        return i + 2 if w.word(i + 3) == "to" else -1
    return -1


def _after_be(w: Words, i: int, modal: Strength, subject: str) -> Walk:
    """Read "… be X": availability and states are no promise; "be sending" is an action."""
    word = w.word(i)
    if _able(w, i) >= 0:
        i = _able(w, i)
        return (
            _will_be_able(w, i, subject)
            if modal is Strength.COMMITMENT
            else _able_to(w, i, subject)
        )
    if word in _HAPPY or (word == "more" and w.word(i + 2) in _HAPPY):
        k = i + 1 if word in _HAPPY else i + 3
        if w.word(k) == "to":
            at = w.skip_adverbs(k + 1)
            verb = w.word(at)
            # "Happy to meet with you", "… to meet anytime next week" offer a meeting, a wish
            # to act; "glad to meet you" is the pleasure of it, a state.
            if verb == "meet" and w.word(at + 1) not in _MET and modal.rank:
                met = at + (w.word(at + 1) in ("with", "up"))
                return Strength.GOOD_INTENTION, w.end(met), INTENTION
            # "I'd be glad to." answers a request: the offer is the action asked for.
            if verb in ("", ".", "!") and modal.rank:
                return modal, w.end(k), "an offer of an action"
            # "Delighted to attend" accepts an invitation, a wish to be there, as "happy to
            # meet with you"; "pleased to welcome you" is a greeting, a state.
            if verb in cues.MOVEMENT_VERBS and modal.rank:
                return Strength.GOOD_INTENTION, w.end(k + 1), INTENTION
            if verb == "welcome":
                return Strength.NONE, w.end(k + 1), STATE
            if verb and verb not in cues.STATE_AFTER_GLAD:
                return modal, w.end(k + 1), "an offer of an action" if modal.rank else NOT_ACTION
        return Strength.NONE, w.end(i), STATE
    if word == "checking" and _mailbox_habit(w, i + 1):
        return Strength.NONE, w.end(i + 1), AVAILABILITY  # "I'll be checking voicemail daily"
    if word in ("looking", "watching") and _awaits_theirs(w, i + 1):
        return Strength.NONE, w.end(i + 1), AWAITING  # "I'll be looking for your reply"
    if word == "looking" and w.word(i + 1) == "forward":
        return Strength.NONE, w.end(i + 1), STATE  # "I'll be looking forward to it"
    if word in ("done", "finished") and w.word(i + 1) in ("by", "with", "before"):
        return modal, w.end(i), PROMISE  # "I'll be done by Friday": the work finished
    if word in cues.BE_ACTION or (word == "in" and w.word(i + 1) == "touch"):
        return modal, w.end(i + 1), PROMISE
    if word == "back" and w.word(i + 1) in ("in", "to") and w.word(i + 2) in ("touch", "you"):
        return modal, w.end(i + 2), PROMISE
    if word == "back" and w.word(i + 1) == "with" and w.word(i + 2) in _BROUGHT:
        return modal, w.end(i + 1), PROMISE  # "I'll be back with an answer tomorrow"
    if word in ("there", "over") and _there_to_act(w, i + 1):
        return modal, w.end(_there_to_act(w, i + 1)), PROMISE  # "I'll be there to help"
    if (word, w.word(i + 1)) in (("filling", "in"), ("covering", "for"), ("standing", "in")):
        return Strength.NONE, w.end(i + 1), SCHEDULE  # "I'll be covering for Mary next week"
    if word == "working" and w.word(i + 1) == "on" and w.word(i + 2) in _WORKED_ON:
        return modal, w.end(i + 2), PROMISE  # "I'll be working on it all weekend": an action
    if word in cues.ING_ADJECTIVES:
        return Strength.NONE, w.end(i), STATE  # "Will be interesting to see", "be exciting"
    if word.endswith("ing") and len(word) > 4 and word not in cues.SCHEDULE_ING:
        # "We will be moving to the new system": an organisation's announcement of what is
        # under way, where "I will be sending it" and "we will be sending you the list" are
        # actions the writer owes.
        to_reader = (word, w.word(i + 1)) in _ANSWERING or word in _ANSWERING_ING
        if subject == "we" and w.word(i + 1) not in ("you", "your") and not to_reader:
            return Strength.NONE, w.end(i), ANNOUNCEMENT
        return modal, w.end(i), PROMISE
    return Strength.NONE, w.end(i), SCHEDULE


def _after_will(w: Words, i: int, subject: str, modal: Strength, sentence: str) -> Walk:
    """Read the verb after "will", "shall" or "going to" (modal is the reading it gives)."""
    i = w.skip_adverbs(i)
    verb = w.word(i)
    if verb in cues.NEGATIONS:
        return Strength.NONE, w.end(i), NEGATED
    if verb == "be":
        return _after_be(w, w.skip_adverbs(i + 1), modal, subject)
    if verb in ("try", "attempt", "endeavor", "endeavour", "strive"):
        if w.word(i + 1) == "to" and _brief(w, i + 2):
            return Strength.NONE, w.end(i + 1), THIS_MESSAGE  # "I'll try to keep this short"
        return Strength.BEST_EFFORT, w.end(i), EFFORT_HEDGE
    if verb == "do" and w.word(i + 1) in ("my", "our") and w.word(i + 2) == "best":
        return Strength.BEST_EFFORT, w.end(i + 2), EFFORT_HEDGE
    if verb == "need":
        return Strength.NONE, w.end(i), OBLIGATION
    if verb == "want" and w.word(i + 1) == "to":  # "I'll want to review it first": a wish
        return _after_intent(w, i + 2, subject)
    if verb == "have" and _reachable(w, i + 1):
        return Strength.NONE, w.end(i + 1), AVAILABILITY  # "I will have my cell phone with me"
    if verb == "have" and _free_time(w, i + 1):
        return Strength.NONE, w.end(_free_time(w, i + 1)), AVAILABILITY  # "I'll have time"
    if verb == "get" and _a_chance(w, i + 1):
        # "We'll get a chance to talk" is an opportunity; "I'll get a chance to review it
        # tonight" says when the writer can act, as "when I get a chance" does.
        chance = _a_chance(w, i + 1)
        verb_then = w.word(chance + 2)
        if verb_then in cues.NON_ACTION_VERBS | cues.JOINT_CAN_VERBS | {"see", "catch"}:
            return Strength.NONE, w.end(chance + 1), NOT_ACTION
        return Strength.BEST_EFFORT, w.end(chance + 1), EFFORT_HEDGE
    if verb == "have" and _knows_more(w, i + 1):
        return Strength.NONE, w.end(_knows_more(w, i + 1)), NOT_ACTION  # "I'll know more"
    if verb == "check" and _mailbox_habit(w, i + 1):
        return Strength.NONE, w.end(i + 1), AVAILABILITY  # "I will check email periodically"
    eye_out = verb == "keep" and w.word(i + 2) == "eye" and w.word(i + 3) == "out"
    if (
        verb in ("look", "watch")
        and _awaits_theirs(w, i + 1)
        or eye_out
        and _awaits_theirs(w, i + 3)
    ):
        return Strength.NONE, w.end(i + 1), AWAITING  # "I will look for your comments"
    if verb == "keep" and w.word(i + 2) == "fingers":
        return Strength.NONE, w.end(i + 3), STATE  # "I'll keep my fingers crossed"
    if verb == "keep" and w.word(i + 1) in _THAT and w.word(i + 2) in ("short", "brief"):
        return Strength.NONE, w.end(i + 2), THIS_MESSAGE  # "I will keep this short"
    if verb == "make" and w.word(i + 1) in _THAT and w.word(i + 2) in ("quick", "short", "brief"):
        return Strength.NONE, w.end(i + 2), THIS_MESSAGE  # "I'll make this quick"
    if verb == "spare" and w.word(i + 1) == "you":
        return Strength.NONE, w.end(i + 1), THIS_MESSAGE  # "I'll spare you the details"
    if verb in ("keep", "bear") and _in_mind(w, i + 1):
        return Strength.NONE, w.end(_in_mind(w, i + 1)), STATE  # "I'll keep that in mind"
    if (
        verb == "take"
        and w.word(i + 1) in ("your", "his", "her", "their")
        and w.word(i + 2) == "word"
    ):
        return Strength.NONE, w.end(i + 2), NOT_ACTION  # "I'll take your word for it": a belief
    if w.word(i + 1) in cues.SAID_AS_WRITTEN_NEXT.get(verb, ()) and cues.SAID_AS_WRITTEN.match(
        " ".join(w.word(k) for k in range(i, i + 5))
    ):
        return Strength.NONE, w.end(i + 1), THIS_MESSAGE  # "I'll get straight to the point"
    if _no_deed(w, i):
        return Strength.NONE, w.end(i + 1), NOT_ACTION  # "I'll stick with it", "I'll defer to you"
    if verb == "continue" and w.word(i + 1) == "to" and w.word(i + 2) == "be":
        return Strength.NONE, w.end(i + 2), STATE  # "we will continue to be the supplier"
    if verb == "pass" and (
        w.word(i + 1) in _PASSED
        or w.word(i + 2) == "time"
        or w.word(i + 3) == "one"
        and w.word(i + 4) in _PASSED
    ):
        return Strength.NONE, w.end(i), NEGATED  # "I'll pass this time": a refusal
    if verb == "have" and w.word(i + 1) == "to":
        declined = w.word(w.skip_adverbs(i + 2))
        if declined in cues.NON_ACTION_VERBS:  # "we'll have to wait"
            return Strength.NONE, w.end(i + 2), NOT_ACTION
        if declined in cues.DECLINING:  # "I'll have to pass", "I'm going to have to decline"
            return Strength.NONE, w.end(i + 3), NEGATED
        return Strength.GOOD_INTENTION, w.end(i + 1), OBLIGATION
    if verb == "see" and w.word(i + 1) == "about" and subject == "i":
        return Strength.BEST_EFFORT, w.end(i + 1), EFFORT_HEDGE  # "I'll see about getting it"
    if verb == "see" and w.word(i + 1) == "to" and w.word(i + 2) in _THAT:
        return modal, w.end(i + 2), PROMISE  # "I'll see to it that it is signed"
    asked = w.word(i + 1) in _READERS or w.word(i + 1) == "that" and w.word(i + 2) in _READERS
    if verb in ("ask", "request", "urge", "encourage") and asked:
        return Strength.NONE, w.end(i + 1), REQUEST  # "I will ask you to sign the form"
    if _attends(w, i):
        return Strength.NONE, w.end(i + 1), SCHEDULE  # "I'll dial in", "I will work from home"
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
    if verb == "catch" and w.word(i + 1) == "you" and w.word(i + 2) in _LATER:
        return Strength.NONE, w.end(i + 1), JOINT  # "I'll catch you later": a closing
    if verb in ("second", "echo") and w.word(i + 1) in _THAT | {"the"}:
        return Strength.NONE, w.end(i + 1), STATE  # "I'll second that": agreement said now
    if verb == "get" and w.word(i + 1) in ("round", "around") and w.word(i + 2) == "to":
        return Strength.GOOD_INTENTION, w.end(i + 2), INTENTION  # "I'll get around to it"
    # "We'll talk soon" is a closing; "we'll talk to the lawyers" is an errand for the reader.
    to_others = verb in ("talk", "speak", "chat") and w.word(i + 1) in ("to", "with")
    if to_others and w.word(i + 2) in ("you", "each", "everyone", "all", ""):
        to_others = False
    if subject == "we" and verb in cues.JOINT_VERBS and not to_others:
        return Strength.NONE, w.end(i), JOINT
    after = w.word(i + 1)
    if _looks_to_act(w, i):  # "we'll look to finalise it", "I'll look at moving it": a plan
        return Strength.GOOD_INTENTION, w.end(i + 1), INTENTION
    if verb == "look" and after == "to" and w.word(i + 2) in _OTHERS:
        return Strength.NONE, w.end(i + 2), AWAITING  # "I'll look to you for guidance"
    if verb in ("aim", "shoot", "target") and after == "for":  # "I'm going to aim for Friday"
        return Strength.GOOD_INTENTION, w.end(i + 1), INTENTION
    if _works_towards(w, i):  # "I'll work on getting you the numbers": an effort
        return Strength.BEST_EFFORT, w.end(i + 1), EFFORT_HEDGE
    if subject == "we" and _changes_itself(w, i):
        return Strength.NONE, w.end(i), ANNOUNCEMENT  # "we will upgrade the servers Saturday"
    if subject == "we" and verb in ("match", "beat") and "any" in (after, w.word(i + 2)):
        return Strength.NONE, w.end(i + 1), ADVERT  # "we will match any competitor's price"
    if subject == "we" and _holds_an_event(w, i):
        return Strength.NONE, w.end(i), SCHEDULE  # "we will hold our annual meeting on May 5"
    if verb in cues.MOVEMENT_VERBS:
        return Strength.NONE, w.end(i), SCHEDULE
    if verb in cues.DEPARTURE_VERBS and _when_or_where(w, i + 1):
        return Strength.NONE, w.end(i + 1), SCHEDULE  # "I will leave for Denver on Monday"
    if _goes_to_a_place(w, i, sentence) or _engaged(w, i):
        return Strength.NONE, w.end(i + 1), SCHEDULE  # "I'll go to New York", "speak at"
    if verb == "make" and _arrives(w, i + 1):
        return Strength.NONE, w.end(i + 1), SCHEDULE  # "we'll make it to the meeting"
    if subject == "we" and verb == "own" and _holding(w, i + 1):
        return Strength.NONE, w.end(i), POSSESSION  # "we will own the assets outright"
    if verb == "make" and _a_gain(w, i + 1):
        return Strength.NONE, w.end(i + 1), OUTCOME  # "we will make money on this"
    if verb in cues.OUTCOME_VERBS or verb == "run" and after in ("into", "out", "short"):
        return Strength.NONE, w.end(i + 1), OUTCOME  # "we will incur costs", "run into delays"
    if verb in ("start", "begin") and after == "at":
        return Strength.NONE, w.end(i + 1), SCHEDULE  # "I'll start at the bank on the 1st"
    if _time_away(w, i):
        return Strength.NONE, w.end(i + 1), SCHEDULE  # "I'll take Friday off", "catch a flight"
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
    if _gets_in(w, i):
        return Strength.NONE, w.end(i + 1), SCHEDULE
    participle = after.endswith("ed") or after in cues.IRREGULAR_PARTICIPLES
    if verb == "get" and participle and after not in cues.GET_ACTIONS:
        return Strength.NONE, w.end(i + 1), OUTCOME
    if verb in ("get", "earn") and _gains(w, i + 1):
        return Strength.NONE, w.end(_gains(w, i + 1)), OUTCOME  # "we will get a refund"
    if verb in ("save", "keep", "hold", "leave") and _put_off(w, i + 1):
        return Strength.NONE, w.end(i), SCHEDULE  # "we'll save that discussion for a later date"
    if verb == "leave" and after in _THAT and w.word(i + 2) == "with" and w.word(i + 3) in _OTHERS:
        return Strength.NONE, w.end(i + 3), LEFT_TO_OTHERS  # "I'll leave it with you"
    if verb == "leave" and after in _THAT and w.word(i + 2) in ("at", "to", "up", "there", "alone"):
        return Strength.NONE, w.end(i + 2), LEFT_TO_OTHERS  # "I'll leave that to you"
    if verb == "let" and after in _OTHERS and w.word(i + 2) not in ("know", "have", "in"):
        return Strength.NONE, w.end(i + 2), LEFT_TO_OTHERS  # "I'll let you decide"
    if verb == "take" and after in _THAT and w.word(i + 2) == "as":
        return Strength.NONE, w.end(i + 2), NOT_ACTION  # "I'll take that as a yes"
    if verb in cues.NON_ACTION_VERBS:
        return Strength.NONE, w.end(i), NOT_ACTION
    return modal, w.end(i), PROMISE if modal is Strength.COMMITMENT else INTENTION


def _brief(w: Words, i: int) -> bool:
    """Is the verb at i keeping this message short ("keep this short", "be brief")?"""
    if w.word(i) == "be":
        return w.word(i + 1) in ("brief", "quick", "short")
    return w.word(i) == "keep" and w.word(i + 1) in _THAT and w.word(i + 2) in ("short", "brief")


def _no_deed(w: Words, i: int) -> bool:
    """Does the verb at i take a stance, abstain, defer or cope ("go with that", "stay out of
    it", "defer to you", "manage"), no deed promised? A cheap look at the next word first."""
    nexts = cues.NO_DEED_NEXT.get(w.word(i))
    if nexts is None or nexts and w.word(i + 1) not in nexts:
        return False
    return bool(cues.NO_DEED.match(" ".join(w.word(k) for k in range(i, i + 5))))


def _holding(w: Words, i: int) -> bool:
    """Do the words at i name a holding ("50 percent of the venture", "the assets", "a stake"),
    owned, rather than a task owned as a duty ("own the follow-up")?"""
    ahead = [w.word(k) for k in range(i, i + 4)]
    return any(x[:1].isdigit() or x in cues.HOLDINGS for x in ahead)


def _a_gain(w: Words, i: int) -> bool:
    """Do the words at i name a gain or loss that comes to the writer ("money", "a nice profit",
    "a killing", "a lot of money")?"""
    k = i
    while w.word(k) in cues.GAIN_SIZES and k < i + 3:
        k += 1
    return w.word(k) in (cues.GAINS if k == i else cues.BIG_GAINS)


def _in_mind(w: Words, i: int) -> int:
    """Where "in mind" (or "in my thoughts", "in my prayers") ends after "keep" or "bear" and up
    to three words of object ("keep that in mind", "bear your points in mind"); 0 if not there."""
    for k in range(i, i + 4):
        if w.word(k) == "in":
            held = w.word(k + 1)
            if held == "mind":
                return k + 1
            if held in ("my", "our") and w.word(k + 2) in ("thoughts", "prayers"):
                return k + 2
            return 0
        if w.word(k) in ("", ".", ",", "and", "to", "for"):
            return 0
    return 0


def _gains(w: Words, i: int) -> int:
    """Where a gain that comes to the writer ends after "get" ("we will get a refund", "I'll get
    my bonus"); 0 when it is none, or handed on ("I'll get the money to you")."""
    k = i + (w.word(i) in ("a", "the", "my", "our", "some", "any", "an"))
    if w.word(k) not in cues.GAINS | cues.RECEIPTS:
        return 0
    nxt = w.word(k + 1)
    if nxt in ("to", "for", "back", "from", "out", "over") or nxt in _OTHERS:
        return 0
    return k


def _a_look(w: Words, i: int) -> int:
    """Where "a (quick) look / read / chat" ends at i after "I'd like": the writer's own act
    wished for, as "I'd like to have a look" ("I'd like a copy" asks for a thing); else 0."""
    if w.word(i) not in ("a", "an"):
        return 0
    k = i + 1 + (w.word(i + 1) in ("quick", "brief", "short", "closer", "proper", "final"))
    return k if w.word(k) in _LOOKS else 0


_LOOKS = words("look read review chat word")


def _put_off(w: Words, i: int) -> bool:
    """Do the words at i put a thing off ("that for later", "the discussion for a later date",
    "it for next time"), saying when it will not be done rather than promising it?"""
    for k in range(i, i + 6):
        if w.word(k) == "for":
            later = w.word(k + 1) in ("later", "another", "next") or w.word(k + 2) == "later"
            return later and w.word(k + 1) not in _OTHERS
        if w.word(k) in ("", ".", ",", "!", "and", "but", "to"):
            return False
    return False


def _there_to_act(w: Words, i: int) -> int:
    """Where "to" + an action ends after "be there" / "be over" at i, with at most a time
    between ("there at 9 to open the office", "over to fix the printer"); else 0. Being there
    for a purpose is the action; being there to see or hear is not."""
    for k in range(i, i + 4):
        if w.word(k) == "to":
            verb = w.word(k + 1)
            act = verb.isalpha() and verb not in cues.NON_ACTION_VERBS | _LOOKED_TO
            return k + 1 if act else 0
        if w.word(k) in ("", ".", ",", "!", "and", "but", "if", "when"):
            return 0
    return 0


def _a_chance(w: Words, i: int) -> int:
    """Where "a chance" / "the opportunity" ends at i when "to" follows; else 0."""
    k = i + 1 if w.word(i) in ("a", "the", "an") else i
    return k if w.word(k) in ("chance", "opportunity") and w.word(k + 1) == "to" else 0


def _knows_more(w: Words, i: int) -> int:
    """Where "more information", "a better idea" end after "have" at i: knowing more later, as
    "I'll know more next week" is, not handing it on ("more news for you"); else 0."""
    k = i + 1 if w.word(i) in ("more", "a") else i
    k += w.word(k) in ("better", "clearer", "more", "fuller")
    if k == i or w.word(k) not in _KNOWN:
        return 0
    handed = any(w.word(n) in _OTHERS for n in range(k + 1, k + 4))
    return 0 if handed else k


_KNOWN = words("information info idea news details clarity visibility picture sense detail")


def _looks_to_act(w: Words, i: int) -> bool:
    """Is the verb at i "look to" + a verb ("look to finalise it") or "look at" + doing ("look at
    moving the date"): weighing an action, not doing it? Not "look to you for advice"."""
    if w.word(i) != "look":
        return False
    if w.word(i + 1) == "at":
        return w.word(i + 2).endswith("ing")
    nxt = w.word(i + 2)
    return w.word(i + 1) == "to" and nxt.isalpha() and nxt not in _LOOKED_TO


_PASSED = words(". , !") | {""}
_LOOKED_TO = words("you him her them us me it the a an your his their our my this that")


def _works_towards(w: Words, i: int) -> bool:
    """Is the verb at i working towards an outcome ("work on getting you the numbers", "working
    to resolve it"), an effort, rather than doing it ("work on the draft")?"""
    if w.word(i) not in ("work", "working"):
        return False
    if w.word(i + 1) == "on":
        return w.word(i + 2).endswith("ing") and w.word(i + 2) not in ("something", "nothing")
    nxt = w.word(i + 2)
    return w.word(i + 1) == "to" and nxt.isalpha() and nxt not in _LOOKED_TO | {"deadline"}


def _all_we_can(w: Words, i: int) -> bool:
    """Do the words at i give all the effort the writer can ("my best", "everything I can", "all
    we can", "whatever we can")?"""
    word, nxt = w.word(i), w.word(i + 1)
    if word in ("my", "our", "the", "his") and nxt in ("best", "utmost"):
        return True
    k = i + 2 if nxt == "that" else i + 1
    # (The clause's words stop where the next subject starts: "all" may end them.)
    return word in ("everything", "all", "whatever") and w.word(k) in ("i", "we", "")


def _holds_an_event(w: Words, i: int) -> bool:
    """Is the verb at i holding or hosting an event ("hold our annual meeting", "host a webinar")
    or breaking for one ("break for lunch"): an agenda, as "we will begin at nine" is?"""
    verb = w.word(i)
    if verb == "break":
        return w.word(i + 1) == "for"
    if verb not in ("hold", "host", "celebrate"):
        return False
    return any(w.word(k) in cues.EVENT_NOUNS for k in range(i + 1, i + 5))


def _changes_itself(w: Words, i: int) -> bool:
    """Is the verb at i a change an organisation makes to its own systems or rules ("upgrade
    the servers", "roll out the new intranet"), done for no one named ("your account")?"""
    verb = w.word(i)
    if verb in cues.ORG_CHANGE_VERBS:
        k = i + 1
    elif (verb, w.word(i + 1)) in cues.ORG_CHANGE_PHRASES:
        k = i + 2
    else:
        return False
    return not any(w.word(n) in ("you", "your", "yours") for n in range(k, k + 6))


_ARRIVAL_NEXT = words("around about early late from tomorrow tonight today . , !") | {""}
_READERS = words("you everyone everybody all each")
_DIALED_IN = words("to for from on at tomorrow today . , !") | {""}


def _attends(w: Words, i: int) -> bool:
    """Does the verb at i say where the writer will be or how they will take part, as "I will
    attend" does: "call in" or "dial in" to a meeting, "sit in on" it, "work from home"?"""
    verb, nxt, then = w.word(i), w.word(i + 1), w.word(i + 2)
    if verb in ("call", "dial", "phone") and nxt == "in":
        return then in _DIALED_IN or then in cues.EVENT_NOUNS
    if verb == "sit" and nxt == "in":
        return True
    if verb == "work" and nxt in ("from", "at") and then in ("home", "the"):
        return then == "home" or w.word(i + 3) in ("office", "house")
    return verb == "work" and nxt in ("remotely", "late", "offsite")


def _goes_to_a_place(w: Words, i: int, sentence: str) -> bool:
    """Is the verb at i going somewhere named ("go to New York", "come to Houston", "drive down
    to Austin"), a trip, as "fly" is? A capital names the place; "go to the bank" is left to the
    list of places."""
    if w.word(i) == "leave" and _named(w, i + 1, sentence):  # "I will leave Houston on Friday"
        return _when_or_where(w, i + 2) or w.word(i + 2) in ("", ".", ",", "!", "and", "early")
    if w.word(i) not in ("go", "come", "drive", "head", "move", "travel"):
        return False
    k = i + 2 if w.word(i + 1) in ("down", "up", "over", "out", "back") else i + 1
    return w.word(k) == "to" and _named(w, k + 1, sentence)


def _named(w: Words, k: int, sentence: str) -> bool:
    """Does token k name a place or a person with a capital ("Houston", "New York"), not "I"?"""
    if k >= len(w.items):
        return False
    return sentence[w.items[k][1] : w.items[k][1] + 1].isupper() and w.word(k) != "i"


def _engaged(w: Words, i: int) -> bool:
    """Is the verb at i an engagement, where the writer will be ("speak at the conference",
    "present at the board meeting"), as "attend" is?"""
    return w.word(i) in ("speak", "present") and w.word(i + 1) == "at"


def _gets_in(w: Words, i: int) -> bool:
    """Is "get" (or "come", "head") at i arriving or leaving: "get in around ten", "get back on
    Monday", "come in late tomorrow", "head out early"; not "get back to you", which answers the
    reader?"""
    after, then = w.word(i + 1), w.word(i + 2)
    arrival = after in ("in", "back", "there", "home", "here", "out", "over") and (
        then in _ARRIVAL_NEXT or _when_or_where(w, i + 2)
    )
    return w.word(i) in ("get", "come", "head") and arrival and then not in ("to", "with")


def _scheduled(w: Words, j: int) -> bool:
    """Does "can" + the verb at j say where or when the writer can be, as the same verb after
    "will" does: "call in", "work from home", "get there by 5", "leave at 3", "stay late", "have
    lunch on Friday"?"""
    verb, nxt = w.word(j), w.word(j + 1)
    if _attends(w, j) or _gets_in(w, j) or verb == "have" and _event_follows(w, j + 1):
        return True
    return verb in cues.DEPARTURE_VERBS and (_when_or_where(w, j + 1) or nxt == "late")


def _free_time(w: Words, i: int) -> int:
    """Where the words after "have" at i name free time ("time", "some time on Friday", "a
    minute", "a free hour"), the index of the time word; else 0. Having time says when the
    writer is free, like "I can do Tuesday"."""
    k = i + 1 if w.word(i) in ("a", "some", "more", "plenty", "enough", "the") else i
    if w.word(k) in ("free", "spare", "little", "few", "of"):
        k += 1
    return k if w.word(k) in cues.FREE_TIME else 0


def _reachable(w: Words, i: int) -> bool:
    """Do the words after "have" at i say how the writer can be reached while away ("my cell
    phone with me", "limited access to email", "my laptop")? Not "my assistant call you"."""
    ahead = [w.word(k) for k in range(i, i + 3)]
    if "access" in ahead:
        return True
    return ahead[0] == "my" and ahead[1] in cues.DEVICES


def _mailbox_habit(w: Words, i: int) -> bool:
    """Is checking the words at i a habit of an absence ("email periodically", "my voicemail
    while I am away"), not one action owed ("check my calendar and get back to you")?"""
    if not any(w.word(k) in cues.MAILBOXES for k in range(i, i + 3)):
        return False
    return bool(cues.NOW_AND_THEN.search(" ".join(item[0] for item in w.items)))


def _awaits_theirs(w: Words, i: int) -> bool:
    """Are "look for" / "watch for" at i waiting for what the reader or others send ("for your
    comments", "out for his reply"), not searching for a thing ("for the file")?"""
    k = i + 1 if w.word(i) == "out" else i
    if w.word(k) != "for":
        return False
    owner = w.word(k + 1)
    if owner == "it" and w.word(k + 2) in ("", ".", "!", ","):
        return True  # "I'll look out for it"
    return owner in ("your", "his", "her", "their") or (
        owner in ("a", "an") and w.word(k + 2) in ("reply", "response", "answer", "call")
    )


def _when_or_where(w: Words, i: int) -> bool:
    """Does a time or a place start at token i ("on Monday", "for Denver", "to the airport")?
    Not "to you" or "to it": returning to someone or something is an action."""
    word = w.word(i)
    if word == "to":
        return w.word(i + 1) in cues.PLACES
    if word == "on":  # "on Monday", "on the 5th"; not "stay on top of it"
        return w.word(i + 1) in cues.WHEN_OR_WHERE or w.word(i + 1) == "the"
    if word == "in" and w.word(i + 1) == "touch":  # "I'll stay in touch" keeps the reader informed
        return False
    return word in cues.WHEN_OR_WHERE or word in ("for", "from", "home", "there", "here")


def _arrives(w: Words, i: int) -> bool:
    """Is "make" + the words at i getting somewhere ("make it", "make it to the meeting", "make
    it back by five") rather than making something happen ("make it work")?"""
    return w.word(i) == "it" and w.word(i + 1) in _ARRIVING


_ARRIVING = words("to back there in on at for tomorrow today tonight . ! ,") | {""}


def _time_away(w: Words, i: int) -> bool:
    """Does the verb at i spend time or travel rather than act: "take Friday off", "take a few
    days of vacation", "spend the week in London", "catch the early flight", "join the call"?"""
    verb = w.word(i)
    ahead = [w.word(k) for k in range(i + 1, i + 5)]
    if verb == "take" and ("off" in ahead or any(x in cues.LEAVE_NOUNS for x in ahead)):
        return True
    if verb == "spend" and any(x in cues.TIME_NOUNS for x in ahead[:3]):
        return True
    # "catch the early flight", "take the 5:30 train home" (a time counts as three tokens)
    ahead = ahead + [w.word(k) for k in range(i + 5, i + 7)]
    if verb in ("catch", "take") and any(x in cues.TRANSPORT for x in ahead[:5]):
        return True
    k = i + 2 if ahead[0] in ("the", "a", "our", "your", "this", "that", "in") else i + 1
    return verb in ("join", "sit") and w.word(k) in cues.EVENT_NOUNS


def _available(w: Words, j: int) -> bool:
    """Does "can" + the verb at j say when the writer is free ("I can do Tuesday", "I can make
    the 3 o'clock", "we can meet at 10")? "Make" and "do" take a time or a meeting as their
    object ("I can make the changes tonight" is an offer); the others are followed by a time."""
    verb = w.word(j)
    if verb in ("make", "do"):
        k = j + 2 if w.word(j + 1) in ("it", "the", "that", "either", "a", "an") else j + 1
        return _is_time(w.word(k)) or w.word(k) in cues.EVENT_NOUNS
    return verb in cues.AVAILABLE_VERBS and any(_is_time(w.word(k)) for k in range(j + 1, j + 4))


def _is_time(word: str) -> bool:
    return word in cues.TIMES or word.isdigit()


def _causative(w: Words, i: int) -> bool:
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


def _event_follows(w: Words, i: int) -> bool:
    """Does an event ("a call", "lunch", "our offsite") start at token i?"""
    if w.word(i) in ("a", "an", "the", "our", "my", "some"):
        i += 1
    return w.word(i) in cues.EVENT_NOUNS


def _after_intent(w: Words, i: int, subject: str) -> Walk:
    """Read the verb after "hope to", "plan to", "would like to": a wish unless a courtesy."""
    i = w.skip_adverbs(i)
    verb = w.word(i)
    if verb in cues.PERFORMATIVE_VERBS or verb == "let" and _lets_know(w, i + 1):
        return Strength.NONE, w.end(i), COURTESY
    if _brief(w, i):
        return Strength.NONE, w.end(i + 1), THIS_MESSAGE  # "I want to keep this short"
    if w.word(i + 1) in cues.KEPT_UP_NEXT.get(verb, ()) and cues.KEPT_UP.match(
        " ".join(w.word(k) for k in range(i, i + 6))
    ):
        return Strength.NONE, w.end(i), COURTESY  # "I hope to work with you again"
    if verb == "take" and w.word(i + 2) in ("opportunity", "moment", "minute", "second"):
        return Strength.NONE, w.end(i + 2), COURTESY  # "I'd like to take a moment to thank"
    if verb in cues.REQUESTED_VERBS or (verb, w.word(i + 1)) in cues.REQUESTED_PHRASES:
        return Strength.NONE, w.end(i), REQUEST  # "I would like to enroll in the plan"
    if cues.SAID_IN_WRITING.match(" ".join(w.word(k) for k in range(i, i + 5))):
        return Strength.NONE, w.end(i + 1), COURTESY  # "I'd like to update you on the audit"
    # "get to see them" is a chance, not an action; "get to it" is getting round to doing it.
    got_to = verb == "get" and w.word(i + 1) == "to" and w.word(i + 2) not in _THAT
    # Seeing whether something can be done is checking, an action ("I'd like to see if we can
    # move the date", as "I'll see if" is); seeing a thing or a person is not.
    checks = verb == "see" and w.word(i + 1) in ("if", "whether", "about")
    if (verb in cues.NON_ACTION_VERBS or verb == "see" or got_to) and not checks:
        return Strength.NONE, w.end(i), NOT_ACTION
    if verb == "make" and _arrives(w, i + 1):  # "I hope to make it to the dinner": being there
        return Strength.NONE, w.end(i + 1), SCHEDULE
    # "I'd like to get your thoughts", "we would like to have their comments": the reader is
    # asked to supply something.
    if verb in ("get", "have", "receive", "obtain") and w.word(i + 1) in _OTHERS:
        return Strength.NONE, w.end(i + 1), REQUEST
    # "I'd like to get on your calendar", "… have a few minutes of your time": the reader's
    # time or things are asked for (a meeting with them stays a wish: "have lunch with you").
    if verb in ("get", "have") and not _event_follows(w, i + 1) and _yours_follow(w, i + 1):
        return Strength.NONE, w.end(i), REQUEST
    if subject == "we" and verb in ("meet", "see"):
        return Strength.NONE, w.end(i), JOINT
    if subject == "we" and (verb == "have" and _event_follows(w, i + 1) or _holds_an_event(w, i)):
        return Strength.NONE, w.end(i + 1), SCHEDULE  # "we plan to hold the offsite in May"
    if subject == "we" and _advertised(w, i):  # "we want to help you": an advertisement
        return Strength.NONE, w.end(i), ADVERT
    if verb in ("be", "being"):
        reading = _after_be(w, w.skip_adverbs(i + 1), Strength.GOOD_INTENTION, subject)
        if reading[0] is Strength.BEST_EFFORT:  # "I'd like to be able to": still a wish
            return Strength.GOOD_INTENTION, reading[1], INTENTION
        return reading
    return Strength.GOOD_INTENTION, w.end(i), INTENTION


def _interested(w: Words, i: int) -> bool:
    """Is the writer "interested in" doing something at i ("I'd be interested in meeting", "we
    are interested in buying the plant"), a wish to act, not in hearing or learning?"""
    if w.word(i) != "interested" or w.word(i + 1) != "in" or not w.word(i + 2).endswith("ing"):
        return False
    verb = w.word(i + 2)[:-3]
    return verb not in cues.NON_ACTION_VERBS and verb not in ("learn", "hear", "know", "receiv")


def _lets_know(w: Words, i: int) -> bool:
    """Does "let" + the words from i tell someone something, as this very message does ("let you
    know", "let everyone know", "let the team know")?"""
    if w.word(i) in ("you", "them", "him", "her"):
        return True
    return any(w.word(k) == "know" for k in range(i + 1, i + 4))


def _yours_follow(w: Words, i: int) -> bool:
    """Does "your" come within the few words from i, before any verb of the writer's own?"""
    for k in range(i, i + 5):
        word = w.word(k)
        if word in ("your", "yours"):
            return True
        if not word or word in ("and", "to", ",", ".", "so", "for", "with", "together"):
            return False
    return False


def walk(low: str, sentence: str, start: int, end: int, subject: str) -> Walk | None:
    """Read the clause whose subject ends at start; None when it is no first-person clause."""
    w = Words(low, start, end)
    i = w.skip_adverbs(0)
    word = w.word(i)
    if subject == "let me":
        return _after_let_me(w, i)
    if word in ("'ll", "will", "shall"):
        return _after_will(w, i + 1, subject, Strength.COMMITMENT, sentence)
    # A note's "Happy to help", "Glad to send it" is read as "I'm happy to …".
    glad = word in _HAPPY and w.word(i + 1) == "to"
    if word in _BE_FORMS or word in _BARE_ING or glad:
        return _after_be_form(w, i, subject, sentence, _FUTURE_TIME.search(low, start, end))
    if word in ("can", "could"):
        return _after_can(w, i, subject)
    if word in ("may", "might"):
        return _after_may(w, i, subject)
    if word in ("would", "'d"):
        return _after_would(w, i, subject)
    if word == "should":
        return _after_should(w, i, subject)
    if word == "ought" and w.word(i + 1) == "to":  # "ought to be able to" as "should be able to"
        return _after_should(w, i + 1, subject)
    return _after_verb(w, i, subject)


def wish_or_courtesy(w: Words, verb_at: int, cue_end: int, subject: str) -> Walk:
    """A wish to do the verb at verb_at, unless that verb makes it a courtesy or a request."""
    reading = _after_intent(w, verb_at, subject)
    if reading[0] is Strength.NONE:
        return reading
    return Strength.GOOD_INTENTION, w.end(cue_end), INTENTION


def _after_let_me(w: Words, i: int) -> Walk:
    """Read "let me check" (an action to come); "let me know", "let me add" promise nothing."""
    word, nxt = w.word(i), w.word(i + 1)
    checks = nxt in ("if", "whether") or nxt == "what" and w.word(i + 2) in ("i", "we")
    if word == "have" and nxt == "a" and w.word(i + 2) in cues.HAVE_A_ACTIONS:
        return Strength.COMMITMENT, w.end(i + 2), PROMISE  # "let me have a look"
    # "Let me run this by you" asks the reader now; "let me run the numbers" is to come.
    by_you = word == "run" and any(
        w.word(k) in ("by", "past") and w.word(k + 1) == "you" for k in range(i + 1, i + 4)
    )
    if word not in cues.LET_ME_ACTIONS or word == "see" and not checks or by_you:
        return Strength.NONE, w.end(i), COURTESY
    return Strength.COMMITMENT, w.end(i), PROMISE


def _after_be_form(
    w: Words, i: int, subject: str, sentence: str, future: re.Match[str] | None
) -> Walk | None:
    """Read "I am going to …", "we are planning to …", "I'm trying to …", "I'm sending it
    tomorrow" (future is a time word in the segment), or a clipped "Going to send it"."""
    word = w.word(i)
    j = w.skip_adverbs(i + 1) if word in _BE_FORMS else i
    after = w.word(j)
    past = word in ("was", "were")
    if after in ("going", "gon") and w.word(j + 1) in ("to", "na"):
        if past and future:  # "I was going to call you tomorrow": a plan, as "was planning to"
            return wish_or_courtesy(w, j + 2, j + 1, subject)
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
    if after == "about" and w.word(j + 1) == "to" and word in _BE_FORMS:
        if past:  # "I was about to call you": it did not happen
            return Strength.NONE, w.end(j + 1), PAST
        k = w.skip_adverbs(j + 2)  # "I'm about to send it", as "going to send it"
        return _after_will(w, k, subject, Strength.COMMITMENT, sentence)
    if after in _INTENT_ING and w.word(j + 1) in ("to", "on", "forward"):
        if after == "looking" and w.word(j + 1) == "forward":
            return Strength.NONE, w.end(j + 1), STATE
        if after == "looking" and w.word(j + 2) in _OTHERS:  # "I'm looking to you for advice"
            return Strength.NONE, w.end(j + 2), AWAITING
        return wish_or_courtesy(w, j + 2, j + 1, subject)
    # Aiming at a target is a plan: "we're aiming for a Friday close", "shooting for Monday".
    if after in ("aiming", "shooting", "targeting") and w.word(j + 1) != "to":
        return Strength.GOOD_INTENTION, w.end(j + (w.word(j + 1) == "for")), INTENTION
    if after == "thinking" and w.word(j + 1) in ("about", "of"):
        return Strength.GOOD_INTENTION, w.end(j + 1), INTENTION
    # Weighing an action is an intention, not a promise: "I am considering sending it", "I'm
    # inclined to accept", "I'm tempted to call them", "I am looking at moving it".
    if after == "considering" and w.word(j + 1).endswith("ing"):
        return Strength.GOOD_INTENTION, w.end(j), INTENTION
    weighing = after == "looking" and w.word(j + 1) == "at" and w.word(j + 2).endswith("ing")
    if after in _LEANING and w.word(j + 1) == "to" or weighing:
        return Strength.GOOD_INTENTION, w.end(j + 1), INTENTION
    if not past and _interested(w, j):  # "we are interested in buying the plant"
        return Strength.GOOD_INTENTION, w.end(j + 2), INTENTION
    if past:
        return None
    on_track = after == "on" and w.word(j + 1) in ("track", "course", "target")
    if on_track and w.word(j + 2) == "to":  # "we're on track to deliver by Friday": likely
        return wish_or_courtesy(w, j + 3, j + 2, subject)
    if _works_towards(w, j):  # "we are working to resolve it", "I'm working on getting it"
        return Strength.BEST_EFFORT, w.end(j + 1), EFFORT_HEDGE
    if after == "doing" and _all_we_can(w, j + 1):  # "I'm doing everything I can to …"
        return Strength.BEST_EFFORT, w.end(j), EFFORT_HEDGE
    if after == "committed" and w.word(j + 1) == "to":
        return Strength.COMMITMENT, w.end(j + 1), PROMISE_WORD
    if after == "trying" and w.word(j + 1) == "to":
        return Strength.BEST_EFFORT, w.end(j + 1), EFFORT_HEDGE
    if after in _HAPPY and w.word(j + 1) == "to":
        # "I'm pleased to announce", "happy to report that …": said by saying it, no offer.
        if w.word(w.skip_adverbs(j + 2)) in cues.ANNOUNCING_VERBS:
            return Strength.NONE, w.end(w.skip_adverbs(j + 2)), COURTESY
        return _after_be(w, j, Strength.COMMITMENT, subject)
    if _able(w, j) >= 0 and w.word(_able(w, j) + 1) == "to":
        return _able_to(w, _able(w, j), subject)
    if after.endswith("ing") and after not in cues.SCHEDULE_ING and subject == "i" and future:
        return Strength.COMMITMENT, w.end(j), PROMISE
    return None


def _modal_verb(w: Words, i: int, past_after_have: tuple[str, ...]) -> tuple[int, Walk | None]:
    """The verb after the modal at i, and a reading when it is already decided: negated
    ("I can't", "we may not") or past ("I could have", "we may have sent")."""
    j = w.skip_adverbs(i + 1)
    verb = w.word(j)
    if verb in cues.NEGATIONS:
        return j, (Strength.NONE, w.end(j), NEGATED)
    if verb == "have" and w.word(j + 1) in past_after_have:
        return j, (Strength.NONE, w.end(j + 1), PAST)
    return j, None


def _after_can(w: Words, i: int, subject: str) -> Walk | None:
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
    # "I can accept that", "we can accept the revised terms": agreement said now ("I can accept
    # the delivery for you" offers to act for someone).
    if verb == "accept" and not any(w.word(k) in _OTHERS for k in range(j + 1, j + 7)):
        return Strength.NONE, w.end(j), NOT_ACTION
    if _no_deed(w, j):
        return Strength.NONE, w.end(j), NOT_ACTION  # "I can go either way", "I can work with that"
    # "Could", like "may" and "might", also says what may happen: "we could have a problem",
    # "I could lose the deal", "we could get hit" are possibilities, no wish to act.
    nxt = w.word(j + 1)
    had = verb == "have" and nxt != "to"
    if word == "could" and (
        verb in cues.NON_ACTION_VERBS
        or had
        and not _event_follows(w, j + 1)
        and not _causative(w, j + 1)
        or _befalls(w, j)
    ):
        return Strength.NONE, w.end(j), NOT_ACTION
    if w.word(i + 1) in ("now", "still", "already", "finally", "again", "no", "longer"):
        return Strength.NONE, w.end(j), ABILITY  # "I can now open it": a state, no offer
    if _own_ability(w, j):
        return Strength.NONE, w.end(j), ABILITY  # "I can open the file", "we can trade it"
    # "I can make it on Tuesday" (but a bare "I can make it" may offer to make a thing).
    at_time = verb == "make" and _arrives(w, j + 1) and w.word(j + 2) not in (".", "!", ",", "")
    # "I could do Tuesday", "I could make it on the 5th" offer a time as "can" does.
    if at_time or _available(w, j) and (word == "can" or verb in ("make", "do")):
        return Strength.NONE, w.end(j), AVAILABILITY
    # Being able to attend, travel or join a meeting is availability too, as "I will attend"
    # is a schedule: "I can attend on Monday", "I can join the call", "I can fly in Tuesday".
    if word == "can" and (verb in cues.MOVEMENT_VERBS or _time_away(w, j) or _scheduled(w, j)):
        return Strength.NONE, w.end(j), AVAILABILITY
    after = w.word(j + 1)
    if (
        word == "can"
        and subject == "we"
        and verb in cues.AGENDA_VERBS
        and after in cues.WHEN_OR_WHERE
    ):
        return Strength.NONE, w.end(j), AVAILABILITY
    together = verb in cues.JOINT_CAN_VERBS or verb == "get" and w.word(j + 1) == "together"
    if subject == "we" and word == "can" and together:
        return Strength.GOOD_INTENTION, w.end(j), JOINT
    if subject == "we" and word == "can" and _advertised(w, j):
        return Strength.NONE, w.end(j), ADVERT
    if word == "can":
        return Strength.BEST_EFFORT, w.end(j), OFFER
    return Strength.GOOD_INTENTION, w.end(j), INTENTION


def _own_ability(w: Words, j: int) -> bool:
    """Does "can" + the verb at j tell what the writer is able to do for themselves ("I can open
    the file", "I can log in from home"), with no one offered anything ("I can print it for
    you" is an offer)?"""
    if w.word(j) not in cues.ACCESS_VERBS:
        return False
    return not any(w.word(k) in _OTHERS | {"us"} for k in range(j + 1, j + 9))


def _advertised(w: Words, j: int) -> bool:
    """Is "we can" + the verb at j a service an organisation advertises ("we can provide you with
    quotes", "we can help!") rather than a thing the writer offers to hand over ("we can provide
    the figures", "we can arrange a call")? The service is offered to "you" with no thing named."""
    if w.word(j) not in cues.SERVICE_VERBS:
        return False
    return w.word(j + 1) in cues.SERVED or any(
        w.word(k) in cues.ANY_COMER for k in range(j + 1, j + 5)
    )


def _after_may(w: Words, i: int, subject: str) -> Walk:
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
    if verb in cues.PERFORMATIVE_VERBS:  # "I might add that …", "I may suggest": said here
        return Strength.NONE, w.end(j), COURTESY
    if _befalls(w, j):
        return Strength.NONE, w.end(j + 1), OUTCOME  # "we may run into delays"
    return Strength.GOOD_INTENTION, w.end(j), INTENTION


def _befalls(w: Words, j: int) -> bool:
    """Does the verb at j say what will happen to the writer rather than what they do ("face
    penalties", "incur costs", "run into delays", "get hit")?"""
    verb, nxt = w.word(j), w.word(j + 1)
    if verb in cues.OUTCOME_VERBS or verb == "run" and nxt in ("into", "out", "short"):
        return True
    participle = nxt.endswith("ed") or nxt in cues.IRREGULAR_PARTICIPLES
    return verb == "get" and participle and nxt not in cues.GET_ACTIONS


def _after_would(w: Words, i: int, subject: str) -> Walk:
    """Read "I'd like to …" (a wish), "I'd be happy to …" (an offer), "I would call him"."""
    j, decided = _modal_verb(w, i, ())
    verb = w.word(j)
    if decided:
        return decided
    if (
        verb in ("like", "love", "hope", "want", "plan", "intend", "prefer", "expect")
        and w.word(j + 1) == "to"
    ):
        return _after_intent(w, j + 2, subject)
    for_us = w.word(j + 1) == "for" and w.word(j + 2) in ("us", "me")
    if verb in ("like", "love") and for_us and w.word(j + 3) == "to":  # "like for us to meet"
        return _after_intent(w, j + 4, subject)
    if verb in ("like", "love") and _a_look(w, j + 1):  # "I'd like a quick look at it": a wish
        return Strength.GOOD_INTENTION, w.end(_a_look(w, j + 1)), INTENTION
    if verb == "be" and w.word(j + 1) in _HAPPY | {"more"}:
        return _after_be(w, j + 1, Strength.COMMITMENT, subject)
    if _looks_to_act(w, j) and w.word(j + 1) == "to":  # "we would look to start in May"
        return _after_intent(w, j + 2, subject)
    if verb == "be" and w.word(j + 1) in _LEANING and w.word(j + 2) == "to":
        return wish_or_courtesy(w, j + 3, j + 2, subject)  # "I'd be inclined to accept it"
    if verb == "be" and _interested(w, j + 1):  # "I'd be interested in meeting": a wish
        return Strength.GOOD_INTENTION, w.end(j + 3), INTENTION
    chance = w.word(j + 2) in ("opportunity", "chance") and w.word(j + 3) == "to"
    if verb in ("appreciate", "welcome", "love", "like") and chance:
        return _after_intent(w, j + 4, subject)  # "I'd welcome the chance to visit"
    if verb == "be" and _able(w, j + 1) >= 0:
        return Strength.GOOD_INTENTION, w.end(_able(w, j + 1)), INTENTION
    if verb == "have" and w.word(j + 1) != "to":
        return Strength.NONE, w.end(j), PAST
    # A preference to act, like "would prefer to": "I'd rather send it after the meeting" (not
    # "I'd rather not", nor "I'd rather you called him").
    if verb == "rather" and w.word(j + 1) not in cues.NEGATIONS | _OTHERS | {"that", "than"}:
        return _after_intent(w, j + 1, subject)
    return Strength.NONE, w.end(j), HYPOTHETICAL


def _after_should(w: Words, i: int, subject: str) -> Walk:
    """Read "I should be able to", "I should have it by Friday" (a best effort), "I should
    have called" (past) and "we should talk" (a suggestion)."""
    j = w.skip_adverbs(i + 1)
    verb, nxt = w.word(j), w.word(j + 1)
    if verb == "be" and _able(w, j + 1) >= 0:
        return Strength.BEST_EFFORT, w.end(_able(w, j + 1)), EFFORT_HEDGE
    if verb == "have" and (
        nxt.endswith("ed") or nxt in cues.IRREGULAR_PARTICIPLES | cues.PAST_PARTICIPLES
    ):
        return Strength.NONE, w.end(j + 1), PAST
    if verb == "have" and _free_time(w, j + 1):
        return (
            Strength.NONE,
            w.end(_free_time(w, j + 1)),
            AVAILABILITY,
        )  # "I should have time on Friday"
    if verb == "have" and _knows_more(w, j + 1):  # "I should have a better idea on Monday"
        return Strength.NONE, w.end(_knows_more(w, j + 1)), NOT_ACTION
    done = verb != "be" or nxt in ("done", "finished", "ready", "through")
    if verb in ("have", "get", "finish", "complete", "be") and subject == "i" and done:
        return Strength.BEST_EFFORT, w.end(j), EFFORT_HEDGE
    # "I should probably call him": the writer's likely plan, not advice to anyone.
    likely = any(w.word(k) in ("probably", "likely") for k in range(i + 1, j))
    if likely and subject == "i" and verb not in ("be", "have"):
        return _after_intent(w, j, subject)
    return Strength.NONE, w.end(j), HYPOTHETICAL


def _after_verb(w: Words, i: int, subject: str) -> Walk | None:
    """A first-person present verb: "I hope to", "I need to", "I promise to", "I try to"."""
    word, nxt = w.word(i), w.word(i + 1)
    if word in ("must", "need", "have", "'ve", "got") and (
        word == "must" or nxt == "to" or word in ("'ve", "have") and nxt == "got"
    ):
        return Strength.NONE, w.end(i + 1), OBLIGATION
    owed = w.word(i + 2) in ("a", "an") and w.word(i + 3) in cues.OWED
    if word == "owe" and nxt == "you" and owed:  # "I owe you a call": a reply still to send
        return Strength.COMMITMENT, w.end(i + 3), PROMISE
    if word in cues.PROMISE_VERBS and nxt in ("to", "that", "you", "i", "we", "it"):
        return Strength.COMMITMENT, w.end(i), PROMISE_WORD
    # "I've been meaning to call you", "we have been hoping to": an intention held till now.
    meant = w.word(i + 2) in _INTENT_ING or w.word(i + 2) == "meaning"
    if word in ("'ve", "have") and nxt == "been" and meant and w.word(i + 3) == "to":
        return wish_or_courtesy(w, i + 4, i + 3, subject)
    if word == "plan" and nxt == "on":
        if w.word(i + 2) == "being":  # "I plan on being in the office": where the writer will be
            return _after_be(w, w.skip_adverbs(i + 3), Strength.GOOD_INTENTION, subject)
        return Strength.GOOD_INTENTION, w.end(i + 1), INTENTION
    if word == "wan" and nxt == "na":  # "I wanna get this done"
        word, nxt = "want", "to"
    if word in _INTENT_VERBS and nxt == "to":
        return wish_or_courtesy(w, i + 2, i + 1, subject)
    if word == "wanted" and nxt == "to":
        return Strength.NONE, w.end(i + 1), PAST
    if word in ("try", "attempt") and nxt == "to":
        return Strength.BEST_EFFORT, w.end(i + 1), EFFORT_HEDGE
    if word == "look" and nxt == "forward":
        return Strength.NONE, w.end(i + 1), STATE
    if word in ("anticipate", "foresee") and nxt.endswith("ing") and nxt not in _BARE_ING:
        return wish_or_courtesy(w, i + 1, i, subject)  # "I anticipate sending it on Monday"
    return None
