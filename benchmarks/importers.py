"""Speed and memory of imports into the database (parser + loader), on generated files.

    .venv/bin/python benchmarks/importers.py csv [--rows 500000] [--record-path] [--crlf]
    .venv/bin/python benchmarks/importers.py ceiling [--rows 500000]
    .venv/bin/python benchmarks/importers.py mbox [--megabytes 200] [--bodies]

Debug mode is off (as in production: Django then keeps no log of the queries); a throwaway
secret key is set for the run.

Each run uses a fresh SQLite database in a temporary folder (TRUSTLEDGER_DATABASE_URL, if
set, is used instead). `csv`: interactions among 5,000 people, timed end to end (the
columnar path: parse + load): a first file whose people are all new, a second as large whose
people are known, the second again (all unchanged); `--record-path` adds the record path for
comparison. `ceiling`: the same rows, made beforehand, written by the bulk writer alone: what
SQLite itself takes on this machine. `mbox`: a generated mailbox, metadata only, end to end,
with the resident memory sampled after every batch. `--bodies`: the senders are our side's
people and every body holds promises, a signature and a quoted reply; the same file is imported
metadata only, then (from the same empty start) with its bodies kept and the promises found
(`trustledger.promises`), and both times are printed with their ratio.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

PEOPLE = 5_000


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _children_cpu() -> float:
    """CPU of finished child processes (the language workers, once their pool is shut down)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@contextlib.contextmanager
def timed(what: str, rows: int) -> Iterator[None]:
    """Wall clock and CPU time: on a shared machine the CPU figure is the comparable one."""
    wall, cpu = time.perf_counter(), _cpu()
    yield
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    print(
        f"{what}: {wall:.1f} s wall = {rows / wall:,.0f} rows/s; "
        f"{cpu:.1f} s CPU = {rows / cpu:,.0f} rows/s per CPU second; "
        f"load average {os.getloadavg()[0]:.1f}"
    )


def setup(folder: str) -> None:
    os.environ.setdefault("TRUSTLEDGER_SECRET_KEY", "benchmark-" + os.urandom(16).hex())
    os.environ["TRUSTLEDGER_DATA_DIR"] = folder
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustledger.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def write_csv(path: Path, rows: int, prefix: str = "i", crlf: bool = False) -> None:
    chance = random.Random(prefix)
    # newline="\r\n": every "\n" written becomes CRLF, as Excel and Python's csv module write.
    with open(path, "w", encoding="utf-8", newline="\r\n" if crlf else None) as out:
        out.write(
            "external_id,occurred_at,channel,initiator_email,participant_emails,"
            "duration_minutes,answered\n"
        )
        for i in range(rows):
            a, b = chance.randrange(PEOPLE), chance.randrange(PEOPLE)
            out.write(
                f"{prefix}-{i},2025-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00Z,"
                f"call,p{a}@ex{a % 50}.example,p{b}@ex{b % 50}.example,30,yes\n"
            )


def bench_csv(rows: int, record_path: bool, crlf: bool = False) -> None:
    with tempfile.TemporaryDirectory() as folder:
        setup(folder)
        from trustledger.importers import parse
        from trustledger.ingest.loader import Loader, import_files
        from trustledger.ledger.models import Interaction

        first, second = Path(folder) / "first.csv", Path(folder) / "second.csv"
        write_csv(first, rows, "i", crlf)
        write_csv(second, rows, "j", crlf)
        print(f"line ends: {'CRLF' if crlf else 'LF'}; database: {_vendor()}")
        with timed(f"csv end to end, {rows} rows, {PEOPLE} people new", rows):
            summary = import_files([first])
        assert summary.created["interactions"] == rows, summary.text()
        with timed(f"csv end to end, {rows} more rows, people known", rows):
            summary = import_files([second])
        assert summary.created["interactions"] == rows, summary.text()
        with timed("csv re-import of the second file, all unchanged", rows):
            again = import_files([second])
        assert again.unchanged["interactions"] == rows
        if not record_path:
            return
        with timed("csv record parser alone", rows):
            records = list(parse(first))
        Interaction.objects.all().delete()
        with timed("csv record loader alone (records parsed, people known)", rows):
            Loader().load(records, str(first))


