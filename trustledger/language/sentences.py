"""Sentences of a zoned body, with where each one stands in it."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offsets in the text given to split_sentences
    end: int


_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])|\n\s*\n")


def split_sentences(text: str) -> list[Sentence]:
    """Baseline splitter (replaced by the full rules of docs/language.md)."""
    found: list[Sentence] = []
    start = 0
    for gap in [*_BOUNDARY.finditer(text), None]:
        end = gap.start() if gap else len(text)
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            offset = start + piece.index(stripped)
            found.append(Sentence(" ".join(stripped.split()), offset, offset + len(stripped)))
        if gap:
            start = gap.end()
    return found
