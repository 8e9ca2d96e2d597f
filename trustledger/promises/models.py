"""A promise found in a message, proposed until someone decides on it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from trustledger.ledger.models import Strength


class ProposalState(models.TextChoices):
    PROPOSED = "proposed", "Awaiting review"
    CONFIRMED = "confirmed", "Confirmed"
    DISMISSED = "dismissed", "Dismissed"


class ProposedPromise(models.Model):
    # Stable across re-imports: the message's source and external id and the sentence's
    # hash (`actions.proposal_key`), so the same mail never proposes twice and a dismissed
    # proposal stays dismissed.
    key = models.CharField(max_length=64)  # unique: `proposal_key_unique` below
    # SET_NULL: a message removed by a later import leaves the decision (and its key) behind.
    interaction = models.ForeignKey(
        "ledger.Interaction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_promises",
    )
    written_at = models.DateTimeField(help_text="When the message was written: the made_at.")
    sentence = models.TextField()
    sentence_index = models.PositiveIntegerField()
    strength_found = models.CharField(max_length=16, choices=Strength.choices)
    strength = models.CharField(
        max_length=16, choices=Strength.choices, help_text="As found, or as the reviewer set it."
    )
    explanation = models.TextField(blank=True)
    # [{"words", "start", "end", "effect"}]: the words that decided the strength, with their
    # offsets in the sentence (the queue highlights them).
    cues = models.JSONField(default=list, blank=True)
    due_found = models.DateField(null=True, blank=True)
    due_words = models.CharField(max_length=200, blank=True)
    due_rule = models.CharField(max_length=300, blank=True)
    due_on = models.DateField(
        null=True, blank=True, help_text="As found, or as the reviewer set it."
    )
    # No index of its own: (promisor, state) below starts with it. Each index is written for
    # every proposal, 233,376 of them from 200 MB of mail.
    promisor = models.ForeignKey(
        "directory.Person",
        on_delete=models.CASCADE,
        related_name="promises_found",
        db_index=False,
    )
    promisee = models.ForeignKey(
        "directory.Person",
        on_delete=models.CASCADE,
        related_name="promises_found_to",
        db_index=False,  # declared below, so that a large find can drop and rebuild it
    )
    relationship = models.ForeignKey(
        "ledger.Relationship",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_promises",
        db_index=False,  # (relationship, state) below starts with it
    )
    state = models.CharField(
        max_length=10, choices=ProposalState.choices, default=ProposalState.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    commitment = models.OneToOneField(
        "ledger.Commitment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="found_in",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_at", "sentence_index", "pk"]
        indexes = [
            models.Index(fields=["promisor", "state"], name="proposal_promisor_state"),
            models.Index(fields=["relationship", "state"], name="proposal_relationship_state"),
            models.Index(fields=["promisee"], name="proposal_promisee"),
        ]
        constraints = [
            # A unique index of its own, not the column's UNIQUE: a large find drops it while it
            # writes (the keys are hashes, each insert lands anywhere in it: 200 MB of mail,
            # 2.3 s of 3.0 s of inserts) and builds it once after (`actions._indexes_for`).
            # Given as an expression (the column itself), it is made as an index SQLite can drop.
            models.UniqueConstraint(models.F("key"), name="proposal_key_unique"),
            models.CheckConstraint(
                condition=Q(state__in=ProposalState.values), name="proposal_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(strength__in=Strength.values) & Q(strength_found__in=Strength.values),
                name="proposal_strength_valid",
            ),
            models.CheckConstraint(
                condition=~Q(promisor=models.F("promisee")), name="proposal_two_people"
            ),
        ]

    def __str__(self) -> str:
        return self.sentence[:80]
