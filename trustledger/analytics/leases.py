"""Leases on background jobs, so a job whose worker died does not stay "running" forever.

A worker that starts a job (an import, a recompute) writes its `host:pid` on the job and renews
`heartbeat_at` every quarter of the lease while it runs. A running job has lost its worker when
that process is gone (same host: checked directly, so a kill -9 is seen at once) or, for a worker
on another host, when its heartbeat is older than TRUSTLEDGER_JOB_LEASE_SECONDS. Such a job is
marked failed with the reason; a recompute is queued again, an import can be retried.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, models
from django.utils import timezone

log = logging.getLogger(__name__)


def worker_name() -> str:
    return f"{socket.gethostname()[:100]}:{os.getpid()}"


def lease_seconds() -> int:
    return int(settings.TRUSTLEDGER_JOB_LEASE_SECONDS)


@contextmanager
def held(model: type[models.Model], pk: int, *, renew: bool = True) -> Iterator[None]:
    """Hold the lease on job `pk` while the block runs: a thread renews the heartbeat."""
    model._default_manager.filter(pk=pk).update(worker=worker_name(), heartbeat_at=timezone.now())
    if not renew:  # inline (tests, a queue run in the caller's transaction): nothing can die apart
        yield
        return
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(lease_seconds() / 4):
                try:
                    model._default_manager.filter(pk=pk).update(heartbeat_at=timezone.now())
                except DatabaseError as error:  # the job's own long write holds the lock
                    log.info("heartbeat of %s %s skipped: %s", model.__name__, pk, error)
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=beat, name=f"lease-{pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def worker_gone(worker: str, heartbeat_at: dt.datetime | None, now: dt.datetime) -> str | None:
    """Why the worker of a running job is gone, or None while it may still be working."""
    host, _, pid = worker.rpartition(":")
    if host == socket.gethostname()[:100] and pid.isdigit():
        if not _process_alive(int(pid)):
            return f"its worker (process {pid}) stopped without finishing it"
        return None
    stale = now - dt.timedelta(seconds=lease_seconds())
    if heartbeat_at is None or heartbeat_at < stale:
        seen = heartbeat_at.isoformat(timespec="seconds") if heartbeat_at else "never"
        return f"its worker {worker or '(unknown)'} sent no heartbeat since {seen}"
    return None


def abandoned(queryset: Any, now: dt.datetime) -> list[tuple[Any, str]]:
    """The running jobs of `queryset` whose worker is gone, with the reason."""
    found = []
    for job in queryset.filter(status="running"):
        if not job.worker:  # started before leases existed, or by a worker killed at once
            reason = "its worker left no lease (started before an upgrade or killed at start)"
            if job.heartbeat_at is None and _started_long_ago(job, now):
                found.append((job, reason))
            continue
        reason = worker_gone(job.worker, job.heartbeat_at, now)
        if reason:
            found.append((job, reason))
    return found


def _started_long_ago(job: Any, now: dt.datetime) -> bool:
    started = next(
        (
            t
            for name in ("started_at", "queued_at", "created_at")
            if (t := getattr(job, name, None))
        ),
        None,
    )
    return started is None or started < now - dt.timedelta(seconds=lease_seconds())


def fail(job: Any, reason: str, now: dt.datetime) -> bool:
    """Mark `job` failed unless it finished meanwhile; True when this call marked it."""
    changed = (
        type(job)
        ._default_manager.filter(pk=job.pk, status="running", worker=job.worker)
        .update(status="failed", error=f"Stopped: {reason}.", finished_at=now)
    )
    return bool(changed)


def reap() -> dict[str, int]:
    """Fail every running import and recompute whose worker is gone; queue the recomputes
    again. Returns how many of each were found."""
    from trustledger.analytics.models import ComputeRun
    from trustledger.analytics.tasks import enqueue
    from trustledger.ingest.models import ImportJob

    now = timezone.now()
    found = {"imports": 0, "recomputes": 0}
    for job, reason in abandoned(ImportJob.objects.all(), now):
        if fail(job, reason, now):
            log.warning("import %s failed: %s", job.pk, reason)
            found["imports"] += 1
    for run, reason in abandoned(ComputeRun.objects.all(), now):
        if fail(run, reason, now):
            log.warning("%s recompute %s failed: %s; queued again", run.kind, run.pk, reason)
            enqueue(run.kind)
            found["recomputes"] += 1
    return found
