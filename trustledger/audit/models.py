"""The audit log: one row per sensitive action, never changed or deleted.

The model refuses updates and deletes in the ORM; a database trigger (migration 0002) refuses
them in SQL too. Rows name the actor by id and a username snapshot, not by a foreign key, so
deleting a user neither removes nor blocks on their history.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.utils import timezone


class AppendOnly(Exception):
    """An attempt to change or delete an audit event."""


def _refuse(what: str, rows: str = "audit events") -> NoReturn:
    raise AppendOnly(f"{rows} are append-only: {what} refused")


class Action(models.TextChoices):
    LOGIN = "auth.login", "Logged in"
    LOGIN_FAILED = "auth.login_failed", "Login failed"
    LOGOUT = "auth.logout", "Logged out"
    USER_CREATED = "user.created", "User created"
    USER_DELETED = "user.deleted", "User deleted"
    ADMIN_GRANTED = "user.admin_granted", "Made admin"
    ADMIN_REVOKED = "user.admin_revoked", "Admin rights removed"
    STAFF_GRANTED = "user.staff_granted", "Given access to the Django admin"
    STAFF_REVOKED = "user.staff_revoked", "Access to the Django admin removed"
    USER_DEACTIVATED = "user.deactivated", "User deactivated"
    USER_ACTIVATED = "user.activated", "User reactivated"
    PASSWORD_CHANGED = "user.password_changed", "Password changed"
    MEMBERSHIP_CREATED = "membership.created", "Membership created"
    MEMBERSHIP_CHANGED = "membership.changed", "Membership changed"
    MEMBERSHIP_REMOVED = "membership.removed", "Membership removed"
    IMPORT_UPLOADED = "import.uploaded", "Files uploaded for import"
    IMPORT_FINISHED = "import.finished", "Uploaded import finished"
    IMPORT_CLI = "import.cli", "Files imported on the command line"
    CONNECTION_ADDED = "connection.added", "Connection to a server added"
    CONNECTION_CHANGED = "connection.changed", "Connection paused, resumed or changed"
    CONNECTION_SYNCED = "connection.synced", "Connection synced"
    CONNECTION_REMOVED = "connection.removed", "Connection removed"
    PEOPLE_MERGED = "person.merged", "People merged"
    PERSON_ERASED = "person.erased", "Person erased"
    EXPORT_API = "export.api", "Export through the API"
    EXPORT_CLI = "export.cli", "Export on the command line"
    BACKUP_WRITTEN = "backup.written", "Backup written"
    BACKUP_RESTORED = "backup.restored", "Backup restored"
    TOKEN_CREATED = "token.created", "API token created"
    TOKEN_REVOKED = "token.revoked", "API token revoked"
    FEED_CREATED = "feed.created", "Calendar feed URL made"
    FEED_REVOKED = "feed.revoked", "Calendar feed URLs revoked"
    CAMPAIGN_CREATED = "survey.campaign_created", "Survey campaign created"
    RATERS_INVITED = "survey.raters_invited", "Survey invitations issued"
    CAMPAIGN_OPENED = "survey.campaign_opened", "Survey campaign opened"
    REMINDERS_SENT = "survey.reminders_sent", "Survey links re-sent"
    CAMPAIGN_CLOSED = "survey.campaign_closed", "Survey campaign closed"
    LINK_CREATED = "link.created", "Link for the other side made"
    LINK_REGENERATED = "link.regenerated", "Link for the other side made anew"
    LINK_SENT = "link.sent", "Link for the other side mailed"
    LINK_REVOKED = "link.revoked", "Link for the other side revoked"
    LINK_VIEWED = "link.viewed", "Link for the other side opened"
    LINK_USED = "link.used", "Answer given through a link for the other side"
    SETTINGS_CHANGED = "settings.changed", "Settings of the scores changed"
    REVIEW_PACK_STORED = "reviewpack.stored", "Review pack stored"
    REVIEW_PACK_SENT = "reviewpack.sent", "Review pack sent"


class AppendOnlyQuerySet(models.QuerySet[Any]):
    """Refuses updates and deletes of many rows (the record history uses it too)."""

    rows = "audit events"

    def update(self, **kwargs: Any) -> int:
        _refuse("update", self.rows)

    def delete(self) -> tuple[int, dict[str, int]]:
        _refuse("delete", self.rows)

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        _refuse("update", self.rows)

    def update_or_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse("update", self.rows)


class AppendOnlyModel(models.Model):
    """A row that is written once: saving it again or deleting it is refused."""

    rows = "audit events"

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse("update", self.rows)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse("delete", self.rows)


class AuditEventQuerySet(AppendOnlyQuerySet):
    pass


class AuditEvent(AppendOnlyModel):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor_id = models.BigIntegerField(
        null=True, blank=True, db_index=True, help_text="The user's id; empty for the system."
    )
    actor_username = models.CharField(max_length=150, blank=True)
    # Codes of `Action`; no choices here, so a new code needs no migration.
    action = models.CharField(max_length=40, db_index=True)
    target_kind = models.CharField(max_length=40, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    remote_addr = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        # Rows outlive users and migrations of other apps: no foreign keys on purpose.

    def __str__(self) -> str:
        who = self.actor_username or "system"
        return f"{self.at:%Y-%m-%d %H:%M:%S} {who} {self.action}"
