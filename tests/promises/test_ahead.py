"""Messages read ahead, while the mail reader's first pass reads only headers: the proposals
are those `find_promises` makes alone, and a reading ahead is used only when the body stored,
the time written and the writer's time zone are those it was read from."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Future

import pytest

from tests.promises.conftest import Mail, count_found, write_mbox
from tests.promises.test_early import _alone, _mails, _proposals
from trustledger.promises.reading import IN_PROCESS_BELOW


@pytest.fixture
def used(monkeypatch):  # type: ignore[no-untyped-def]
    """For each message read ahead and taken at the end: whether its reading was used."""
    from trustledger.promises.actions import _AheadChunk

    return count_found(monkeypatch, _AheadChunk, "rows")


def test_messages_read_ahead_propose_what_a_find_alone_proposes(found, tmp_path, settings, used):
    from trustledger.ingest.loader import import_files

    settings.TRUSTLEDGER_LANGUAGE_WORKERS = 2
    mbox = write_mbox(tmp_path / "many.mbox", _mails(2 * IN_PROCESS_BELOW, 0))
    summary = import_files([mbox], content="body", batch_size=IN_PROCESS_BELOW)
    assert summary.promises_found == 3 * IN_PROCESS_BELOW // 2
    assert used and all(used)  # read while the headers were read, and used
    assert _proposals() == _alone()


def test_in_one_process_nothing_is_read_ahead(found, tmp_path, settings, used):
    from trustledger.ingest.loader import import_files

    settings.TRUSTLEDGER_LANGUAGE_WORKERS = 1
    mbox = write_mbox(tmp_path / "many.mbox", _mails(IN_PROCESS_BELOW, 0))
    summary = import_files([mbox], content="body")
    assert summary.promises_found == 3 * IN_PROCESS_BELOW // 4
    assert not used


def test_a_body_read_ahead_that_is_not_the_body_stored_is_not_used(
    found, tmp_path, settings, monkeypatch, used
):
    from trustledger.ingest.loader import import_files
    from trustledger.promises import actions

    settings.TRUSTLEDGER_LANGUAGE_WORKERS = 2
    # The stored body seen as another one: every reading ahead is refused, the messages
    # are read again, and the proposals are the same.
    monkeypatch.setattr(actions, "body_digest", lambda body: b"another body")
    mbox = write_mbox(tmp_path / "many.mbox", _mails(2 * IN_PROCESS_BELOW, 0))
    summary = import_files([mbox], content="body", batch_size=IN_PROCESS_BELOW)
    assert summary.promises_found == 3 * IN_PROCESS_BELOW // 2
    assert used and not any(used)
    assert _proposals() == _alone()


def test_a_reading_ahead_made_in_another_time_zone_is_not_used(found, tmp_path, settings):
    from trustledger.importers.envelope import read_envelope
    from trustledger.ingest.loader import import_files
    from trustledger.promises.actions import EarlyReading, find_promises, stored_mail
    from trustledger.promises.models import ProposedPromise
    from trustledger.promises.reading import Reader

    settings.TRUSTLEDGER_LANGUAGE_WORKERS = 2
    # "by Friday", written late on Thursday in UTC: Friday already in Kiritimati.
    late = dt.datetime(2026, 11, 5, 20, tzinfo=dt.UTC)
    mails = [
        Mail(
            "ben@testco.example",
            ["cleo@testco.example"],
            f"I will send you the ledger by Friday. Ticket {i}.\n",
            f"k{i}@testco.example",
            at=late,
        )
        for i in range(IN_PROCESS_BELOW)
    ]
    mbox = write_mbox(tmp_path / "late.mbox", mails)
    import_files([mbox], content="body")
    ProposedPromise.objects.all().delete()
    raws = mbox.read_bytes().split(b"\nFrom ben@")
    raws = [raws[0]] + [b"From ben@" + r for r in raws[1:]]
    ids = list(stored_mail())
    with Reader() as reader:
        early = EarlyReading(reader)
        for raw in raws:  # read ahead in the writer's zone of then (none)
            early.ahead(read_envelope(raw.split(b"\n", 1)[1]), raw.split(b"\n", 1)[1])
        found.writer.time_zone = "Pacific/Kiritimati"
        found.writer.save()
        early.written(ids)  # the zone differs: these are read again, in the new zone
        find_promises(ids, early)
    dues = set(ProposedPromise.objects.values_list("due_on", flat=True))
    assert dues == {dt.date(2026, 11, 13)}  # Friday after Friday 6 November in Kiritimati
    assert _proposals() == _alone()


def test_a_small_import_starts_no_pool_to_read_ahead(found, tmp_path, settings, monkeypatch):
    from trustledger.ingest.loader import import_files
    from trustledger.promises.reading import Reader

    settings.TRUSTLEDGER_LANGUAGE_WORKERS = 2
    submitted: list[int] = []
    monkeypatch.setattr(Reader, "submit", lambda self, how, items: submitted.append(len(items)))
    mbox = write_mbox(tmp_path / "few.mbox", _mails(IN_PROCESS_BELOW // 4, 0))
    summary = import_files([mbox], content="body")
    assert summary.promises_found == sum(1 for i in range(IN_PROCESS_BELOW // 4) if i % 4 != 3)
    assert submitted == []


def test_raw_mail_goes_ahead_in_tasks_of_bounded_size(found, tmp_path, settings, monkeypatch):
    from trustledger.ingest.loader import import_files
    from trustledger.promises import actions
    from trustledger.promises.reading import Reader

    settings.TRUSTLEDGER_LANGUAGE_WORKERS = 2
    monkeypatch.setattr(actions, "AHEAD_CHUNK_BYTES", 4_000)
    tasks: list[list[int]] = []

    def submit(self, how, items):  # type: ignore[no-untyped-def]
        tasks.append([len(raw) for raw, _, _ in items])
        done: Future[list[None]] = Future()
        done.set_result([None] * len(items))  # nothing read: each is read the usual way
        return done

    monkeypatch.setattr(Reader, "submit", submit)
    mbox = write_mbox(tmp_path / "many.mbox", _mails(IN_PROCESS_BELOW, 0))
    import_files([mbox], content="body")
    largest = max(size for task in tasks for size in task)
    assert len(tasks) > 1
    assert all(sum(task) < 4_000 + largest for task in tasks)
    assert sum(len(task) for task in tasks) == IN_PROCESS_BELOW  # every message, once


def test_a_small_last_batch_uses_what_was_read_ahead(found, tmp_path, settings, used):
    from trustledger.ingest.loader import import_files
    from trustledger.promises.actions import AHEAD_CHUNK

    settings.TRUSTLEDGER_LANGUAGE_WORKERS = 2
    # One task of 250 read ahead; the import writes 200, then the last 50 (a small batch).
    mbox = write_mbox(tmp_path / "many.mbox", _mails(AHEAD_CHUNK, 0))
    import_files([mbox], content="body", batch_size=IN_PROCESS_BELOW)
    assert len(used) == AHEAD_CHUNK and all(used)
    assert _proposals() == _alone()
