"""A small generated organization, written with bulk_create, and an isolated analytics dir."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import pytest

AS_OF = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
CHANNELS = ["email", "chat", "meeting", "call", "in_person", "other"]


@pytest.fixture(autouse=True)
def _analytics(settings, tmp_path):  # type: ignore[no-untyped-def]
    from trustledger.analytics.queue import queue

    settings.TRUSTLEDGER_ANALYTICS_DIR = tmp_path / "analytics"
    queue.immediate = True
    yield
    queue.immediate = False


@dataclass
class Org:
    units: list
    people: list


def write_interactions(people, n, *, seed, start, days=60, broadcasts=True):  # type: ignore[no-untyped-def]
    """n random interactions among `people` within `days` after `start`, bulk-written."""
    from trustledger.ledger.models import Interaction, InteractionParticipant

    rng = random.Random(seed)
    rows, audiences = [], []
    for _ in range(n):
        channel = rng.choice(CHANNELS)
        initiator = rng.choice(people)
        size = rng.choice([1, 1, 1, 2, 3, 6, 9]) if broadcasts else rng.choice([1, 1, 2])
        audience = rng.sample([p for p in people if p.pk != initiator.pk], size)
        when = start + dt.timedelta(seconds=rng.randrange(days * 86_400))
        rows.append(
            Interaction(
                occurred_at=when,
                channel=channel,
                initiator=initiator,
                duration_minutes=rng.choice([None, 0.0, 15.0, 30.0, 47.5, 600.0]),
                answered=rng.choice([None, True, False]),
                is_broadcast=broadcasts and rng.random() < 0.05,
                focus=rng.choice(["theirs", "ours", "shared", "unknown"]),
                source="generated",
            )
        )
        audiences.append(audience)
    created = Interaction.objects.bulk_create(rows)
    InteractionParticipant.objects.bulk_create(
        InteractionParticipant(interaction=i, person=p, role="to", occurred_at=i.occurred_at)
        for i, audience in zip(created, audiences, strict=True)
        for p in audience
    )
    return created


@pytest.fixture
def org(db):  # type: ignore[no-untyped-def]
    from trustledger.directory.models import Organization, Person, Unit

    ours = Organization.objects.create(name="Genco", kind="ours")
    dept = Unit.objects.create(organization=ours, name="Operations", kind="department")
    teams = [
        Unit.objects.create(organization=ours, name=f"Team {i}", parent=dept) for i in range(3)
    ]
    people = Person.objects.bulk_create(
        Person(display_name=f"Person {i}", organization=ours, unit=teams[i % 3]) for i in range(12)
    )
    write_interactions(people, 400, seed=1, start=AS_OF - dt.timedelta(days=70))
    return Org(units=[dept, *teams], people=people)
