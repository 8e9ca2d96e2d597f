"""Many messages are read in worker processes, with the same readings as in process."""

from __future__ import annotations

import datetime as dt

from trustledger.language import Message, read_message
from trustledger.promises.reading import IN_PROCESS_BELOW, Reader

WHEN = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
BODIES = [
    "I will send the plan by Friday. We'll try to fix the export.",
    "I hope to visit in spring.\n\nOn Mon, 2 Mar 2026, Ana <a@x.example> wrote:\n> I will pay.",
    "Thanks for the notes. I'll be out on Monday.",
]


def test_a_pool_of_workers_reads_what_one_process_reads():
    messages = [
        Message(BODIES[i % 3] + f" Ticket {i}.", WHEN, 1, (2,)) for i in range(IN_PROCESS_BELOW)
    ]
    with Reader(workers=2) as reader:
        pooled = reader.read(messages)
        assert reader._pool is not None  # the batch was large enough for the pool
    assert pooled == [read_message(message) for message in messages]


def test_a_small_batch_is_read_in_process():
    with Reader(workers=2) as reader:
        few = reader.read([Message(BODIES[0], WHEN, 1, (2,))])
        assert reader._pool is None
    assert few[0].promises[0].reading.strength == "commitment"


def test_a_pool_that_fails_falls_back_to_reading_in_process(monkeypatch, caplog):
    from trustledger.promises import reading

    class Broken:
        def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            pass

        def map(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            raise reading.BrokenProcessPool("a worker died")

        def shutdown(self, **kwargs):  # type: ignore[no-untyped-def]
            pass

    monkeypatch.setattr(reading, "ProcessPoolExecutor", Broken)
    messages = [Message(BODIES[0], WHEN, 1, (2,))] * IN_PROCESS_BELOW
    with Reader(workers=2) as reader:
        read = reader.read(messages)
        assert reader.workers == 1
    assert read == [read_message(messages[0])] * IN_PROCESS_BELOW
    assert "the worker pool failed" in caplog.text


def test_workers_send_back_the_proposals_columns_read_in_process():
    # A worker imports `promises.found` without Django: the pool must not fall back.
    from trustledger.promises.found import promise_rows

    messages = [
        Message(BODIES[i % 3] + f" Ticket {i}.", WHEN, 1, (2,)) for i in range(IN_PROCESS_BELOW)
    ]
    with Reader(workers=2) as reader:
        pooled = reader.start(messages, promise_rows, fallback=False).result()
        assert reader.workers == 2
    assert pooled == [promise_rows(message) for message in messages]
    assert pooled[0][0][1:3] == ("I will send the plan by Friday.", "commitment")
