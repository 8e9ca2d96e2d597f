"""500 raters submitting at once on loopback: nothing lost, each response stored exactly once.

    .venv/bin/python benchmarks/survey_load.py [--raters 500] [--concurrency 100]
        [--duplicates 50] [--max-seconds 300] [--port 8765]
        [--database-url postgres://postgres@127.0.0.1:5432/tl_survey]

Starts the real server (`trustledger serve`, gunicorn) on a temporary data dir (SQLite by
default), writes an open campaign with one invitation per rater (tokens known to the script
only), then every rater loads the response page (for the CSRF cookie) and posts the form, with
at most --concurrency requests in flight and a hard time limit. A second wave re-submits
--duplicates tokens concurrently with changed answers. Then it checks the database: exactly
one response per token, one answer per item, every invitation marked as answered.
Prints throughput (submits/s) and p50/p95/max latency of the POSTs.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import http.client
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raters", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--duplicates", type=int, default=50)
    parser.add_argument("--max-seconds", type=float, default=300)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--database-url", default="")
    return parser.parse_args()


def environment(args: argparse.Namespace, data_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        TRUSTLEDGER_DATA_DIR=data_dir,
        TRUSTLEDGER_DEBUG="0",
        TRUSTLEDGER_SECRET_KEY=secrets.token_urlsafe(50),
        TRUSTLEDGER_DATABASE_URL=args.database_url,
        TRUSTLEDGER_LOG_LEVEL="ERROR",
        # The server runs this checkout's code, like the script itself.
        PYTHONPATH=str(ROOT),
    )
    if args.database_url.rstrip("/").endswith("/test"):
        sys.exit("refusing the database named 'test': create a scratch one (createdb tl_survey)")
    return env


def seed(raters: int) -> tuple[int, list[str]]:
    """An open campaign about a unit, one invitation per rater; returns the tokens."""
    from django.db import transaction

    from trustledger.directory.models import Organization, Unit
    from trustledger.surveys import tokens
    from trustledger.surveys.models import Campaign, Invitation

    with transaction.atomic():
        org, _ = Organization.objects.get_or_create(name="Loadco", defaults={"kind": "ours"})
        unit, _ = Unit.objects.get_or_create(organization=org, name="Load unit")
        campaign = Campaign.objects.create(
            title=f"Load test {time.time():.0f}", subject_unit=unit, status="open"
        )
        issued = [tokens.new_token() for _ in range(raters)]
        Invitation.objects.bulk_create(
            Invitation(
                campaign=campaign,
                email=f"rater{i}@load.example",
                token_hash=tokens.token_hash(token),
            )
            for i, token in enumerate(issued)
        )
    return campaign.pk, issued


def form_for(level: int) -> dict[str, str]:
    from trustledger.surveys.instrument import items_for

    return {item.code: str(level) for item in items_for("unit")} | {"comment": "load"}


class Rater:
    """One rater's browser: opens the link (which swaps the token for a cookie and redirects),
    loads the form, keeps the cookies, posts the form."""

    def __init__(self, port: int, token: str) -> None:
        self.port, self.path = port, f"/surveys/r/{token}/"

    def _request(
        self, method: str, path: str, body: str = "", cookie: str = ""
    ) -> tuple[int, str, str, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": cookie} if cookie else {}
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body or None, headers=headers)
        response = conn.getresponse()
        text = response.read().decode()
        cookies = "; ".join(
            v.split(";", 1)[0] for k, v in response.getheaders() if k.lower() == "set-cookie"
        )
        location = response.getheader("Location") or ""
        conn.close()
        return response.status, text, cookies, location

    def submit(self, level: int) -> float:
        status, _, token_cookie, form_path = self._request("GET", self.path)
        if status != 302:
            raise RuntimeError(f"GET link {status}")
        status, page, csrf_cookie, _ = self._request("GET", form_path, cookie=token_cookie)
        if status != 200:
            raise RuntimeError(f"GET {status}")
        match = CSRF.search(page)
        assert match, "no CSRF token on the page"
        form = form_for(level) | {"csrfmiddlewaretoken": match.group(1)}
        cookie = "; ".join(c for c in (token_cookie, csrf_cookie) if c)
        started = time.perf_counter()
        status, _, _, _ = self._request("POST", form_path, urllib.parse.urlencode(form), cookie)
        elapsed = time.perf_counter() - started
        if status != 302:
            raise RuntimeError(f"POST {status}")
        return elapsed


def wave(
    port: int, work: list[tuple[str, int]], concurrency: int, deadline: float
) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    failures: list[str] = []
    started = time.perf_counter()
    with cf.ThreadPoolExecutor(max_workers=concurrency) as pool:
        futures = [pool.submit(Rater(port, token).submit, level) for token, level in work]
        for future in cf.as_completed(futures, timeout=max(1.0, deadline - time.monotonic())):
            try:
                latencies.append(future.result())
            except Exception as exc:  # counted: a lost submit is what this measures
                failures.append(str(exc))
    return latencies, failures, time.perf_counter() - started


def wait_for_server(port: int, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        if server.poll() is not None:
            sys.exit("the server stopped during start-up")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    sys.exit("the server did not start")


def verify(campaign_id: int, issued: list[str]) -> dict[str, int]:
    from django.db import connection

    from trustledger.surveys import tokens
    from trustledger.surveys.instrument import items_for
    from trustledger.surveys.models import Answer, Invitation, Response

    connection.close()
    responses = Response.objects.filter(campaign_id=campaign_id)
    keys = list(responses.values_list("response_key", flat=True))
    expected = {tokens.response_key(t) for t in issued}
    return {
        "responses": len(keys),
        "distinct_keys": len(set(keys)),
        "matching_tokens": len(set(keys) & expected),
        "answers": Answer.objects.filter(response__campaign_id=campaign_id).count(),
        "answers_expected": len(issued) * len(items_for("unit")),
        "answered_invitations": Invitation.objects.filter(
            campaign_id=campaign_id, responded=True
        ).count(),
    }


def main() -> int:
    args = parse_args()
    data_dir = tempfile.mkdtemp(prefix="tl-survey-load-")
    env = environment(args, data_dir)
    os.environ.update(env)
    subprocess.run([BIN / "trustledger", "migrate"], env=env, check=True, capture_output=True)
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustledger.settings")
    django.setup()
    from django.db import connection

    campaign_id, issued = seed(args.raters)
    connection.close()
    server = subprocess.Popen(
        [
            BIN / "trustledger",
            "serve",
            "--port",
            str(args.port),
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(Path(data_dir) / "server.log", "wb"),  # noqa: SIM115
        start_new_session=True,
    )
    try:
        wait_for_server(args.port, server)
        deadline = time.monotonic() + args.max_seconds
        first = [(token, 1 + i % 10) for i, token in enumerate(issued)]
        latencies, failures, seconds = wave(args.port, first, args.concurrency, deadline)
        again = [(token, 10 - i % 10) for i, token in enumerate(issued[: args.duplicates])]
        dup_latencies, dup_failures, _ = wave(args.port, again, args.concurrency, deadline)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    checks = verify(campaign_id, issued)
    ordered = sorted(latencies)
    p95 = ordered[int(0.95 * (len(ordered) - 1))] if ordered else float("nan")
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"database: {database}; server: {args.workers} workers x {args.threads} threads")
    print(f"raters: {args.raters}, in flight at most {args.concurrency}")
    print(f"submits: {len(latencies)} ok, {len(failures)} failed in {seconds:.2f} s")
    print(f"throughput: {len(latencies) / seconds:.1f} raters/s (page load + submit)")
    if ordered:
        print(
            f"POST latency: p50 {statistics.median(ordered) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms"
        )
    print(f"re-submits: {len(dup_latencies)} ok, {len(dup_failures)} failed")
    print("stored:", checks)
    ok = (
        not failures
        and not dup_failures
        and checks["responses"] == args.raters
        and checks["distinct_keys"] == args.raters
        and checks["matching_tokens"] == args.raters
        and checks["answers"] == checks["answers_expected"]
        and checks["answered_invitations"] == args.raters
    )
    print("server log:", Path(data_dir) / "server.log")
    print("RESULT:", "every rater stored exactly once" if ok else "LOST OR DOUBLED SUBMITS")
    if failures or dup_failures:
        print("first failures:", (failures + dup_failures)[:5])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
