"""Hole 7 with a real process: a worker killed with SIGKILL in the middle of an import or a
full recompute leaves a job that is then found, failed with the reason, and (recompute)
queued again."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from .conftest import site_environment

# Runs a job in this process; the job's work hangs until the test kills the process.
HANGING_JOB = r"""
import sys, time
import django
django.setup()
from pathlib import Path
from django.conf import settings
from trustledger.accounts.actions import create_user

kind = sys.argv[1]
hang = lambda *args, **kwargs: time.sleep(600)
if kind == "import":
    from trustledger.ingest import tasks
    from trustledger.ingest.models import ImportJob
    folder = Path(settings.DATA_DIR) / "uploads" / "killed"
    folder.mkdir(parents=True)
    (folder / "00-a.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nEMAIL:ann@x.example\nEND:VCARD\n")
    user = create_user(username="op", password="x", admin=True, check_password=False)
    job = ImportJob.objects.create(created_by=user, folder=str(folder), file_names=["00-a.vcf"])
    tasks.import_files = hang
    tasks.run(job.pk)
else:
    from trustledger.analytics import recompute
    recompute.Recompute.full = hang
    recompute.recompute("full")
"""

REAP = r"""
import json
import django
django.setup()
from trustledger.analytics.leases import reap
print(json.dumps(reap()))
"""


def _python(site, script, *args, **kwargs):
    env = site_environment(site, DJANGO_SETTINGS_MODULE="trustledger.settings")
    return subprocess.Popen([sys.executable, "-c", script, *args], env=env, **kwargs)


def _rows(site, sql):
    with sqlite3.connect(site / "trustledger.sqlite3", timeout=20) as db:
        return db.execute(sql).fetchall()


@pytest.mark.parametrize(
    ("kind", "table"), [("import", "uploads_importjob"), ("recompute", "analytics_computerun")]
)
def test_a_job_whose_worker_is_killed_is_failed_with_the_reason(site, kind, table):
    worker = _python(site, HANGING_JOB, kind)
    until = time.monotonic() + 60
    while time.monotonic() < until:
        rows = _rows(site, f"SELECT status, worker FROM {table}")
        if rows and rows[0][0] == "running" and rows[0][1]:
            break
        assert worker.poll() is None, "the job process ended on its own"
        time.sleep(0.2)
    else:
        pytest.fail("the job never started")
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)
    reaper = _python(site, REAP, stdout=subprocess.PIPE, text=True)
    out, _ = reaper.communicate(timeout=60)
    assert reaper.returncode == 0
    found = json.loads(out.strip().splitlines()[-1])
    assert found == (
        {"imports": 1, "recomputes": 0} if kind == "import" else {"imports": 0, "recomputes": 1}
    )
    status, error = _rows(site, f"SELECT status, error FROM {table} ORDER BY id")[0]
    assert status == "failed"
    assert f"(process {worker.pid}) stopped without finishing it" in error
    if kind == "recompute":  # queued again for the worker
        assert _rows(site, f"SELECT kind, status FROM {table} ORDER BY id")[1] == ("full", "queued")
