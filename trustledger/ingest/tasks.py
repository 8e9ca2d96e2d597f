"""The background job that runs an uploaded import with the same loader as the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.db import close_old_connections, transaction
from django.utils import timezone
from huey import crontab

from trustledger.analytics import leases
from trustledger.analytics.queue import queue
from trustledger.audit.log import import_counts, record
from trustledger.history.context import acting
from trustledger.importers.records import NO_MATCHING_COLUMNS
from trustledger.ingest.loader import import_files
from trustledger.ingest.models import ImportJob, JobStatus
from trustledger.ingest.summary import ImportSummary

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
    summary = None
    try:
        # The lease lets a killed worker's job be found and failed (analytics/leases.py).
        with (
            leases.held(ImportJob, job.pk, renew=not queue.immediate),
            acting(job.created_by, f"import job {job.pk}"),  # the records' history says so
        ):
            summary = import_files(
                [folder / name for name in job.file_names],
                format=job.format,
                since=job.since,
                content=job.content,
                **job.options,
                progress=progress,
                on_file=on_file,
                as_user=job.created_by,  # the uploader's rights, not an operator's
                origin_of=ImportJob.uploaded_name,  # the history names the file as uploaded
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
    if job.status == JobStatus.DONE:  # a failed import keeps its files for a retry
        keep = to_map(summary) if summary is not None else set()
        if keep:  # a CSV in other columns waits for its mapping on the job's page
            for path in folder.iterdir():
                if path.name not in keep:
                    path.unlink(missing_ok=True)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return job


def to_map(summary: ImportSummary) -> set[str]:
    """The names of the CSV files refused because no column matched: the page offers to map
    their columns (ingest/views.py `map_columns`)."""
    return {
        Path(r.file).name
        for r in summary.unreadable
        if r.code == NO_MATCHING_COLUMNS and Path(r.file).suffix.lower() in (".csv", ".tsv", ".txt")
    }


def retry(job: ImportJob) -> bool:
    """Queue a failed import again; the loader skips what the failed run already wrote."""
    if job.status != JobStatus.FAILED or not Path(job.folder).is_dir():
        return False
    changed = ImportJob.objects.filter(pk=job.pk, status=JobStatus.FAILED).update(
        status=JobStatus.QUEUED, error="", worker="", heartbeat_at=None, finished_at=None
    )
    if changed:
        transaction.on_commit(lambda: import_uploaded_files(job.pk))
    return bool(changed)


@queue.task()
def import_uploaded_files(job_id: int) -> int:
    if not queue.immediate:
        close_old_connections()
    try:
        return run(job_id).pk
    finally:
        if not queue.immediate:
            close_old_connections()


@queue.task()
def sync_connection(connection_id: int, limit: int | None = None) -> str:
    """One run of one connection (on demand, or when its interval has passed); a first sync
    of a big mailbox continues in further runs until nothing new is left."""
    from trustledger.ingest.models import Connection
    from trustledger.ingest.sync import MAX_MESSAGES_PER_RUN, sync

    if not queue.immediate:
        close_old_connections()
    try:
        connection = Connection.objects.select_related("owner").filter(pk=connection_id).first()
        if connection is None:
            return f"connection {connection_id}: deleted before its sync ran"
        result = sync(connection, limit=limit or MAX_MESSAGES_PER_RUN)
        if result.more and not result.error:
            sync_connection(connection_id, limit)
        return result.text()
    finally:
        if not queue.immediate:
            close_old_connections()


@queue.periodic_task(crontab(minute="*"))
def sync_due_connections() -> int:
    """Every minute: queue the connections whose interval has passed (paused ones not)."""
    from trustledger.ingest.sync import due

    close_old_connections()
    try:
        found = due()
        for connection in found:
            sync_connection(connection.pk)
        return len(found)
    finally:
        close_old_connections()