def _vendor() -> str:
    from django.db import connection

    return connection.vendor


def bench_ceiling(rows: int) -> None:
    """What SQLite takes for the same rows with nothing else to do: the frames the CSV path
    would build, made beforehand, written by the bulk writer in the same session (batches,
    indexes dropped and rebuilt, foreign keys off, one checkpoint), for a fresh database."""
    with tempfile.TemporaryDirectory() as folder:
        setup(folder)
        import polars as pl
        from django.db import connection, transaction
        from django.utils import timezone

        from trustledger.directory.models import Person
        from trustledger.ingest.bulk_csv import BULK_BATCH_ROWS, bulk_session
        from trustledger.ledger.models import Interaction, InteractionParticipant

        Person.objects.bulk_create(Person(display_name=f"p{i}") for i in range(PEOPLE))
        people = list(Person.objects.values_list("pk", flat=True))
        chance = random.Random(1)
        moments = pl.datetime_range(
            datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
            datetime.datetime(2025, 12, 31, tzinfo=datetime.UTC),
            "1m",
            eager=True,
        )
        frame = pl.DataFrame(
            {
                "id": pl.int_range(1, rows + 1, eager=True),
                "occurred_at": moments.sample(rows, with_replacement=True, seed=1),
                "channel": ["call"] * rows,
                "duration_minutes": [30.0] * rows,
                "initiator": [chance.choice(people) for _ in range(rows)],
                "answered": [True] * rows,
                "external_id": [f"i-{i}" for i in range(rows)],
                "subject": [""] * rows,
                "notes": [""] * rows,
            }
        )
        parts = frame.select(
            pl.col("id"),
            pl.col("id").alias("interaction"),
            pl.Series("person", [chance.choice(people) for _ in range(rows)]),
            "occurred_at",
        )
        constants = {
            "relationship": None,
            "reply_latency_seconds": None,
            "is_broadcast": False,
            "private": False,
            "is_request": False,
            "intent_declared": None,
            "focus": "unknown",
            "thread_id": "",
            "source": "csv",
            "created_by": None,
            "created_at": timezone.now(),
        }
        from trustledger.storage.bulk import writer_for

        writer = writer_for(connection)
        what = f"SQLite alone, {rows} interactions + {rows} participants, no parsing"
        with timed(what, rows), bulk_session(writer, rows):
            for start in range(0, rows, BULK_BATCH_ROWS):
                with transaction.atomic(), writer.unchecked():
                    writer.write(Interaction, frame.slice(start, BULK_BATCH_ROWS), constants)
                    writer.write(
                        InteractionParticipant,
                        parts.slice(start, BULK_BATCH_ROWS),
                        {"role": "to"},
                    )
        assert Interaction.objects.count() == rows


