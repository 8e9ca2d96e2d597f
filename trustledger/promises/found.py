"""What a language worker sends back for a message: its promises as the values a proposal is
written with, so that the importing process only adds the keys and parties and inserts.

Pure (no Django): a worker process imports the language core and this module only.
"""

from __future__ import annotations

import datetime as dt
import json

from trustledger.language import Message, read_promises

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
