"""Memory and speed of the mbox parser on a generated mailbox (default 200 MB).

    .venv/bin/python benchmarks/mbox_parse.py [--megabytes 200] [--content metadata]

Writes the mbox to a temporary folder, parses it, and prints the resident memory sampled
every 10,000 records: it must stay flat while the file grows, since the parser streams one
message at a time and keeps only a small thread index.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from trustledger.importers.mail import parse_mbox
from trustledger.importers.records import InteractionRecord

PARAGRAPH = (
    "We reviewed the budget with Finance today and agreed the measures before starting.\n"
) * 40


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def write_mbox(path: Path, megabytes: int, body: str = PARAGRAPH) -> int:
    target = megabytes * 1024 * 1024
    written = count = 0
    with open(path, "w", encoding="utf-8") as out:
        while written < target:
            sender, recipient = (
                f"person{count % 97}@example.com",
                f"person{count % 89}@ourco.example",
            )
            reply = f"In-Reply-To: <m{count - 1}@example.com>\n" if count % 3 else ""
            message = (
                f"From {sender} Mon May  5 09:00:00 2025\n"
                f"From: Person {count % 97} <{sender}>\nTo: {recipient}\n"
                f"Subject: Message {count}\nDate: Mon, 05 May 2025 09:{count % 60:02d}:00 +0000\n"
                f"Message-ID: <m{count}@example.com>\n{reply}\n{body}\n"
            )
            out.write(message)
            written += len(message)
            count += 1
    return count


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--megabytes", type=int, default=200)
    options.add_argument("--content", default="metadata", choices=["metadata", "subject", "body"])
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.mbox"
        messages = write_mbox(path, args.megabytes)
        size_mb = path.stat().st_size / 1024 / 1024
        print(f"mbox: {size_mb:.0f} MB, {messages} messages; RSS before parsing {rss_mb():.1f} MB")
        started = time.perf_counter()
        records = 0
        samples = []
        for result in parse_mbox(path, content=args.content):
            if isinstance(result, InteractionRecord):
                records += 1
                if records % 10_000 == 0:
                    samples.append(rss_mb())
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"parsed {records} interactions in {elapsed:.1f} s "
            f"({size_mb / elapsed:.1f} MB/s, {messages / elapsed:.0f} messages/s, two passes)"
        )
        print("RSS every 10,000 records (MB): " + ", ".join(f"{s:.0f}" for s in samples))
        print(f"peak RSS {peak:.1f} MB")


if __name__ == "__main__":
    main()
