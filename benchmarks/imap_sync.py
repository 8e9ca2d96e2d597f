"""Throughput of an IMAP connection's sync: a real Dovecot on loopback, a fresh database.

    .venv/bin/python benchmarks/imap_sync.py [--messages 2000] [--bodies]

Starts Dovecot as the tests do (tests/connections/dovecot.py: Debian's dovecot binary, a
throwaway configuration in a temporary folder), appends the generated messages over IMAP
(three quarters in INBOX, a quarter in Sent, replies among them, 400 correspondents), then
times `trustledger.ingest.sync.sync` end to end (read from the server, parse, load, move the
bookmarks): a first sync, and a second one with nothing new. Prints messages per second.
Debug mode is off; each run uses a fresh SQLite database in a temporary folder
(TRUSTLEDGER_DATABASE_URL, if set, is used instead).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup(folder: str) -> None:
    os.environ.setdefault("TRUSTLEDGER_SECRET_KEY", "benchmark-" + os.urandom(16).hex())
    os.environ["TRUSTLEDGER_DATA_DIR"] = folder
    os.environ["TRUSTLEDGER_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustledger.settings")
    from cryptography.fernet import Fernet

    os.environ.setdefault("TRUSTLEDGER_CONNECTION_KEYS", Fernet.generate_key().decode())
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def messages(count: int, *, seed: int = 17) -> tuple[list[bytes], list[bytes]]:
    from tests.connections.dovecot import message

    rng = random.Random(seed)
    people = [f"person{i}@partner{i % 40}.example" for i in range(400)]
    now = time.time()
    inbox: list[bytes] = []
    sent: list[bytes] = []
    ids: list[str] = []
    for n in range(count):
        when = now - rng.uniform(0, 300 * 86400)
        reply_to = rng.choice(ids) if ids and rng.random() < 0.3 else None
        body = "Thanks, I will send the figures by Friday.\n" * rng.randint(1, 20)
        if n % 4 == 3:
            raw = message("ada@ours.example", rng.choice(people), f"Re {n}", when=when,
                          body=body, reply_to=reply_to)  # fmt: skip
            sent.append(raw)
        else:
            raw = message(rng.choice(people), "ada@ours.example", f"Subject {n}", when=when,
                          body=body, reply_to=reply_to)  # fmt: skip
            inbox.append(raw)
        ids.append(raw.split(b"Message-ID: <")[1].split(b">")[0].decode())
    return inbox, sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2_000)
    parser.add_argument("--bodies", action="store_true", help="content=body (whole messages)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup(folder)
        from tests.connections.dovecot import PASSWORD, USER, running
        from trustledger.accounts.actions import create_user
        from trustledger.ingest import secrets
        from trustledger.ingest.models import Connection
        from trustledger.ingest.sync import sync
        from trustledger.ledger.models import Interaction

        inbox, sent = messages(args.messages)
        with running() as server:
            started = time.perf_counter()
            server.append("INBOX", *inbox)
            server.append("Sent", *sent)
            print(f"appended {args.messages} messages in {time.perf_counter() - started:.1f} s")
            admin = create_user(username="bench", password="pw", check_password=False, admin=True)
            connection = Connection.objects.create(
                owner=admin,
                kind="imap",
                url=server.url,
                username=USER,
                secret_encrypted=secrets.encrypt(PASSWORD),
                folders=["INBOX", "Sent"],
                content="body" if args.bodies else "metadata",
            )
            for label in ("first sync", "second sync (nothing new)"):
                started = time.perf_counter()
                result = sync(connection)
                took = time.perf_counter() - started
                assert not result.error, result.error
                read = result.counts["messages"]
                rate = f", {read / took:,.0f} messages/s" if read else ""
                print(f"{label}: {result.text()}\n  {took:.2f} s{rate}")
            print(f"interactions stored: {Interaction.objects.filter(source='imap').count()}")


if __name__ == "__main__":
    main()
