"""A whole message read at once: zones, sentences, promises with due dates and parties."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trustledger.language.due import DueDate, due_date
from trustledger.language.sentences import split_sentences
from trustledger.language.strength import Reading, classify, suggestion_for
from trustledger.language.zoning import Zoned, zone


@dataclass(frozen=True)
class Message:
    body: str
    written_at: dt.datetime  # aware
    writer: int  # a person id: the promisor of any promise found
    recipients: tuple[int, ...] = ()  # person ids: the promisees
    time_zone: str | None = None  # the writer's IANA zone; None reads dates in written_at's zone


@dataclass(frozen=True)
class FoundPromise:
    index: int  # the sentence's place among the message's sentences
    reading: Reading
    due: DueDate | None
    promisor: int
    promisees: tuple[int, ...]

    @property
    def sentence(self) -> str:
        return self.reading.sentence


@dataclass(frozen=True)
class MessageReading:
    zoned: Zoned
    readings: tuple[Reading, ...]
    promises: tuple[FoundPromise, ...]


def read_message(message: Message) -> MessageReading:
    zoned = zone(message.body)
    readings = tuple(classify(s.text) for s in split_sentences(zoned.body))
    promises = tuple(
        FoundPromise(
            i,
            reading,
            due_date(reading.sentence, message.written_at, message.time_zone),
            message.writer,
            tuple(p for p in message.recipients if p != message.writer),
        )
        for i, reading in enumerate(readings)
        if reading.is_promise
    )
    return MessageReading(zoned, readings, promises)


@dataclass(frozen=True)
class CheckedSentence:
    reading: Reading
    due: DueDate | None
    suggestion: str | None


@dataclass(frozen=True)
class DraftCheck:
    zoned: Zoned
    sentences: tuple[CheckedSentence, ...]


def check_draft(text: str, written_at: dt.datetime, time_zone: str | None = None) -> DraftCheck:
    """Each sentence of a draft with its strength, due date and a suggestion where unclear."""
    zoned = zone(text)
    checked = []
    for s in split_sentences(zoned.body):
        reading = classify(s.text)
        due = due_date(s.text, written_at, time_zone) if reading.is_promise else None
        checked.append(CheckedSentence(reading, due, suggestion_for(reading, due is not None)))
    return DraftCheck(zoned, tuple(checked))
