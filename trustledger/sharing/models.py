"""A private link per relationship for a person of its other side who has no login.

The link's token is random and held only by the person it was sent to; the row keeps its
SHA-256 (`trustledger.surveys.tokens.token_hash`), so neither the database nor a backup can
open the page. A link works until it expires or is revoked; regenerating gives it a new token
and the old one stops working.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q


class SharedLink(models.Model):
    relationship = models.ForeignKey(
        "ledger.Relationship", on_delete=models.CASCADE, related_name="shared_links"
    )
    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.CASCADE,
        related_name="shared_links",
        help_text="The person of the other side the link was issued to.",
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set again when the token is regenerated (the link's new token is as old as this).
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "person"],
                condition=Q(revoked_at__isnull=True),
                name="shared_link_one_live_per_person",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("issued_at")),
                name="shared_link_expires_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return f"link for {self.person} on relationship {self.relationship_id}"

    def works_at(self, moment: dt.datetime) -> bool:
        return self.revoked_at is None and moment < self.expires_at
