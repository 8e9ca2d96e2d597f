"""What a language worker sends back for a message: its promises as the values a proposal is
written with, so that the importing process only adds the keys and parties and inserts.

Pure (no Django): a worker process imports the language core and this module only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from trustledger.importers.envelope import body_text, whole_message
from trustledger.language import Message, read_promises

# A message read ahead of its import: its raw bytes, when it was written (UTC) and its
# writer's time zone (see `actions.EarlyReading.ahead`).
RawMail = tuple[bytes, dt.datetime, str | None]
# What a worker sends back for it: the digest of its body text and the promises in it.
Ahead = tuple[bytes, "tuple[PromiseRow, ...]"]

# (sentence index, sentence, strength, explanation, cues as JSON text, due on, due words, rule)
PromiseRow = tuple[int, str, str, str, str, dt.date | None, str, str]


def promise_rows(message: Message) -> tuple[PromiseRow, ...]:
    """The message's promises (`read_promises`) as the columns of a proposal; the cues are
    the JSON text the cues field stores (`json.dumps`, as Django's JSONField writes it)."""
    rows = []
    for promise in read_promises(message):
        reading, due = promise.reading, promise.due
        cues = [
            {"words": c.words, "start": c.start, "end": c.end, "effect": c.effect}
            for c in reading.cues
        ]
        rows.append(
            (
                promise.index,
                promise.sentence,
                str(reading.strength),
                reading.explanation,
                json.dumps(cues),
                due.on if due else None,
                (due.words if due else "")[:200],
                (due.rule if due else "")[:300],
            )
        )
    return tuple(rows)


def body_digest(body: str) -> bytes:
    """What tells a body read ahead from the raw message from the one the import stored."""
    return hashlib.blake2b(body.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def promise_rows_ahead(mails: list[RawMail]) -> list[Ahead | None]:
    """`promise_rows` of raw messages, their bodies taken as the import takes them
    (`body_text` of the parsed message); None for a message without a body or one that
    cannot be parsed (the import then reads it as usual). The writer and recipients do not
    change what is read: only the body, the time written and the time zone do."""
    found: list[Ahead | None] = []
    for raw, written_at, time_zone in mails:
        try:
            body = body_text(whole_message(raw)) or ""
        except Exception:  # noqa: BLE001 - the import reports this message itself
            body = ""
        if not body:
            found.append(None)
            continue
        rows = promise_rows(Message(body, written_at, 0, (), time_zone))
        found.append((body_digest(body), rows))
    return found
