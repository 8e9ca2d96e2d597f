"""Full and incremental recomputes: copy in step → pairs → units → network → relationships →
one transaction of bulk writes, recorded as a `ComputeRun` with its stage and progress."""

from __future__ import annotations

import datetime as dt
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import polars as pl
from django.db import transaction
from django.utils import timezone

from trustledger.analytics import columnar, network, pairs, relationships, store, units
from trustledger.analytics.models import (
    ComputeRun,
    PairFigures,
    PersonNetwork,
    RelationshipFigures,
    RunKind,
    RunStatus,
    UnitPairFigures,
)
from trustledger.directory.models import Person, Unit
from trustledger.domain.settings import AttentionSettings
from trustledger.engine.reports import engine_settings
from trustledger.ledger.models import Relationship

Progress = Callable[[str, float], None]

PAIR_COLUMNS = {
    "key": "pair_key",
    "a": "person_a",
    "b": "person_b",
    "count_ab": "count_ab",
    "count_ba": "count_ba",
    "meaningful": "meaningful",
    "mask": "channel_mask",
    "minutes": "minutes",
    "last": "last_contact",
    "last2": "last_two_way",
    "att_ab": "attention_ab",
    "att_ba": "attention_ba",
    "reciprocity": "reciprocity",
    "talking_at_ab": "talking_at_ab",
    "talking_at_ba": "talking_at_ba",
    "as_of": "as_of",
}
UNIT_COLUMNS = {
    "unit_a": "unit_a",
    "unit_b": "unit_b",
    "pairs": "pairs",
    "ties": "ties",
    "possible_pairs": "possible_pairs",
    "density": "density",
    "reciprocal_share": "reciprocal_share",
    "count_ab": "count_ab",
    "count_ba": "count_ba",
    "meaningful": "meaningful",
    "mask": "channel_mask",
    "minutes": "minutes",
    "att_ab": "attention_ab",
    "att_ba": "attention_ba",
    "reciprocity": "reciprocity",
    "last": "last_contact",
    "should_talk": "should_talk",
    "is_silo": "is_silo",
}
NETWORK_COLUMNS = [
    "person_id",
    "unit_id",
    "degree",
    "component",
    "component_size",
    "centrality",
    "broker_score",
    "is_broker",
]


def _people() -> pl.DataFrame:
    rows = list(Person.objects.values_list("id", "unit_id").iterator(chunk_size=50_000))
    return pl.DataFrame(rows, schema={"person": pl.Int64, "unit": pl.Int64}, orient="row")


def _should_talk() -> pl.DataFrame:
    tree = pl.DataFrame(
        list(Unit.objects.values_list("id", "parent_id")),
        schema={"unit": pl.Int64, "parent": pl.Int64},
        orient="row",
    )
    linked = pl.DataFrame(
        list(
            Relationship.objects.exclude(our_unit=None)
            .exclude(counterpart_unit=None)
            .values_list("our_unit_id", "counterpart_unit_id")
        ),
        schema={"x": pl.Int64, "y": pl.Int64},
        orient="row",
    ).select(
        pl.min_horizontal("x", "y").alias("unit_a"), pl.max_horizontal("x", "y").alias("unit_b")
    )
    return pl.concat([units.siblings(tree), linked.filter(pl.col("unit_a") != pl.col("unit_b"))])


def _pair_rows(figures: pl.DataFrame, window: pairs.Window, version: int) -> pl.DataFrame:
    return (
        figures.select(list(PAIR_COLUMNS))
        .rename(PAIR_COLUMNS)
        .with_columns(
            pl.lit(pairs.micros(window.start), dtype=pl.Int64).alias("window_start"),
            pl.lit(version, dtype=pl.Int64).alias("data_version"),
        )
    )


PAIR_TIMES = ("last_contact", "last_two_way", "as_of", "window_start")


def _unit_rows(frame: pl.DataFrame, as_of: dt.datetime, version: int) -> pl.DataFrame:
    return store.stamp(frame.select(list(UNIT_COLUMNS)).rename(UNIT_COLUMNS), as_of, version)


