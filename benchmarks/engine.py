"""The whole-organization engine, side by side with a plain Polars pass and plain pandas.

    TRUSTLEDGER_DEBUG=1 .venv/bin/python benchmarks/engine.py --data-dir /tmp/tl_engine/s20 \
        --events 20000000 [--skip-pandas]

Generates the organization with `trustledger generate` when the data dir has none, then times,
each in its own process (so peak memory is its own):
  (a) a metrics-only pass with Polars over a Parquet copy of the same events (the floor);
  (b) the same metrics in plain pandas;
  (c) trustledger's full recompute from the database (copy in step, pairs, unit pairs,
      network, relationships, writes), plus the cold run that builds the copy;
  (d) an incremental recompute after 10,000 new interactions.
and checks that (a), (b) and (c) agree on every pair figure to 1e-9 relative.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-07-01T00:00:00+00:00"
FIGURES = [
    "count_ab",
    "count_ba",
    "meaningful",
    "mask",
    "minutes",
    "last",
    "last2",
    "att_ab",
    "att_ba",
    "reciprocity",
]
FIGURES += ["talking_at_ab", "talking_at_ba"]


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustledger.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def dump_events(out: Path) -> None:
    """The Parquet copy for (a) and (b): the two tables as they are."""
    import polars as pl
    from django.db import connection

    setup()
    from trustledger.analytics import columnar

    if (out / "participants.parquet").exists():
        return
    top = columnar.max_interaction_id()
    inter, parts = [], []
    for lo in range(0, top, columnar.ID_RANGE):
        reader = (
            columnar._read_postgresql
            if connection.vendor == "postgresql"
            else columnar._read_sqlite
        )
        raw = reader(lo, min(top, lo + columnar.ID_RANGE))
        inter.append(
            raw.unique("interaction").select(
                "interaction", "initiator", "t", "channel", "minutes", "answered", "flagged"
            )
        )
        parts.append(raw.select("interaction", "person"))
    out.mkdir(parents=True, exist_ok=True)
    pl.concat(inter).write_parquet(out / "interactions.parquet")
    pl.concat(parts).write_parquet(out / "participants.parquet")


def settings_constants() -> dict:
    setup()
    from trustledger.analytics.pairs import CHANNELS
    from trustledger.domain.settings import AttentionSettings

    cfg = AttentionSettings()
    return {
        "weights": {c.value: cfg.channel_weights[c] for c in CHANNELS},
        "bits": {c.value: 1 << i for i, c in enumerate(CHANNELS)},
        "sync": [c.value for c in CHANNELS if c.is_synchronous],
        "cfg": cfg,
    }


def polars_pass(events: Path, as_of_us: int, k: dict) -> object:
    """(a): what a data engineer would write in Polars over the two Parquet tables."""
    import polars as pl

    cfg = k["cfg"]
    ws = as_of_us - int(cfg.window_days * 86_400_000_000)
    # Unknown "answered" counts as not answered, as in the core (bool(None) is False).
    i = pl.scan_parquet(events / "interactions.parquet").with_columns(
        pl.col("answered").fill_null(False)
    )
    p = pl.scan_parquet(events / "participants.parquet")
    n = p.group_by("interaction").agg(pl.len().alias("n"))
    e = (
        p.join(i, on="interaction")
        .join(n, on="interaction")
        .filter((pl.col("initiator") != pl.col("person")) & (pl.col("t") <= as_of_us))
    )
    s, q = pl.col("initiator"), pl.col("person")
    sync = pl.col("channel").is_in(k["sync"])
    bc = (
        pl.col("flagged")
        | (sync & (pl.col("n") + 1 > cfg.max_meeting_size))
        | (~sync & (pl.col("n") > cfg.max_message_recipients))
    )
    m = pl.col("minutes")
    dur = (
        pl.when(m.is_null())
        .then(1.0)
        .when(m <= 0)
        .then(0.0)
        .otherwise(
            pl.min_horizontal(
                (m / cfg.duration_reference_minutes).pow(cfg.duration_exponent),
                pl.lit(cfg.max_duration_factor),
            )
        )
    )
    w = pl.col("channel").replace_strict(k["weights"], return_dtype=pl.Float64) * dur
    w = pl.when(bc).then(w * cfg.broadcast_weight).otherwise(w)
    w = w * pl.lit(2.0).pow(-((as_of_us - pl.col("t")) / 86_400_000_000) / cfg.half_life_days)
    ab = s < q
    win = pl.col("t") > ws
    msg = win & ~sync
    at = msg & (bc | ~pl.col("answered"))
    out = (
        e.with_columns(
            (pl.min_horizontal(s, q) * 2**32 + pl.max_horizontal(s, q)).alias("key"),
            ab.alias("ab"),
            sync.alias("sync"),
            bc.alias("bc"),
            w.alias("w"),
            win.alias("win"),
            msg.alias("msg"),
            at.alias("at"),
        )
        .group_by("key")
        .agg(
            (pl.col("win") & pl.col("ab")).sum().alias("count_ab"),
            (pl.col("win") & ~pl.col("ab")).sum().alias("count_ba"),
            (pl.col("win") & ~pl.col("bc")).sum().alias("meaningful"),
            pl.when(pl.col("win") & ~pl.col("bc"))
            .then(pl.col("channel").replace_strict(k["bits"], return_dtype=pl.Int16))
            .otherwise(0)
            .bitwise_or()
            .alias("mask"),
            pl.when(pl.col("win"))
            .then(pl.col("minutes").fill_null(0.0))
            .otherwise(0.0)
            .sum()
            .alias("minutes"),
            pl.col("t").max().alias("last"),
            pl.when(~pl.col("bc") & (pl.col("sync") | pl.col("answered")))
            .then(pl.col("t"))
            .max()
            .alias("last2"),
            pl.when(pl.col("ab") | pl.col("sync"))
            .then(pl.col("w"))
            .otherwise(0.0)
            .sum()
            .alias("att_ab"),
            pl.when(~pl.col("ab") | pl.col("sync"))
            .then(pl.col("w"))
            .otherwise(0.0)
            .sum()
            .alias("att_ba"),
            (pl.col("msg") & pl.col("ab")).sum().alias("msg_ab"),
            (pl.col("at") & pl.col("ab")).sum().alias("at_ab"),
            (pl.col("msg") & ~pl.col("ab")).sum().alias("msg_ba"),
            (pl.col("at") & ~pl.col("ab")).sum().alias("at_ba"),
        )
        .with_columns(
            pl.when(pl.max_horizontal("att_ab", "att_ba") > 0)
            .then(pl.min_horizontal("att_ab", "att_ba") / pl.max_horizontal("att_ab", "att_ba"))
            .otherwise(0.0)
            .alias("reciprocity"),
            pl.when(pl.col("msg_ab") > 0)
            .then(pl.col("at_ab") / pl.col("msg_ab"))
            .alias("talking_at_ab"),
            pl.when(pl.col("msg_ba") > 0)
            .then(pl.col("at_ba") / pl.col("msg_ba"))
            .alias("talking_at_ba"),
        )
    )
    return out.select("key", *FIGURES).collect(engine="streaming")


def pandas_pass(events: Path, as_of_us: int, k: dict) -> object:
    """(b): the same in plain pandas."""
    import numpy as np
    import pandas as pd

    cfg = k["cfg"]
    ws = as_of_us - int(cfg.window_days * 86_400_000_000)
    i = pd.read_parquet(events / "interactions.parquet")
    p = pd.read_parquet(events / "participants.parquet")
    p["n"] = p.groupby("interaction")["person"].transform("size")
    e = p.merge(i, on="interaction")
    e = e[(e["initiator"] != e["person"]) & (e["t"] <= as_of_us)]
    s, q = e["initiator"].to_numpy(), e["person"].to_numpy()
    lo, hi = np.minimum(s, q), np.maximum(s, q)
    sync = e["channel"].isin(k["sync"]).to_numpy()
    n = e["n"].to_numpy()
    bc = (
        e["flagged"].to_numpy(dtype=bool)
        | (sync & (n + 1 > cfg.max_meeting_size))
        | (~sync & (n > cfg.max_message_recipients))
    )
    m = e["minutes"].to_numpy(dtype=float)
    dur = np.where(
        np.isnan(m),
        1.0,
        np.where(
            m <= 0,
            0.0,
            np.minimum(
                (np.maximum(m, 0) / cfg.duration_reference_minutes) ** cfg.duration_exponent,
                cfg.max_duration_factor,
            ),
        ),
    )
    w = e["channel"].map(k["weights"]).to_numpy() * dur
    w = np.where(bc, w * cfg.broadcast_weight, w) * 2.0 ** (
        -((as_of_us - e["t"].to_numpy()) / 86_400_000_000) / cfg.half_life_days
    )
    ab = s < q
    t = e["t"].to_numpy()
    win = t > ws
    answered = e["answered"].fillna(False).to_numpy(dtype=bool)
    msg = win & ~sync
    at = msg & (bc | ~answered)
    f = pd.DataFrame(
        {
            "key": lo * 2**32 + hi,
            "count_ab": win & ab,
            "count_ba": win & ~ab,
            "meaningful": win & ~bc,
            "mask": np.where(win & ~bc, e["channel"].map(k["bits"]).to_numpy(), 0),
            "minutes": np.where(win, np.nan_to_num(m), 0.0),
            "last": t,
            "last2": np.where(~bc & (sync | answered), t, np.iinfo(np.int64).min),
            "att_ab": np.where(ab | sync, w, 0.0),
            "att_ba": np.where(~ab | sync, w, 0.0),
            "msg_ab": msg & ab,
            "at_ab": at & ab,
            "msg_ba": msg & ~ab,
            "at_ba": at & ~ab,
        }
    )
    g = f.groupby("key")
    out = g[
        [
            "count_ab",
            "count_ba",
            "meaningful",
            "minutes",
            "att_ab",
            "att_ba",
            "msg_ab",
            "at_ab",
            "msg_ba",
            "at_ba",
        ]
    ].sum()
    out["mask"] = g["mask"].agg(np.bitwise_or.reduce)
    out["last"] = g["last"].max()
    out["last2"] = g["last2"].max().replace(np.iinfo(np.int64).min, np.nan)
    hi_a, lo_a = out[["att_ab", "att_ba"]].max(axis=1), out[["att_ab", "att_ba"]].min(axis=1)
    out["reciprocity"] = np.where(hi_a > 0, lo_a / hi_a.where(hi_a > 0, 1), 0.0)
    out["talking_at_ab"] = (out["at_ab"] / out["msg_ab"]).where(out["msg_ab"] > 0)
    out["talking_at_ba"] = (out["at_ba"] / out["msg_ba"]).where(out["msg_ba"] > 0)
    return out.reset_index()[["key", *FIGURES]]


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb() -> float:
    """This process's own peak: VmHWM. (ru_maxrss also counts the parent's resident set at
    the fork before exec, which at 20M is the benchmark's own gigabytes.)"""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Stages:
    """Wall and CPU time per stage of a run, from its progress callback."""

    def __init__(self) -> None:
        self.rows: list[list] = []
        self.mark = (time.perf_counter(), cpu_seconds())
        self.name = "start"

    def __call__(self, stage: str, fraction: float) -> None:
        if stage == self.name:
            return
        self.close()
        self.name = stage

    def close(self) -> None:
        now = (time.perf_counter(), cpu_seconds())
        self.rows.append([self.name, now[0] - self.mark[0], now[1] - self.mark[1], peak_rss_mb()])
        self.mark = now


