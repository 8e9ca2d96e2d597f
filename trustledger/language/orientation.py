"""Self-orientation in language: how much of what we write is about us, and how much about them.

Evidence beside the rated self-orientation of the trust equation, never a replacement for it.

Counting pronouns alone misreads the commonest sentences of business mail: "Let me know if you
need anything" has a "me" but is about them; "I need your approval" has a "your" but is about
us. So phrases that say whose needs a sentence serves decide first, and pronouns only break
the tie when no such phrase is there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Orientation:
    sentences: int
    about_us: int  # sentences centred on I / we / our needs
    about_them: int  # sentences centred on you / your goals
    questions: int
    help_asks: int  # "how can I help?" and the like
    intent_declared: int  # "I'm asking because …" before an ask

    @property
    def share_about_them(self) -> float | None:
        centred = self.about_us + self.about_them
        return self.about_them / centred if centred else None

    @property
    def explanation(self) -> str:
        return self.explained()

    def explained(self, writer: str = "we") -> str:
        """In words, naming who wrote: "we" (a side), or a person's name."""
        if not self.sentences:
            return f"No sentences that {writer} wrote to read yet."
        share = self.share_about_them
        about = "" if share is None else f" ({share:.0%} of those about one side are about them)"
        return (
            f"Of {_count(self.sentences, 'sentence')} {writer} wrote, {self.about_them} "
            f"{'is' if self.about_them == 1 else 'are'} about them and {self.about_us} about "
            f"{'us' if writer == 'we' else 'the writer'}{about}; "
            f"{_count(self.questions, 'question')}, {_count(self.help_asks, 'offer')} of help, "
            f"{_count(self.intent_declared, 'ask')} with the intent declared."
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


_I = re.I
_WE = r"(?:i|we)"
_YOU = r"(?:you|y'all)"
_THEIR_THINGS = (
    r"(?:goals?|needs?|priorit(?:y|ies)|concerns?|team|customers?|clients?|business|plans?|"
    r"objectives?|success|views?|thoughts|feedback|input|experience|situation|questions?|"
    r"challenges?|requirements|side|deadline|timeline|preference)"
)
_OUR_THINGS = (
    r"(?:goals?|needs?|targets?|deadline|numbers|budget|priorit(?:y|ies)|quarter|results|"
    r"requirements|process|policy|team|company|product|plan|approval|sign-?off|invoice)"
)

# Phrases that centre a sentence on them: their needs, their view, help offered to them.
_ABOUT_THEM = re.compile(
    r"\blet (?:me|us) know (?:if|what|how|when|whether)\b|\bif " + _YOU + r" (?:need|want|have|"
    r"would like|'d like|prefer|run into)\b|\bhappy to help\b|\b" + _WE + r" (?:can|could) "
    r"help\b|\bhelp(?:ing)? " + _YOU + r"\b|\bsupport " + _YOU + r"\b|\bfor " + _YOU + r"\b|"
    r"\b(?:your|their) " + _THEIR_THINGS + r"\b|\bwhat (?:do|would|does) " + _YOU + r"\b|"
    r"\bhow (?:are|is|was|did|do) " + _YOU + r"\b|\b" + _YOU + r" (?:need|want|prefer|think|"
    r"feel|said|mentioned|asked)\b|\bis there anything\b|\bwhatever " + _YOU + r"\b|"
    r"\bmake sure (?=(?:you|your|they|their)\b)|\bfeel free\b|\bat your (?:convenience|pace)\b|"
    r"\bcongratulations\b|\bwell done\b",
    _I,
)
# Phrases that centre it on us: our needs, what we want from them.
_ABOUT_US = re.compile(
    r"\b" + _WE + r"(?: really| urgently| still| also| just)? (?:need|needs|want|require|"
    r"expect|must have|would like|'d like|am looking for|are looking for)\b|\b(?:i'm|we're) "
    r"(?:looking for|waiting (?:for|on))\b|\b(?:our|my) " + _OUR_THINGS + r"\b|\bfor (?:me|us)\b|"
    r"\b(?:send|give|get|forward|email|mail|show|tell) (?:me|us)\b|\b(?:can|could|would|will) "
    r"" + _YOU + r" (?:please )?(?:send|give|approve|provide|sign|confirm|review|check|"
    r"forward|get)\b|\bplease (?:send|approve|provide|sign|confirm|review|forward)\b|"
    r"\b(?:i|we) (?:have|had) to\b",
    _I,
)
_US_WORDS = re.compile(r"\b(?:i|we|me|us|my|our|mine|ours|i'm|we're|i've|we've|i'll|we'll)\b", _I)
_THEM_WORDS = re.compile(r"\b(?:you|your|yours|you're|you've|you'll|they|their)\b", _I)
_COURTESY = re.compile(r"\bthank(?:s| you)\b[^.!?]*|\blet me know\b|\bsee you\b", _I)

_HELP = re.compile(
    r"\bhow (?:can|could|may|might) (?:i|we) (?:help|assist|support)\b|"
    r"\bwhat can (?:i|we) do (?:for you|to help|to support)\b|"
    r"\b(?:is there )?anything (?:else )?(?:i|we) can do\b|\b(?:can|could|may) (?:i|we) help\b|"
    r"\bwhat (?:would|do) you need from (?:me|us)\b|\bhow can (?:i|we) make (?:this|it) easier\b|"
    r"\bwhat would (?:be )?(?:most )?help(?:ful)?\b|\bhappy to help\b|"
    r"\blet (?:me|us) know if (?:there is|there's|i can|we can|you need)\b|"
    r"\bwould it help if (?:i|we)\b|\bhow (?:can|could) (?:i|we) be (?:of )?(?:help|useful)\b",
    _I,
)
# Intent said outright: these declare why the writer asks.
_INTENT_SAID = re.compile(
    r"\b(?:i'?m|we'?re|i am|we are) asking (?:because|so|since|as)\b|\bthe reason (?:i|we) "
    r"(?:ask|am asking|'m asking|need)\b|\b(?:i|we) ask because\b|\bthe purpose of (?:this|my|"
    r"our) (?:e-?mail|message|note|question|request)\b|\bwhat (?:i'm|we're|i am|we are) "
    r"trying to (?:do|achieve|get to|solve)\b|\bfor context\b|\b(?:my|our) goal (?:here )?is\b|"
    r"\bso you know why\b|\bto give you (?:some )?context\b",
    _I,
)
# A reason that counts as intent only beside an ask (the same sentence or the next).
_REASON = re.compile(
    r"\bso (?:that )?(?:we|i|you|they) can\b|\bin order to\b|\bbecause\b|\bthe goal is\b|"
    r"\bthat way\b|\bwhich (?:will|would) (?:help|let|allow)\b",
    _I,
)
_ASK = re.compile(
    r"\?\s*$|\b(?:could|can|would|will) you\b|\bplease\b|\b(?:i|we) (?:need|would like|'d like) "
    r"(?:you|your)\b|\bwould you mind\b|\bi was wondering\b",
    _I,
)
_INDIRECT_QUESTION = re.compile(
    r"^\s*(?:i|we) (?:was|were|am|are)? ?wondering (?:if|whether)\b", _I
)


def orientation(sentences: Iterable[str]) -> Orientation:
    """How a body of sentences is oriented: counts that explain themselves."""
    texts = [s for s in sentences if s.strip()]
    us = them = questions = helps = intents = 0
    for i, text in enumerate(texts):
        centre = _centre(text)
        us += centre == "us"
        them += centre == "them"
        questions += text.rstrip().endswith("?") or bool(_INDIRECT_QUESTION.search(text))
        helps += bool(_HELP.search(text))
        intents += _declares_intent(text, texts[i + 1] if i + 1 < len(texts) else "")
    return Orientation(len(texts), us, them, questions, helps, intents)


def _centre(text: str) -> str | None:
    """'us', 'them' or None: whose needs the sentence serves."""
    theirs = len(_ABOUT_THEM.findall(text)) + 2 * len(_HELP.findall(text))
    ours = len(_ABOUT_US.findall(text))
    if theirs != ours:
        return "them" if theirs > ours else "us"
    plain = _COURTESY.sub(" ", text)  # "thank you" and "let me know" centre on nobody
    ours, theirs = len(_US_WORDS.findall(plain)), len(_THEM_WORDS.findall(plain))
    if theirs != ours:
        return "them" if theirs > ours else "us"
    return None


def _declares_intent(text: str, following: str) -> bool:
    if _INTENT_SAID.search(text):
        return True
    if not _REASON.search(text):
        return False
    return bool(_ASK.search(text) or _ASK.search(following))
