"""The background job that runs an uploaded import with the same loader as the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.db import close_old_connections
from django.utils import timezone

from trustledger.analytics.queue import queue
from trustledger.audit.log import import_counts, record
from trustledger.importers.loader import import_files
from trustledger.uploads.models import ImportJob, JobStatus

PROGRESS_EVERY = 500  # records between progress writes


def run(job_id: int) -> ImportJob:
    job = ImportJob.objects.get(pk=job_id)
    job.status = JobStatus.RUNNING
    job.save(update_fields=["status"])
    seen = {"records": 0}

    def progress(count: int) -> None:
        seen["records"] += count
        if seen["records"] - job.records_read >= PROGRESS_EVERY:
            job.records_read = seen["records"]
            ImportJob.objects.filter(pk=job.pk).update(records_read=job.records_read)

    def on_file(path: str) -> None:
        ImportJob.objects.filter(pk=job.pk).update(current_file=Path(path).name)

    folder = Path(job.folder)
    try:
        summary = import_files(
            [folder / name for name in job.file_names],
            format=job.format,
            since=job.since,
            progress=progress,
            on_file=on_file,
            as_user=job.created_by,  # the uploader's rights, not an operator's
        )
    except Exception as error:  # the job must end in a state the page can show
        job.status, job.error = JobStatus.FAILED, f"{type(error).__name__}: {error}"
        record(job.created_by, "import.finished", job, status="failed", error=type(error).__name__)
    else:
        job.status, job.summary = JobStatus.DONE, summary.text().replace(str(folder) + "/", "")
        record(job.created_by, "import.finished", job, status="done", **import_counts(summary))
    job.records_read = seen["records"]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "summary", "error", "records_read", "finished_at"])
    shutil.rmtree(folder, ignore_errors=True)
    return job


@queue.task()
def import_uploaded_files(job_id: int) -> int:
    if not queue.immediate:
        close_old_connections()
    try:
        return run(job_id).pk
    finally:
        if not queue.immediate:
            close_old_connections()
