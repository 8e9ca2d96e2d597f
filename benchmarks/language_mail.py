"""What reading promises in mail costs an import: a generated mbox (default 200 MB) imported
twice into fresh databases, metadata only and then with bodies kept and promises found.

    .venv/bin/python benchmarks/language_mail.py [--megabytes 200]

The mailbox is IT's mail to a customer: 100 people of our unit write to 80 of theirs, each
message a few paragraphs of their own (promises of every strength among plain sentences), a
signature and, in two of three, the quoted message they answer. Every message is written by
our side, so the analysis reads all of them (the worst case). The goal of issue 15: the
import with bodies and promises found takes at most twice the metadata-only import.
Reported: wall and CPU time of both, their ratio, messages and sentences read per second.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from importers import _cpu, rss_mb  # noqa: E402

OURS, THEIRS = 100, 80

# Sentences written for this benchmark: what an IT team writes to the teams it serves.
OWN = [
    "Thanks for the notes from Tuesday's call.",
    "I will send the revised rollout plan by Friday.",
    "We'll have the new laptops imaged before the 14th.",
    "I'll try to get the licence numbers from procurement this week.",
    "We hope to move the archive to the new storage next month.",
    "The firewall change went in last night without trouble.",
    "Could you confirm which printers are still in use on the third floor?",
    "I will be out of the office on Monday.",
    "Let me know if the invoices still fail to export and I'll look at it the same day.",
    "We plan to retire the old VPN once everyone has the new client.",
    "Our service desk logged 14 tickets from your team last week, all closed.",
    "I'd like to walk you through the new access request form.",
    "We will do our best to keep the downtime under an hour.",
    "The vendor says the patch is due at the end of the month.",
    "How can we help with the quarter-end close?",
]
QUOTED = [
    "> Can you tell us when the new laptops arrive?",
    "> The export failed again this morning.",
    "> We need the licence numbers for the audit.",
]
SIGNATURE = "Best regards,\nTobias Berg\nIT Operations | +49 30 1234 567\n"


def write_mailbox(path: Path, megabytes: int) -> int:
    chance = random.Random(15)
    target = megabytes * 1024 * 1024
    written = count = 0
    with open(path, "w", encoding="utf-8") as out:
        while written < target:
            sender = f"it{count % OURS}@ourco.example"
            recipient = f"fin{count % THEIRS}@customer.example"
            paragraphs = [
                " ".join(chance.sample(OWN, 4)),
                " ".join(chance.sample(OWN, 3)),
                " ".join(chance.sample(OWN, 4)),
            ]
            quoted = ""
            if count % 3:
                quoted = (
                    f"\nOn Mon, 5 May 2025 at 08:{count % 60:02d}, Finance <{recipient}> wrote:\n"
                    + "\n".join(chance.sample(QUOTED, 2))
                    + "\n"
                )
            body = "Hi,\n\n" + "\n\n".join(paragraphs) + "\n\n" + SIGNATURE + quoted
            message = (
                f"From {sender} Mon May  5 09:00:00 2025\n"
                f"From: IT {count % OURS} <{sender}>\nTo: Finance {count % THEIRS} <{recipient}>\n"
                f"Subject: Update {count}\nDate: Mon, 05 May 2025 09:{count % 60:02d}:00 +0000\n"
                f"Message-ID: <m{count}@ourco.example>\n\n{body}\n"
            )
            out.write(message)
            written += len(message)
            count += 1
    return count


def people() -> None:
    """Our unit and the customer's, their addresses known, and the relationship between."""
    import datetime as dt

    from trustledger.directory.models import Organization, Person, PersonIdentity, Unit
    from trustledger.ledger.models import Relationship

    ours = Organization.objects.create(name="OurCo", kind="ours", email_domains="ourco.example")
    it = Unit.objects.create(organization=ours, name="IT")
    customer = Organization.objects.create(
        name="Customer", kind="customer", email_domains="customer.example"
    )
    for prefix, n, org, unit in (("it", OURS, ours, it), ("fin", THEIRS, customer, None)):
        for i in range(n):
            person = Person.objects.create(
                display_name=f"{prefix.upper()} {i}", organization=org, unit=unit
            )
            address = f"{prefix}{i}@{org.email_domains}"
            PersonIdentity.objects.create(
                person=person, kind="email", value=address, normalized=address
            )
    Relationship.objects.create(
        our_unit=it, counterpart_organization=customer, started_on=dt.date(2025, 1, 1)
    )


def run(path: Path, content: str) -> tuple[float, float, object]:
    from django.core.management import call_command
    from django.db import connection

    from trustledger.importers.loader import import_files

    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        connection.close()
        os.environ["TRUSTLEDGER_DATA_DIR"] = folder
        from django.conf import settings

        settings.DATABASES["default"]["NAME"] = str(Path(folder) / "bench.sqlite3")
        call_command("migrate", verbosity=0)
        people()
        wall, cpu = time.perf_counter(), _cpu()
        summary = import_files([path], content=content)
        wall, cpu = time.perf_counter() - wall, _cpu() - cpu
        connection.close()
    return wall, cpu, summary


def analysis_alone(path: Path) -> None:
    """The pure core by itself on every body: sentences read per second on one core."""
    import datetime as dt

    from trustledger.importers.mail import parse_mbox
    from trustledger.importers.records import InteractionRecord
    from trustledger.language import Message, read_message

    bodies = [r.body for r in parse_mbox(path, content="body") if isinstance(r, InteractionRecord)]
    when = dt.datetime(2025, 5, 5, 9, tzinfo=dt.UTC)
    sentences = promises = 0
    started = time.process_time()
    for body in bodies:
        reading = read_message(Message(body or "", when, 1, (2,)))
        sentences += len(reading.readings)
        promises += len(reading.promises)
    spent = time.process_time() - started
    print(
        f"analysis alone: {len(bodies):,} bodies, {sentences:,} sentences kept after zoning, "
        f"{promises:,} promises in {spent:.1f} s CPU = {sentences / spent:,.0f} sentences/s "
        f"on one core"
    )


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--megabytes", type=int, default=200)
    args = options.parse_args()
    os.environ.setdefault("TRUSTLEDGER_SECRET_KEY", "benchmark-" + os.urandom(16).hex())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustledger.settings")
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        os.environ["TRUSTLEDGER_DATA_DIR"] = folder
        import django

        django.setup()
        path = Path(folder) / "bench.mbox"
        messages = write_mailbox(path, args.megabytes)
        size = path.stat().st_size / 1024 / 1024
        print(f"mbox: {size:.0f} MB, {messages:,} messages, all written by our side")
        meta_wall, meta_cpu, _ = run(path, "metadata")
        print(f"metadata only: {meta_wall:.1f} s wall, {meta_cpu:.1f} s CPU")
        body_wall, body_cpu, summary = run(path, "body")
        found = getattr(summary, "promises_found", None)
        print(
            f"bodies + promises found: {body_wall:.1f} s wall, {body_cpu:.1f} s CPU; "
            f"{found} promises proposed"
        )
        analysis_alone(path)
        print(
            f"ratio: {body_wall / meta_wall:.2f}x wall, {body_cpu / meta_cpu:.2f}x CPU "
            f"(goal: at most 2x); load average {os.getloadavg()[0]:.1f}; peak RSS {rss_mb():.0f} MB"
        )


if __name__ == "__main__":
    main()
