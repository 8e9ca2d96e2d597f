"""Digests of what the promise reading produces, to compare two versions of the code.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/promises_digest.py [--data ../shared/data/commitments]

A speed change must not change a result: run this before and after (e.g. from a `git archive`
copy of main and from the branch) and compare the printed sha256 digests. It prints three:

- `sentences`: the strength, explanation, cues and due dates (no zone and New York) of every
  labelled sentence of the data folder's `parakweet.tsv` and `aeslc.tsv`;
- `bodies`: `read_message` and `check_draft` of 1,500 bodies glued from those sentences (a
  greeting, one to eight sentences, a signature and, on every other body, a quoted reply);
- `proposals`: every column but the row id and created_at of the proposals an import with
  bodies kept makes from a mailbox of 3,000 such bodies (our side writing to a customer), and
  `cues` the cues column's stored JSON text.

A fresh SQLite database in a temporary folder; TRUSTLEDGER_DATABASE_URL, if set, is used instead
(give it an empty database). The sentences are read, never printed.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import os
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "commitments"
WHEN = dt.datetime(2025, 5, 5, 9, 0, tzinfo=dt.UTC)


def sentences_of(folder: Path) -> list[str]:
    found = []
    for name in ("parakweet.tsv", "aeslc.tsv"):
        with open(folder / name, newline="", encoding="utf-8") as f:
            found += [r["text"] for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return found


def bodies_of(sentences: list[str], count: int) -> list[str]:
    rng = random.Random(7)
    bodies = []
    for i in range(count):
        text = "Hi,\n\n" + " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 8)))
        text += "\n\nBest,\nP.\n"
        if i % 2:
            quoted = "".join("> " + rng.choice(sentences) + "\n" for _ in range(3))
            text += "\nOn Mon, 5 May 2025, X wrote:\n" + quoted
        bodies.append(text)
    return bodies


def write_mbox(path: Path, bodies: list[str]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for n, body in enumerate(bodies):
            sender, recipient = f"person{n % 97}@example.com", f"person{n % 89}@ourco.example"
            body = "\n".join(">" + x if x.startswith("From ") else x for x in body.split("\n"))
            out.write(
                f"From {sender} Mon May  5 09:00:00 2025\nFrom: Person {n % 97} <{sender}>\n"
                f"To: {recipient}\nSubject: Message {n}\n"
                f"Date: Mon, 05 May 2025 09:{n % 60:02d}:00 +0000\n"
                f"Message-ID: <m{n}@example.com>\n\n{body}\n"
            )


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--data", type=Path, default=DATA)
    args = options.parse_args()
    sentences = sentences_of(args.data)
    bodies = bodies_of(sentences, 3_000)
    folder = tempfile.mkdtemp(dir="/tmp")
    os.environ.setdefault("TRUSTLEDGER_SECRET_KEY", "digest-" + os.urandom(16).hex())
    os.environ["TRUSTLEDGER_DATA_DIR"] = folder
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustledger.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from trustledger.language import Message, check_draft, classify, due_date, read_message

    call_command("migrate", verbosity=0)
    digest = hashlib.sha256()
    for s in sentences:
        r = classify(s)
        cues = [(c.words, c.start, c.end, c.effect) for c in r.cues]
        digest.update(repr((r.strength, r.explanation, cues, r.sentence)).encode())
        for zone in (None, "America/New_York"):
            digest.update(repr(due_date(s, WHEN, zone)).encode())
    print("sentences", len(sentences), digest.hexdigest())
    digest = hashlib.sha256()
    for body in bodies[:1500]:
        read = read_message(Message(body, WHEN, 1, (2, 3), None))
        digest.update(repr((read.zoned, read.readings, read.promises, read.sentences)).encode())
        digest.update(repr(check_draft(body, WHEN, "Europe/Paris")).encode())
    print("bodies", 1500, digest.hexdigest())

    from importers import _our_side  # the --bodies benchmark's people of our side

    from trustledger.ingest.loader import import_files
    from trustledger.promises.models import ProposedPromise

    _our_side()
    path = Path(folder) / "fixed.mbox"
    write_mbox(path, bodies)
    import_files([path], content="body")
    skipped = ("id", "created_at")
    fields = [f.attname for f in ProposedPromise._meta.concrete_fields if f.attname not in skipped]
    rows = list(ProposedPromise.objects.order_by("key").values_list(*fields))
    print("proposals", len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    with connection.cursor() as cursor:
        table = ProposedPromise._meta.db_table
        cursor.execute(f'SELECT "key", CAST(cues AS text) FROM {table} ORDER BY "key"')
        print("cues", hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest())


if __name__ == "__main__":
    main()