def phase(name: str, args: argparse.Namespace) -> dict:
    """Run one phase in this process; print its figures as JSON."""
    import datetime as dt

    as_of = dt.datetime.fromisoformat(AS_OF)
    events = Path(args.data_dir) / "bench_events"
    result: dict = {"phase": name}
    cpu = cpu_seconds()
    if name in ("a", "b"):
        k = settings_constants()
        from trustledger.analytics.pairs import micros

        cpu, started = cpu_seconds(), time.perf_counter()
        frame = (polars_pass if name == "a" else pandas_pass)(events, micros(as_of), k)
        result["seconds"] = time.perf_counter() - started
        import polars as pl

        out = frame if name == "a" else pl.from_pandas(frame)
        out.write_parquet(Path(args.data_dir) / f"bench_{name}.parquet")
        result["pairs"] = out.height
    elif name in ("c", "cold", "d"):
        setup()
        from trustledger.analytics.recompute import recompute

        if name == "d":
            from trustledger.analytics.columnar import analytics_dir

            manifest = analytics_dir() / "manifest.json"
            saved = manifest.read_text()
            add_interactions(10_000)
        stages = Stages()
        cpu, started = cpu_seconds(), time.perf_counter()
        try:
            run = recompute(
                "incremental" if name == "d" else "full",
                as_of=as_of,
                rebuild_copy=name == "cold",
                progress=stages,
            )
            result["seconds"] = time.perf_counter() - started
            stages.close()
            result["cpu_seconds"] = cpu_seconds() - cpu
        finally:
            if name == "d":  # not timed: the generated data and its copy as they were
                remove_added()
                restore_copy(manifest, saved)
        result["stages"] = stages.rows[1:-1]  # from "copy" to "done"
        result["pairs_written"] = run.pairs_written
        result["data_version"] = run.data_version
    result.setdefault("cpu_seconds", cpu_seconds() - cpu)
    result["peak_rss_mb"] = peak_rss_mb()
    result["load"] = os.getloadavg()[0]
    print("RESULT " + json.dumps(result), flush=True)
    return result


