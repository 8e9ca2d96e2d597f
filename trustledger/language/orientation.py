"""Self-orientation in language: how much of what we write is about us, and how much about them.

Evidence beside the rated self-orientation of the trust equation, never a replacement for it.
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
        if not self.sentences:
            return "No sentences of ours to read yet."
        share = self.share_about_them
        about = "n/a" if share is None else f"{share:.0%}"
        return (
            f"Of {self.sentences} sentences we wrote, {self.about_them} are about them and "
            f"{self.about_us} about us ({about} about them); {self.questions} questions, "
            f"{self.help_asks} offers of help, {self.intent_declared} with the intent declared."
        )


_US = re.compile(r"\b(i|we|me|us|my|our|mine|ours)\b", re.I)
_THEM = re.compile(r"\b(you|your|yours)\b", re.I)
_HELP = re.compile(r"\bhow can (?:i|we) help\b|\bwhat can (?:i|we) do for you\b", re.I)
_INTENT = re.compile(r"\b(?:i'?m|we'?re|i am|we are) asking (?:because|so that)\b", re.I)


def orientation(sentences: Iterable[str]) -> Orientation:
    """Baseline counts (replaced by the full rules of docs/language.md)."""
    n = us = them = questions = helps = intents = 0
    for text in sentences:
        n += 1
        ours, theirs = len(_US.findall(text)), len(_THEM.findall(text))
        if ours > theirs:
            us += 1
        elif theirs > ours:
            them += 1
        questions += text.rstrip().endswith("?")
        helps += bool(_HELP.search(text))
        intents += bool(_INTENT.search(text))
    return Orientation(n, us, them, questions, helps, intents)
