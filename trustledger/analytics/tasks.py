"""Background jobs: full and incremental recomputes, and the nightly full one."""

from __future__ import annotations

from django.db import close_old_connections
from huey import crontab

from trustledger.analytics import leases
from trustledger.analytics.models import ComputeRun, RunKind, RunStatus
from trustledger.analytics.queue import queue
from trustledger.analytics.recompute import recompute


def _run(kind: str, run_id: int | None) -> int:
    # In the worker, drop stale connections around each job as a request would; in immediate
    # mode (tests, or a queue run inline) the caller's connection and transaction stay.
    if not queue.immediate:
        close_old_connections()
    try:
        return recompute(kind, run_id=run_id).pk
    finally:
        if not queue.immediate:
            close_old_connections()


@queue.task()
def full_recompute(run_id: int | None = None) -> int:
    return _run(RunKind.FULL, run_id)


@queue.task()
def incremental_recompute(run_id: int | None = None) -> int:
    return _run(RunKind.INCREMENTAL, run_id)


@queue.periodic_task(crontab(minute="30", hour="2"))
def nightly_full_recompute() -> int:
    """Re-anchor every window (see docs/analytics.md)."""
    return _run(RunKind.FULL, None)


@queue.periodic_task(crontab(minute="*"))
def reap_abandoned_jobs() -> dict[str, int]:
    """Every minute: fail the jobs whose worker died, and queue their recomputes again."""
    close_old_connections()
    try:
        return leases.reap()
    finally:
        close_old_connections()


def enqueue(kind: str = RunKind.INCREMENTAL) -> ComputeRun:
    """Queue a run (cheap: one row and one message); at most one incremental run waits."""
    if kind == RunKind.INCREMENTAL:
        waiting = ComputeRun.objects.filter(kind=kind, status=RunStatus.QUEUED).first()
        if waiting is not None:
            return waiting
    run = ComputeRun.objects.create(kind=kind)
    task = full_recompute if kind == RunKind.FULL else incremental_recompute
    task(run.pk)
    return run
