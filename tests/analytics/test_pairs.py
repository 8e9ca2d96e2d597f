"""Pair figures equal the trust engine core's scalar results, pair by pair."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

import pytest

from tests.analytics.conftest import AS_OF
from trustledger.analytics.models import PairFigures
from trustledger.analytics.pairs import (
    CHANNELS,
    channel_weight_lookup,
    duration_factor_expr,
    pair_key,
)
from trustledger.analytics.recompute import recompute
from trustledger.domain import records as r
from trustledger.domain.attention import (
    DEFAULT_CHANNEL_WEIGHTS,
    attention_between,
    duration_factor,
    reciprocity,
)
from trustledger.domain.settings import AttentionSettings
from trustledger.ledger.models import Interaction

pytestmark = pytest.mark.django_db


def core_records() -> list[r.InteractionRecord]:
    """The interactions as the engine's service layer hands them to the core."""
    audience: dict[int, list[int]] = defaultdict(list)
    rows = Interaction.objects.prefetch_related("participants")
    for i in rows:
        audience[i.pk] = [p.person_id for p in i.participants.all()]
    return [
        r.InteractionRecord(
            id=i.pk,
            occurred_at=i.occurred_at,
            channel=r.Channel(i.channel),
            initiator_id=i.initiator_id,
            participant_ids=tuple(audience[i.pk]),
            recipients_count=max(1, len(audience[i.pk])),
            duration_minutes=i.duration_minutes,
            answered=bool(i.answered),
            is_broadcast=i.is_broadcast,
        )
        for i in rows
    ]


def close(x: float, y: float) -> bool:
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12)


def test_every_pair_figure_equals_the_core(org):
    recompute("full", as_of=AS_OF)
    records = core_records()
    rows = list(PairFigures.objects.all())
    assert len(rows) > 30
    for row in rows:
        ab = attention_between(records, row.person_a, row.person_b, as_of=AS_OF)
        ba = attention_between(records, row.person_b, row.person_a, as_of=AS_OF)
        assert close(row.attention_ab, ab.given.value), row.pair_key
        assert close(row.attention_ba, ab.received.value), row.pair_key
        assert close(row.reciprocity, reciprocity(ab.given.value, ab.received.value))
        assert row.channel_breadth == ab.channel_breadth
        assert row.channel_mask == sum(1 << CHANNELS.index(c) for c in ab.channels)
        assert row.last_two_way == ab.last_two_way_contact
        for mine, share in ((row.talking_at_ab, ab), (row.talking_at_ba, ba)):
            expected = share.talking_at_share.value
            assert (mine is None) == (expected is None)
            if expected is not None:
                assert close(mine, expected)


def test_the_pair_key_packs_both_people_in_64_bits():
    key = pair_key(70_000, 3)
    assert key == (3 << 32) | 70_000
    assert pair_key(3, 70_000) == key
    assert key >> 32 == 3 and key & 0xFFFFFFFF == 70_000


def test_channel_weights_come_from_the_settings():
    assert channel_weight_lookup(AttentionSettings()) == [
        DEFAULT_CHANNEL_WEIGHTS[c] for c in CHANNELS
    ]
    custom = AttentionSettings(channel_weights={c: 7.0 for c in r.Channel})
    assert set(channel_weight_lookup(custom)) == {7.0}


def test_the_duration_factor_column_equals_the_scalar_function():
    import polars as pl

    cfg = AttentionSettings()
    minutes = [None, 0.0, 1.0, 15.0, 30.0, 47.5, 120.0, 270.0, 600.0, 10_000.0]
    frame = pl.DataFrame({"m": minutes}, schema={"m": pl.Float64})
    got = frame.select(duration_factor_expr(pl.col("m"), cfg).alias("f"))["f"].to_list()
    assert all(close(g, duration_factor(m)) for g, m in zip(got, minutes, strict=True))


def test_a_channel_mask_has_one_bit_per_channel_of_meaningful_interactions(org):
    from trustledger.ledger.models import Interaction, InteractionParticipant

    a, b = org.people[0], org.people[3]
    Interaction.objects.all().delete()
    for channel in ("email", "call", "email"):
        i = Interaction.objects.create(
            occurred_at=AS_OF - dt.timedelta(days=1), channel=channel, initiator=a, answered=True
        )
        InteractionParticipant.objects.create(
            interaction=i, person=b, role="to", occurred_at=i.occurred_at
        )
    flagged = Interaction.objects.create(
        occurred_at=AS_OF - dt.timedelta(days=1), channel="chat", initiator=b, is_broadcast=True
    )
    InteractionParticipant.objects.create(
        interaction=flagged, person=a, role="to", occurred_at=flagged.occurred_at
    )
    recompute("full", as_of=AS_OF)
    row = PairFigures.objects.get(pair_key=pair_key(a.pk, b.pk))
    assert row.channel_mask == (1 << CHANNELS.index(r.Channel.EMAIL)) | (
        1 << CHANNELS.index(r.Channel.CALL)
    )
    assert row.channel_breadth == 2
    low_is_a = a.pk < b.pk
    assert (row.count_ab, row.count_ba) == ((3, 1) if low_is_a else (1, 3))
    assert row.meaningful == 3


def test_pair_states_of_batches_combine_to_the_state_of_all_edges():
    import random

    import polars as pl

    from trustledger.analytics.pairs import EDGE_SCHEMA, Window, combine, pair_state

    rng = random.Random(3)
    as_of_us = int(AS_OF.timestamp() * 1_000_000)
    rows = [
        {
            "interaction": i,
            "key": pair_key(rng.randrange(1, 6), rng.randrange(6, 9)),
            "ab": rng.random() < 0.5,
            "t": as_of_us - rng.randrange(200 * 86_400_000_000),
            "ch": rng.randrange(len(CHANNELS)),
            "minutes": rng.choice([None, 0.0, 30.0]),
            "answered": rng.random() < 0.5,
            "flagged": rng.random() < 0.1,
            "n": rng.choice([1, 2, 40]),
        }
        for i in range(400)
    ]
    edges = pl.DataFrame(rows, schema=EDGE_SCHEMA)
    cfg = AttentionSettings()
    window = Window.ending(AS_OF, cfg)
    whole = pair_state(edges.lazy(), window, cfg).collect().sort("key")
    halves = [pair_state(e.lazy(), window, cfg).collect() for e in (edges[:150], edges[150:])]
    combined = combine(halves).sort("key")
    assert combined.columns == whole.columns and combined.height == whole.height
    for column in whole.columns:
        for x, y in zip(whole[column], combined[column], strict=True):
            assert (x == y) if not isinstance(x, float) else close(x, y), column


def test_the_pairs_involving_a_person_are_found_by_key_range_and_by_person_b(org):
    from django.db.models import Q

    recompute("full", as_of=AS_OF)
    for person in org.people[:4]:
        expected = set(
            PairFigures.objects.filter(Q(person_a=person.pk) | Q(person_b=person.pk)).values_list(
                "pair_key", flat=True
            )
        )
        got = set(PairFigures.objects.involving(person.pk).values_list("pair_key", flat=True))
        assert got == expected and expected
