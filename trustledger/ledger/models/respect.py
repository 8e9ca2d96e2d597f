"""Respect and service: the feedback register and the partner's needs register."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class Sentiment(models.TextChoices):
    POSITIVE = "positive", "Positive"
    NEUTRAL = "neutral", "Neutral"
    NEGATIVE = "negative", "Negative"


class FeedbackItem(models.Model):
    relationship = models.ForeignKey(
        "ledger.Relationship", on_delete=models.CASCADE, related_name="feedback"
    )
    received_at = models.DateTimeField()
    from_person = models.ForeignKey(
        "directory.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_given",
    )
    summary = models.TextField()
    sentiment = models.CharField(max_length=8, choices=Sentiment.choices, default=Sentiment.NEUTRAL)
    our_response = models.TextField(blank=True, help_text="What we changed in response.")
    responded_at = models.DateTimeField(null=True, blank=True)
    loop_closed_at = models.DateTimeField(
        null=True, blank=True, help_text="When we told the partner what changed."
    )
    # Answering back (issue 14): the other side records its feedback itself, then sees the
    # loop closed or reopens it.
    given_directly = models.BooleanField(
        default=False, help_text="Recorded by the other side itself, not written down by us."
    )
    seen_closed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the other side said the loop is closed for them."
    )
    seen_closed_by = models.ForeignKey(
        "directory.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_loops_seen_closed",
    )
    reopened_at = models.DateTimeField(
        null=True, blank=True, help_text="When the other side last reopened the loop."
    )
    reopened_by = models.ForeignKey(
        "directory.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_loops_reopened",
    )
    reopen_comment = models.TextField(blank=True, help_text="Why the other side reopened it.")

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sentiment__in=Sentiment.values), name="feedback_sentiment_valid"
            ),
            models.CheckConstraint(
                condition=Q(loop_closed_at__isnull=True)
                | Q(loop_closed_at__gte=models.F("received_at")),
                name="feedback_closed_after_received",
            ),
            models.CheckConstraint(
                condition=Q(responded_at__isnull=True)
                | Q(responded_at__gte=models.F("received_at")),
                name="feedback_responded_after_received",
            ),
        ]


class NeedKind(models.TextChoices):
    NEED = "need", "A need of theirs"
    OFFER = "offer", "We asked: how can I help?"


class NeedStatus(models.TextChoices):
    OPEN = "open", "Open"
    MET = "met", "Met"
    DROPPED = "dropped", "Dropped"


class Need(models.Model):
    relationship = models.ForeignKey(
        "ledger.Relationship", on_delete=models.CASCADE, related_name="needs"
    )
    kind = models.CharField(max_length=6, choices=NeedKind.choices, default=NeedKind.NEED)
    description = models.TextField()
    raised_at = models.DateTimeField()
    status = models.CharField(max_length=8, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    resolved_at = models.DateTimeField(null=True, blank=True)
    # Raised by the other side itself, perhaps in answer to our "how can I help?".
    raised_by = models.ForeignKey(
        "directory.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs_raised",
    )
    answers_ask = models.ForeignKey(
        "ledger.HelpAsk",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
    )

    class Meta:
        ordering = ["-raised_at"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=NeedKind.values), name="need_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=NeedStatus.values), name="need_status_valid"
            ),
        ]
