"""The strength of the writer's own promise in one sentence, and the words behind it.

Four readings, as the label guide (docs/language.md) defines them: a commitment (an unhedged
first-person future action in the writer's control), a best effort (the same, hedged by effort
or capacity), a good intention (a wish, plan or hope to act, without a promise) and none.

How a sentence is read, in the guide's order. Steps 1 and 2 are `clauses.py`, step 3 is the walk
of `verbs.py`, steps 4 and 5 are here; the word lists are in `cues.py`, the strengths and the
effects shown beside the words in `effects.py`:

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
     outcomes ("we'll get hit", "we may face penalties"), and an organisation's announcements,
     agendas and forecasts ("we will be moving", "Effective Monday, we will …", "we will
     upgrade the servers", "at the meeting we will review …", "we will be able to offer");
     availability ("I'll have my cell phone", "I can join the call", "I'll have time on
     Friday"), asking the reader ("I will ask you to sign"), waiting on them ("I'll look for
     your comments"), transactions asked of them ("I'd like to cancel my order") and what the
     message itself does ("Below I will outline …", "I'd like to start by thanking …").
4. Hedges lower a clause: effort or capacity ("try", "if I can", "as soon as we are able",
   "when I get a chance") to a best effort; likelihood or wish ("probably", "hopefully",
   "I think I'll") to a good intention. A hedge never raises a reading, and hedges only its own
   clause: not from inside a "which …" clause, not on a time alone ("maybe around ten"), not
   just before a new subject, not someone else's effort ("for you to try"), not inside a
   purpose, result or time clause ("to hopefully resolve it"), not from an earlier clause with
   a verb of its own ("since it's likely to rain, I will …"). A question tag ("…, does that
   work?") asks only about itself.
5. The sentence takes its strongest clause ("I'll be out Monday but will call you Tuesday" is
   a commitment), and its cues are the words of that clause and of its hedges. A sentence that
   promises nothing keeps the words that ruled a promise out, so the reason is shown too.

Every rule was written from the label guide and English grammar and is pinned by sentences
written for tests/language/test_strength.py; nothing here was learned from a data set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from trustledger.language import cues
from trustledger.language.clauses import (
    LOOKBACK,
    OTHER_PERSON,
    STRAIGHTEN,
    Words,
    relative,
    segments,
    starts,
)
from trustledger.language.effects import (
    ADVERT,
    AGENDA,
    ANNOUNCEMENT,
    COUNTERFACTUAL,
    EFFORT_HEDGE,
    HYPOTHETICAL,
    INTENTION,
    JOINT,
    NEGATED,
    OFFER,
    POSSESSION,
    PROMISE,
    PROMISE_WORD,
    QUESTION,
    REGRET,
    REPORTED,
    REQUEST,
    RESULT,
    THIS_MESSAGE,
    WISH_HEDGE,
    Cue,
    Strength,
)
from trustledger.language.verbs import Walk, walk, wish_or_courtesy

__all__ = ["Cue", "Reading", "Strength", "classify", "suggestion_for"]


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


_CAPACITY = frozenset({OFFER, JOINT, INTENTION})
# Every word that can start a reading (a subject, a clipped modal, a plan, a set phrase): a
# sentence with none of them is read at once as no promise.
_ANY_CUE = re.compile(
    r"\b(?:i|im|id|ive|ill|we|let|will|shall|can|could|would|may|might|should|hope|plan|intend|want|try|need"
    r"|going|hoping|planning|trying|looking|thinking|my|our|consider|count|you have|rest assured"
    r"|it'd|ought|leave (?:it|this|that) with|happy|glad|pleased|delighted|willing)\b"
)
_WOULD_LIKE = re.compile(r"(?:i|we)?(?:'d|\s*would)\s+(?:\w+\s+)?(?:like|love)\b")
# A finite verb between a hedge and the subject: the hedge belongs to that other clause ("the
# deal will likely be signed Friday, and I will send the papers" is not hedged).
_FINITE = re.compile(r"\b(?:will|would|is|are|was|were|be|been)\b")
# A verb before the hedge in its own chunk, and a comma after: the hedge is that clause's ("Since
# it's likely to rain, I will bring the umbrellas"; not "it's likely that I will").
_VERB_BEFORE = re.compile(r"(?:\b(?:will|would|is|are|was|were|be|been)|'s|'re)\s+$")
_BUT = re.compile(r"\bbut\b")
_TAG_QUESTION = re.compile(
    r",\s*(?:(?:would|does|do|will|is|can|could) (?:that|this|it|friday|monday|tuesday|wednesday"
    r"|thursday|tomorrow|next week) (?:work|suit|be (?:ok|okay|alright|all right|fine|good)"
    r"|sound (?:ok|okay|good|right|fair)|help)(?: for you| with you)?|ok|okay|alright|right"
    r"|(?:is (?:that|this|it)|if (?:that|this|it)(?:'s| is)) (?:ok|okay|alright|all right|fine"
    r"|acceptable)(?: with you)?"
    r"|(?:that|this) (?:ok|okay|alright|all right|fine|work)(?: for you| with you)?)\s*$"
)
_SUBJECT_NEXT = re.compile(r",?\s*(?:i|we|you|he|she|they|it|this|that|there)\b(?!'(?:ll|d|m)\b)")
# Someone else as the subject of an infinitive just before a hedge ("for you to try", "ask him
# to try"): the hedge is that person's effort.
_OTHERS_TO = re.compile(r"\b(?:you|him|her|them|everyone|everybody) to\s+$")


@dataclass(frozen=True)
class _Clause:
    strength: Strength
    cues: tuple[Cue, ...]


def _cue(sentence: str, start: int, end: int, effect: str) -> Cue:
    return Cue(sentence[start:end], start, end, effect)


def _read_segment(sentence: str, low: str, seg: tuple[int, int, bool]) -> list[_Clause]:
    seg_start, seg_end, asks = seg
    found_starts = starts(sentence, low, seg_start, seg_end)
    # First every clause's own words, then the hedges: a hedge belongs to the clause it
    # follows, up to the next first-person clause ("I will send it as soon as we are able").
    walks: list[tuple[int, Walk, bool]] = []  # (cue start, walk, reported)
    for n, start in enumerate(found_starts):
        stop = found_starts[n + 1].at if n + 1 < len(found_starts) else seg_end
        if start.kind == "wish":  # "my plan is to …", "it would be good to …"
            to = Words(low, start.walk_from, stop)
            wished = wish_or_courtesy(to, 1, 0, start.subject)
            # "it would help to have …" asks for a thing; "… to get together" is a wish to act.
            asked = to.word(1) != "get" or to.word(2) not in ("together", "started", "going")
            if (
                start.subject == "it"
                and to.word(1) in ("have", "get", "receive", "obtain")
                and asked
            ):
                wished = (Strength.NONE, to.end(1), REQUEST)
            walks.append((start.at, wished, False))
            continue
        if start.kind == "phrase":
            walks.append((start.at, (Strength.COMMITMENT, start.walk_from, PROMISE_WORD), False))
            continue
        walked = walk(low, sentence, start.walk_from, stop, start.subject)
        if walked is None:
            continue
        if start.kind == "wished":  # "I wish I could": contrary to fact
            walked = (Strength.NONE, walked[1], COUNTERFACTUAL)
        elif walked[0] is not Strength.NONE and (
            cues.DOUBTED.search(low, max(seg_start, start.at - LOOKBACK), start.at)
            or cues.DOUBTED_OPENING.match(low, seg_start, start.at)
        ):
            walked = (Strength.NONE, walked[1], NEGATED)  # "I don't think I can help"
        elif (
            walked[2] == INTENTION
            and low.startswith("could", start.walk_from + (low[start.walk_from] == " "))
            and (
                cues.CONTRARY_IF.search(low, seg_start, start.at)
                or cues.CONTRARY_IF.search(low, walked[1], seg_end)
            )
        ):
            walked = (Strength.NONE, walked[1], HYPOTHETICAL)  # "if we had time, we could …"
        elif walked[2] == OFFER and cues.RESULT_BEFORE.search(
            low, max(seg_start, start.at - 24), start.at
        ):
            walked = (Strength.NONE, walked[1], RESULT)  # "This way, I can keep an eye on it"
        # Capacity inside a relative clause describes a thing, it offers nothing.
        elif walked[2] in _CAPACITY and relative(low, seg_start, start.at):
            continue
        elif walked[2] in (PROMISE, INTENTION) and _describes_message(
            low, seg_start, seg_end, walked[1]
        ):
            walked = (Strength.NONE, walked[1], THIS_MESSAGE)  # "Below I will outline …"
        elif (
            walked[2] == PROMISE
            and start.subject == "we"
            and cues.ANNOUNCED.match(low, seg_start, start.at)
        ):
            walked = (Strength.NONE, walked[1], ANNOUNCEMENT)  # "Effective Monday, we will …"
        elif (
            walked[2] == PROMISE
            and start.subject == "we"
            and cues.CALL_TO_ACTION.match(low, seg_start, start.at)
        ):
            walked = (Strength.NONE, walked[1], ADVERT)  # "Order today and we'll include …"
        elif (
            walked[2] == PROMISE
            and start.subject == "we"
            and _agenda(low, seg_start, seg_end, walked[1])
        ):
            walked = (Strength.NONE, walked[1], AGENDA)  # "At the meeting we will review …"
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
        # A question tag asks only about itself: "I'll send it Friday, does that work?" still
        # says what the writer will do.
        if asks and not _TAG_QUESTION.search(low, words_end, seg_end):
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


def _describes_message(low: str, seg_start: int, seg_end: int, verb_end: int) -> bool:
    """Does the clause, whose verb ends at verb_end, tell what this very message does ("In this
    note I will explain the changes", "I will summarize them below")?"""
    return _verb_at(low, seg_start, verb_end) in cues.WRITING_VERBS and bool(
        cues.THIS_MESSAGE.search(low, seg_start, seg_end)
    )


def _agenda(low: str, seg_start: int, seg_end: int, verb_end: int) -> bool:
    """Does the "we will" clause, whose verb ends at verb_end, tell what a meeting will cover
    ("at tomorrow's meeting we will review the budget", "we will discuss the following items")?"""
    return _verb_at(low, seg_start, verb_end) in cues.AGENDA_TALK_VERBS and bool(
        cues.AT_MEETING.search(low, seg_start, seg_end)
    )


def _verb_at(low: str, seg_start: int, verb_end: int) -> str:
    """The word ending at verb_end: the verb that closes a clause's deciding words."""
    found = low[max(seg_start, verb_end - 12) : verb_end].split()
    return found[-1] if found else ""


def _inner_or_timed(low: str, at: int, m: re.Match[str]) -> bool:
    """Does the hedge m after the subject at `at` stand in a clause of its own ("I will send the
    file, which probably has errors") or hedge only a time ("I'll call, maybe around ten")?"""
    return bool(
        cues.INNER_CLAUSE.search(low, at, m.start())
        or cues.WHEN_NEXT.match(low, m.end())
        or cues.HEDGE_INSIDE.search(low, max(at, m.start() - 24), m.start())
    )


def _own_clause_before(low: str, seg_start: int, m: re.Match[str], at: int) -> bool:
    """Does the hedge m, before the subject at `at`, stand in a clause of its own: a verb
    between them ("the deal will likely be signed Friday, and I will …"), or a verb just before
    it and a comma after ("since it's likely to rain, I will …", "since the price is probably
    going up, I will …")?"""
    if _FINITE.search(low, m.end(), at):
        return True
    comma = low.find(",", m.end(), at)
    return comma >= 0 and bool(_VERB_BEFORE.search(low, max(seg_start, m.start() - 12), m.start()))


def _hedged(
    sentence: str, low: str, strength: Strength, seg_start: int, at: int, stop: int
) -> tuple[Strength, list[Cue]]:
    """Lower a clause's reading by the hedges around it; never raise it."""
    other = cues.OTHER_SUBJECT.search(low, at, stop)
    scope_end = other.start() if other else stop
    found: list[Cue] = []
    before = cues.PRE_INTENTION.search(
        low, max(seg_start, at - LOOKBACK), at
    ) or cues.PRE_INTENTION_OPENING.match(low, seg_start, at)
    if before and before.end() == at:
        words_start = before.start() + len(before.group(0)) - len(before.group(0).lstrip())
        found.append(_cue(sentence, words_start, before.end(), WISH_HEDGE))
    # A hedge before the subject counts unless another person's clause stands between
    # ("maybe in South America you may disagree, and we can change it" is not hedged).
    others = [o.end() for o in OTHER_PERSON.finditer(low, max(seg_start, at - LOOKBACK), at)]
    for m in cues.GOOD_INTENTION_HEDGES.finditer(
        low, others[-1] if others else max(seg_start, at - LOOKBACK), scope_end
    ):
        # A hedge with a verb of its own clause between it and the subject hedges that clause.
        if m.end() <= at and _own_clause_before(low, seg_start, m, at):
            continue
        # A hedge on the time alone leaves the action promised ("I'll call you tomorrow, maybe
        # around ten", "I will send it, probably on Monday").
        if m.start() > at and _inner_or_timed(low, at, m):
            continue
        # A hedge just before a new subject opens that clause ("I'll send the draft tonight and
        # maybe we can discuss it Monday", "… and hopefully you can review it").
        if m.start() > at and _SUBJECT_NEXT.match(low, m.end()):
            continue
        # "as soon as I possibly can": "possibly" stresses the effort, it doubts nothing.
        if low.startswith(" can", m.end()):
            continue
        if not before or m.start() >= before.end():
            found.append(_cue(sentence, m.start(), m.end(), WISH_HEDGE))
    lowest = Strength.GOOD_INTENTION if found else strength
    for m in cues.BEST_EFFORT_HEDGES.finditer(low, at, scope_end):
        if _OTHERS_TO.search(low, max(at, m.start() - 24), m.start()):
            continue  # "I will send the samples for you to try": their effort, not ours
        if cues.INNER_CLAUSE.search(low, at, m.start()):
            continue  # "I will send the file, which you can try out": that clause's effort
        found.append(_cue(sentence, m.start(), m.end(), EFFORT_HEDGE))
        if lowest.rank > Strength.BEST_EFFORT.rank:
            lowest = Strength.BEST_EFFORT
    for m in cues.CONDITION_HEDGES.finditer(low, max(seg_start, at - LOOKBACK), at):
        found.append(_cue(sentence, m.start(), m.end(), EFFORT_HEDGE))
        if lowest.rank > Strength.BEST_EFFORT.rank:
            lowest = Strength.BEST_EFFORT
    final = strength if strength.rank <= lowest.rank else lowest
    return final, found


def classify(sentence: str) -> Reading:
    """The strength of the writer's own promise in the sentence, with the words behind it."""
    low = sentence.translate(STRAIGHTEN).lower()
    if not _ANY_CUE.search(low):  # most sentences of a mailbox: no person, modal or plan
        return Reading(sentence, Strength.NONE)
    clauses = [c for seg in segments(low) for c in _read_segment(sentence, low, seg)]
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
