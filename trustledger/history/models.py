"""The history of records: one row per change (who, when, which fields, before → after).

Rows are appended, never changed or deleted, with one exception: erasing a person rewrites
the values that named them (`scrubbed_at` is then set). The model refuses the rest in the
ORM; a database trigger (migration 0002) refuses it in SQL too. Rows name records and users by
id, not by foreign key, so deleting a record or a user keeps its history.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from trustledger.audit.models import AppendOnly, AppendOnlyModel, AppendOnlyQuerySet

__all__ = ["RANGE_SPAN", "AppendOnly", "Change", "ChangeAction"]

RANGE_SPAN = 10_000  # ids one row of a block covers at most (the query looks back this far)


class ChangeAction(models.TextChoices):
    CREATED = "created", "Created"
    CHANGED = "changed", "Changed"
    DELETED = "deleted", "Deleted"


class ChangeQuerySet(AppendOnlyQuerySet):
    rows = "record history rows"


class Change(AppendOnlyModel):
    rows = "record history rows"

    # The record: a kind of `trustledger.history.kinds.tracked()` and its id.
    kind = models.CharField(max_length=20)
    record_id = models.BigIntegerField()
    # A block of records an import created together (ids record_id..last_record_id, at most
    # RANGE_SPAN of them): one row for the block instead of one per record.
    last_record_id = models.BigIntegerField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)
    actor_id = models.BigIntegerField(null=True, blank=True, help_text="The user's id, if any.")
    actor_username = models.CharField(max_length=150, blank=True)
    # How the change came: "web", "API", "command line", "import job 12", "worker".
    via = models.CharField(max_length=100, blank=True)
    # Where an import read it: the file's name, or the connection. Nullable so that adding
    # the column keeps the table (SQLite would rebuild it, and its append-only triggers).
    origin = models.CharField(max_length=200, null=True, blank=True)
    action = models.CharField(max_length=8, choices=ChangeAction.choices)
    # [{"field", "label", "before", "after"}], values in words (see capture.py).
    changes = models.JSONField(default=list, blank=True)
    # " person:12 person:40 ": the people the values name, so erasure finds them.
    mentions = models.TextField(blank=True)
    scrubbed_at = models.DateTimeField(null=True, blank=True)

    objects = ChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["kind", "record_id", "at"], name="change_record_time")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=ChangeAction.values), name="change_action_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}:{self.record_id} {self.action}"
