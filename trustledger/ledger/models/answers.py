"""Answering back: our "how can I help?" asks, and where each side believes the relationship
stands (its service level, stated with a reason)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from trustledger.ledger.models.relationships import ServiceLevel


class HelpAsk(models.Model):
    """The serving side asked the other side "how can I help?"; a need (or offer) answers it."""

    relationship = models.ForeignKey(
        "ledger.Relationship", on_delete=models.CASCADE, related_name="help_asks"
    )
    asked_at = models.DateTimeField()
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | Q(answered_at__gte=models.F("asked_at")),
                name="help_ask_answered_after_asked",
            ),
        ]


class LevelSide(models.TextChoices):
    OURS = "ours", "Our side"
    THEIRS = "theirs", "Their side"


class LevelStatement(models.Model):
    """One side's belief about the service level the relationship stands at. The latest
    statement of each side counts; earlier ones are its history."""

    relationship = models.ForeignKey(
        "ledger.Relationship", on_delete=models.CASCADE, related_name="level_statements"
    )
    side = models.CharField(max_length=6, choices=LevelSide.choices)
    level = models.PositiveSmallIntegerField(choices=ServiceLevel.choices)
    reason = models.TextField()
    stated_at = models.DateTimeField()
    stated_by = models.ForeignKey(
        "directory.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="level_statements",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["relationship", "-stated_at", "-id"]
        indexes = [models.Index(fields=["relationship", "side", "-stated_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="level_statement_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(side__in=LevelSide.values), name="level_statement_side_valid"
            ),
        ]