def _network_rows(frame: pl.DataFrame, as_of: dt.datetime, version: int) -> pl.DataFrame:
    renamed = frame.rename({"person": "person_id", "unit": "unit_id"})
    return store.stamp(renamed.select(NETWORK_COLUMNS), as_of, version)


class Recompute:
    """One run. `progress(stage, fraction)` is called as it goes (and the run row updated)."""

    def __init__(self, run: ComputeRun, as_of: dt.datetime | None, progress: Progress | None):
        self.run = run
        self.as_of = as_of or timezone.now()
        self.progress = progress
        self.cfg: AttentionSettings = engine_settings().attention
        self.directory: Path = columnar.analytics_dir()

    def stage(self, name: str, fraction: float) -> None:
        ComputeRun.objects.filter(pk=self.run.pk).update(stage=name, progress=fraction)
        if self.progress:
            self.progress(name, fraction)

    def network_and_units(
        self, figures: pl.DataFrame, people: pl.DataFrame
    ) -> tuple[pl.DataFrame, pl.DataFrame]:
        self.stage("unit pairs", 0.6)
        unit_frame = units.unit_pairs(
            figures.lazy(), people, _should_talk(), pairs.micros(self.as_of), self.cfg
        )
        self.stage("network", 0.7)
        ties = figures.filter(pl.col("meaningful") >= units.TIE_MIN_MEANINGFUL).select("a", "b")
        return unit_frame, network.person_network(ties, people)

    def full(self, rebuild_copy: bool = False) -> None:
        self.stage("copy", 0.0)
        manifest, _ = columnar.bring_in_step(
            self.directory,
            rebuild=rebuild_copy,
            check_count=True,
            progress=lambda done, top: self.stage("copy", 0.3 * done / max(top, 1)),
        )
        window = pairs.Window.ending(self.as_of, self.cfg)
        self.stage("pairs", 0.3)
        state = pairs.pair_state(
            columnar.scan_edges(self.directory, manifest), window, self.cfg
        ).collect(engine="streaming")
        self.save_state(state, manifest, window)
        figures = pairs.figures(state).collect()
        people = _people()
        unit_frame, person_frame = self.network_and_units(figures, people)
        self.stage("relationships", 0.8)
        version = manifest.watermark
        rel_rows = relationships.figures_for(
            Relationship.objects.order_by("pk"), self.as_of, version
        )
        self.stage("writing", 0.9)
        with transaction.atomic():
            for model in (PairFigures, UnitPairFigures, PersonNetwork, RelationshipFigures):
                store.delete_all(model)
            written = store.insert_frame(
                PairFigures, _pair_rows(figures, window, version), PAIR_TIMES
            )
            store.insert_frame(
                UnitPairFigures,
                _unit_rows(unit_frame, self.as_of, version),
                ("last_contact", "as_of"),
            )
            store.insert_frame(
                PersonNetwork, _network_rows(person_frame, self.as_of, version), ("as_of",)
            )
            RelationshipFigures.objects.bulk_create(rel_rows, batch_size=500)
        self.finish(version, manifest.edges, written)

    def incremental(self) -> None:
        self.stage("copy", 0.0)
        manifest = columnar.Manifest.load(self.directory)
        if manifest.state_window_start is None or not (self.directory / "pairs.parquet").exists():
            return self.full()
        before = manifest.watermark
        manifest, new = columnar.bring_in_step(self.directory)
        if new is None:  # the copy was rebuilt: everything is new
            return self.full()
        start = dt.datetime.fromtimestamp(manifest.state_window_start / 1e6, dt.UTC)
        as_of = max(self.as_of, dt.datetime.fromtimestamp(manifest.state_as_of / 1e6, dt.UTC))
        self.as_of = as_of
        window = pairs.Window(as_of, start)
        self.stage("pairs", 0.3)
        fresh = pairs.pair_state(new.lazy(), window, self.cfg).collect()
        old = pl.read_parquet(self.directory / "pairs.parquet")
        merged = pairs.merge(
            old.filter(pl.col("key").is_in(fresh["key"].implode())), fresh, as_of, self.cfg
        )
        state = pl.concat([old.filter(~pl.col("key").is_in(merged["key"].implode())), merged])
        self.save_state(state, manifest, window)
        figures = pairs.figures(state).collect()
        people = _people()
        unit_frame, person_frame = self.network_and_units(figures, people)
        touched = merged.select((pl.col("key") // 2**32).alias("p")).vstack(
            merged.select((pl.col("key") % 2**32).alias("p"))
        )
        person_ids = set(touched["p"].unique().to_list())
        unit_ids = set(
            people.filter(pl.col("person").is_in(list(person_ids)))["unit"].drop_nulls().to_list()
        )
        touched_units = unit_frame.filter(
            pl.col("unit_a").is_in(list(unit_ids)) | pl.col("unit_b").is_in(list(unit_ids))
        )
        self.stage("relationships", 0.8)
        filed = set(
            Relationship.objects.filter(interactions__id__gt=before).values_list("id", flat=True)
        )
        rel_rows = relationships.figures_for(
            relationships.affected(person_ids, filed), as_of, manifest.watermark
        )
        self.stage("writing", 0.9)
        version = manifest.watermark
        changed = figures.filter(pl.col("key").is_in(merged["key"].implode()))
        with transaction.atomic():
            store.delete_where_in(PairFigures, "pair_key", merged["key"].to_list())
            written = store.insert_frame(
                PairFigures, _pair_rows(changed, window, version), PAIR_TIMES
            )
            for row in touched_units.select("unit_a", "unit_b").iter_rows():
                UnitPairFigures.objects.filter(unit_a=row[0], unit_b=row[1]).delete()
            store.insert_frame(
                UnitPairFigures,
                _unit_rows(touched_units, as_of, version),
                ("last_contact", "as_of"),
            )
            store.delete_all(PersonNetwork)
            store.insert_frame(
                PersonNetwork, _network_rows(person_frame, as_of, version), ("as_of",)
            )
            RelationshipFigures.objects.filter(
                relationship_id__in=[r.relationship_id for r in rel_rows]
            ).delete()
            RelationshipFigures.objects.bulk_create(rel_rows, batch_size=500)
        self.finish(version, new.height, written)

    def save_state(
        self, state: pl.DataFrame, manifest: columnar.Manifest, window: pairs.Window
    ) -> None:
        tmp = self.directory / "pairs.parquet.tmp"
        state.write_parquet(tmp, compression="lz4")
        tmp.replace(self.directory / "pairs.parquet")
        manifest.state_as_of = pairs.micros(window.as_of)
        manifest.state_window_start = pairs.micros(window.start)
        manifest.state_version = manifest.watermark
        manifest.save(self.directory)

    def finish(self, version: int, new_edges: int, written: int) -> None:
        ComputeRun.objects.filter(pk=self.run.pk).update(
            status=RunStatus.DONE,
            stage="done",
            progress=1.0,
            finished_at=timezone.now(),
            as_of=self.as_of,
            data_version=version,
            new_interactions=new_edges,
            pairs_written=written,
        )
        if self.progress:
            self.progress("done", 1.0)


def recompute(
    kind: str = RunKind.INCREMENTAL,
    *,
    as_of: dt.datetime | None = None,
    run_id: int | None = None,
    rebuild_copy: bool = False,
    progress: Progress | None = None,
) -> ComputeRun:
    """Run a recompute now (in this process). Failures are recorded on the run and re-raised."""
    run = ComputeRun.objects.get(pk=run_id) if run_id else ComputeRun.objects.create(kind=kind)
    ComputeRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), kind=kind
    )
    started = time.perf_counter()
    job = Recompute(run, as_of, progress)
    try:
        if kind == RunKind.FULL:
            job.full(rebuild_copy=rebuild_copy)
        else:
            job.incremental()
    except Exception:
        ComputeRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            finished_at=timezone.now(),
            error=traceback.format_exc()[-4000:],
        )
        raise
    finally:
        ComputeRun.objects.filter(pk=run.pk).update(seconds=time.perf_counter() - started)
    run.refresh_from_db()
    return run
