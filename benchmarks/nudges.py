"""Nudges for everyone (issue 16): every user's weekly digest content for the generated
50,000-person organization, from the materialized figures (`trustledger.nudges.batch`).

    export TRUSTLEDGER_DEBUG=1 TRUSTLEDGER_DATA_DIR=/tmp/nscale/s2
    .venv/bin/trustledger migrate
    .venv/bin/trustledger generate --people 50000 --units 500 --events 2000000 --seed 7 \
        --until 2026-06-30
    .venv/bin/python benchmarks/nudges.py --data-dir /tmp/nscale/s2

Each phase runs in its own process (its own peak memory, VmHWM) and prints wall time, CPU
time (user + system) and the 1-minute load average:
  pairs:   a full recompute before any relationship exists (pair and unit-pair figures);
  seed:    what the generator does not make, through the bulk writer (storage/bulk.py): a user
           for every person (a member of their unit; the first person of each unit its
           manager), one or two person relationships per person with the people they talk to
           most (by the pair figures' meaningful interactions), one unit relationship per unit
           with the unit it talks to most, open and closed commitments, feedback, reviews;
  figures: RelationshipFigures. The engine's per-relationship report (what the full recompute
           runs for each relationship) is timed on a sample; every other relationship's row
           takes a sampled relationship's real figures, in turn (computing all ~80,000
           reports would take hours here: the rate is reported);
  nudges:  `batch.everyones_nudges` for every active user: scopes, the bulk reads, then the
           facts and the pure core per user;
  peruser: `gather.nudges_for` for a sample of users (100 at random and 5 unit managers), for
           the per-user path's cost, and a check that both paths name the same causes for
           them (the signal kinds left out: most figures rows are borrowed, above).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from engine import cpu_seconds, peak_rss_mb  # noqa: E402

AS_OF = dt.datetime(2026, 7, 1, tzinfo=dt.UTC)
SEED = 7
SAMPLE_REPORTS = 300
SAMPLE_USERS = 100
SAMPLE_MANAGERS = 5
SIGNALS = {"health_band", "trend_down", "measures_missing"}


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustledger.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def pairs_phase() -> dict:
    from trustledger.analytics.recompute import recompute

    run = recompute("full", as_of=AS_OF)
    return {"pairs_written": run.pairs_written}


def seed_phase() -> dict:
    import polars as pl
    from django.db import connection, transaction
    from django.db.models import F

    from trustledger.accounts.models import Membership, User
    from trustledger.analytics.models import PairFigures, UnitPairFigures
    from trustledger.directory.models import Person
    from trustledger.ledger import models as m
    from trustledger.storage.bulk import defaults, writer_for

    rng = random.Random(SEED)
    now = dt.datetime.now(dt.UTC)
    people = pl.DataFrame(
        list(Person.objects.order_by("pk").values_list("pk", "unit_id")),
        schema={"person": pl.Int64, "unit": pl.Int64},
        orient="row",
    )
    writer = writer_for(connection)
    counts: dict[str, int] = {}

    def write(model, frame: pl.DataFrame) -> None:  # type: ignore[no-untyped-def]
        first = writer.reserve(model, frame.height)
        frame = frame.with_columns(pl.int_range(first, first + frame.height).alias("id"))
        writer.write(model, frame, defaults(model, frame.columns, now))
        counts[model.__name__] = frame.height

    with writer.bulk_session(), transaction.atomic():
        users = people.select(
            pl.format("p{}", "person").alias("username"),
            pl.col("person").alias("person"),
            pl.lit("!").alias("password"),
            pl.lit(True).alias("is_active"),
            pl.lit(now).alias("date_joined"),
        )
        write(User, users)
        user_ids = {
            person: pk
            for pk, person in User.objects.filter(person__isnull=False).values_list(
                "pk", "person_id"
            )
        }
        first_of_unit = people.group_by("unit").agg(pl.col("person").min().alias("first"))
        managers = set(first_of_unit["first"].to_list())
        write(
            Membership,
            people.filter(pl.col("unit").is_not_null()).select(
                pl.col("person").replace_strict(user_ids).alias("user"),
                pl.col("unit").alias("unit"),
                pl.when(pl.col("person").is_in(list(managers)))
                .then(pl.lit("manager"))
                .otherwise(pl.lit("member"))
                .alias("role"),
            ),
        )
        # Person relationships: each person's one or two most talked-to partners.
        pairs = pl.DataFrame(
            list(
                PairFigures.objects.filter(meaningful__gt=0).values_list(
                    "person_a", "person_b", "meaningful"
                )
            ),
            schema={"a": pl.Int64, "b": pl.Int64, "meaningful": pl.Int64},
            orient="row",
        )
        both = pl.concat(
            [pairs, pairs.select(pl.col("b").alias("a"), pl.col("a").alias("b"), "meaningful")]
        )
        wanted = pl.DataFrame(
            {"a": people["person"], "k": [rng.choice((1, 2)) for _ in range(people.height)]}
        )
        chosen = (
            both.sort(["a", "meaningful", "b"], descending=[False, True, False])
            .with_columns(pl.int_range(pl.len()).over("a").alias("rank"))
            .join(wanted, on="a")
            .filter(pl.col("rank") < pl.col("k"))
        )
        levels = [rng.choice((1, 2, 3, 4, 5)) for _ in range(chosen.height)]
        started = [
            (AS_OF - dt.timedelta(days=rng.randrange(30, 700))).date() for _ in range(chosen.height)
        ]
        person_rels = chosen.select(
            pl.col("a").alias("our_person"),
            pl.col("b").alias("counterpart_person"),
            pl.Series("service_level", levels, dtype=pl.Int64),
            pl.Series("started_on", started, dtype=pl.Date),
        )
        # Unit relationships: each unit with the other unit it talks to most.
        units = pl.DataFrame(
            list(
                UnitPairFigures.objects.exclude(unit_a=F("unit_b")).values_list(
                    "unit_a", "unit_b", "meaningful"
                )
            ),
            schema={"a": pl.Int64, "b": pl.Int64, "meaningful": pl.Int64},
            orient="row",
        )
        unit_both = pl.concat(
            [units, units.select(pl.col("b").alias("a"), pl.col("a").alias("b"), "meaningful")]
        )
        unit_pick = (
            unit_both.sort(["a", "meaningful", "b"], descending=[False, True, False])
            .group_by("a", maintain_order=True)
            .first()
        )
        unit_rels = unit_pick.select(
            pl.col("a").alias("our_unit"),
            pl.col("b").alias("counterpart_unit"),
            pl.lit(3, dtype=pl.Int64).alias("service_level"),
            pl.lit((AS_OF - dt.timedelta(days=400)).date()).alias("started_on"),
        )
        rels = pl.concat([person_rels, unit_rels], how="diagonal").with_columns(
            pl.lit("active").alias("status")
        )
        write(m.Relationship, rels)
        # Commitments: on about half the person relationships, by either side.
        rel_rows = list(
            m.Relationship.objects.filter(our_person__isnull=False).values_list(
                "pk", "our_person_id", "counterpart_person_id"
            )
        )
        c_rows = []
        for pk, ours, theirs in rel_rows:
            if rng.random() < 0.5:
                continue
            promisor, promisee = (ours, theirs) if rng.random() < 0.7 else (theirs, ours)
            due = AS_OF + dt.timedelta(days=rng.uniform(-15, 20))
            made = due - dt.timedelta(days=rng.uniform(5, 40))
            roll = rng.random()
            state, confirmation, closed = "open", "claimed", None
            if roll < 0.15:
                state, closed = "kept", AS_OF - dt.timedelta(days=rng.uniform(0, 10))
            elif roll < 0.2:
                state, confirmation = "kept", "disputed"
                closed = AS_OF - dt.timedelta(days=rng.uniform(0, 10))
            elif roll < 0.3:
                state, confirmation = "kept", "confirmed"
                closed = AS_OF - dt.timedelta(days=rng.uniform(0, 60))
            made = min(made, closed) if closed else made
            c_rows.append(
                (promisor, promisee, pk, f"Promise {len(c_rows)}", made, due, state,
                 confirmation, closed, closed if confirmation != "claimed" else None)
            )  # fmt: skip
        commitments = pl.DataFrame(
            c_rows,
            schema={
                "promisor": pl.Int64,
                "promisee": pl.Int64,
                "relationship": pl.Int64,
                "what": pl.String,
                "made_at": pl.Datetime("us", "UTC"),
                "due_at": pl.Datetime("us", "UTC"),
                "state": pl.String,
                "confirmation": pl.String,
                "closed_at": pl.Datetime("us", "UTC"),
                "confirmation_at": pl.Datetime("us", "UTC"),
            },
            orient="row",
        ).with_columns(pl.lit("commitment").alias("strength"))
        write(m.Commitment, commitments)
        # Feedback on one relationship in eight (waiting, answered, or closed and unseen);
        # a review on one in five.
        all_rels = list(m.Relationship.objects.values_list("pk", "counterpart_person_id"))
        f_rows = []
        for pk, theirs in all_rels:
            if rng.random() < 0.125:
                got = AS_OF - dt.timedelta(days=rng.uniform(1, 60))
                closed = got + dt.timedelta(days=rng.uniform(1, 10)) if rng.random() < 0.4 else None
                closed = closed if closed and closed < AS_OF else None
                f_rows.append(
                    (pk, got, theirs, "Feedback", closed, closed, "A change" if closed else "")
                )
        feedback = pl.DataFrame(
            f_rows,
            schema={
                "relationship": pl.Int64,
                "received_at": pl.Datetime("us", "UTC"),
                "from_person": pl.Int64,
                "summary": pl.String,
                "responded_at": pl.Datetime("us", "UTC"),
                "loop_closed_at": pl.Datetime("us", "UTC"),
                "our_response": pl.String,
            },
            orient="row",
        )
        write(m.FeedbackItem, feedback)
        r_rows = [
            (pk, (AS_OF - dt.timedelta(days=rng.randrange(10, 200))).date())
            for pk, _ in all_rels
            if rng.random() < 0.2
        ]
        reviews = pl.DataFrame(
            r_rows, schema={"relationship": pl.Int64, "held_on": pl.Date}, orient="row"
        )
        write(m.QualityReview, reviews)
    return counts


def figures_phase() -> dict:
    from django.db import transaction

    from trustledger.analytics.models import ComputeRun, RelationshipFigures
    from trustledger.analytics.relationships import figures_for
    from trustledger.ledger.models import Relationship

    rng = random.Random(SEED)
    ids = list(Relationship.objects.order_by("pk").values_list("pk", flat=True))
    sample = sorted(rng.sample(ids, min(SAMPLE_REPORTS, len(ids))))
    version = (
        ComputeRun.objects.filter(status="done")
        .order_by("-pk")
        .values_list("data_version", flat=True)
        .first()
        or 0
    )
    cpu, started = cpu_seconds(), time.perf_counter()
    computed = figures_for(
        Relationship.objects.filter(pk__in=sample).order_by("pk"), AS_OF, version
    )
    seconds = time.perf_counter() - started
    report_cpu = cpu_seconds() - cpu
    by_id = {f.relationship_id: f for f in computed}
    rows = []
    for i, pk in enumerate(ids):
        real = by_id.get(pk)
        if real is None:  # a sampled relationship's real figures, in turn
            real = computed[i % len(computed)]
            row = RelationshipFigures(
                **{
                    f.attname: getattr(real, f.attname)
                    for f in RelationshipFigures._meta.concrete_fields
                }
            )
            row.relationship_id = pk
        else:
            row = real
        rows.append(row)
    with transaction.atomic():
        RelationshipFigures.objects.all().delete()
        RelationshipFigures.objects.bulk_create(rows, batch_size=2000)
    bands = Counter(f.health_band or "none" for f in computed)
    return {
        "sampled_reports": len(computed),
        "report_seconds": seconds,
        "report_cpu_seconds": report_cpu,
        "reports_per_second": len(computed) / seconds if seconds else None,
        "figures_rows": len(rows),
        "sample_bands": dict(bands),
        "sample_sufficient": sum(1 for f in computed if f.evidence_sufficient),
    }


def nudges_phase() -> dict:
    from trustledger.accounts.access import scopes_in_bulk
    from trustledger.accounts.models import User
    from trustledger.domain import nudges as n
    from trustledger.engine.reports import engine_settings
    from trustledger.nudges import batch

    stages = {}
    mark = [time.perf_counter(), cpu_seconds()]

    def stage(name: str) -> None:
        now = (time.perf_counter(), cpu_seconds())
        stages[name] = {
            "seconds": round(now[0] - mark[0], 2),
            "cpu_seconds": round(now[1] - mark[1], 2),
            "peak_rss_mb": round(peak_rss_mb(), 1),
        }
        mark[:] = now

    cpu, started = cpu_seconds(), time.perf_counter()
    users = list(User.objects.filter(is_active=True).order_by("pk"))
    scopes = scopes_in_bulk(users)
    stage("users and scopes")
    world = batch.read_world(AS_OF)
    batch.inactive_theirs(world, users, scopes)
    stage("bulk reads")
    units = batch.UnitFacts(AS_OF)
    cfg = engine_settings()
    kinds: Counter[str] = Counter()
    urgent = with_any = kept = 0
    for user in users:
        facts = batch.facts_of(world, user.pk, scopes[user.pk], units)
        kept += len(facts.relationships)
        found = n.nudges(facts, as_of=AS_OF, settings=cfg)
        with_any += bool(found)
        urgent += sum(1 for x in found if x.urgency is n.Urgency.IMMEDIATE)
        kinds.update(x.kind.value for x in found)
    stage("facts and core per user")
    return {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": cpu_seconds() - cpu,
        "users": len(users),
        "relationships": len(world.rels),
        "relationships_kept": kept,
        "live_commitments": sum(len(v) for v in world.promises_made.values()),
        "users_with_nudges": with_any,
        "nudges": sum(kinds.values()),
        "immediate": urgent,
        "by_kind": dict(kinds.most_common()),
        "stages": stages,
    }


def peruser_phase() -> dict:
    from trustledger.accounts.access import scope_for
    from trustledger.accounts.models import User
    from trustledger.nudges import batch, gather

    rng = random.Random(SEED)
    ids = list(User.objects.filter(is_active=True).values_list("pk", flat=True))
    managers = list(User.objects.filter(memberships__role="manager").values_list("pk", flat=True))
    chosen = set(rng.sample(ids, SAMPLE_USERS)) | set(rng.sample(managers, SAMPLE_MANAGERS))
    users = list(User.objects.filter(pk__in=chosen).order_by("pk"))
    cpu, started = cpu_seconds(), time.perf_counter()
    one = {u.pk: gather.nudges_for(scope_for(u), u.pk, AS_OF) for u in users}
    seconds = time.perf_counter() - started
    per_cpu = cpu_seconds() - cpu
    many = dict(batch.everyones_nudges(AS_OF, users))
    differ = []
    for u in users:
        a = {x.cause for x in one[u.pk] if x.kind.value not in SIGNALS}
        b = {x.cause for x in many[u.pk] if x.kind.value not in SIGNALS}
        if a != b:
            differ.append(
                {"user": u.username, "per_user_only": sorted(a - b), "batch_only": sorted(b - a)}
            )
    return {
        "users": len(users),
        "seconds": seconds,
        "cpu_seconds": per_cpu,
        "seconds_per_user": seconds / len(users),
        "nudges": sum(len(v) for v in one.values()),
        "differ": differ,
    }


PHASES = {
    "pairs": pairs_phase,
    "seed": seed_phase,
    "figures": figures_phase,
    "nudges": nudges_phase,
    "peruser": peruser_phase,
}


def phase(name: str) -> None:
    setup()
    cpu, started = cpu_seconds(), time.perf_counter()
    result = {"phase": name, **PHASES[name]()}
    result.setdefault("seconds", time.perf_counter() - started)
    result.setdefault("cpu_seconds", cpu_seconds() - cpu)
    result["wall_seconds"] = time.perf_counter() - started
    result["peak_rss_mb"] = peak_rss_mb()
    result["load"] = os.getloadavg()
    print("RESULT " + json.dumps(result, default=str), flush=True)


def child(name: str, data_dir: str) -> dict:
    cmd = [sys.executable, __file__, "--phase", name, "--data-dir", data_dir]
    done = subprocess.run(
        cmd, capture_output=True, text=True, env=os.environ | {"TRUSTLEDGER_DATA_DIR": data_dir}
    )
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise SystemExit(f"phase {name} failed:\n{done.stderr[-3000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--phase", choices=list(PHASES))
    parser.add_argument(
        "--only", default="pairs,seed,figures,nudges,peruser", help="phases to run, in order"
    )
    args = parser.parse_args()
    if args.phase:
        phase(args.phase)
        return
    for name in args.only.split(","):
        result = child(name, args.data_dir)
        print(json.dumps(result, indent=1, default=str), flush=True)


if __name__ == "__main__":
    main()
