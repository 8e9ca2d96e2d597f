"""The CSV bulk path outside a caller's transaction, as `trustledger import` runs it.

On SQLite that is a bulk session: foreign keys off (checked per batch by the loader), no WAL
checkpoint until the end and, for a large file, the secondary indexes dropped and rebuilt.
These tests commit for real (transactional database) so the session is on; on PostgreSQL the
same loads run without one and must give the same rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from trustledger.directory.models import Person, PersonIdentity
from trustledger.ingest import bulk_csv
from trustledger.ingest.loader import import_files
from trustledger.ledger.models import Interaction, InteractionParticipant
from trustledger.storage.bulk import missing_indexes, restore_missing_indexes

pytestmark = pytest.mark.django_db(transaction=True)
EVENT_TABLES = (Interaction, InteractionParticipant)


def calls(tmp_path: Path, count: int, prefix: str = "r") -> Path:
    rows = [
        f"{prefix}-{i},2025-05-01T10:{i % 60:02d}:00Z,call,p{i % 7}@acme.example,"
        f"p{(i + 1) % 7}@acme.example; p{(i + 3) % 7}@acme.example\n"
        for i in range(count)
    ]
    path = tmp_path / f"{prefix}.csv"
    path.write_text(
        "external_id,occurred_at,channel,initiator_email,participant_emails\n" + "".join(rows),
        encoding="utf-8",
    )
    return path


def pragma(name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return int(cursor.fetchone()[0])


def index_names() -> set[str]:
    with connection.cursor() as cursor:
        found: set[str] = set()
        for model in EVENT_TABLES:
            found |= set(connection.introspection.get_constraints(cursor, model._meta.db_table))
    return found


def declared_indexes() -> set[str]:
    return {i.name for model in EVENT_TABLES for i in model._meta.indexes}


def test_a_large_file_rebuilds_the_indexes_and_restores_the_session(tmp_path, monkeypatch):
    monkeypatch.setattr(bulk_csv, "REBUILD_FROM_ROWS", 10)
    dropped: list[set[str]] = []
    summary = import_files(
        [calls(tmp_path, 60)],
        batch_size=25,
        after_batch=lambda n: dropped.append(declared_indexes() - index_names()),
    )
    assert summary.created["interactions"] == 60 and summary.batches == 3
    assert InteractionParticipant.objects.count() == 120
    if connection.vendor == "sqlite":
        # The load ran without them, but for the partial index its rows never enter.
        assert dropped[0] == declared_indexes() - set(bulk_csv.UNTOUCHED_INDEXES)
        assert dropped[0] == {
            "interaction_time",
            "interaction_initiator_time",
            "participant_person_time",
        }
        assert pragma("foreign_keys") == 1
        assert pragma("wal_autocheckpoint") == 1000
        assert pragma("ignore_check_constraints") == 0
    assert declared_indexes() <= index_names()
    assert not missing_indexes(connection, EVENT_TABLES)


def test_a_small_load_into_a_larger_table_keeps_the_indexes(tmp_path, monkeypatch):
    monkeypatch.setattr(bulk_csv, "REBUILD_FROM_ROWS", 10)
    import_files([calls(tmp_path, 40, "a")])
    kept: list[set[str]] = []
    import_files(
        [calls(tmp_path, 12, "b")],
        after_batch=lambda n: kept.append(declared_indexes() - index_names()),
    )
    assert kept == [set()]
    assert Interaction.objects.count() == 52


def test_a_run_stopped_half_way_in_a_bulk_session_finishes_on_the_rerun(
    tmp_path, stop_after_batch, monkeypatch
):
    monkeypatch.setattr(bulk_csv, "REBUILD_FROM_ROWS", 10)
    path = calls(tmp_path, 50)

    with pytest.raises(stop_after_batch.error):
        import_files([path], batch_size=10, after_batch=stop_after_batch(2))
    assert Interaction.objects.count() == 20  # two whole batches, nothing of the third
    assert not missing_indexes(connection, EVENT_TABLES)  # rebuilt on the way out
    summary = import_files([path], batch_size=10)
    assert summary.unchanged["interactions"] == 20 and summary.created["interactions"] == 30
    assert InteractionParticipant.objects.count() == 100
    assert sorted(Interaction.objects.values_list("external_id", flat=True)) == sorted(
        f"r-{i}" for i in range(50)
    )


def drop(name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")


def test_indexes_a_killed_load_left_out_come_back_with_the_next_import(tmp_path):
    drop("interaction_time")
    drop("participant_person_time")
    assert {i.name for _, i in missing_indexes(connection, EVENT_TABLES)} == {
        "interaction_time",
        "participant_person_time",
    }
    import_files([calls(tmp_path, 3)])
    assert not missing_indexes(connection, EVENT_TABLES)


def test_migrate_puts_back_a_missing_index():
    drop("interaction_relationship_time")
    call_command("migrate", verbosity=0)
    assert not missing_indexes(connection, EVENT_TABLES)
    # The partial index comes back partial: only interactions filed under a relationship.
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'interaction_relationship_time'"
            )
            assert "WHERE" in cursor.fetchone()[0]


def test_restore_names_what_it_created_and_nothing_when_complete():
    assert restore_missing_indexes(connection, EVENT_TABLES) == []
    drop("interaction_initiator_time")
    assert restore_missing_indexes(connection, EVENT_TABLES) == ["interaction_initiator_time"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's bulk session only")
def test_a_batch_refers_only_to_stored_people():
    person = Person.objects.create(display_name="Ada")
    with transaction.atomic():
        bulk_csv._check_people(bulk_csv.pl.Series([person.pk, person.pk, None]))
    with pytest.raises(IntegrityError, match="1 of the people"), transaction.atomic():
        bulk_csv._check_people(bulk_csv.pl.Series([person.pk, person.pk + 1000]))


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's bulk session only")
def test_a_person_erased_during_the_import_stops_the_batch_and_leaves_nothing_of_it(
    tmp_path, monkeypatch
):
    path = calls(tmp_path, 30)
    import_files([calls(tmp_path, 5, "first")])  # the people are known before the load
    victim = PersonIdentity.objects.get(normalized="p3@acme.example").person_id
    real = bulk_csv.FrameLoader._resolve

    def erase_first(self, batch):  # as if someone erased p3 between reading and writing
        real(self, batch)
        InteractionParticipant.objects.filter(person_id=victim).delete()
        Interaction.objects.filter(initiator_id=victim).delete()
        PersonIdentity.objects.filter(person_id=victim).delete()
        Person.objects.filter(pk=victim).delete()

    monkeypatch.setattr(bulk_csv.FrameLoader, "_resolve", erase_first)
    before = Interaction.objects.count()
    with pytest.raises(IntegrityError, match="no longer stored"):
        import_files([path])
    assert Interaction.objects.count() <= before  # nothing of the failed batch
    assert not Interaction.objects.filter(external_id__startswith="r-").exists()
    assert pragma("foreign_keys") == 1


def test_an_import_that_starts_during_a_bulk_load_does_not_break_its_rebuild(tmp_path, monkeypatch):
    monkeypatch.setattr(bulk_csv, "REBUILD_FROM_ROWS", 10)

    def another_import_starts(batch: int) -> None:
        if batch == 1:  # what a second import's loader does first
            restore_missing_indexes(connection, EVENT_TABLES)

    summary = import_files([calls(tmp_path, 60)], batch_size=25, after_batch=another_import_starts)
    assert summary.created["interactions"] == 60
    assert not missing_indexes(connection, EVENT_TABLES)


def test_if_not_exists_is_added_once():
    from trustledger.storage.bulk import _if_not_exists

    assert _if_not_exists('CREATE INDEX "a" ON "t" ("x")') == (
        'CREATE INDEX IF NOT EXISTS "a" ON "t" ("x")'
    )
    assert _if_not_exists("CREATE UNIQUE INDEX a ON public.t USING btree (x)") == (
        "CREATE UNIQUE INDEX IF NOT EXISTS a ON public.t USING btree (x)"
    )
    done = 'CREATE INDEX IF NOT EXISTS "a" ON "t" ("x")'
    assert _if_not_exists(done) == done
