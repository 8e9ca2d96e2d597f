"""Email (mbox, Maildir, .eml) → InteractionRecord.

Two passes over the input. The first keeps only a small thread index (per message: time and
sender; per parent: the replies' times and senders), so `answered` and the reply latency can
be computed for the whole input; the second emits the records. Memory grows with the number
of messages (tens of bytes each), never with the size of the mailbox.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from trustledger.importers.dates import DateRule, rule_or_today
from trustledger.importers.envelope import BadDate, Envelope, body_text, read_envelope
from trustledger.importers.lists import is_list, list_addresses
from trustledger.importers.mailboxes import (
    DEFAULT_MAX_MESSAGE_BYTES,
    Maildir,
    Mbox,
    RawMessage,
    SingleMessage,
    split_header,
)
from trustledger.importers.records import (
    Identity,
    InteractionRecord,
    ParseResult,
    Participant,
    RejectedRecord,
    SkippedRecord,
)
from trustledger.importers.sources import check_content_option

# Same meaningful-interaction rule as for meetings: more than this many other recipients
# and the message is addressed to an audience, not to a person.
DEFAULT_BROADCAST_THRESHOLD = 5
REPLY_SUFFIX = "#reply-to"


@dataclass
class ThreadIndex:
    """message-id → (time, sender); parent message-id → [(time, sender) of its replies]."""

    sent: dict[str, tuple[float, str | None]] = field(default_factory=dict)
    replies: dict[str, list[tuple[float, str | None]]] = field(default_factory=dict)

    def add(self, envelope: Envelope, timestamp: float) -> None:
        if envelope.message_id and envelope.message_id not in self.sent:
            self.sent[envelope.message_id] = (timestamp, envelope.sender.email)
        parent = envelope.parent
        if parent and parent != envelope.message_id:
            self.replies.setdefault(parent, []).append((timestamp, envelope.sender.email))

    def first_reply(
        self, message_id: str | None, timestamp: float, *, by: str | None = None, not_by: str | None
    ) -> float | None:
        """Seconds until the first reply (from `by`, or from anyone but `not_by`)."""
        best = None
        for reply_time, sender in self.replies.get(message_id or "", ()):
            if (by is not None and sender != by) or (sender is not None and sender == not_by):
                continue
            latency = max(reply_time - timestamp, 0.0)
            best = latency if best is None else min(best, latency)
        return best


def parse_mbox(path: os.PathLike[str] | str, **options: Any) -> Iterator[ParseResult]:
    max_bytes = options.pop("max_message_bytes", DEFAULT_MAX_MESSAGE_BYTES)
    return _parse(Mbox(path, max_bytes), str(path), "mbox", **options)


def parse_maildir(path: os.PathLike[str] | str, **options: Any) -> Iterator[ParseResult]:
    return _parse(Maildir(path), str(path), "maildir", **options)


def parse_eml(path: os.PathLike[str] | str, **options: Any) -> Iterator[ParseResult]:
    options.setdefault("whole_thread", False)
    return _parse(SingleMessage(path), str(path), "eml", **options)


def parse_messages(
    messages: Iterable[RawMessage], file: str, *, source: str = "imap", **options: Any
) -> Iterator[ParseResult]:
    """Messages a source has already read, as (location, raw bytes) pairs (or a reason as a
    str for one it could not read): a mail server's folder read over IMAP. The same reader
    as mbox files: threads, `answered`, broadcasts, bots skipped. Headers only are enough
    unless `content="body"`."""
    return _parse(list(messages), file, source, **options)


def parents_elsewhere(messages: Iterable[RawMessage], dates: DateRule | None = None) -> list[str]:
    """The Message-IDs these messages answer that are not among them, in order of first
    mention: a source that reads mail in runs fetches these again, so that a reply read
    today marks the message it answers, read in an earlier run, as answered."""
    rule = rule_or_today(dates)
    present: set[str] = set()
    wanted: dict[str, None] = {}
    for _location, raw in messages:
        if isinstance(raw, str):
            continue
        try:
            envelope = read_envelope(split_header(raw), dates=rule)
        except Exception:  # noqa: BLE001, S112 - the parser reports the message itself
            continue
        if envelope.message_id:
            present.add(envelope.message_id)
        if envelope.parent and envelope.parent != envelope.message_id:
            wanted.setdefault(envelope.parent)
    return [m for m in wanted if m not in present]


def _parse(
    messages: Iterable[RawMessage],
    file: str,
    source: str,
    *,
    content: str = "metadata",
    broadcast_threshold: int = DEFAULT_BROADCAST_THRESHOLD,
    whole_thread: bool = True,
    dates: DateRule | None = None,
    read_ahead: Callable[[Envelope, bytes], None] | None = None,
    **_options: Any,
) -> Iterator[ParseResult]:
    """`read_ahead(envelope, raw)`: told of every message of a person (not a robot, not a
    list) in the first pass, when the bodies are kept (the import's language workers)."""
    check_content_option(content)
    reader = _MessageReader(
        file, source, content, broadcast_threshold, whole_thread, rule_or_today(dates)
    )
    if content == "body":
        reader.read_ahead = read_ahead
    return reader.read(messages)


class _MessageReader:
    def __init__(
        self,
        file: str,
        source: str,
        content: str,
        threshold: int,
        whole_thread: bool,
        dates: DateRule,
    ) -> None:
        self.file = file
        self.source = source
        self.content = content
        self.threshold = threshold
        # With a single message there is no thread to look in: `answered` stays unknown.
        self.whole_thread = whole_thread
        self.dates = dates  # the plausible-date rule (importers/dates.py)
        self.read_ahead: Callable[[Envelope, bytes], None] | None = None

    def read(self, messages: Iterable[RawMessage]) -> Iterator[ParseResult]:
        index = ThreadIndex()
        for _location, raw in messages:  # pass 1: the thread index, from headers only
            if isinstance(raw, str):
                continue
            try:
                envelope = read_envelope(split_header(raw), dates=self.dates)
                if envelope.automated_reason() is None and not _from_a_list(envelope):
                    index.add(envelope, envelope.occurred_at().timestamp())
                    if self.read_ahead is not None:  # an optimisation: it may fail alone
                        self.read_ahead(envelope, raw)
            except Exception:  # noqa: BLE001, S112 - pass 2 reports the same message
                continue
        seen: set[str] = set()
        for location, raw in messages:  # pass 2: the records
            if isinstance(raw, str):
                yield RejectedRecord(self.file, location, raw)
                continue
            try:
                yield from self._records(location, raw, index, seen)
            except Exception as error:  # noqa: BLE001 - one bad message never stops the rest
                reason = f"message cannot be parsed: {type(error).__name__}: {error}"
                yield RejectedRecord(self.file, location, reason[:500])

    def _records(
        self, location: str, raw: bytes, index: ThreadIndex, seen: set[str]
    ) -> Iterator[ParseResult]:
        with_body = self.content == "body"
        envelope = read_envelope(
            raw if with_body else split_header(raw),
            headers_only=not with_body,
            dates=self.dates,
        )
        external_id = envelope.external_id
        automated = envelope.automated_reason()
        if automated:
            yield SkippedRecord(self.file, location, automated, external_id)
            return
        if external_id in seen:
            reason = "duplicate: a message with the same Message-ID was already read"
            yield SkippedRecord(self.file, location, reason, external_id)
            return
        seen.add(external_id)
        lists = list_addresses(envelope.message, envelope.list_id)
        if _from_a_list(envelope, lists):
            reason = "sent by a mailing list itself, not by a person"
            yield SkippedRecord(self.file, location, reason, external_id)
            return
        if not envelope.sender.email:
            yield RejectedRecord(
                self.file, location, "missing or unreadable From address", ("From",)
            )
            return
        try:
            occurred_at = envelope.occurred_at()
        except BadDate as error:
            yield RejectedRecord(self.file, location, str(error), ("Date",))
            return
        addressed = self._participants(envelope)
        participants = tuple(
            p for p in addressed if not is_list(p.identity, lists, envelope.is_list_message)
        )
        timestamp = occurred_at.timestamp()
        latency = index.first_reply(envelope.message_id, timestamp, not_by=envelope.sender.email)
        # No To/Cc at all: a list archive (pipermail, hyperkitty) that dropped the list
        # address. The audience is unknown, so it is a broadcast.
        # A message to a list's address (dropped above: a list is not a person) is one too.
        is_list_message = (
            envelope.is_list_message or not participants or len(participants) < len(addressed)
        )
        record = InteractionRecord(
            source=self.source,
            external_id=external_id,
            occurred_at=occurred_at,
            channel="email",
            initiator=envelope.sender,
            participants=participants,
            subject=envelope.subject if self.content != "metadata" else None,
            body=body_text(envelope.message) if with_body else None,
            answered=(latency is not None) if self.whole_thread else None,
            reply_latency_seconds=latency,
            is_broadcast=is_list_message or len(participants) > self.threshold,
            thread_id=envelope.thread_id,
            message_id=envelope.message_id,
            in_reply_to=envelope.in_reply_to,
            references=envelope.references,
            list_id=envelope.list_id,
            time_estimated=envelope.time_estimated,
        )
        yield record
        parent = index.sent.get(envelope.parent or "")
        if is_list_message and parent and parent[1] and parent[1] != envelope.sender.email:
            # A reply on a list is also a directed act: the replier answers the author.
            back = index.first_reply(envelope.message_id, timestamp, by=parent[1], not_by=None)
            yield InteractionRecord(
                source=self.source,
                external_id=external_id + REPLY_SUFFIX,
                occurred_at=occurred_at,
                channel="email",
                initiator=envelope.sender,
                participants=(Participant(Identity(parent[1], None), "to"),),
                subject=record.subject,
                answered=(back is not None) if self.whole_thread else None,
                reply_latency_seconds=back,
                is_broadcast=False,
                thread_id=record.thread_id,
                message_id=record.message_id,
                in_reply_to=record.in_reply_to,
                references=record.references,
                list_id=record.list_id,
                time_estimated=record.time_estimated,
            )

    def _participants(self, envelope: Envelope) -> tuple[Participant, ...]:
        found: list[Participant] = []
        seen = {envelope.sender.email}
        for role, identities in (("to", envelope.to), ("cc", envelope.cc)):
            for identity in identities:
                key = identity.email or identity.name
                if key in seen:
                    continue
                seen.add(key)
                found.append(Participant(identity, role))  # type: ignore[arg-type]
        return tuple(found)


def _from_a_list(envelope: Envelope, lists: frozenset[str] | None = None) -> bool:
    """Sent by a mailing list itself: never a person to answer or to be answered by."""
    if lists is None:
        lists = list_addresses(envelope.message, envelope.list_id)
    return is_list(envelope.sender, lists, envelope.is_list_message)
