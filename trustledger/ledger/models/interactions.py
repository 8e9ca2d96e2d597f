"""Interactions: the evidence of attention between people.

Sized for tens of millions of rows: the initiator lives on the interaction, the other
participants in a narrow table that repeats the time so "a person's interactions in a
window" is one index range scan.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from trustledger.directory.models import Channel


class Focus(models.TextChoices):
    THEIRS = "theirs", "Their agenda"
    OURS = "ours", "Our agenda"
    SHARED = "shared", "Shared agenda"
    UNKNOWN = "unknown", "Not recorded"


class Source(models.TextChoices):
    MANUAL = "manual", "Entered by hand"
    VCARD = "vcard", "vCard import"
    ICS = "ics", "iCalendar import"
    MBOX = "mbox", "mbox import"
    MAILDIR = "maildir", "Maildir import"
    EML = "eml", "eml import"
    IMAP = "imap", "IMAP connection"
    CSV = "csv", "CSV import"
    API = "api", "API"
    GENERATED = "generated", "Generated"
    DEMO = "demo", "Demo data"


class Interaction(models.Model):
    occurred_at = models.DateTimeField()
    channel = models.CharField(max_length=10, choices=Channel.choices)
    duration_minutes = models.FloatField(null=True, blank=True)
    initiator = models.ForeignKey(
        "directory.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiated_interactions",
        db_index=False,  # served by the (initiator, occurred_at) index
    )
    relationship = models.ForeignKey(
        "ledger.Relationship",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interactions",
        db_index=False,  # served by the (relationship, occurred_at) index
    )
    answered = models.BooleanField(
        null=True, blank=True, help_text="Did the other side answer? Empty = unknown."
    )
    reply_latency_seconds = models.FloatField(null=True, blank=True)
    is_broadcast = models.BooleanField(
        default=False,
        help_text="A message to many or a large meeting: not a meaningful one-to-one interaction.",
    )
    focus = models.CharField(max_length=8, choices=Focus.choices, default=Focus.UNKNOWN)
    is_request = models.BooleanField(
        default=False,
        db_default=False,
        help_text="The one who started it asked the other side for something.",
    )
    intent_declared = models.BooleanField(
        null=True,
        blank=True,
        help_text="With a request: did they say why they were asking? Empty = not known.",
    )
    subject = models.CharField(max_length=500, blank=True)
    notes = models.TextField(blank=True)
    private = models.BooleanField(
        default=False,
        db_default=False,
        help_text="Internal to our side: the other side of the relationship never sees it.",
    )
    thread_id = models.CharField(max_length=500, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    external_id = models.CharField(max_length=500, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, db_index=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at"]
        indexes = [
            models.Index(fields=["initiator", "occurred_at"], name="interaction_initiator_time"),
            models.Index(fields=["occurred_at"], name="interaction_time"),
            # Only interactions filed under a relationship: imported and generated ones have
            # none, and an index of their NULLs would be written on every load and never read.
            models.Index(
                fields=["relationship", "occurred_at"],
                name="interaction_relationship_time",
                condition=Q(relationship__isnull=False),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=Q(external_id__isnull=False),
                name="interaction_external_id_unique",
            ),
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="interaction_channel_valid"
            ),
            models.CheckConstraint(
                condition=Q(focus__in=Focus.values), name="interaction_focus_valid"
            ),
            models.CheckConstraint(
                condition=Q(source__in=Source.values), name="interaction_source_valid"
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__isnull=True) | Q(duration_minutes__gte=0),
                name="interaction_duration_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} on {self.occurred_at:%Y-%m-%d}"


class ParticipantRole(models.TextChoices):
    TO = "to", "To"
    CC = "cc", "Cc"
    ATTENDEE = "attendee", "Attendee"


class InteractionParticipant(models.Model):
    """Someone on the receiving side of an interaction (the initiator is on the interaction)."""

    # Both keys are served by the unique (interaction, person) and the (person, time) indexes.
    interaction = models.ForeignKey(
        Interaction, on_delete=models.CASCADE, related_name="participants", db_index=False
    )
    person = models.ForeignKey(
        "directory.Person", on_delete=models.CASCADE, related_name="participations", db_index=False
    )
    role = models.CharField(max_length=8, choices=ParticipantRole.choices)
    occurred_at = models.DateTimeField(
        help_text="Copy of the interaction's time, for per-person range scans."
    )

    class Meta:
        indexes = [models.Index(fields=["person", "occurred_at"], name="participant_person_time")]
        constraints = [
            models.UniqueConstraint(
                fields=["interaction", "person"], name="participant_once_per_interaction"
            ),
            models.CheckConstraint(
                condition=Q(role__in=ParticipantRole.values), name="participant_role_valid"
            ),
        ]
