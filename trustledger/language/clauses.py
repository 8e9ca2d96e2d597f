"""Where in a sentence the writer speaks of their own action: segments and first-person clauses.

A sentence is cut into segments at ``;``, ``?``, ``!``, ``:``, a full stop and a dash; in each
segment every first-person subject (I, we, "let me", a plan named as a noun, or a note's clipped
"Will send it Monday") starts a clause, unless it stands behind a subordinating word, inside a
relative clause, inside someone else's reported words or behind "I wish". `strength.py` reads
each clause with the walk of `verbs.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from trustledger.language import cues

# Words are read from a lower-cased copy of the sentence with curly apostrophes made straight;
# both keep the sentence's offsets, so cues point into the original.
STRAIGHTEN = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_TOKEN = re.compile(
    r"n't|'ll|'d|'m|'re|'ve|'s|[a-z]+(?=n't)|(?:gon|wan)(?=na\b)|[a-z0-9]+|[^\sa-z0-9]"
)
_SEGMENT_END = re.compile(r"[;?!]|\.(?=\s|$)|\s[-–—]+\s|--|:\s")
# Mail often drops the apostrophe: "Im going to", "Ive been meaning to", and "Id", "Ill" before
# a verb ("Id like to", "Ill send it"; not "your id will", "I am ill"). The "i" is the subject,
# the rest its modal.
_SUBJECT = re.compile(
    r"\b(?:i|we|let me)\b|\bi(?=(?:m|ve)\b|d (?:like|love|be|rather|prefer|appreciate)\b"
    r"|ll (?:be|send|call|get|have|do|try|let|take|make|give|check|look|talk|follow|forward"
    r"|work|put|keep|ask|need|see|review|pick|bring)\b)"
)
# The modal glued to such an "i", read as if the apostrophe were there.
_GLUED = {"m": "'m", "d": "'d", "ve": "'ve", "ll": "'ll"}
_ELLIPTIC = re.compile(
    r"(?:,|\band\b|\bbut\b|\bor\b|\bthen\b)\s+(?:(?:also|then|just|certainly|probably)\s+)*"
    r"(?=(?:will|shall|can|would|could|may|might)\b)"
)
_CLIPPED = re.compile(
    r"\s*(?:(?:and|but|so|also|just|then|ok|okay|thanks|yes|sure|hi|ps|noted|understood|got it"
    r"|great|perfect|fine|absolutely|certainly|of course|no problem|sounds good|thx|cheers|np"
    r"|thank you|many thanks|yep|yup|yeah|will do"
    r"|probably|maybe|perhaps|hopefully|likely)\b[,!.]?\s+)*"
    r"(?=(?:will|shall|can|could|would|may|might|should|(?:hope|plan|intend|want|try|need)\s+to"
    r"|going|hoping|planning|trying|looking|thinking"
    r"|am\s+(?:going|hoping|planning|trying|looking|thinking)|plan(?:ning)?\s+on)\s+"
    r"(?!(?:you|he|she|it|they|we|i|there|this|that|your|the|anyone|everyone)\b)"
    r"|(?:happy|glad|pleased|delighted|willing)\s+to\b)"
)
_IMPERSONAL_WISH = re.compile(
    r"\b(?:it(?:'d| would)|would) be (?:good|great|nice|wonderful|fun|helpful|useful|ideal)"
    r"(?: for (?:us|me))? (?=to\b)"
)
_PLAN_NOUN = re.compile(
    r"\b(?:(?:my|our) (?:plan|intention|intent|goal|hope|aim|idea|thought|preference"
    r"|inclination|objective|wish|desire|target) (?:is|was|would be)"
    r"|it(?: is|'s) (?:my|our) (?:plan|intention|intent|goal|hope|aim|wish|desire)) (?=to\b)"
)
# The key words of the set phrases that promise: one look for all of them.
_PHRASE_KEYS = re.compile(r"done|count|word|on it|assur|with (?:me|us)")
_WILL_AFTER = re.compile(r"(?:i|we)(?:'ll|\s+will|\s+shall)\b")
OTHER_PERSON = re.compile(r"\b(?:you|he|she|they)\b")

LOOKBACK = 120  # characters before a subject that the look-back rules read
LOOKAHEAD = 16  # tokens: the longest rule looks about a dozen words past the subject


class Words:
    """The tokens of one segment from a start, with their offsets in the sentence."""

    def __init__(self, low: str, start: int, end: int) -> None:
        # A clause is read from its first few words; the rest of a long segment is not needed.
        found = islice(_TOKEN.finditer(low, start, end), LOOKAHEAD)
        self.items = [(m.group(0), m.start(), m.end()) for m in found]
        self.start = start
        if self.items and self.items[0][0] in _GLUED and low[start - 1 : start] == "i":
            _, s, e = self.items[0]
            self.items[0] = (_GLUED[self.items[0][0]], s, e)  # "Im", "Id": no apostrophe

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


def segments(low: str) -> list[tuple[int, int, bool]]:
    """Spans of the sentence's segments, each with whether it asks a question."""
    spans: list[tuple[int, int, bool]] = []
    start = 0
    for mark in _SEGMENT_END.finditer(low):
        spans.append((start, mark.start(), mark.group(0) == "?"))
        start = mark.end()
    spans.append((start, len(low), False))
    return [s for s in spans if s[1] > s[0]]