MARK = "benchmark (d)"


def restore_copy(manifest: Path, saved: str) -> None:
    """Drop the part (d) added to the columnar copy, so the next run finds it in step."""
    kept = set(json.loads(saved)["parts"])
    for part in json.loads(manifest.read_text())["parts"]:
        if part not in kept:
            (manifest.parent / part).unlink(missing_ok=True)
    manifest.write_text(saved)


def remove_added() -> None:
    """Take (d)'s interactions out again, so that the next run sees the generated data."""
    from trustledger.ledger.models import Interaction, InteractionParticipant

    added = Interaction.objects.filter(subject=MARK)
    InteractionParticipant.objects.filter(interaction__in=added).delete()
    added.delete()


def add_interactions(count: int) -> None:
    """10,000 new interactions between random people, written through the ORM in bulk."""
    import datetime as dt
    import random

    from trustledger.directory.models import Person
    from trustledger.ledger.models import Interaction, InteractionParticipant

    rng = random.Random(99)
    ids = list(Person.objects.values_list("id", flat=True)[:50_000])
    at = dt.datetime.fromisoformat(AS_OF) - dt.timedelta(hours=1)
    rows = Interaction.objects.bulk_create(
        [
            Interaction(
                occurred_at=at,
                channel=rng.choice(["email", "chat", "call"]),
                initiator_id=rng.choice(ids),
                answered=True,
                source="generated",
                subject=MARK,
            )
            for _ in range(count)
        ],
        batch_size=5000,
    )
    InteractionParticipant.objects.bulk_create(
        [
            InteractionParticipant(
                interaction=i, person_id=rng.choice(ids), role="to", occurred_at=at
            )
            for i in rows
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )


def child(name: str, args: argparse.Namespace) -> dict:
    cmd = [sys.executable, __file__, "--phase", name, "--data-dir", args.data_dir]
    done = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        env=os.environ | {"TRUSTLEDGER_DATA_DIR": args.data_dir},
    )
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise SystemExit(f"phase {name} failed:\n{done.stderr[-3000:]}")


