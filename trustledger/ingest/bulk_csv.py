"""The columnar load of CSV interactions: frames from `csv_columns` → the ledger, in bulk.

What the loader does record by record, done per batch on whole columns: the batch's
duplicate external ids are dropped (the last row wins, as in the record path), the ids
already stored are found with one query, the unknown addresses go through the same
`PeopleResolver` in the same order, the new interactions and their participants are
written with the bulk writer (`trustledger.storage.bulk`, ids in blocks), and the rows
already stored take the record path (updated or unchanged). One transaction per batch.

On SQLite, outside a caller's transaction, a load is also a bulk session (docs/importing.md,
"The bulk session (SQLite)"): bigger batches, no WAL checkpoint until the end, and, for a file at least as large
as the table it goes into, the secondary indexes dropped for the load and rebuilt after it
(an interrupted load leaves them to the next import or `trustledger migrate`, which put back
any index a model declares and the database lacks). The rows written here are checked
before they are written, so SQLite's own CHECKs are skipped for them.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

import polars as pl
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from trustledger.directory.models import Channel, Person, PersonIdentity
from trustledger.history import imports as history
from trustledger.importers.csv_columns import to_record
from trustledger.importers.records import Identity, RejectedRecord
from trustledger.importers.sources import content_hash
from trustledger.ingest.ahead import read_ahead
from trustledger.ingest.permissions import ImportRights, Named
from trustledger.ingest.resolve import rows_where_in
from trustledger.ledger.models import Interaction, InteractionParticipant
from trustledger.storage.bulk import Writer, writer_for

if TYPE_CHECKING:
    from trustledger.ingest.resolve import PeopleResolver
    from trustledger.ingest.summary import ImportSummary

SOURCE = "csv"
TWICE = "the same external id twice in the input"
BEFORE_SINCE = "before --since"
# Compared to tell updated from unchanged; the order of the values in a row.
INTERACTION_FIELDS = (
    "occurred_at",
    "channel",
    "duration_minutes",
    "initiator_id",
    "answered",
    "reply_latency_seconds",
    "is_broadcast",
    "subject",
    "notes",
    "thread_id",
)


class RecordLoader(Protocol):
    """What the frame path needs of the loader (`ingest.loader.Loader`): its settings, its
    caches, and the record path for rows it leaves to it. The loader imports this module,
    never the other way round."""

    summary: ImportSummary
    content: str
    since: datetime | None
    batch_size: int | None
    after_batch: Callable[[int], None] | None
    progress: Callable[[int], None] | None
    rights: ImportRights | None
    resolver: PeopleResolver

    def write_interactions(self, items: list[tuple[str, str, Any]]) -> None: ...


MAX_EXTERNAL_ID = 500
BULK_BATCH_ROWS = 25_000  # rows per transaction here, unless the caller chose a size
REBUILD_FROM_ROWS = 50_000  # smaller loads keep the indexes and update them in place
EVENT_TABLES = (Interaction, InteractionParticipant)
# Partial indexes no row written here enters (the rows have no relationship): kept during a
# load, where a rebuild would scan the whole table for nothing.
UNTOUCHED_INDEXES = ("interaction_relationship_time",)


def chunk_rows(batch_size: int | None) -> int:
    """Rows per chunk of the reader: a batch's, so that the next chunk is read while this
    batch is written (`read_ahead`); not below 5,000 (each chunk has a fixed cost)."""
    return max(batch_size or BULK_BATCH_ROWS, 5_000)


def estimate_rows(path: str | os.PathLike[str]) -> int:
    """The file's data rows, from its size and the line length of its first megabyte."""
    size = os.path.getsize(path)
    with open(path, "rb") as handle:
        head = handle.read(1 << 20)
    lines = max(head.count(b"\n"), 1)
    if len(head) >= size:
        return lines - 1
    return int(size * lines / len(head))


