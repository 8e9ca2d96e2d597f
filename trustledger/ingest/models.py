"""An import started from the web page: the uploaded files, the job's progress and its summary."""

from __future__ import annotations

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