def agree(args: argparse.Namespace) -> str:
    """(a), (b) and (c) on every pair figure, to 1e-9 relative."""
    import polars as pl

    setup()
    from django.db import connection

    a = pl.read_parquet(Path(args.data_dir) / "bench_a.parquet").sort("key")
    others = {}
    if (Path(args.data_dir) / "bench_b.parquet").exists():
        others["b"] = pl.read_parquet(Path(args.data_dir) / "bench_b.parquet").sort("key")
    from trustledger.analytics import store

    times = [store._time_select(c) for c in ("last_contact", "last_two_way")]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pair_key, count_ab, count_ba, meaningful, channel_mask, minutes, "
            f"{times[0]}, {times[1]}, attention_ab, attention_ba, reciprocity, talking_at_ab, "
            "talking_at_ba FROM analytics_pairfigures"
        )
        rows = cursor.fetchall()
    c = pl.DataFrame(rows, schema=["key", *FIGURES], orient="row", infer_schema_length=None)
    if connection.vendor == "sqlite":
        c = c.with_columns(
            pl.col(x).str.to_datetime("%Y-%m-%d %H:%M:%S%.f", time_unit="us").dt.epoch("us")
            for x in ("last", "last2")
        )
    others["c"] = c.sort("key")
    lines = []
    for name, other in others.items():
        assert other.height == a.height, (name, other.height, a.height)
        joined = a.join(other, on="key", suffix="_o")
        worst = 0.0
        for f in FIGURES:
            x, y = joined[f].cast(pl.Float64), joined[f + "_o"].cast(pl.Float64)
            assert (x.is_null() == y.is_null()).all(), (name, f)
            frame = pl.DataFrame({"x": x, "y": y})
            diff = frame.select(
                (
                    (pl.col("x") - pl.col("y")).abs()
                    / pl.max_horizontal(pl.col("x").abs(), pl.col("y").abs()).clip(
                        lower_bound=1e-300
                    )
                ).alias("d")
            )["d"]
            worst = max(worst, float(diff.fill_null(0).max() or 0))
        lines.append(f"(a) vs ({name}): {a.height} pairs, worst relative difference {worst:.2e}")
        assert worst <= 1e-9, lines[-1]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--events", type=int, default=20_000_000)
    parser.add_argument("--skip-pandas", action="store_true")
    parser.add_argument("--phase", default=None)
    args = parser.parse_args()
    os.environ["TRUSTLEDGER_DATA_DIR"] = args.data_dir
    if args.phase:
        phase(args.phase, args)
        return
    if not (Path(args.data_dir) / "trustledger.sqlite3").exists() and not os.environ.get(
        "TRUSTLEDGER_DATABASE_URL"
    ):
        tl = [sys.executable, "-m", "trustledger.cli"]
        subprocess.run([*tl, "migrate"], check=True)
        subprocess.run(
            [
                *tl,
                "generate",
                "--people",
                str(args.people),
                "--units",
                str(args.units),
                "--events",
                str(args.events),
                "--seed",
                "7",
                "--until",
                "2026-06-30",
            ],
            check=True,
        )
    setup()
    remove_added()  # left over by an interrupted run
    dump_events(Path(args.data_dir) / "bench_events")
    results = {"cold": child("cold", args), "c": child("c", args), "a": child("a", args)}
    if not args.skip_pandas:
        results["b"] = child("b", args)
    check = agree(args)
    results["d"] = child("d", args)
    for name, r in results.items():
        print(
            f"({name}) {r['seconds']:.2f} s wall, {r['cpu_seconds']:.2f} s CPU, "
            f"peak {r['peak_rss_mb']:.0f} MB, load {r['load']:.1f}"
        )
        for stage, wall, cpu, peak in r.get("stages", []):
            print(f"      {stage:18s} {wall:7.2f} s wall {cpu:7.2f} s CPU  peak {peak:5.0f} MB")
    a, c = results["a"], results["c"]
    print(
        f"(c)/(a) = {c['seconds'] / a['seconds']:.2f} wall, "
        f"{c['cpu_seconds'] / a['cpu_seconds']:.2f} CPU"
    )
    print(check)
    print("RESULTS " + json.dumps(results))


if __name__ == "__main__":
    main()
