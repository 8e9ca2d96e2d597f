"""Rate-limit counters are atomic: N requests against a limit of L let exactly min(N, L) through.

Several processes, each with several threads, hit one limit at once (as gunicorn workers do),
on the database of this run (SQLite or PostgreSQL) and on Redis (db 7 at 127.0.0.1:6379).
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

PROCESSES, THREADS, CALLS = 3, 3, 40  # 360 calls
LIMIT = 250
REDIS_URL = "redis://127.0.0.1:6379/7"
ROOT = Path(__file__).resolve().parents[1]

# Runs in each child: LIMIT from argv, THREADS threads of CALLS calls, prints how many passed.
WORKER = """
import sys, threading, django
django.setup()
from django.conf import settings
from django.db import connection
kind, limit, threads, calls, run_id = sys.argv[1], *map(int, sys.argv[2:6])
settings.TRUSTLEDGER_API_RATE_LIMIT = limit
settings.TRUSTLEDGER_API_RATE_WINDOW = 10**9  # one window for the whole run
settings.TRUSTLEDGER_SURVEY_TOKEN_POSTS = limit
from trustledger.api.auth import RateLimited, check_rate
from trustledger.surveys import ratelimit
ratelimit.WINDOW_SECONDS = 10**9
passed = []
def api():
    try:
        check_rate(f"token:concurrency-{run_id}")
        return True
    except RateLimited:
        return False
def survey():
    return ratelimit.hit("token_posts", f"a-survey-token-under-load-{run_id}")
call = api if kind == "api" else survey
def run():
    for _ in range(calls):
        passed.append(call())
    connection.close()
errors = []
threading.excepthook = lambda failed: errors.append(repr(failed.exc_value))
workers = [threading.Thread(target=run) for _ in range(threads)]
for w in workers: w.start()
for w in workers: w.join()
if errors:
    sys.exit("a thread failed: " + errors[0])
print(sum(passed))
"""


def _redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def _environment(backend: str, tmp_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "trustledger.settings",
        "TRUSTLEDGER_DEBUG": "1",
        "TRUSTLEDGER_DATA_DIR": str(tmp_path),
        "TRUSTLEDGER_REDIS_URL": REDIS_URL if backend == "redis" else "",
    }
    if backend == "database" and connection.vendor == "postgresql":
        # The children write into this test run's database (the test commits its tables).
        db = connection.settings_dict
        env["TRUSTLEDGER_DATABASE_URL"] = (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        )
    else:
        # SQLite: a file database in the data dir, as in production (the test one is in memory).
        env.pop("TRUSTLEDGER_DATABASE_URL", None)
        subprocess.run(
            [sys.executable, "-m", "django", "migrate", "accounts", "-v", "0"],
            env=env,
            cwd=ROOT,
            check=True,
        )
    return env


def _run(kind: str, env: dict[str, str]) -> int:
    # A fresh subject per run: other runs sharing the Redis db never touch these counters.
    run_id = str(secrets.randbelow(10**12))
    children = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, kind, str(LIMIT), str(THREADS), str(CALLS), run_id],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    passed = 0
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err[-2000:]
        passed += int(out.strip())
    return passed


@pytest.fixture(params=["database", "redis"])
def backend(request, transactional_db):  # type: ignore[no-untyped-def]
    if request.param == "redis":
        if not _redis_reachable():
            pytest.skip("Redis is not reachable at 127.0.0.1:6379 (start redis-server to run)")
        yield "redis"
        import redis

        # The counters of this test are the only ones with a window of 10**9 s.
        client = redis.Redis.from_url(REDIS_URL)
        for name in client.scan_iter("tl-rate:*"):
            if client.ttl(name) > 10**8:
                client.delete(name)
    else:
        yield "database"


@pytest.mark.parametrize("kind", ["api", "survey"])
def test_concurrent_requests_are_counted_exactly_against_the_limit(backend, kind, tmp_path):
    env = _environment(backend, tmp_path)
    assert PROCESSES * THREADS * CALLS > LIMIT
    assert _run(kind, env) == LIMIT