def bench_mbox(megabytes: int) -> None:
    from mbox_parse import write_mbox  # the parser benchmark's generator

    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        setup(folder)
        from trustledger.ingest.loader import import_files

        path = Path(folder) / "bench.mbox"
        messages = write_mbox(path, megabytes)
        size = path.stat().st_size / 1024 / 1024
        samples: list[float] = []
        print(f"mbox: {size:.0f} MB, {messages} messages; RSS before {rss_mb():.0f} MB")
        with timed(f"mbox end to end, metadata, {messages} messages", messages):
            summary = import_files(
                [path], content="metadata", after_batch=lambda n: samples.append(rss_mb())
            )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"imported {summary.created['interactions']} interactions, "
            f"{summary.created['people']} people"
        )
        step = max(len(samples) // 10, 1)
        print("RSS after batches (MB): " + ", ".join(f"{s:.0f}" for s in samples[::step]))
        print(f"peak RSS {peak:.0f} MB")


# What our side writes in the --bodies run: promises of three strengths, a sentence that is
# none, a signature and a quoted reply holding the other side's promise (zoning has work).
PROMISE_BODY = (
    "Hi,\n\nthanks for the numbers. I will send you the revised plan by Friday. We'll try to "
    "fix the export before the close. I hope to look at the archive too. The job failed last "
    "night.\n\nBest,\nP.\n-- \nPerson, Benchco\n\nOn Mon, 5 May 2025, X wrote:\n"
    + "> I will pay the invoice tomorrow, and the rest of the quarter as agreed.\n"
    * 30
)


def _our_side() -> None:
    """The generator's senders (person0..96@example.com) as people of a unit of ours."""
    from trustledger.directory.models import Organization, Person, PersonIdentity, Unit

    ours = Organization.objects.create(name="Benchco", kind="ours", email_domains="example.com")
    Organization.objects.create(name="Ourco", kind="customer", email_domains="ourco.example")
    unit = Unit.objects.create(organization=ours, name="Sales")
    for i in range(97):
        person = Person.objects.create(display_name=f"Person {i}", organization=ours, unit=unit)
        address = f"person{i}@example.com"
        PersonIdentity.objects.create(
            person=person, kind="email", value=address, normalized=address
        )


def _forget_imported() -> None:
    """Back to the start: no interactions, only our side's people (raw deletes: fast)."""
    from trustledger.directory.models import Person, PersonIdentity
    from trustledger.ledger.models import Interaction, InteractionParticipant
    from trustledger.promises.models import ProposedPromise

    ProposedPromise.objects.all().delete()
    InteractionParticipant.objects.all()._raw_delete("default")
    Interaction.objects.all()._raw_delete("default")
    theirs = Person.objects.filter(unit__isnull=True)
    PersonIdentity.objects.filter(person__in=theirs)._raw_delete("default")
    theirs._raw_delete("default")


def bench_mbox_bodies(megabytes: int) -> None:
    from mbox_parse import write_mbox

    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        setup(folder)
        from trustledger.ingest.loader import import_files

        _our_side()
        path = Path(folder) / "bench.mbox"
        messages = write_mbox(path, megabytes, PROMISE_BODY)
        print(f"mbox: {path.stat().st_size / 1024 / 1024:.0f} MB, {messages} messages")
        wall, cpu = time.perf_counter(), _cpu()
        with timed(f"mbox end to end, metadata, {messages} messages", messages):
            import_files([path], content="metadata")
        metadata = (time.perf_counter() - wall, _cpu() - cpu)
        _forget_imported()
        wall, cpu, workers = time.perf_counter(), _cpu(), _children_cpu()
        with timed(f"mbox end to end, bodies and promises found, {messages} messages", messages):
            summary = import_files([path], content="body")
        bodies = (time.perf_counter() - wall, _cpu() - cpu)
        workers = _children_cpu() - workers
        print(
            f"{summary.promises_found} promises proposed; language workers' CPU {workers:.1f} s, "
            f"importing process + workers {bodies[1] + workers:.1f} s CPU"
        )
        print(
            f"bodies + promises / metadata only: {bodies[0] / metadata[0]:.2f}x wall, "
            f"{bodies[1] / metadata[1]:.2f}x CPU"
        )


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = options.add_subparsers(dest="which", required=True)
    csv = which.add_parser("csv")
    csv.add_argument("--rows", type=int, default=500_000)
    csv.add_argument("--record-path", action="store_true", help="also time the record path")
    csv.add_argument("--crlf", action="store_true", help="write the files with CRLF line ends")
    which.add_parser("ceiling").add_argument("--rows", type=int, default=500_000)
    mbox = which.add_parser("mbox")
    mbox.add_argument("--megabytes", type=int, default=200)
    mbox.add_argument(
        "--bodies", action="store_true", help="compare with bodies kept and promises found"
    )
    args = options.parse_args()
    if args.which == "csv":
        bench_csv(args.rows, args.record_path, args.crlf)
    elif args.which == "ceiling":
        bench_ceiling(args.rows)
    elif args.bodies:
        bench_mbox_bodies(args.megabytes)
    else:
        bench_mbox(args.megabytes)


if __name__ == "__main__":
    main()
