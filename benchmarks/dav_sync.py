"""Throughput of calendar (CalDAV) and contacts (CardDAV) connections: a real Radicale on
loopback, a fresh database.

    .venv/bin/python benchmarks/dav_sync.py [--events 1000] [--cards 1000]

Starts Radicale as the tests do (tests/connections/radicale.py), uploads one calendar of
generated events (a tenth of them weekly series of 4, 300 correspondents, all in the import
window) and one address book of generated cards, each as one whole-collection PUT, then times
`trustledger.ingest.sync.sync` end to end (find the collections, list the etags, multiget,
parse with the .ics / .vcf readers, load, move the bookmarks): a first sync, a second with
nothing new, and a third after one event changed (the server's own first listing after the
upload, slow in Radicale, is timed apart). Prints events and cards per second. Debug
mode is off; a fresh SQLite database in a temporary folder (or TRUSTLEDGER_DATABASE_URL).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from imap_sync import setup  # noqa: E402 - the same fresh database and keys


def calendar(count: int, *, seed: int = 17) -> str:
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)
    people = [f"person{i}@partner{i % 30}.example" for i in range(300)]
    events = []
    for n in range(count):
        start = now - dt.timedelta(days=rng.randint(1, 300), hours=rng.randint(0, 8))
        attendees = "".join(
            f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{a}\r\n" for a in rng.sample(people, 2)
        )
        series = "RRULE:FREQ=WEEKLY;COUNT=4\r\n" if n % 10 == 0 else ""
        events.append(
            f"BEGIN:VEVENT\r\nUID:bench-{n}\r\nDTSTAMP:20260101T000000Z\r\n"
            f"DTSTART:{start:%Y%m%dT%H%M%SZ}\r\nDURATION:PT45M\r\nSUMMARY:Meeting {n}\r\n"
            f"ORGANIZER:mailto:ada@ours.example\r\n{attendees}{series}END:VEVENT\r\n"
        )
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//trustledger bench//EN\r\n"
        + "".join(events)
        + "END:VCALENDAR\r\n"
    )


def cards(count: int) -> str:
    return "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:card-{n}\r\nFN:Person {n} Example\r\n"
        f"N:Example;Person {n};;;\r\nEMAIL:person{n}@partner{n % 30}.example\r\n"
        f"ORG:Partner {n % 30}\r\nEND:VCARD\r\n"
        for n in range(count)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000)
    parser.add_argument("--cards", type=int, default=1_000)
    args = parser.parse_args()
    # Radicale answers a multiget of 200 items in seconds on a busy machine: no give-up here.
    os.environ.setdefault("TRUSTLEDGER_CONNECTION_TIMEOUT_SECONDS", "600")
    with tempfile.TemporaryDirectory() as folder:
        setup(folder)
        from tests.connections.radicale import PASSWORD, USER, event, running
        from trustledger.accounts.actions import create_user
        from trustledger.ingest import dav, secrets
        from trustledger.ingest.models import Connection
        from trustledger.ingest.sync import sync
        from trustledger.ledger.models import Interaction

        with running() as server:
            started = time.perf_counter()
            server.send(
                "PUT", f"{USER}/work/", calendar(args.events).encode(), "text/calendar", 600
            )
            server.send("PUT", f"{USER}/contacts/", cards(args.cards).encode(), "text/vcard", 600)
            print(f"uploaded {args.events} events, {args.cards} cards in "
                  f"{time.perf_counter() - started:.1f} s")  # fmt: skip
            # Radicale builds its caches (etags, sync tokens) on the first listing after an
            # upload: done once here and timed apart, so the syncs time this side's work.
            started = time.perf_counter()
            for kind in ("caldav", "carddav"):
                session = dav.Session(server.url, USER, PASSWORD, kind, timeout=600)
                for collection in session.collections():
                    session.members(collection)
            print(f"server warm-up (its first listing): {time.perf_counter() - started:.1f} s")
            admin = create_user(username="bench", password="pw", check_password=False, admin=True)
            for kind in ("caldav", "carddav"):
                connection = Connection.objects.create(
                    owner=admin,
                    kind=kind,
                    url=server.url,
                    username=USER,
                    secret_encrypted=secrets.encrypt(PASSWORD),
                    folders=[],
                )
                runs = ["first sync", "second sync (nothing new)"]
                if kind == "caldav":
                    runs.append("third sync (one event changed)")
                for label in runs:
                    if label.startswith("third"):
                        when = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
                        changed = event("bench-1", f"{when:%Y%m%dT%H0000Z}", summary="Moved")
                        server.put_event("work", "bench-1", changed)
                    started = time.perf_counter()
                    result = sync(connection)
                    took = time.perf_counter() - started
                    assert not result.error, result.error
                    read = result.counts["messages"]
                    rate = f", {read / took:,.0f} {result.counts['what']}s/s" if read else ""
                    print(f"{kind} {label}: {result.text()}\n  {took:.2f} s{rate}")
            print(f"meetings stored: {Interaction.objects.filter(source='ics').count()}")


if __name__ == "__main__":
    main()
