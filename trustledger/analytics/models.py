"""Materialized figures: what pages and the API read, stamped with data version and as_of."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models
from django.db.models import Q

from trustledger.domain.attention import decay_factor
from trustledger.domain.stats import days_between


class AnalyticsState(models.Model):
    """One row: the token that ties the columnar copy to this database."""

    copy_token = models.UUIDField(default=uuid.uuid4)
    created_at = models.DateTimeField(auto_now_add=True)


class Stamped(models.Model):
    as_of = models.DateTimeField(help_text="Reference time of the figures.")
    data_version = models.BigIntegerField(help_text="Highest interaction id the run covered.")

    class Meta:
        abstract = True


class PairFiguresQuerySet(models.QuerySet["PairFigures"]):
    def involving(self, person_id: int) -> PairFiguresQuerySet:
        """The pairs with this person on either side. As `a` they are one range of the primary
        key (`a << 32 | b`), so `person_a` needs no index of its own (one index fewer to
        maintain on every insert); as `b`, the `person_b` index."""
        low = person_id << 32
        return self.filter(
            Q(pair_key__gte=low, pair_key__lte=low | 0xFFFFFFFF) | Q(person_b=person_id)
        )


class PairFigures(Stamped):
    """Two people (a < b): interaction figures and attention both ways."""

    pair_key = models.BigIntegerField(primary_key=True, help_text="person_a << 32 | person_b")
    person_a = models.BigIntegerField()
    person_b = models.BigIntegerField()
    window_start = models.DateTimeField()
    count_ab = models.IntegerField()
    count_ba = models.IntegerField()
    meaningful = models.IntegerField()
    channel_mask = models.SmallIntegerField(help_text="Bit per channel code, meaningful only.")
    minutes = models.FloatField()
    last_contact = models.DateTimeField(null=True)
    last_two_way = models.DateTimeField(null=True)
    attention_ab = models.FloatField(help_text="Attention a gave b, at as_of.")
    attention_ba = models.FloatField(help_text="Attention b gave a, at as_of.")
    reciprocity = models.FloatField()
    talking_at_ab = models.FloatField(null=True)
    talking_at_ba = models.FloatField(null=True)
    # The talking-AT shares' numerators and denominators: what an incremental run adds to.
    messages_ab = models.IntegerField(default=0, help_text="a's messages to b in the window.")
    at_ab = models.IntegerField(default=0, help_text="Of those, broadcast or unanswered.")
    messages_ba = models.IntegerField(default=0)
    at_ba = models.IntegerField(default=0)

    objects = PairFiguresQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["person_b"], name="pairfigures_person_b")]

    @property
    def channel_breadth(self) -> int:
        return int(self.channel_mask).bit_count()

    def attention_at(
        self, when: dt.datetime, half_life_days: float | None = None
    ) -> tuple[float, float]:
        """Both attentions rolled forward from as_of to `when`: one multiplication (at the
        half-life in force unless given)."""
        if half_life_days is None:
            from trustledger.engine.reports import engine_settings

            half_life_days = engine_settings().attention.half_life_days
        factor = decay_factor(days_between(self.as_of, when), half_life_days)
        return self.attention_ab * factor, self.attention_ba * factor


class UnitPairFigures(Stamped):
    """Two units (a <= b; a unit with itself is its inside): the silos map."""

    unit_a = models.BigIntegerField()
    unit_b = models.BigIntegerField()
    pairs = models.IntegerField(help_text="Pairs of people with any interaction.")
    ties = models.IntegerField()
    possible_pairs = models.BigIntegerField()
    density = models.FloatField(help_text="ties / possible pairs of people")
    reciprocal_share = models.FloatField(null=True)
    count_ab = models.BigIntegerField()
    count_ba = models.BigIntegerField()
    meaningful = models.BigIntegerField()
    channel_mask = models.SmallIntegerField()
    minutes = models.FloatField()
    attention_ab = models.FloatField()
    attention_ba = models.FloatField()
    reciprocity = models.FloatField()
    last_contact = models.DateTimeField(null=True)
    should_talk = models.BooleanField(default=False)
    is_silo = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit_a", "unit_b"], name="unitpair_once"),
        ]
        indexes = [models.Index(fields=["unit_b"], name="unitpair_unit_b")]


class PersonNetwork(Stamped):
    person_id = models.BigIntegerField(primary_key=True)
    unit_id = models.BigIntegerField(null=True)
    degree = models.IntegerField()
    component = models.IntegerField()
    component_size = models.IntegerField()
    centrality = models.FloatField(help_text="PageRank over ties.")
    broker_score = models.FloatField()
    is_broker = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["unit_id"], name="personnetwork_unit")]


class RelationshipFigures(Stamped):
    relationship_id = models.BigIntegerField(primary_key=True)
    health_score = models.FloatField(null=True)
    health_band = models.CharField(max_length=8, blank=True)
    health_breakdown = models.JSONField(default=list)
    trend = models.CharField(max_length=12, blank=True)
    # What the nudges' signals read (trustledger/nudges/batch.py): the 30-day health change,
    # whether health and trend both rest on sufficient evidence, and the work started before
    # its measures were agreed ("goal:12" ids).
    trend_delta_30 = models.FloatField(null=True)
    evidence_sufficient = models.BooleanField(default=False)
    initiatives_without_measures = models.JSONField(default=list)
    reserve_balance = models.FloatField()
    can_absorb_setback = models.BooleanField()
    phase = models.CharField(max_length=12)
    computed_at = models.DateTimeField()


class RunKind(models.TextChoices):
    FULL = "full", "Full"
    INCREMENTAL = "incremental", "Incremental"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class ComputeRun(models.Model):
    kind = models.CharField(max_length=12, choices=RunKind.choices)
    status = models.CharField(max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED)
    stage = models.CharField(max_length=40, blank=True)
    progress = models.FloatField(default=0.0, help_text="0–1")
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)
    as_of = models.DateTimeField(null=True)
    data_version = models.BigIntegerField(null=True)
    new_interactions = models.BigIntegerField(default=0)
    pairs_written = models.BigIntegerField(default=0)
    seconds = models.FloatField(null=True)
    error = models.TextField(blank=True)
    # The lease (see analytics/leases.py): which worker process runs it, and when it last said so.
    worker = models.CharField(max_length=120, blank=True, help_text="host:pid of the worker.")
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=RunKind.values), name="run_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=RunStatus.values), name="run_status_valid"
            ),
        ]
