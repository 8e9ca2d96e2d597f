"""An import started from the web page: the uploaded files, the job's progress and its summary."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class ImportJob(models.Model):
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    folder = models.CharField(
        max_length=500, help_text="Where the uploaded files wait, in the data dir."
    )
    file_names = models.JSONField(default=list)
    format = models.CharField(max_length=10, default="auto")
    since = models.DateField(null=True, blank=True)
    # What of a message is kept (trustledger import --content): metadata, subject or body.
    content = models.CharField(max_length=10, default="metadata")
    # Parser options chosen on the page: for a CSV in other columns, {"kind": …, "mapping": …}.
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED)
    records_read = models.PositiveIntegerField(default=0)
    current_file = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The lease (see analytics/leases.py): which worker process runs it, and when it last said so.
    worker = models.CharField(max_length=120, blank=True, help_text="host:pid of the worker.")
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=JobStatus.values), name="import_job_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"import {self.pk} ({self.status})"

    @staticmethod
    def uploaded_name(path: str) -> str:
        """The name a stored file was uploaded as: "hello.eml" of ".../03-hello.eml"
        (`ingest.views._stored_name` puts the number in front)."""
        name = PurePath(path).name
        number, dash, rest = name.partition("-")
        return rest if dash and number.isdigit() and rest else name


class ConnectionKind(models.TextChoices):
    IMAP = "imap", "Mail (IMAP)"
    CALDAV = "caldav", "Calendar (CalDAV)"
    CARDDAV = "carddav", "Contacts (CardDAV)"


class ConnectionContent(models.TextChoices):
    """What is kept of messages, as for imports (`importers.sources.CONTENT_CHOICES`)."""

    METADATA = "metadata", "Who and when only"
    SUBJECT = "subject", "Also the subject"
    BODY = "body", "Also the text (feeds promises found)"


class Connection(models.Model):
    """A mail, calendar or contacts server the ledger reads in the background (docs/connections.md).

    The secret is stored encrypted (`ingest.secrets`); nothing shows or logs it again."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="connections"
    )
    kind = models.CharField(max_length=8, choices=ConnectionKind.choices)
    url = models.CharField(
        max_length=500, help_text="imaps://host[:port], imap://host[:port], or https://… for DAV."
    )
    username = models.CharField(max_length=254)
    secret_encrypted = models.BinaryField(editable=False)
    folders = models.JSONField(default=list, help_text="IMAP folders or DAV collections.")
    content = models.CharField(
        max_length=8, choices=ConnectionContent.choices, default=ConnectionContent.METADATA
    )
    shared = models.BooleanField(default=False, help_text="A team mailbox or calendar (admins).")
    paused = models.BooleanField(default=False)
    interval_minutes = models.PositiveIntegerField(default=15)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sync_at = models.DateTimeField(null=True, blank=True, help_text="Last sync that worked.")
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_counts = models.JSONField(default=dict, blank=True)
    last_error = models.TextField(blank=True)
    syncing_since = models.DateTimeField(
        null=True, blank=True, help_text="A sync is running (claimed so that only one runs)."
    )

    class Meta:
        ordering = ["kind", "url", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ConnectionKind.values), name="connection_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(content__in=ConnectionContent.values), name="connection_content_valid"
            ),
            models.CheckConstraint(
                condition=Q(interval_minutes__gte=1), name="connection_interval_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} connection {self.pk} ({self.username} at {self.url})"

    def __repr__(self) -> str:  # never the secret, not even encrypted
        return f"<Connection {self.pk} {self.kind} {self.username}@{self.url}>"


class ConnectionFolder(models.Model):
    """Where a sync stopped in one folder or collection: IMAP UIDVALIDITY and last UID;
    for DAV the sync token or ctag and the etags of what was read."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="states")
    folder = models.CharField(max_length=500)
    uid_validity = models.BigIntegerField(null=True, blank=True)
    last_uid = models.BigIntegerField(default=0)
    sync_token = models.CharField(max_length=500, blank=True)
    etags = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["connection", "folder"], name="connection_folder_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.folder} of connection {self.connection_id}"


class ConnectionItem(models.Model):
    """What a connection brought (source and external id), so that deleting the connection
    may remove it on request; records other connections or imports also hold are kept."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="items")
    source = models.CharField(max_length=10)
    external_id = models.CharField(max_length=500)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["connection", "source", "external_id"], name="connection_item_unique"
            ),
        ]
