"""20 writers over HTTP while `trustledger backup` runs: every acknowledged write is stored.

    .venv/bin/python benchmarks/backup_under_load.py [--writers 20] [--seconds 20]
        [--events 300000] [--backup-after 2] [--port 8766]
        [--database-url postgres://postgres@127.0.0.1:5432/tl_backup_load]

Starts the real server (`trustledger serve`, gunicorn) on a temporary data dir (SQLite by
default), fills it with --events generated interactions so a backup takes a while, gives each
writer its own read-write API token, and lets every writer POST /api/v1/interactions in a loop
for --seconds. --backup-after seconds in, `trustledger backup` runs in another process. Then it
counts: writes acknowledged (201) against rows stored with this run's marker, writes refused
(any other status, e.g. 500 "database is locked") and lost (acknowledged but not stored).
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import http.client
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from survey_load import wait_for_server  # noqa: E402  (one way to wait for the server)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--events", type=int, default=300_000, help="Generated beforehand.")
    parser.add_argument("--backup-after", type=float, default=2.0)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--database-url", default="")
    return parser.parse_args()


def environment(args: argparse.Namespace, data_dir: str) -> dict[str, str]:
    if args.database_url.rstrip("/").endswith("/test"):
        sys.exit("refusing the database named 'test': create a scratch one")
    env = dict(os.environ)
    env.update(
        TRUSTLEDGER_DATA_DIR=data_dir,
        TRUSTLEDGER_DEBUG="0",
        TRUSTLEDGER_SECRET_KEY=secrets.token_urlsafe(50),
        TRUSTLEDGER_DATABASE_URL=args.database_url,
        TRUSTLEDGER_LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    return env


def seed(writers: int) -> tuple[list[str], int, int]:
    """An admin with one read-write token per writer, and two people to record meetings of."""
    from trustledger.accounts.actions import create_user
    from trustledger.api.tokens import create_token
    from trustledger.directory.models import Organization, Person

    admin = create_user(
        username=f"load-{time.time_ns()}", password="x", admin=True, check_password=False
    )
    org = Organization.objects.create(name=f"Backup load {time.time_ns()}", kind="ours")
    a = Person.objects.create(display_name="Writer A", organization=org)
    b = Person.objects.create(display_name="Writer B", organization=org)
    plain = [create_token(admin, name=f"writer {i}", scope="read_write")[1] for i in range(writers)]
    return plain, a.pk, b.pk


class Writer:
    def __init__(self, port: int, token: str, people: tuple[int, int], marker: str) -> None:
        self.port, self.token, self.people, self.marker = port, token, people, marker
        self.acknowledged: list[int] = []
        self.errors: Counter[str] = Counter()
        self.latencies: list[float] = []

    def post(self, number: int) -> None:
        body = json.dumps(
            {
                "occurred_at": "2026-11-01T10:00:00Z",
                "channel": "call",
                "initiator_id": self.people[0],
                "participant_ids": [self.people[1]],
                "subject": f"{self.marker} {number}",
            }
        )
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        started = time.perf_counter()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            conn.request("POST", "/api/v1/interactions", body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode(errors="replace")
            conn.close()
        except OSError as error:
            self.errors[f"{type(error).__name__}"] += 1
            return
        self.latencies.append(time.perf_counter() - started)
        if response.status == 201:
            self.acknowledged.append(json.loads(text)["id"])
        else:
            self.errors[f"{response.status} {text[:80]}"] += 1

    def run(self, until: float) -> None:
        number = 0
        while time.monotonic() < until:
            number += 1
            self.post(number)


def backup(env: dict[str, str], target: Path, results: dict[str, object]) -> None:
    started = time.perf_counter()
    done = subprocess.run(
        [BIN / "trustledger", "backup", str(target)], env=env, capture_output=True, text=True
    )
    results.update(
        seconds=time.perf_counter() - started,
        status=done.returncode,
        output=(done.stdout + done.stderr).strip(),
    )


def stored(marker: str, acknowledged: list[int]) -> tuple[int, int]:
    from django.db import connection

    from trustledger.ledger.models import Interaction

    connection.close()
    marked = Interaction.objects.filter(subject__startswith=marker + " ")
    ids = set(marked.values_list("id", flat=True))
    return len(ids), len(set(acknowledged) - ids)


def main() -> int:
    args = parse_args()
    data_dir = tempfile.mkdtemp(prefix="tl-backup-load-")
    env = environment(args, data_dir)
    os.environ.update(env)
    run = [BIN / "trustledger"]
    subprocess.run([*run, "migrate"], env=env, check=True, capture_output=True)
    if args.events:
        generate = ["generate", "--people", "2000", "--events", str(args.events), "--no-progress"]
        subprocess.run([*run, *generate], env=env, check=True, capture_output=True)
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustledger.settings")
    django.setup()
    from django.db import connection

    tokens, a, b = seed(args.writers)
    connection.close()
    marker = f"backup-load-{secrets.token_hex(4)}"
    serve = ["serve", "--port", str(args.port), "--workers", str(args.workers)]
    server = subprocess.Popen(
        [*run, *serve, "--threads", str(args.threads)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(Path(data_dir) / "server.log", "wb"),  # noqa: SIM115
        start_new_session=True,
    )
    writers = [Writer(args.port, token, (a, b), marker) for token in tokens]
    outcome: dict[str, object] = {}
    try:
        wait_for_server(args.port, server)
        until = time.monotonic() + args.seconds
        timer = threading.Timer(
            args.backup_after, backup, (env, Path(data_dir) / "backup.jsonl", outcome)
        )
        timer.start()
        with cf.ThreadPoolExecutor(max_workers=args.writers) as pool:
            list(pool.map(lambda writer: writer.run(until), writers))
        timer.join()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    acknowledged = [pk for writer in writers for pk in writer.acknowledged]
    errors = sum((writer.errors for writer in writers), Counter())
    count, lost = stored(marker, acknowledged)
    latencies = sorted(t for writer in writers for t in writer.latencies)
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"database: {database}; {args.events} generated interactions beforehand")
    print(f"server: {args.workers} workers x {args.threads} threads; {args.writers} writers")
    print(
        f"backup: started {args.backup_after:.0f} s in, took {outcome.get('seconds', 0):.1f} s, "
        f"exit {outcome.get('status')}: {outcome.get('output')}"
    )
    print(f"writes acknowledged: {len(acknowledged)}; stored: {count}; lost: {lost}")
    print(f"writes refused: {sum(errors.values())}")
    for reason, times in errors.most_common(5):
        print(f"  {times} x {reason}")
    if latencies:
        p99 = latencies[int(0.99 * (len(latencies) - 1))]
        print(f"write latency: p99 {p99 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")
    ok = not errors and not lost and count == len(acknowledged) and outcome.get("status") == 0
    print("RESULT:", "no errors, no lost writes" if ok else "ERRORS OR LOST WRITES")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