def words_before(low: str, seg_start: int, at: int) -> list[str]:
    """The words of the segment before `at`, at most LOOKBACK characters of them (every
    look-back rule reads the last few words; the bound keeps long segments linear)."""
    start = max(seg_start, at - LOOKBACK)
    found = low[start:at].split()
    return found[1:] if start > seg_start else found  # the first may be cut in half


def _subordinate(low: str, seg_start: int, at: int) -> bool:
    """Is the subject at `at` behind a subordinating word (if, so, when, anything …)?"""
    before = words_before(low, seg_start, at)
    # "…, so I'll let you know": a result, the writer's own clause ("…, so I can see it" stays
    # a purpose).
    result = len(before) > 1 and before[-1] == "so" and before[-2].endswith(",")
    if result and _WILL_AFTER.match(low, at):
        return False
    if before and before[-1] == "that" and len(before) > 1:
        before = before[:-1]
    if len(before) > 2 and before[-1] == "as" and before[-3] == "as":
        return True  # "as soon as I can get the data", "as long as we agree"
    return (
        bool(before)
        and before[-1].strip(",") in cues.SUBORDINATORS
        and (not before[-1].endswith(","))
    )


def relative(low: str, seg_start: int, at: int) -> bool:
    """Is the subject at `at` inside a relative clause ("anything we can do", "the ones that I
    can spare")? It is when a plain word stands before it: no conjunction, no opening adverb or
    greeting, no verb that takes a clause ("I think we can"), no punctuation."""
    before = words_before(low, seg_start, at)
    if not before:
        return False
    last = before[-1]
    if last == "that":
        return len(before) > 1 and before[-2] not in cues.CLAUSE_TAKERS
    if not last[-1].isalpha():
        return False
    if _comment_adverb(last) and (len(before) == 1 or before[-2] in cues.CLAUSE_OPENERS):
        return False  # "Ideally I'd like to …", "and realistically we can …"
    return last not in cues.CLAUSE_OPENERS and last not in cues.CLAUSE_TAKERS


def _comment_adverb(word: str) -> bool:
    """Is the word an adverb that comments on a whole clause ("ideally", "realistically",
    "luckily", "honestly")? Said first, it opens the clause; the nouns that end alike ("supply",
    "family", "reply") are left out."""
    return len(word) > 5 and word.endswith("ly") and word not in cues.LY_NOUNS


def _numeral(low: str, seg_start: int, m: re.Match[str]) -> bool:
    """Is the "I" at m a Roman numeral ("Phase I will start in May")?"""
    before = words_before(low, seg_start, m.start())
    return m.group(0) == "i" and bool(before) and before[-1] in cues.NUMBERED


