"""Hole 7: an import whose worker died is found, marked failed with the reason, and can be
retried; the retry writes nothing twice."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from trustledger.analytics import leases
from trustledger.analytics.queue import queue
from trustledger.directory.models import Person
from trustledger.ingest.loader import import_files
from trustledger.ingest.models import ImportJob
from trustledger.ledger.models import Interaction

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "importers" / "fixtures"


def dead_pid() -> int:
    """The id of a process that has ended."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def _queued_upload(client, user, tmp_path, settings, django_capture_on_commit_callbacks):
    settings.DATA_DIR = tmp_path
    client.force_login(user)
    files = [
        SimpleUploadedFile(name, (FIXTURES / name).read_bytes())
        for name in ("contacts-3.0.vcf", "thread.mbox")
    ]
    with django_capture_on_commit_callbacks(execute=False):  # no worker picks it up
        client.post("/imports/", {"files": files, "format": "auto"})
    return ImportJob.objects.get()


def test_an_import_whose_worker_was_killed_fails_with_the_reason_and_retries_without_duplicates(
    client, cast, tmp_path, settings, django_capture_on_commit_callbacks
):
    job = _queued_upload(client, cast.admin, tmp_path, settings, django_capture_on_commit_callbacks)
    folder = Path(job.folder)
    # The killed run got through the files before it died: its records are in the ledger.
    import_files([folder / name for name in job.file_names])
    people, interactions = Person.objects.count(), Interaction.objects.count()
    assert interactions > 0
    ImportJob.objects.filter(pk=job.pk).update(
        status="running", worker=f"{socket.gethostname()}:{dead_pid()}", heartbeat_at=timezone.now()
    )
    page = client.get(f"/imports/{job.pk}/?format=json").json()["job"]
    assert page["status"] == "failed" and not page["running"]
    assert "stopped without finishing" in page["error"]
    assert page["can_retry"]
    assert b"Retry this import" in client.get(f"/imports/{job.pk}/").content

    queue.immediate = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/imports/{job.pk}/retry/")
    finally:
        queue.immediate = False
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "done", job.error
    assert (Person.objects.count(), Interaction.objects.count()) == (people, interactions)
    assert "unchanged:" in job.summary
    assert not folder.exists()


def test_only_a_failed_import_is_retried_and_only_by_its_owner(
    client, cast, tmp_path, settings, django_capture_on_commit_callbacks
):
    job = _queued_upload(client, cast.admin, tmp_path, settings, django_capture_on_commit_callbacks)
    assert client.post(f"/imports/{job.pk}/retry/").status_code == 409
    assert client.get(f"/imports/{job.pk}/retry/").status_code == 405
    client.force_login(cast.it_manager)
    assert client.post(f"/imports/{job.pk}/retry/").status_code == 404


def test_a_job_on_another_host_fails_once_its_lease_expires(cast, settings):
    settings.TRUSTLEDGER_JOB_LEASE_SECONDS = 60
    now = timezone.now()
    fresh = ImportJob.objects.create(
        created_by=cast.admin,
        folder="/nowhere",
        status="running",
        worker="other-host:42",
        heartbeat_at=now - dt.timedelta(seconds=30),
    )
    stale = ImportJob.objects.create(
        created_by=cast.admin,
        folder="/nowhere",
        status="running",
        worker="other-host:43",
        heartbeat_at=now - dt.timedelta(seconds=61),
    )
    assert leases.reap() == {"imports": 1, "recomputes": 0}
    fresh.refresh_from_db()
    stale.refresh_from_db()
    assert fresh.status == "running"
    assert stale.status == "failed" and "other-host:43 sent no heartbeat since" in stale.error


def test_a_job_whose_worker_is_alive_is_left_running(cast):
    alive = ImportJob.objects.create(
        created_by=cast.admin,
        folder="/nowhere",
        status="running",
        worker=f"{socket.gethostname()}:{os.getpid()}",
        heartbeat_at=timezone.now(),
    )
    assert leases.reap() == {"imports": 0, "recomputes": 0}
    alive.refresh_from_db()
    assert alive.status == "running"
