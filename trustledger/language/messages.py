"""A whole message read at once: zones, sentences, promises with due dates and parties.

The writer is the promisor of every promise found in their own words (zoning has taken out
what others wrote); the recipients, less the writer, are its promisees.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from trustledger.language.due import DueDate, due_date
from trustledger.language.orientation import Orientation, orientation
from trustledger.language.sentences import Sentence, split_sentences
from trustledger.language.strength import Reading, classify, suggestion_for
from trustledger.language.zoning import Zoned, zone


@dataclass(frozen=True)
class Message:
    body: str
    written_at: dt.datetime  # aware
    writer: int  # a person id: the promisor of any promise found
    recipients: tuple[int, ...] = ()  # person ids: the promisees
    time_zone: str | None = None  # the writer's IANA zone; None reads dates in written_at's zone
    day_first: bool | None = None  # 5/3 as 5 March; None: from the zone (see due.py)


@dataclass(frozen=True)
class FoundPromise:
    index: int  # the sentence's place among the message's sentences
    reading: Reading
    due: DueDate | None
    promisor: int
    promisees: tuple[int, ...]
    start: int = 0  # the sentence's offsets in the zoned body (MessageReading.zoned.body)
    end: int = 0

    @property
    def sentence(self) -> str:
        return self.reading.sentence


@dataclass(frozen=True)
class MessageReading:
    zoned: Zoned
    readings: tuple[Reading, ...]
    promises: tuple[FoundPromise, ...]
    sentences: tuple[Sentence, ...] = ()  # one per reading, with offsets in zoned.body

    @cached_property
    def orientation(self) -> Orientation:
        """Of the writer's own sentences; worked out when asked (an import never asks)."""
        return orientation(s.text for s in self.sentences)


def read_message(message: Message) -> MessageReading:
    zoned = zone(message.body)
    sentences = tuple(split_sentences(zoned.body))
    readings = tuple(classify(s.text) for s in sentences)
    promisees = tuple(dict.fromkeys(p for p in message.recipients if p != message.writer))
    promises = tuple(
        FoundPromise(
            i,
            reading,
            due_date(
                reading.sentence,
                message.written_at,
                message.time_zone,
                day_first=message.day_first,
            ),
            message.writer,
            promisees,
            sentences[i].start,
            sentences[i].end,
        )
        for i, reading in enumerate(readings)
        if reading.is_promise
    )
    return MessageReading(zoned, readings, promises, sentences)


def read_promises(message: Message) -> tuple[FoundPromise, ...]:
    """Only the promises of `read_message`: what an import keeps, and all a worker process
    needs to send back (the zoned body, every sentence and reading would be pickled for
    nothing)."""
    return read_message(message).promises


@dataclass(frozen=True)
class CheckedSentence:
    reading: Reading
    due: DueDate | None
    suggestion: str | None
    start: int = 0  # offsets in the zoned draft (DraftCheck.zoned.body)
    end: int = 0


@dataclass(frozen=True)
class DraftCheck:
    zoned: Zoned
    sentences: tuple[CheckedSentence, ...]
    orientation: Orientation | None = None


def check_draft(
    text: str,
    written_at: dt.datetime,
    time_zone: str | None = None,
    *,
    day_first: bool | None = None,
) -> DraftCheck:
    """Each sentence of a draft with its strength, due date and a suggestion where unclear."""
    zoned = zone(text)
    checked = []
    sentences = split_sentences(zoned.body)
    for s in sentences:
        reading = classify(s.text)
        due = (
            due_date(s.text, written_at, time_zone, day_first=day_first)
            if reading.is_promise
            else None
        )
        suggestion = suggestion_for(reading, due is not None)
        checked.append(CheckedSentence(reading, due, suggestion, s.start, s.end))
    return DraftCheck(zoned, tuple(checked), orientation(s.text for s in sentences))
