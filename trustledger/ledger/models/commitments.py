"""Commitments: promises made in the language of reliability, and what became of them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Strength(models.TextChoices):
    COMMITMENT = "commitment", "Commitment (it will be done; in my power)"
    BEST_EFFORT = "best_effort", "Best effort (I will do my best)"
    GOOD_INTENTION = "good_intention", "Good intention (I strive; not in my control)"


class CommitmentState(models.TextChoices):
    OPEN = "open", "Open"
    KEPT = "kept", "Kept"
    KEPT_LATE = "kept_late", "Kept late"
    BROKEN = "broken", "Broken"
    RENEGOTIATED = "renegotiated", "Renegotiated"
    RELEASED = "released", "Released"


class Confirmation(models.TextChoices):
    """Who stands behind a commitment's outcome (kept, kept late, broken, released)."""

    CLAIMED = "claimed", "Claimed (recorded by the promisor's side alone)"
    CONFIRMED = "confirmed", "Confirmed (by the promisee's side)"
    DISPUTED = "disputed", "Disputed (by the promisee's side)"


class Commitment(models.Model):
    promisor = models.ForeignKey(
        "directory.Person", on_delete=models.PROTECT, related_name="commitments_made"
    )
    promisee = models.ForeignKey(
        "directory.Person", on_delete=models.PROTECT, related_name="commitments_received"
    )
    relationship = models.ForeignKey(
        "ledger.Relationship",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
    )
    what = models.CharField(max_length=500)
    statement = models.TextField(
        blank=True, help_text="The sentence the commitment was made in, as said."
    )
    strength = models.CharField(max_length=16, choices=Strength.choices)
    in_our_power = models.BooleanField(
        null=True, blank=True, help_text="Is the outcome in the promisor's control?"
    )
    made_at = models.DateTimeField()
    due_at = models.DateTimeField()
    state = models.CharField(
        max_length=14, choices=CommitmentState.choices, default=CommitmentState.OPEN
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    # Renegotiating closes this commitment and opens a successor with the new date.
    renegotiated_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="renegotiated_to"
    )
    source = models.CharField(max_length=10, default="manual")
    external_id = models.CharField(max_length=500, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The promisee's side's word on the outcome (ledger.confirmations): who confirmed or
    # disputed it and when; a dispute's comment is read by both sides.
    confirmation = models.CharField(
        max_length=9,
        choices=Confirmation.choices,
        default=Confirmation.CLAIMED,
        db_default=Confirmation.CLAIMED,
    )
    confirmation_by = models.ForeignKey(
        "directory.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="confirmations_given",
    )
    confirmation_at = models.DateTimeField(null=True, blank=True)
    confirmation_comment = models.TextField(blank=True, default="", db_default="")

    class Meta:
        ordering = ["due_at"]
        indexes = [
            models.Index(fields=["promisor", "state", "due_at"], name="commitment_promisor_state"),
            models.Index(fields=["promisee", "state", "due_at"], name="commitment_promisee_state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_at__gte=models.F("made_at")), name="commitment_due_after_made"
            ),
            models.CheckConstraint(
                condition=~Q(promisor=models.F("promisee")), name="commitment_two_people"
            ),
            models.CheckConstraint(
                condition=Q(strength__in=Strength.values), name="commitment_strength_valid"
            ),
            models.CheckConstraint(
                condition=Q(state__in=CommitmentState.values), name="commitment_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(state="open", closed_at__isnull=True)
                | (~Q(state="open") & Q(closed_at__isnull=False)),
                name="commitment_closed_at_matches_state",
            ),
            models.CheckConstraint(
                condition=Q(confirmation__in=Confirmation.values),
                name="commitment_confirmation_valid",
            ),
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=Q(external_id__isnull=False),
                name="commitment_external_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.what


class CommitmentEvent(models.Model):
    """The state history of a commitment."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    from_state = models.CharField(max_length=14, choices=CommitmentState.choices, blank=True)
    to_state = models.CharField(max_length=14, choices=CommitmentState.choices)
    note = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["commitment", "at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_state__in=CommitmentState.values),
                name="commitment_event_state_valid",
            ),
        ]
