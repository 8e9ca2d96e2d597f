"""Hole 8: a backup on SQLite reads one snapshot without taking the write lock, so a writer in
another thread goes on while it runs, and the backup does not contain what was written after it
began."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import site_environment

WRITE_DURING_BACKUP = r"""
import json, threading, time
import django
django.setup()
from django.db import connection
from trustledger.api.backup import write_backup
from trustledger.directory.models import Organization

class HeldStream:
    # The backup stops at its first line until the writer is done.
    def __init__(self):
        self.started, self.release, self.lines = threading.Event(), threading.Event(), []
    def write(self, text):
        self.started.set()
        self.release.wait(40)
        self.lines.append(text)

stream = HeldStream()

def backup():
    try:
        write_backup(stream)
    finally:
        connection.close()

thread = threading.Thread(target=backup)
thread.start()
stream.started.wait(40)
began = time.monotonic()
try:
    Organization.objects.create(name="Written during the backup", kind="ours")
    outcome = "stored"
except Exception as error:
    outcome = f"{type(error).__name__}: {error}"
waited = time.monotonic() - began
stream.release.set()
thread.join(60)
text = "".join(stream.lines)
print(json.dumps({
    "outcome": outcome,
    "waited": waited,
    "in_backup": "Written during the backup" in text,
    "complete": '"end": true' in text,
}))
"""


def test_a_writer_is_not_blocked_by_a_running_backup(site):
    done = subprocess.run(
        [sys.executable, "-c", WRITE_DURING_BACKUP],
        env=site_environment(site, DJANGO_SETTINGS_MODULE="trustledger.settings"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["outcome"] == "stored"
    assert result["waited"] < 2.0, result
    # One snapshot: the backup is whole and holds the ledger as it was when it began.
    assert result["complete"] and not result["in_backup"]
