"""The settings in force, as versions: each row holds every override of the core's defaults
from its moment on (`overrides`, dotted names → values), what it changed (`changes`, before →
after per name), who made it and why. The latest row is the settings in force; no row means
the defaults. Rows are appended, never changed or deleted (the settings history)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from trustledger.audit.models import AppendOnlyModel, AppendOnlyQuerySet


class SettingsVersionQuerySet(AppendOnlyQuerySet):
    rows = "settings history rows"


class SettingsVersion(AppendOnlyModel):
    rows = "settings history rows"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True, help_text="The user's id, if any.")
    actor_username = models.CharField(max_length=150, blank=True)
    reason = models.TextField(max_length=500)
    overrides = models.JSONField(
        default=dict, blank=True, help_text="Every value that differs from the defaults."
    )
    changes = models.JSONField(
        default=list, blank=True, help_text='[{"name", "before", "after"}] of this version.'
    )

    objects = SettingsVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"settings version {self.pk} ({self.at:%Y-%m-%d %H:%M})"
