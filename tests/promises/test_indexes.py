"""A large find of promises writes without the proposals' key index and declared indexes and
builds them once after; a small one, one inside a caller's transaction and PostgreSQL keep
them; a find stopped halfway still has them back, one stopped before the rebuild is mended by
the next find or by `migrate`, and a promise proposed twice meanwhile is kept once."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.promises.conftest import write_mbox
from tests.promises.test_early import _alone, _mails, _proposals

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's large-find path"),
]


def _declared() -> set[str]:
    from trustledger.promises.actions import KEY_INDEX
    from trustledger.promises.models import ProposedPromise

    return {index.name for index in ProposedPromise._meta.indexes} | {KEY_INDEX}


def _lacking() -> set[str]:
    """The declared indexes and the key index that the database lacks."""
    from trustledger.promises.actions import KEY_INDEX
    from trustledger.promises.models import ProposedPromise
    from trustledger.storage.bulk import missing_indexes

    lacking = {index.name for _, index in missing_indexes(connection, (ProposedPromise,))}
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [KEY_INDEX])
        if cursor.fetchone() is None:
            lacking.add(KEY_INDEX)
    return lacking


@pytest.fixture
def writes(monkeypatch):  # type: ignore[no-untyped-def]
    """The declared indexes lacking at each insert of proposals."""
    from trustledger.promises import actions

    seen: list[set[str]] = []
    insert = actions.insert_rows

    def spying(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(_lacking())
        return insert(*args, **kwargs)

    monkeypatch.setattr(actions, "insert_rows", spying)
    return seen


def _import(tmp_path, count: int = 40) -> list[int]:  # type: ignore[no-untyped-def]
    from trustledger.ingest.loader import import_files
    from trustledger.promises.actions import stored_mail
    from trustledger.promises.models import ProposedPromise

    import_files([write_mbox(tmp_path / "m.mbox", _mails(count, 0))], content="body")
    ProposedPromise.objects.all().delete()
    return list(stored_mail())


def test_a_large_find_writes_without_the_declared_indexes_and_rebuilds_them(
    found, tmp_path, monkeypatch, writes
):
    from trustledger.promises import actions

    ids = _import(tmp_path)
    expected = _alone()  # with the indexes kept: fewer messages than the threshold
    assert writes and not any(writes)
    writes.clear()
    actions.ProposedPromise.objects.all().delete()
    monkeypatch.setattr(actions, "REBUILD_FROM_MESSAGES", 10)
    result = actions.find_promises(ids)
    assert writes and all(w == _declared() for w in writes)
    assert _lacking() == set()
    assert result.proposed == len(expected) and _proposals() == expected
    # The foreign key's own indexes (not declared) were never dropped.
    names = {n for (n,) in connection.cursor().execute("SELECT name FROM sqlite_master")}
    assert "promises_proposedpromise_interaction_id_d412c223" in names


def test_a_find_smaller_than_what_is_stored_keeps_the_indexes(found, tmp_path, monkeypatch, writes):
    from trustledger.promises import actions

    ids = _import(tmp_path)
    monkeypatch.setattr(actions, "REBUILD_FROM_MESSAGES", 10)
    actions.find_promises(ids)
    writes.clear()
    # 20 messages against 30 proposals stored: nothing is dropped.
    actions.ProposedPromise.objects.filter(sentence__contains="Friday").delete()
    actions.find_promises(ids[:20])
    assert writes and not any(writes)


def test_a_find_inside_a_callers_transaction_keeps_the_indexes(
    found, tmp_path, monkeypatch, writes
):
    from django.db import transaction

    from trustledger.promises import actions

    ids = _import(tmp_path)
    monkeypatch.setattr(actions, "REBUILD_FROM_MESSAGES", 10)
    with transaction.atomic():
        actions.find_promises(ids)
    assert writes and not any(writes)


def test_a_find_that_fails_halfway_has_its_indexes_back(found, tmp_path, monkeypatch):
    from trustledger.promises import actions

    ids = _import(tmp_path)
    monkeypatch.setattr(actions, "REBUILD_FROM_MESSAGES", 10)

    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(actions, "insert_rows", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        actions.find_promises(ids)
    assert _lacking() == set()
    assert not actions.ProposedPromise.objects.exists()  # the batch's transaction rolled back


def test_an_index_left_out_by_a_stopped_find_is_made_again(found, tmp_path):
    from django.core.management import call_command

    from trustledger.promises import actions

    ids = _import(tmp_path)
    with connection.cursor() as cursor:
        cursor.execute('DROP INDEX "proposal_promisee"')
    assert _lacking() == {"proposal_promisee"}
    actions.find_promises(ids[:5])  # a small find: it mends, then keeps the indexes
    assert _lacking() == set()
    with connection.cursor() as cursor:
        cursor.execute('DROP INDEX "proposal_promisor_state"')
        cursor.execute('DROP INDEX "proposal_key_unique"')
    call_command("migrate", verbosity=0)
    assert _lacking() == set()


def test_a_promise_proposed_twice_while_the_key_index_was_down_is_kept_once(found, tmp_path):
    from django.utils import timezone

    from trustledger.promises import actions
    from trustledger.promises.models import ProposalState, ProposedPromise

    ids = _import(tmp_path)
    actions.find_promises(ids)
    first, second = ProposedPromise.objects.order_by("pk")[:2]
    with connection.cursor() as cursor:
        cursor.execute('DROP INDEX "proposal_key_unique"')
    # Another find, at the same time, proposed the same two promises again; one of the first
    # copies was dismissed meanwhile.
    for proposal in (first, second):
        proposal.pk = None
        proposal.save()
    ProposedPromise.objects.filter(pk=second.pk).update(
        state=ProposalState.DISMISSED, decided_at=timezone.now()
    )
    count = ProposedPromise.objects.count()
    actions.build_key_index()
    assert _lacking() == set()
    assert ProposedPromise.objects.count() == count - 2
    kept = ProposedPromise.objects.filter(key__in=[first.key, second.key]).order_by("pk")
    assert [(p.key, p.state) for p in kept] == [
        (first.key, ProposalState.PROPOSED),
        (second.key, ProposalState.DISMISSED),
    ]


def test_a_large_find_gives_a_message_brought_back_its_decisions(
    found, tmp_path, monkeypatch, writes
):
    from trustledger.promises import actions
    from trustledger.promises.models import ProposalState, ProposedPromise

    ids = _import(tmp_path)
    actions.find_promises(ids)
    dismissed = ProposedPromise.objects.order_by("pk").first()
    ProposedPromise.objects.filter(pk=dismissed.pk).update(
        state=ProposalState.DISMISSED, interaction=None
    )
    # The message's decisions stay; a large find over the mail finds it again.
    ProposedPromise.objects.exclude(pk=dismissed.pk).delete()
    monkeypatch.setattr(actions, "REBUILD_FROM_MESSAGES", 10)
    monkeypatch.setattr(actions, "_proposals_stored", ProposedPromise.objects.count)
    writes.clear()
    result = actions.find_promises(ids)
    assert writes and all(w == _declared() for w in writes)
    assert result.known == 1
    dismissed.refresh_from_db()
    assert dismissed.state == ProposalState.DISMISSED
    assert dismissed.interaction_id is not None
    assert ProposedPromise.objects.filter(key=dismissed.key).count() == 1
