"""Time every score of the demo organization (issue: the trust engine, "under a second").

Usage: TRUSTLEDGER_DEBUG=1 .venv/bin/python benchmarks/engine_demo.py [--runs N]
Uses a fresh SQLite database in a temporary data dir, loads the demo, then times
`organization_report` (every unit, relationship and person, as of the demo's last day).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("TRUSTLEDGER_DATA_DIR", tempfile.mkdtemp(prefix="tl-engine-"))
    os.environ.setdefault("TRUSTLEDGER_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustledger.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from trustledger.demo import cast
    from trustledger.demo.load import load_demo
    from trustledger.engine.reports import organization_report

    call_command("migrate", verbosity=0)
    load_demo()
    timings = []
    for _ in range(args.runs):
        start = time.perf_counter()
        report = organization_report(cast.DEMO_END)
        timings.append(time.perf_counter() - start)
    print(
        f"every score of the demo organization ({len(report.units)} units, {len(report.relationships)} relationships, "
        f"{len(report.people)} people): median {statistics.median(timings):.3f} s, "
        f"min {min(timings):.3f} s, max {max(timings):.3f} s over {args.runs} runs",
        file=sys.stdout,
    )


if __name__ == "__main__":
    main()
