"""Hole 7: a recompute whose worker died is marked failed with the reason and queued again."""

from __future__ import annotations

import socket
import subprocess

import pytest
from django.utils import timezone

from trustledger.analytics import leases
from trustledger.analytics.models import ComputeRun

pytestmark = pytest.mark.django_db


def test_a_recompute_whose_worker_was_killed_fails_and_is_queued_again(org, client, cast):
    ended = subprocess.Popen(["true"])
    ended.wait()
    stuck = ComputeRun.objects.create(
        kind="full",
        status="running",
        stage="pairs",
        started_at=timezone.now(),
        worker=f"{socket.gethostname()}:{ended.pid}",
        heartbeat_at=timezone.now(),
    )
    client.force_login(cast.admin)
    status = client.get("/analytics/status/?format=json").json()
    stuck.refresh_from_db()
    assert stuck.status == "failed" and "stopped without finishing" in stuck.error
    assert stuck.pk not in [run["id"] for run in status["active"]]
    again = ComputeRun.objects.exclude(pk=stuck.pk).get()
    assert again.kind == "full" and again.status == "done"  # the queue runs inline in tests
    assert leases.reap() == {"imports": 0, "recomputes": 0}
