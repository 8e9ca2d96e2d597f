"""When the figures were last computed, how far behind they are, and the runs in progress."""

from __future__ import annotations

from typing import Any

from trustledger.analytics.models import ComputeRun, RunStatus
from trustledger.ledger.models import Interaction


def figures_status(recent: int = 10) -> dict[str, Any]:
    last = ComputeRun.objects.filter(status=RunStatus.DONE).order_by("-finished_at", "-id").first()
    latest_id = Interaction.objects.order_by("-id").values_list("id", flat=True).first() or 0
    active = ComputeRun.objects.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING])
    return {
        "last_computed_at": last.finished_at if last else None,
        "as_of": last.as_of if last else None,
        "data_version": last.data_version if last else None,
        "latest_interaction_id": latest_id,
        "behind": bool(last is None or (last.data_version or 0) < latest_id),
        "active": [_run(r) for r in active.order_by("id")],
        "recent": [_run(r) for r in ComputeRun.objects.order_by("-id")[:recent]],
    }


def _run(run: ComputeRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "kind": run.kind,
        "status": run.status,
        "stage": run.stage,
        "progress": run.progress,
        "queued_at": run.queued_at,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "as_of": run.as_of,
        "data_version": run.data_version,
        "new_interactions": run.new_interactions,
        "pairs_written": run.pairs_written,
        "seconds": run.seconds,
        "error": run.error.splitlines()[-1] if run.error else "",
    }
