"""The demo organization tells the seeds' story and loads exactly once."""

from __future__ import annotations

import pytest

from trustledger.demo import cast
from trustledger.demo.load import load_demo
from trustledger.directory.models import Person
from trustledger.ledger import models as m
from trustledger.surveys.models import Response

pytestmark = pytest.mark.django_db


def test_loading_the_demo_twice_changes_nothing():
    first = load_demo()
    assert first.created
    counts = (
        Person.objects.count(),
        m.Interaction.objects.count(),
        m.Commitment.objects.count(),
        Response.objects.count(),
    )
    second = load_demo()
    assert not second.created
    assert counts == (
        Person.objects.count(),
        m.Interaction.objects.count(),
        m.Commitment.objects.count(),
        Response.objects.count(),
    )


def _fingerprint() -> list[tuple[object, ...]]:
    rows = m.Interaction.objects.order_by("external_id").values_list(
        "external_id", "occurred_at", "channel", "answered", "initiator__display_name"
    )
    return list(rows)


# flush cannot run inside the test's transaction on PostgreSQL
@pytest.mark.django_db(transaction=True)
def test_the_demo_is_deterministic():
    from django.core.management import call_command

    from tests.audit_log import empty_audit_log

    load_demo(seed=7)
    first = _fingerprint()
    empty_audit_log()  # on SQLite flush is a DELETE, which the append-only log refuses
    call_command("flush", interactive=False, verbosity=0)
    load_demo(seed=7)
    assert _fingerprint() == first


def test_the_demo_breaks_promises_before_the_turnaround_and_keeps_them_after():
    load_demo()
    early = m.Commitment.objects.filter(made_at__lt=cast.TURNAROUND).exclude(
        state__in=["open", "renegotiated"]
    )
    late = m.Commitment.objects.filter(made_at__gte=cast.TURNAROUND).exclude(
        state__in=["open", "renegotiated"]
    )
    kept_share = lambda qs: qs.filter(state="kept").count() / qs.count()  # noqa: E731
    assert kept_share(early) < 0.5 < kept_share(late)


def test_the_demo_moves_service_levels_up_and_down():
    load_demo()
    moves = m.ServiceLevelChange.objects.exclude(from_level=None)
    assert any(c.to_level > c.from_level for c in moves)
    assert any(c.to_level < c.from_level for c in moves)


def test_the_demo_has_decisions_that_surprised_stakeholders():
    load_demo()
    assert m.DecisionStakeholder.objects.filter(role="surprised").exists()


def test_the_demo_logins_find_their_nudges_waiting():
    from trustledger.nudges.models import StoredNudge

    load_demo()
    waiting = set(StoredNudge.objects.values_list("user__username", flat=True))
    assert {"tobias", "margit"} <= waiting
