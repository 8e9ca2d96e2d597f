"""Every real file in ../shared/data goes through the loader into one test database: it
either loads (records, rejections, skips) or is refused whole, and never leaves a partial row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import F

from tests.conftest import SHARED_DATA
from trustledger.directory.models import Person
from trustledger.ingest.loader import import_files
from trustledger.ledger.models import Commitment, Interaction, InteractionParticipant

pytestmark = [pytest.mark.shared_data, pytest.mark.django_db]
SINCE = dt.date(1990, 1, 1)  # calendars: expand every occurrence, not only the last year


def shared_files() -> list:
    if not SHARED_DATA.is_dir():
        return []
    return sorted(p for p in SHARED_DATA.rglob("*") if p.is_file() and p.suffix.lower() != ".md")


def table_sizes() -> tuple[int, ...]:
    return (
        Person.objects.count(),
        Interaction.objects.count(),
        InteractionParticipant.objects.count(),
        Commitment.objects.count(),
    )


def test_every_shared_file_loads_or_is_refused_without_partial_rows():
    outcomes: dict[str, int] = {"loaded": 0, "unreadable": 0}
    created = 0
    for path in shared_files():
        before = table_sizes()
        summary = import_files([path], since=SINCE)
        if summary.unreadable:
            assert table_sizes() == before, path
            assert all(u.reason for u in summary.unreadable), path
            outcomes["unreadable"] += 1
            continue
        outcomes["loaded"] += 1
        created += summary.created["interactions"]
        assert Interaction.objects.count() - before[1] == summary.created["interactions"], path
        for rejection in summary.rejections:
            assert rejection.location and rejection.reason, (path, rejection)
    print(f"shared data sweep: {outcomes}, {created} interactions, {table_sizes()} rows")
    assert outcomes["loaded"] > 100 and created > 1000, outcomes
    # No partial rows: every participant row repeats its interaction's time, every imported
    # interaction has its external id, nobody is their own participant.
    assert not InteractionParticipant.objects.exclude(
        occurred_at=F("interaction__occurred_at")
    ).exists()
    assert not Interaction.objects.filter(external_id__isnull=True).exists()
    assert not InteractionParticipant.objects.filter(person=F("interaction__initiator")).exists()
    # And a second sweep changes nothing.
    sizes = table_sizes()
    for path in shared_files():
        again = import_files([path], since=SINCE)
        assert not again.created["interactions"], path
    assert table_sizes() == sizes
