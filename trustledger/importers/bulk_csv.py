"""The columnar load of CSV interactions: frames from `csv_columns` → the ledger, in bulk.

What the loader does record by record, done per batch on whole columns: the batch's
duplicate external ids are dropped (the last row wins, as in the record path), the ids
already stored are found with one query, the unknown addresses go through the same
`PeopleResolver` in the same order, the new interactions and their participants are
written with the bulk writer (`trustledger.generate.writer`, ids in blocks), and the rows
already stored take the record path (updated or unchanged). One transaction per batch.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import polars as pl
from django.db import connection, transaction
from django.utils import timezone

from trustledger.directory.models import PersonIdentity
from trustledger.generate.writer import writer_for
from trustledger.importers.csv_columns import to_record
from trustledger.importers.records import Identity, RejectedRecord
from trustledger.importers.sources import content_hash
from trustledger.ledger.models import Interaction, InteractionParticipant

if TYPE_CHECKING:
    from trustledger.importers.loader import Loader

SOURCE = "csv"
TWICE = "the same external id twice in the input"
BEFORE_SINCE = "before --since"
MAX_EXTERNAL_ID = 500


def known_emails() -> pl.DataFrame:
    """email → person id of every stored address (one query)."""
    table = connection.ops.quote_name(PersonIdentity._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT normalized, person_id FROM {table} WHERE kind = %s", ["email"])
        rows = cursor.fetchall()
    return pl.DataFrame(
        rows, schema={"email": pl.String, "person_id": pl.Int64}, orient="row"
    ).unique("email", keep="first")


class FrameLoader:
    def __init__(self, loader: Loader, file: str) -> None:
        self.loader = loader
        self.summary = loader.summary
        self.file = file
        self.known = known_emails()

    def load(self, frames: Iterable[tuple[pl.DataFrame, list[RejectedRecord]]]) -> None:
        pending: pl.DataFrame | None = None
        size = self.loader.batch_size
        for frame, rejected in frames:
            for rejection in rejected:
                self.summary.reject(rejection.file, rejection.location, rejection.reason)
            if self.loader.progress:
                self.loader.progress(frame.height + len(rejected))
            if self.loader.since is not None:
                early = frame.get_column("occurred_at") < self.loader.since
                if count := int(early.sum()):
                    self.summary.skipped[BEFORE_SINCE] += count
                frame = frame.filter(~early)
            pending = frame if pending is None else pl.concat([pending, frame])
            while pending.height >= size:
                self.write(pending.head(size))
                pending = pending.slice(size)
        if pending is not None and pending.height:
            self.write(pending)

    def write(self, batch: pl.DataFrame) -> None:
        with transaction.atomic():
            self._write(batch)
        self.summary.batches += 1
        if self.loader.after_batch:
            self.loader.after_batch(self.summary.batches)

    def _write(self, batch: pl.DataFrame) -> None:
        long = batch.get_column("external_id").str.len_chars() > MAX_EXTERNAL_ID
        if long.any():
            batch = batch.with_columns(
                pl.when(long)
                .then(
                    pl.col("external_id").map_elements(
                        lambda v: content_hash("long-id", v), return_dtype=pl.String
                    )
                )
                .otherwise(pl.col("external_id"))
                .alias("external_id")
            )
        twice = batch.height - batch.get_column("external_id").n_unique()
        if twice:
            self.summary.skipped[TWICE] += twice
            # As a dict in the record path: the first row's place, the last row's values.
            batch = batch.group_by("external_id", maintain_order=True).last()
        batch = batch.with_row_index("row")
        from trustledger.importers.loader import INTERACTION_FIELDS, _existing

        keys = [(SOURCE, e) for e in batch.get_column("external_id").to_list()]
        stored = _existing(Interaction, keys, INTERACTION_FIELDS)
        self._resolve(batch)
        is_stored = batch.get_column("external_id").is_in(
            pl.Series([e for _, e in stored], dtype=pl.String).implode()
        )
        old = batch.filter(is_stored)
        if old.height:
            self.loader.write_interactions(
                [(self.file, f"line {r['line']}", to_record(r)) for r in old.iter_rows(named=True)]
            )
        self._insert(batch.filter(~is_stored))

    def _identities(self, batch: pl.DataFrame) -> pl.DataFrame:
        initiators = batch.select(
            "row",
            pl.lit(0, pl.Int64).alias("position"),
            pl.col("initiator_email").alias("email"),
            pl.col("initiator_name").alias("name"),
        )
        participants = (
            batch.select("row", pl.col("participants").alias("email"))
            .explode("email")
            .drop_nulls("email")
            .with_columns(
                (pl.int_range(pl.len(), dtype=pl.Int64).over("row") + 1).alias("position"),
                pl.lit(None, pl.String).alias("name"),
            )
            .select("row", "position", "email", "name")
        )
        return pl.concat([initiators, participants])

    def _resolve(self, batch: pl.DataFrame) -> None:
        """The record path's `resolver.resolve`, given only what the stored addresses miss."""
        everyone = self._identities(batch)
        unknown = everyone.join(self.known, on="email", how="anti", nulls_equal=False)
        unknown = unknown.filter(pl.col("email").is_not_null() | pl.col("name").is_not_null())
        if unknown.is_empty():
            return
        unknown = unknown.sort("row", "position")
        resolver = self.loader.resolver
        resolver.resolve(Identity(e, n) for e, n in unknown.select("email", "name").iter_rows())
        emails = unknown.get_column("email").drop_nulls().unique().to_list()
        found = [(e, resolver.by_email[e]) for e in emails if e in resolver.by_email]
        if found:
            added = pl.DataFrame(
                found, schema={"email": pl.String, "person_id": pl.Int64}, orient="row"
            )
            self.known = pl.concat([self.known, added])

    def _insert(self, new: pl.DataFrame) -> None:
        if new.is_empty():
            return
        resolver = self.loader.resolver
        new = new.join(
            self.known.rename({"email": "initiator_email", "person_id": "initiator"}),
            on="initiator_email",
            how="left",
            maintain_order="left",
        )
        if new.get_column("initiator").null_count():
            # Initiators known by name only.
            new = new.with_columns(
                pl.when(pl.col("initiator").is_null())
                .then(
                    pl.col("initiator_name").map_elements(
                        lambda n: resolver.person_id(Identity(None, n)), return_dtype=pl.Int64
                    )
                )
                .otherwise(pl.col("initiator"))
                .alias("initiator")
            )
        writer = writer_for(connection)
        first = writer.reserve(Interaction, new.height)
        content = self.loader.content
        new = new.with_columns((pl.int_range(pl.len(), dtype=pl.Int64) + first).alias("id"))
        interactions = new.select(
            "id",
            "occurred_at",
            "channel",
            "duration_minutes",
            "initiator",
            "answered",
            "external_id",
            (
                pl.col("subject").str.slice(0, 500).fill_null("")
                if content != "metadata"
                else pl.lit("")
            ).alias("subject"),
            (pl.col("body").fill_null("") if content == "body" else pl.lit("")).alias("notes"),
        )
        constants: dict[str, Any] = {
            "relationship": None,
            "reply_latency_seconds": None,
            "is_broadcast": False,
            "focus": "unknown",
            "thread_id": "",
            "source": SOURCE,
            "created_by": None,
            "created_at": timezone.now(),
        }
        writer.write(Interaction, interactions, constants)
        parts = (
            new.select(
                pl.col("id").alias("interaction"),
                "initiator",
                "occurred_at",
                pl.col("participants").alias("email"),
            )
            .explode("email")
            .drop_nulls("email")
            .join(self.known, on="email", how="left", maintain_order="left")
            .filter(
                pl.col("person_id").is_not_null()
                & (pl.col("initiator").is_null() | (pl.col("person_id") != pl.col("initiator")))
            )
            .unique(["interaction", "person_id"], keep="first", maintain_order=True)
        )
        if parts.height:
            base = writer.reserve(InteractionParticipant, parts.height)
            writer.write(
                InteractionParticipant,
                parts.select(
                    (pl.int_range(pl.len(), dtype=pl.Int64) + base).alias("id"),
                    "interaction",
                    pl.col("person_id").alias("person"),
                    "occurred_at",
                ),
                {"role": "to"},
            )
        self.summary.created["interactions"] += new.height
