"""The CSV benchmark's three imports, with the importing thread's CPU, and a digest of the result.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/csv_digest.py [--rows 100000] [--profile]

The files of `benchmarks/importers.py csv` (5,000 new people, then people known, then the
second file again, all unchanged), imported with `import_files` on this thread. For each:
wall seconds, CPU seconds of the process and of this thread (`time.thread_time`: the
importing thread, the only one touching the database; the read-ahead thread and polars' own
threads are not in it). Then a sha256 of the interactions, participants, people and
identities tables: every column but the creation times, rows in id order. Two versions of
the code store the same result when the digests are equal (on the same database kind).
`--profile`: cProfile with `time.thread_time` as its clock, the top functions of each import.

To run another checkout's code with this script: `PYTHONPATH=/that/checkout .venv/bin/python
benchmarks/csv_digest.py` (the script only takes `setup`, `write_csv` and `_cpu` from this folder).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import pstats
import tempfile
import time
from pathlib import Path

from importers import _cpu, setup, write_csv


def digest() -> str:
    from django.db import connection

    from trustledger.directory.models import Person, PersonIdentity
    from trustledger.ledger.models import Interaction, InteractionParticipant

    total = hashlib.sha256()
    quote = connection.ops.quote_name
    for model in (Interaction, InteractionParticipant, Person, PersonIdentity):
        columns = [
            quote(f.column)
            for f in model._meta.concrete_fields
            if not (getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False))
        ]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {', '.join(columns)} FROM {quote(model._meta.db_table)} ORDER BY id"
            )
            count = 0
            while rows := cursor.fetchmany(10_000):
                count += len(rows)
                for row in rows:
                    total.update(repr(row).encode())
        print(f"{model._meta.db_table}: {count} rows")
    return total.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup(folder)
        from trustledger.ingest.loader import import_files

        first, second = Path(folder) / "first.csv", Path(folder) / "second.csv"
        write_csv(first, args.rows, "i")
        write_csv(second, args.rows, "j")
        for what, path in (("people new", first), ("people known", second), ("again", second)):
            profile = cProfile.Profile(time.thread_time) if args.profile else None
            wall, cpu, thread = time.perf_counter(), _cpu(), time.thread_time()
            if profile:
                profile.enable()
            summary = import_files([path])
            if profile:
                profile.disable()
            wall, cpu = time.perf_counter() - wall, _cpu() - cpu
            thread = time.thread_time() - thread
            print(
                f"{what}: {wall:.2f} s wall ({args.rows / wall:,.0f} rows/s), "
                f"{cpu:.2f} s CPU, importing thread {thread:.3f} s; "
                f"created {summary.created['interactions']}, "
                f"unchanged {summary.unchanged['interactions']}"
            )
            if profile:
                out = io.StringIO()
                pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(25)
                print(out.getvalue())
        print("sha256", digest())


if __name__ == "__main__":
    main()