def _wished(low: str, seg_start: int, at: int) -> bool:
    """Is the subject at `at` behind "wish" ("I wish I could", "wish we could")?"""
    before = words_before(low, seg_start, at)
    return bool(before) and before[-1] == "wish"


def _reported(low: str, seg_start: int, at: int) -> bool:
    """Is the subject at `at` inside words reported from someone else ("he says we'll …",
    "she told me we will …")? Not when the writer is the one who said it ("I said I would")."""
    before = words_before(low, seg_start, at)
    if before and before[-1] == "that":
        before = before[:-1]
    if len(before) > 2 and before[-1] in ("me", "us") and before[-2] in cues.REPORTING_VERBS:
        before = before[:-1]
    if len(before) >= 2 and before[-1] in cues.HEARSAY_VERBS:
        return True  # "I was told we will …", "I hear we'll be moving": someone else's word
    if len(before) >= 2 and before[-1] == "is" and before[-2] in cues.VIEW_NOUNS:
        return True  # "My understanding is that we will …", "the word is we'll merge"
    if (
        before
        and before[0] in ("according", "per", "as")
        and cues.HEARSAY_OPENING.match(low, seg_start, at)
    ):
        return True  # "According to Tom, we will …"
    if len(before) < 2 or before[-1] not in cues.REPORTING_VERBS:
        return False
    # Not when the writer is the one who said or decided it ("I said I would", "we've decided").
    return not any(x.partition("'")[0] in ("i", "we") for x in before[-4:-1])


@dataclass(frozen=True)
class Start:
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


def starts(sentence: str, low: str, seg_start: int, seg_end: int) -> list[Start]:
    """Every place in the segment where the writer may speak of their own action."""
    starts: list[Start] = []
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
        # "You and I will talk": the writer and the reader together, an inclusive "we".
        together = m.group(0) == "i" and low.endswith("you and ", seg_start, m.start())
        starts.append(Start(m.start(), m.end(), "we" if together else m.group(0), kind))
    # Set phrases that promise without a modal ("consider it done", "you have my word").
    # (Each scan runs only where a cheap look finds its key words.)
    if _PHRASE_KEYS.search(low, seg_start, seg_end):
        for m in cues.PROMISE_PHRASES.finditer(low, seg_start, seg_end):
            starts.append(Start(m.start(), m.end(), "i", "phrase"))
    # "It would be great to catch up next week": a wish to act, said impersonally.
    if low.find("would be", seg_start, seg_end) >= 0 or low.find("'d be", seg_start, seg_end) >= 0:
        for m in _IMPERSONAL_WISH.finditer(low, seg_start, seg_end):
            starts.append(Start(m.start(), m.end(), "it", "wish"))
    # "My plan is to visit in May": the writer's plan named as a noun.
    if low.find("my ", seg_start, seg_end) >= 0 or low.find("our ", seg_start, seg_end) >= 0:
        for m in _PLAN_NOUN.finditer(low, seg_start, seg_end):
            starts.append(Start(m.start(), m.end(), "i", "wish"))
    starts.sort(key=lambda s: s.at)
    # Notes drop the subject: "Will send it Monday", "Hoping to finish today" are the writer's.
    clipped = _CLIPPED.match(low, seg_start, seg_end)
    if clipped and _names_someone(sentence, clipped.end()):
        clipped = None  # "Will Bob attend", "May 5th works": a question or a date
    if clipped and (not starts or starts[0].at > clipped.end()):
        starts.insert(0, Start(clipped.end(), clipped.end(), "i"))
    # "I'll check with Mark and will get back to you": the second "will" keeps the subject.
    if starts and starts[0].kind == "clause":
        first = starts[0]
        other = OTHER_PERSON.search(low, first.walk_from, seg_end)
        until = other.start() if other else seg_end  # up to where someone else is the subject
        for m in _ELLIPTIC.finditer(low, first.walk_from, until):
            starts.append(Start(m.end(), m.end(), first.subject))
        starts.sort(key=lambda s: s.at)
    return starts
