"""Promises read while the import goes on (`EarlyReading`) are the ones read at its end."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.promises.conftest import Mail, count_found, write_mbox
from trustledger.promises.reading import IN_PROCESS_BELOW

PROMISES = [
    "I will send you the reconciled ledger by Friday.",
    "We'll try to fix the export before the close.",
    "I hope to look at the archive next week.",
    "The export job failed again last night.",
]


def _mails(count: int, version: int) -> list[Mail]:
    return [
        Mail(
            "ben@testco.example",
            ["cleo@testco.example"],
            f"Hi Cleo,\n\n{PROMISES[(i + version) % 4]} Ticket {i}.\n\nBen\n",
            f"m{i}@testco.example",
            at=dt.datetime(2026, 11, 3, 9, tzinfo=dt.UTC) + dt.timedelta(minutes=i),
        )
        for i in range(count)
    ]


def _proposals() -> list[tuple[object, ...]]:
    from trustledger.promises.models import ProposedPromise

    fields = [
        f.attname
        for f in ProposedPromise._meta.concrete_fields
        if f.attname not in ("id", "created_at")
    ]
    return list(ProposedPromise.objects.order_by("key").values_list(*fields))


def _alone() -> list[tuple[object, ...]]:
    """The proposals `find_promises` makes by itself from the stored mail, without readings
    made during an import."""
    from trustledger.promises.actions import find_promises, stored_mail
    from trustledger.promises.models import ProposedPromise

    ProposedPromise.objects.all().delete()
    find_promises(list(stored_mail()))
    return _proposals()


@pytest.fixture
def taken(monkeypatch):  # type: ignore[no-untyped-def]
    """How many early readings `find_promises` used."""
    from trustledger.promises.actions import EarlyReading

    return count_found(monkeypatch, EarlyReading, "take")


def test_an_import_in_batches_reads_early_and_proposes_the_same(found, tmp_path, settings, taken):
    from trustledger.ingest.loader import import_files

    settings.TRUSTLEDGER_LANGUAGE_WORKERS = 2
    mbox = write_mbox(tmp_path / "many.mbox", _mails(2 * IN_PROCESS_BELOW, 0))
    summary = import_files([mbox], content="body", batch_size=IN_PROCESS_BELOW)
    assert summary.promises_found == 3 * IN_PROCESS_BELOW // 2
    assert taken and all(taken)  # every message was read while the import went on
    assert _proposals() == _alone()


def test_a_message_written_again_later_in_the_import_is_read_as_written_last(
    found, tmp_path, settings, taken
):
    from trustledger.ingest.loader import import_files

    settings.TRUSTLEDGER_LANGUAGE_WORKERS = 2
    first = write_mbox(tmp_path / "a.mbox", _mails(IN_PROCESS_BELOW, 0))
    again = write_mbox(tmp_path / "b.mbox", _mails(IN_PROCESS_BELOW, 1))
    import_files([first, again], content="body")
    from trustledger.promises.models import ProposedPromise

    # Only the second file's sentences: each message's first reading was dropped.
    pairs = ProposedPromise.objects.values_list("interaction__external_id", "sentence")
    assert set(pairs) == {
        (f"m{i}@testco.example", PROMISES[(i + 1) % 4])
        for i in range(IN_PROCESS_BELOW)
        if (i + 1) % 4 != 3
    }
    proposals = _proposals()
    assert proposals == _alone()


def test_a_reading_made_before_its_inputs_changed_is_not_used(found, tmp_path, settings, taken):
    from trustledger.ingest.loader import import_files
    from trustledger.promises.actions import EarlyReading, find_promises, stored_mail
    from trustledger.promises.models import ProposedPromise
    from trustledger.promises.reading import Reader

    settings.TRUSTLEDGER_LANGUAGE_WORKERS = 2
    mbox = write_mbox(tmp_path / "many.mbox", _mails(IN_PROCESS_BELOW, 0))
    import_files([mbox], content="body")
    ProposedPromise.objects.all().delete()
    ids = list(stored_mail())
    with Reader() as reader:
        early = EarlyReading(reader)
        early.written(ids)
        # The writer's time zone changes after the reading: due dates may read otherwise.
        found.writer.time_zone = "Pacific/Kiritimati"
        found.writer.save()
        taken.clear()
        find_promises(ids, early)
    assert taken and not any(taken)
    assert _proposals() == _alone()
