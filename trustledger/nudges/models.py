"""A nudge as delivered to one user: one row per user and cause, kept after it is resolved so
that "not relevant" is remembered and the same cause is never delivered twice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class StoredNudge(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The core's stable key (domain/nudges.py): "promise_due:commitment:7".
    cause = models.CharField(max_length=200)
    kind = models.CharField(max_length=24)
    urgency = models.CharField(max_length=10, default="digest")
    reason = models.TextField()
    link = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    snoozed_until = models.DateTimeField(null=True, blank=True)
    # "Not relevant": the cause never comes back for this user.
    dismissed_at = models.DateTimeField(null=True, blank=True)
    # Set when the cause no longer holds (the promise kept, the contact made); cleared if the
    # same cause holds again.
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "nudges_nudge"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "cause"], name="nudge_one_per_user_cause"),
        ]
        indexes = [
            models.Index(fields=["user", "resolved_at", "read_at"], name="nudge_user_open"),
        ]

    def __str__(self) -> str:
        return self.reason


def showing(now: object = None) -> Q:
    """The nudges a user sees now: not resolved, not dismissed, not snoozed into the future."""
    at = now or timezone.now()
    return Q(resolved_at=None, dismissed_at=None) & (
        Q(snoozed_until=None) | Q(snoozed_until__lte=at)
    )


def unread_count(user_id: int) -> int:
    """The header's count: one query."""
    return StoredNudge.objects.filter(showing(), user_id=user_id, read_at=None).count()
