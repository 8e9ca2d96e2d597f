"""A review pack stored with its quality review: the JSON and the PDF as they were then."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class StoredPack(models.Model):
    """One pack per review (storing again replaces it). Built with the scope of the user
    who stored it, a serving-side reader who may change the relationship."""

    review = models.OneToOneField(
        "ledger.QualityReview", on_delete=models.CASCADE, related_name="stored_pack"
    )
    stored_at = models.DateTimeField()
    stored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    since = models.DateField()
    as_of = models.DateTimeField()
    data = models.JSONField()
    pdf = models.BinaryField()
    # The last sending to the review's attendees, done on the worker: who asked, when it was
    # done, the names mailed and the names not mailed with why ([[name, why], …]).
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_to = models.JSONField(default=list, blank=True)
    not_sent = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-stored_at"]

    def __str__(self) -> str:
        return f"Review pack of review {self.review_id}"
