"""Sentences of a zoned body, with where each one stands in it.

Plain regular expressions and string work (no tokenizer library): a blank line ends a
sentence; mail hard-wrapped at ~72 characters is joined back; a list item is a sentence of
its own; a full stop after an abbreviation ("Mr.", "e.g.", "a.m.", "Inc."), in a number
("3.5"), a URL or an address does not end one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    text: str  # the words with their whitespace (line breaks of a wrapped line) made one space
    start: int  # offsets in the text given to split_sentences: text[start:end] is the sentence
    end: int


# A list item: a bullet (dropped from the sentence) or a number or letter (kept in it).
_BULLET = re.compile(r"[ \t]*[-*•·–+][ \t]+(?=\S)")
_NUMBERED = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[a-z][.)]|\(\w{1,2}\))[ \t]+(?=\S)")
_END = re.compile(r"[.!?]+[\"'’”)\]»]*(?=\s+(\S+))")

# Never the end of a sentence: titles and Latin shorthands that a name or more words follow.
_NEVER_ENDS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "mt", "nos", "vs", "e.g", "i.e",
    "cf", "approx", "ca", "fig", "p", "pp", "vol", "dept", "est", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "attn", "ref", "tel",
))  # fmt: skip
# May end a sentence when the next word starts one ("… Acme Inc. We will …").
_MAY_END = frozenset((
    "st", "etc", "inc", "ltd", "co", "corp", "llc", "gmbh", "a.m", "p.m", "am", "pm",
    "u.s", "u.k", "e.u", "al",
))  # fmt: skip
_STARTERS = frozenset((
    "i", "we", "you", "he", "she", "they", "it", "this", "that", "these", "those", "there",
    "the", "a", "an", "our", "my", "your", "please", "let", "thanks", "thank", "if", "so",
    "but", "and", "also", "then", "as", "in", "on", "at", "for", "to", "what", "when",
    "where", "why", "how", "can", "could", "would", "will", "shall", "should", "do",
    "does", "did", "is", "are", "was", "were", "have", "has", "had", "ok", "okay", "yes",
    "no", "sure", "great", "best", "regards", "cheers",
))  # fmt: skip
_JOINING_END = frozenset((
    "a", "an", "the", "and", "or", "but", "of", "to", "for", "with", "by", "in", "on",
    "at", "from", "as", "that", "than", "is", "are", "was", "were", "be", "will", "would",
    "can", "could", "should", "our", "your", "my", "their", "its", "this", "these", "per",
    "via", "&", "-",
))  # fmt: skip


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text` in order, each with its offsets."""
    found: list[Sentence] = []
    for start, end in _units(text):
        _split_unit(text, start, end, found)
    return found


def _units(text: str) -> list[tuple[int, int]]:
    """Spans that no sentence crosses: paragraphs, list items, lines that stand alone."""
    units: list[tuple[int, int]] = []
    lines = []
    start = 0
    for line in text.split("\n"):
        lines.append((start, start + len(line)))
        start += len(line) + 1
    paragraph: list[tuple[int, int]] = []
    for start, end in [*lines, (len(text), len(text))]:
        if text[start:end].strip():
            paragraph.append((start, end))
            continue
        if paragraph:
            units.extend(_paragraph_units(text, paragraph))
            paragraph = []
    return units


def _paragraph_units(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    widest = max(len(text[s:e].rstrip()) for s, e in lines)
    units: list[tuple[int, int]] = []
    unit_start, previous_end = lines[0][0], lines[0][1]
    unit_start = _after_bullet(text, unit_start)
    for start, end in lines[1:]:
        if _breaks(text, previous_end, start, end, widest):
            units.append((unit_start, previous_end))
            unit_start = _after_bullet(text, start)
        previous_end = end
    units.append((unit_start, previous_end))
    return units


def _after_bullet(text: str, start: int) -> int:
    bullet = _BULLET.match(text, start)
    return bullet.end() if bullet else start


def _breaks(text: str, previous_end: int, start: int, end: int, widest: int) -> bool:
    """Whether the line break before the line text[start:end] ends a sentence."""
    if _BULLET.match(text, start, end) or _NUMBERED.match(text, start, end):
        return True
    previous = text[max(0, previous_end - 80) : previous_end].rstrip()
    if previous.endswith(":"):
        return True
    following = text[start:end].lstrip()
    if not (following[:1].isupper() or following[:1].isdigit()):
        return False
    last_word = previous.rsplit(None, 1)[-1].lower() if previous.split() else ""
    if previous[-1:] in ",;&/(-" or last_word in _JOINING_END:
        return False
    # A line that stops well short of the paragraph's width was ended on purpose; a line as
    # wide as the rest was wrapped by the mail program.
    line_width = previous_end - text.rfind("\n", 0, previous_end) - 1
    return widest < 50 or line_width < 0.7 * widest


def _split_unit(text: str, start: int, end: int, found: list[Sentence]) -> None:
    sentence_start = start
    for stop in _END.finditer(text, start, end):
        # "1. Send the minutes": the number of a list item is no sentence of its own
        item_number = stop.start() - sentence_start <= 3 and not _has_space(
            text, sentence_start, stop.start()
        )
        if not item_number and _ends_sentence(text, stop.start(), stop.group(0), stop.group(1)):
            _add(text, sentence_start, stop.end(), found)
            sentence_start = stop.end()
    _add(text, sentence_start, end, found)


def _has_space(text: str, start: int, end: int) -> bool:
    return any(c.isspace() for c in text[start:end].strip())


def _ends_sentence(text: str, at: int, mark: str, following: str) -> bool:
    first = following.lstrip("\"'‘“([")[:1]
    if not first:
        return True
    if first.islower() and following != "i":
        return False  # "e.g. the", "3 p.m. tomorrow"; writers who start lowercase are missed
    if "?" in mark or "!" in mark or mark.startswith(".."):
        return True
    word_start = at
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:at].lstrip("\"'‘“([").lower()
    if not word:
        return True
    if word == "no":
        return not following[:1].isdigit()  # "No. 5" but "I said no. We left."
    if word in _NEVER_ENDS or (len(word) == 1 and word.isalpha()):
        return False  # "Dr. Ode", "No. 5", "John F. Kennedy"
    dotted = "." in word and all(0 < len(part) <= 2 for part in word.split("."))
    if word in _MAY_END or dotted:
        return following.lower().strip("\"'“(,") in _STARTERS
    return True


def _add(text: str, start: int, end: int, found: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        found.append(Sentence(" ".join(text[start:end].split()), start, end))
