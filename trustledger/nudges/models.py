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


class MailPreference(models.Model):
    """How one user hears of their nudges by mail: the weekly digest's day and hour in their
    time zone, immediate mails for what cannot wait, and the kinds they turned off. `version`
    grows with every change, so an unsubscribe link works once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_preference"
    )
    digest = models.BooleanField(default=True)
    immediate = models.BooleanField(default=True)
    weekday = models.PositiveSmallIntegerField(default=0)  # 0 Monday … 6 Sunday
    hour = models.PositiveSmallIntegerField(default=8)
    # Blank: the user's person's time zone, else the site's (TRUSTLEDGER_TIME_ZONE).
    time_zone = models.CharField(max_length=64, blank=True)
    kinds_off = models.JSONField(default=list, blank=True)  # NudgeKind values not mailed
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "nudges_mail_preference"

    def __str__(self) -> str:
        return f"mail preferences of user {self.user_id}"


class MailStatus(models.TextChoices):
    SENDING = "sending"  # claimed by one worker; the mail goes out next
    SENT = "sent"
    FAILED = "failed"  # tried and failed; retried by a later run up to a limit


class NudgeMail(models.Model):
    """One mail per user and key ("digest:2026-W48", "now:promise_due:commitment:7"): the row
    is claimed before the mail goes out, so two workers or a retried job never send it twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=240)
    status = models.CharField(max_length=10, choices=MailStatus.choices)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    causes = models.JSONField(default=list, blank=True)  # the nudges it carried

    class Meta:
        db_table = "nudges_mail"
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="nudge_mail_once"),
        ]

    def __str__(self) -> str:
        return f"{self.key} to user {self.user_id}: {self.status}"