def stored_rows() -> int:
    """About how many interactions are stored (the highest id: no count of a large table)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(Interaction._meta.db_table)}"
        )
        (top,) = cursor.fetchone()
    return int(top)


STORED_TYPES: dict[str, Any] = {
    "pk": pl.Int64,
    "external_id": pl.String,
    "occurred_at": pl.Datetime("us", "UTC"),
    "channel": pl.String,
    "duration_minutes": pl.Float64,
    "initiator_id": pl.Int64,
    "answered": pl.Boolean,
    "reply_latency_seconds": pl.Float64,
    "is_broadcast": pl.Boolean,
    "subject": pl.String,
    "notes": pl.String,
    "thread_id": pl.String,
}


_TIME_AS_TEXT = {"sqlite": "CAST({} AS TEXT)", "postgresql": "CAST({} AT TIME ZONE 'UTC' AS TEXT)"}


def stored_interactions(external_ids: list[str]) -> pl.DataFrame:
    """The stored CSV interactions with these external ids, as a frame of the fields the
    loader compares (the record path's `_existing`, without a Python value per cell)."""
    quote = connection.ops.quote_name
    sqlite = connection.vendor == "sqlite"
    columns = ["id", "external_id", *INTERACTION_FIELDS]
    # The time as text in UTC (no converter per value: on PostgreSQL one cost more than the
    # rest of the re-import), parsed below by column. SQLite stores that text already.
    time_text = _TIME_AS_TEXT.get(connection.vendor)
    select = ", ".join(
        time_text.format(quote(c)) if time_text and c == "occurred_at" else quote(c)
        for c in columns
    )
    table = quote(Interaction._meta.db_table)
    rows = rows_where_in(
        f"SELECT {select} FROM {table} WHERE {quote('source')} = %s AND {quote('external_id')}",
        [SOURCE],
        external_ids,
    )
    schema = dict(STORED_TYPES)
    if sqlite:
        schema.update(answered=pl.Int8, is_broadcast=pl.Int8)
    if time_text:
        schema.update(occurred_at=pl.String)
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    if time_text:
        text = pl.col("occurred_at")
        frame = frame.with_columns(
            pl.coalesce(
                text.str.to_datetime("%Y-%m-%d %H:%M:%S%.f", time_unit="us", strict=False),
                text.str.to_datetime("%Y-%m-%d %H:%M:%S", time_unit="us", strict=False),
            )
            .dt.replace_time_zone("UTC")
            .alias("occurred_at"),
        )
    if sqlite:
        frame = frame.with_columns(
            pl.col("answered").cast(pl.Boolean), pl.col("is_broadcast").cast(pl.Boolean)
        )
    return frame


def participant_rows(interaction_ids: Iterable[int]) -> list[tuple[int, int, str]]:
    """(interaction id, person id, role) of the participants of these interactions."""
    table = connection.ops.quote_name(InteractionParticipant._meta.db_table)
    return rows_where_in(  # type: ignore[return-value]
        f"SELECT interaction_id, person_id, role FROM {table} WHERE interaction_id",
        [],
        interaction_ids,
    )


def stored_participants(interaction_ids: list[int]) -> pl.DataFrame:
    """`participant_rows` as a frame (pk, person_id, role)."""
    schema = {"pk": pl.Int64, "person_id": pl.Int64, "role": pl.String}
    return pl.DataFrame(participant_rows(interaction_ids), schema=schema, orient="row")


def content_columns(content: str) -> list[pl.Expr]:
    """Subject and notes as the content setting keeps them (the record path's rule)."""
    return [
        (
            pl.col("subject").str.slice(0, 500).fill_null("")
            if content != "metadata"
            else pl.lit("")
        ).alias("subject"),
        (pl.col("body").fill_null("") if content == "body" else pl.lit("")).alias("notes"),
    ]


def rebuilds_indexes(expected_rows: int) -> bool:
    """Dropping and rebuilding the indexes pays when the load is at least the table's size."""
    return expected_rows >= max(REBUILD_FROM_ROWS, stored_rows())


@contextlib.contextmanager
def bulk_session(writer: Writer, expected_rows: int) -> Iterator[bool]:
    """SQLite outside a caller's transaction: no WAL checkpoints during the load (one at the
    end), foreign keys checked by the loader per batch instead of per row and, for a large
    file, the secondary indexes rebuilt once instead of updated row by row. True when the
    session is on (the caller then checks the keys)."""
    if writer.vendor != "sqlite" or connection.in_atomic_block:
        yield False
        return
    raw = writer.raw
    (journal,) = raw.execute("PRAGMA journal_mode").fetchone()
    (checkpoint,) = raw.execute("PRAGMA wal_autocheckpoint").fetchone()
    (keys,) = raw.execute("PRAGMA foreign_keys").fetchone()
    with contextlib.ExitStack() as stack:
        # Foreign keys can only be switched between transactions: here, before the batches.
        raw.execute("PRAGMA foreign_keys = OFF")
        stack.callback(raw.execute, f"PRAGMA foreign_keys = {int(keys)}")
        if journal == "wal":
            raw.execute("PRAGMA wal_autocheckpoint = 0")
            stack.callback(raw.execute, "PRAGMA wal_checkpoint(PASSIVE)")
            stack.callback(raw.execute, f"PRAGMA wal_autocheckpoint = {int(checkpoint)}")
        if rebuilds_indexes(expected_rows):
            stack.enter_context(writer.without_secondary_indexes(EVENT_TABLES, UNTOUCHED_INDEXES))
        yield True


def _data_row(line: int) -> str:
    """The record path's location of the row at file line `line` (the header is line 1)."""
    return f"data row {line - 1}"


def _check_people(ids: pl.Series) -> None:
    """The foreign keys to people that SQLite does not check in its bulk session: every id
    must be a stored person (asked inside the batch's transaction, which holds the lock)."""
    wanted = ids.drop_nulls().unique()
    if wanted.is_empty():
        return
    table = connection.ops.quote_name(Person._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {table} WHERE id IN (SELECT value FROM json_each(%s))",
            [json.dumps(wanted.to_list())],
        )
        (found,) = cursor.fetchone()
    if found != wanted.len():
        raise IntegrityError(
            f"{wanted.len() - found} of the people this batch refers to are no longer stored "
            "(merged or erased during the import); run the import again"
        )


def _check_values(interactions: pl.DataFrame) -> None:
    """What the tables' CHECK constraints say, for the rows about to skip them."""
    channels = interactions.get_column("channel")
    if not channels.is_in(Channel.values).all():
        raise ValueError(f"not a channel: {set(channels.unique()) - set(Channel.values)}")
    durations = interactions.get_column("duration_minutes")
    if (durations < 0).any():
        raise ValueError("a negative duration reached the bulk writer")


def known_emails() -> pl.DataFrame:
    """email → person id of every stored address (one query)."""
    table = connection.ops.quote_name(PersonIdentity._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT normalized, person_id FROM {table} WHERE kind = %s", ["email"])
        rows = cursor.fetchall()
    return pl.DataFrame(
        rows, schema={"email": pl.String, "person_id": pl.Int64}, orient="row"
    ).unique("email", keep="first")


@dataclass(frozen=True)
class _Batch:
    """A batch ready for its transaction: its rows (external ids at most `MAX_EXTERNAL_ID`
    long, each once, numbered by `row`), how many repeats were dropped, and its identities."""

    rows: pl.DataFrame
    twice: int
    identities: pl.DataFrame


@dataclass(frozen=True)
class _Step:
    """What the reading thread hands over: a chunk's rejections, rows read and rows before
    --since, or a batch to write."""

    rejected: list[RejectedRecord] = field(default_factory=list)
    read: int = 0
    early: int = 0
    batch: _Batch | None = None


def _prepared(batch: pl.DataFrame) -> _Batch:
    """The work on a batch that needs no database (done on the reading thread)."""
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
        # As a dict in the record path: the first row's place, the last row's values.
        batch = batch.group_by("external_id", maintain_order=True).last()
    batch = batch.with_row_index("row")
    return _Batch(batch, twice, _identities(batch))


def _identities(batch: pl.DataFrame) -> pl.DataFrame:
    """(row, position, email, name) of every initiator (position 0) and participant."""
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


class FrameLoader:
    def __init__(self, loader: RecordLoader, file: str) -> None:
        self.loader = loader
        self.summary = loader.summary
        self.file = file
        self.known = known_emails()
        self.writer = writer_for(connection)
        self.keys_unchecked = False  # foreign keys off: the loader checks them per batch

    def load(self, frames: Iterable[tuple[pl.DataFrame, list[RejectedRecord]]]) -> None:
        with bulk_session(self.writer, estimate_rows(self.file)) as self.keys_unchecked:
            self._load(frames)
        self.keys_unchecked = False

    def _load(self, frames: Iterable[tuple[pl.DataFrame, list[RejectedRecord]]]) -> None:
        # The file is read and each batch prepared on a second thread while the one before
        # is written here: only this thread touches the database (ingest/ahead.py).
        with read_ahead(self._steps(frames)) as steps:
            for step in steps:
                for rejection in step.rejected:
                    self.summary.reject(rejection.file, rejection.location, rejection.reason)
                if self.loader.progress and step.read:
                    self.loader.progress(step.read)
                if step.early:
                    self.summary.skipped[BEFORE_SINCE] += step.early
                if step.batch is not None:
                    self.write(step.batch)

    def _steps(
        self, frames: Iterable[tuple[pl.DataFrame, list[RejectedRecord]]]
    ) -> Iterator[_Step]:
        """The frames cut into batches, each prepared (`_prepared`), with what the summary
        learns on the way. No database and no summary here: this runs on the reading thread."""
        pending: pl.DataFrame | None = None
        size = self.loader.batch_size or BULK_BATCH_ROWS
        since = self.loader.since
        for frame, rejected in frames:
            early = 0
            if since is not None:
                before = frame.get_column("occurred_at") < since
                early = int(before.sum())
                frame = frame.filter(~before)
            yield _Step(rejected=rejected, read=frame.height + len(rejected) + early, early=early)
            pending = frame if pending is None else pl.concat([pending, frame])
            while pending.height >= size:
                yield _Step(batch=_prepared(pending.head(size)))
                pending = pending.slice(size)
        if pending is not None and pending.height:
            yield _Step(batch=_prepared(pending))

    def write(self, batch: _Batch) -> None:
        with transaction.atomic():
            self._write(batch)
        self.summary.batches += 1
        if self.loader.after_batch:
            self.loader.after_batch(self.summary.batches)

    def _write(self, prepared: _Batch) -> None:
        batch = prepared.rows
        if prepared.twice:
            self.summary.skipped[TWICE] += prepared.twice
        stored = stored_interactions(batch.get_column("external_id").to_list())
        self._resolve(prepared.identities)
        is_stored = batch.get_column("external_id").is_in(
            stored.get_column("external_id").implode()
        )
        old = batch.filter(is_stored)
        self._insert(batch.filter(~is_stored))
        if old.height:
            old = self._changed(old, stored)
        if old.height:
            self.loader.write_interactions(
                [(self.file, _data_row(r["line"]), to_record(r)) for r in old.iter_rows(named=True)]
            )

    def _changed(self, old: pl.DataFrame, before: pl.DataFrame) -> pl.DataFrame:
        """The rows of `old` (all stored already) that differ from what is stored (`before`,
        from `stored_interactions`); the others are counted unchanged. Only rows equal in
        every compared field and in their participants count: anything else takes the
        record path, which decides."""
        now = self._with_initiator(old).select(
            "row",
            "external_id",
            "occurred_at",
            "channel",
            "duration_minutes",
            pl.col("initiator").alias("initiator_id"),
            "answered",
            pl.lit(None, pl.Float64).alias("reply_latency_seconds"),
            pl.lit(False).alias("is_broadcast"),
            *content_columns(self.loader.content),
            pl.lit("").alias("thread_id"),
            "initiator",
            "participants",
        )
        # Participants as "person:role" in person order, on both sides.
        people_now = (
            self._participants(now, "row")
            .sort("row", "person_id")
            .group_by("row", maintain_order=True)
            .agg((pl.col("person_id").cast(pl.String) + ":to").str.join(",").alias("people"))
        )
        people_before = (
            stored_participants(before.get_column("pk").to_list())
            .sort("pk", "person_id")
            .group_by("pk", maintain_order=True)
            .agg(
                (pl.col("person_id").cast(pl.String) + ":" + pl.col("role"))
                .str.join(",")
                .alias("people_before")
            )
        )
        both = (
            now.join(before, on="external_id", how="inner", suffix="_stored")
            .join(people_now, on="row", how="left")
            .join(people_before, on="pk", how="left")
        )
        same = pl.all_horizontal(
            pl.col(f).eq_missing(pl.col(f"{f}_stored")) for f in INTERACTION_FIELDS
        ) & pl.col("people").fill_null("").eq(pl.col("people_before").fill_null(""))
        unchanged = both.filter(same).get_column("row")
        if unchanged.len():
            self.summary.unchanged["interactions"] += unchanged.len()
        return old.filter(~pl.col("row").is_in(unchanged.implode()))

    def _resolve(self, everyone: pl.DataFrame) -> None:
        """The record path's `resolver.resolve`, given only what the stored addresses miss
        (`everyone`: the batch's `_identities`)."""
        unknown = everyone.join(self.known, on="email", how="anti", nulls_equal=False)
        unknown = unknown.filter(pl.col("email").is_not_null() | pl.col("name").is_not_null())
        if unknown.is_empty():
            return
        # Each (address, name) once, at its first place: the resolver keeps the first
        # address and the first name it meets, so the repeats change nothing.
        unknown = unknown.sort("row", "position").unique(
            ["email", "name"], keep="first", maintain_order=True
        )
        resolver = self.loader.resolver
        resolver.resolve(Identity(e, n) for e, n in unknown.select("email", "name").iter_rows())
        emails = unknown.get_column("email").drop_nulls().unique().to_list()
        found = [(e, resolver.by_email[e]) for e in emails if e in resolver.by_email]
        if found:
            added = pl.DataFrame(
                found, schema={"email": pl.String, "person_id": pl.Int64}, orient="row"
            )
            self.known = pl.concat([self.known, added])

    def _with_initiator(self, rows: pl.DataFrame) -> pl.DataFrame:
        """`rows` with the initiator's person id, as the record path finds it."""
        resolver = self.loader.resolver
        rows = rows.join(
            self.known.rename({"email": "initiator_email", "person_id": "initiator"}),
            on="initiator_email",
            how="left",
            maintain_order="left",
        )
        if rows.get_column("initiator").null_count():
            # Initiators known by name only.
            rows = rows.with_columns(
                pl.when(pl.col("initiator").is_null())
                .then(
                    pl.col("initiator_name").map_elements(
                        lambda n: resolver.person_id(Identity(None, n)), return_dtype=pl.Int64
                    )
                )
                .otherwise(pl.col("initiator"))
                .alias("initiator")
            )
        return rows

    def _within_rights(self, new: pl.DataFrame) -> pl.DataFrame:
        """The new rows the importing user may write; the others are refused (the record
        path's rule, `ImportRights.interaction`, row by row: only a user's import asks)."""
        rights = self.loader.rights
        assert rights is not None
        named: dict[int, list[Named]] = defaultdict(list)
        initiators = new.select("row", "initiator_email", "initiator_name", "initiator")
        for row, email, name, pid in initiators.iter_rows():
            if pid is not None:
                named[row].append(("initiator_email", email or name, pid))
        for row, email, pid in (
            self._participants(new, "row").select("row", "email", "person_id").iter_rows()
        ):
            named[row].append(("participant_emails", email, pid))
        refused = []
        for row, line in new.select("row", "line").iter_rows():
            if problem := rights.interaction(named[row]):
                rights.refuse(self.summary, self.file, _data_row(line), problem)
                refused.append(row)
        return new.filter(~pl.col("row").is_in(refused)) if refused else new

    def _participants(self, rows: pl.DataFrame, key: str) -> pl.DataFrame:
        """(key, person_id) of each row's participants: known, not the initiator, once."""
        return (
            rows.select(key, "initiator", "occurred_at", pl.col("participants").alias("email"))
            .explode("email")
            .drop_nulls("email")
            .join(self.known, on="email", how="left", maintain_order="left")
            .filter(
                pl.col("person_id").is_not_null()
                & (pl.col("initiator").is_null() | (pl.col("person_id") != pl.col("initiator")))
            )
            .unique([key, "person_id"], keep="first", maintain_order=True)
        )

    def _insert(self, new: pl.DataFrame) -> None:
        if new.is_empty():
            return
        new = self._with_initiator(new)
        if self.loader.rights is not None:
            new = self._within_rights(new)
            if new.is_empty():
                return
        writer = self.writer
        first = writer.reserve(Interaction, new.height)
        new = new.with_columns((pl.int_range(pl.len(), dtype=pl.Int64) + first).alias("id"))
        interactions = new.select(
            "id",
            "occurred_at",
            "channel",
            "duration_minutes",
            "initiator",
            "answered",
            "external_id",
            *content_columns(self.loader.content),
        )
        constants: dict[str, Any] = {
            "relationship": None,
            "reply_latency_seconds": None,
            "is_broadcast": False,
            "private": False,
            "is_request": False,
            "intent_declared": None,
            "focus": "unknown",
            "thread_id": "",
            "source": SOURCE,
            "created_by": None,
            "created_at": timezone.now(),
        }
        parts = self._participants(new.rename({"id": "interaction"}), "interaction")
        _check_values(interactions)
        if self.keys_unchecked:
            _check_people(pl.concat([new.get_column("initiator"), parts.get_column("person_id")]))
        with writer.unchecked():
            writer.write(Interaction, interactions, constants)
            if parts.height:
                base = writer.reserve(InteractionParticipant, parts.height)
                rows = parts.select(
                    (pl.int_range(pl.len(), dtype=pl.Int64) + base).alias("id"),
                    "interaction",
                    pl.col("person_id").alias("person"),
                    "occurred_at",
                )
                writer.write(InteractionParticipant, rows, {"role": "to"})
        history.created_interactions(first, first + new.height - 1)
        self.summary.created["interactions"] += new.height
