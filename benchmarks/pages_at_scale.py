"""Pages at scale: server time per page, then 20 concurrent users on loopback.

    TRUSTLEDGER_DATA_DIR=/tmp/tl_engine/s20 TRUSTLEDGER_DEBUG=1 .venv/bin/trustledger serve &
    .venv/bin/python benchmarks/pages_at_scale.py --base http://127.0.0.1:8000 \
        --username admin --password … [--users 20] [--seconds 30]

Logs in once per user, then each user fetches the pages in turn for a bounded time. Reports
per page: the median and p95 of the response time (wall time on loopback: the server time
plus a negligible transport cost), and the share of errors.
"""

from __future__ import annotations

import argparse
import re
import statistics
import threading
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

PAGES = ["/", "/map/", "/levels/", "/commitments/", "/analytics/status/"]
# The forms with person pickers and the searches behind them (issue 13, 50,000 people).
PICKERS = [
    "/relationships/new/",
    "/people/new/",
    "/entry/interaction/",
    "/pick/people/?q=mor",
    "/pick/people/?q=jonas%20mo",
    "/search/?q=moreau",
    "/search/?q=jonas",
]


def session(base: str, username: str, password: str) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    form = opener.open(base + "/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    data = urllib.parse.urlencode(
        {
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": token.group(1) if token else "",
        }
    ).encode()
    request = urllib.request.Request(
        base + "/login/", data=data, headers={"Referer": base + "/login/"}
    )
    opener.open(request).read()
    return opener


def fetch(opener: urllib.request.OpenerDirector, url: str) -> tuple[float, bool]:
    started = time.perf_counter()
    try:
        with opener.open(url, timeout=30) as response:
            response.read()
            ok = response.status == 200
    except Exception:
        ok = False
    return time.perf_counter() - started, ok


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--pages", nargs="*", default=PAGES)
    parser.add_argument(
        "--pickers", action="store_true", help="the picker forms and searches (PICKERS)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="one user: fetches per page")
    args = parser.parse_args()
    if args.pickers:
        args.pages = PICKERS
    single = session(args.base, args.username, args.password)
    print(f"one user, each page {args.repeat} times (server time on loopback):")
    for page in args.pages:
        results = [fetch(single, args.base + page) for _ in range(args.repeat)]
        times = [t for t, _ in results]
        failed = sum(1 for _, ok in results if not ok)
        print(
            f"  {page:28s} median {statistics.median(times) * 1000:7.1f} ms"
            f"  max {max(times) * 1000:7.1f} ms" + (f"  errors {failed}" if failed else "")
        )
    if args.users <= 0:
        return
    timings: dict[str, list[float]] = {p: [] for p in args.pages}
    errors: dict[str, int] = {p: 0 for p in args.pages}
    lock = threading.Lock()
    deadline = time.perf_counter() + args.seconds

    def user(number: int) -> None:
        opener = session(args.base, args.username, args.password)
        i = number
        while time.perf_counter() < deadline:
            page = args.pages[i % len(args.pages)]
            seconds, ok = fetch(opener, args.base + page)
            with lock:
                timings[page].append(seconds)
                errors[page] += 0 if ok else 1
            i += 1

    threads = [threading.Thread(target=user, args=(n,)) for n in range(args.users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"{args.users} concurrent users for {args.seconds:g} s:")
    for page, times in timings.items():
        if not times:
            continue
        times.sort()
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(
            f"  {page:28s} n={len(times):5d} median {statistics.median(times) * 1000:7.1f} ms"
            f"  p95 {p95 * 1000:7.1f} ms  errors {errors[page]}"
        )


if __name__ == "__main__":
    main()
