"""Reading ahead on a second thread (`ingest/ahead.py`), and the columnar CSV load that uses it:
the items come in order, an error of the reading thread is raised in the caller's, and a
caller that stops early stops the thread and closes the iterator."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from trustledger.ingest.ahead import read_ahead


class Broken(Exception):
    pass


def counting(count: int, log: list[str], fail_at: int | None = None) -> Iterator[int]:
    try:
        for i in range(count):
            if i == fail_at:
                raise Broken(f"item {i}")
            log.append(threading.current_thread().name)
            yield i
    finally:
        log.append("closed")


def test_it_gives_every_item_in_order_made_on_another_thread():
    log: list[str] = []
    with read_ahead(counting(50, log), depth=3) as items:
        assert list(items) == list(range(50))
    assert set(log[:-1]) == {"read-ahead"} and log[-1] == "closed"


def test_an_error_of_the_reading_thread_is_raised_where_the_next_item_would_come():
    log: list[str] = []
    seen: list[int] = []
    with pytest.raises(Broken, match="item 3"), read_ahead(counting(10, log, fail_at=3)) as items:
        for item in items:
            seen.append(item)
    assert seen == [0, 1, 2] and log[-1] == "closed"


def test_a_caller_that_stops_early_stops_the_thread_and_closes_the_iterator():
    log: list[str] = []
    with pytest.raises(Broken), read_ahead(counting(1_000, log)) as items:
        for item in items:
            if item == 2:
                raise Broken("the caller's own error")
    assert log[-1] == "closed"
    assert len(log) < 10  # it did not read the rest
    assert not any(t.name == "read-ahead" for t in threading.enumerate())


@pytest.mark.django_db(transaction=True)
def test_a_file_that_fails_while_being_read_keeps_whole_batches_only(tmp_path, monkeypatch):
    from trustledger.importers import csv_columns
    from trustledger.ingest import loader
    from trustledger.ingest.loader import import_files
    from trustledger.ledger.models import Interaction, InteractionParticipant

    path = Path(tmp_path) / "calls.csv"
    path.write_text(
        "external_id,occurred_at,channel,initiator_email,participant_emails\n"
        + "".join(
            f"r-{i},2025-05-01T10:{i % 60:02d}:00Z,call,p{i % 7}@acme.example,"
            f"p{(i + 1) % 7}@acme.example\n"
            for i in range(30)
        ),
        encoding="utf-8",
    )
    read = csv_columns._ChunkReader.read
    chunks: list[int] = []

    def failing(self, raw):  # the third chunk cannot be read
        chunks.append(raw.height)
        if len(chunks) == 3:
            raise Broken("disk gone")
        return read(self, raw)

    monkeypatch.setattr(csv_columns._ChunkReader, "read", failing)
    monkeypatch.setattr(loader, "chunk_rows", lambda batch_size: 10)
    with pytest.raises(Broken, match="disk gone"):
        import_files([path], batch_size=10)
    # The two batches read before the error are written (each in its own transaction, as
    # on the record path), nothing of the third.
    assert Interaction.objects.count() == 20
    assert InteractionParticipant.objects.count() == 20
    assert not any(t.name == "read-ahead" for t in threading.enumerate())
    summary = import_files([path], batch_size=10)
    monkeypatch.undo()
    assert Interaction.objects.count() == 30
    assert summary.created["interactions"] + summary.unchanged["interactions"] == 30
