"""The columnar copy of the interactions, kept in step with the database by id watermark.

Parquet parts of edges (see `pairs.EDGE_SCHEMA`) under `analytics_dir()`, and a manifest with
the watermark (highest interaction id copied), row counts and the token of the database the
copy belongs to. The only module that reads interaction rows in bulk.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polars as pl
from django.conf import settings
from django.db import connection

from trustledger.analytics.models import AnalyticsState
from trustledger.analytics.pairs import CODE, EDGE_SCHEMA
from trustledger.ledger.models import Interaction, InteractionParticipant

ID_RANGE = 500_000  # interactions per export query (and at most per part)
FETCH_ROWS = 200_000
OTHER = CODE["other"]


def analytics_dir() -> Path:
    """Per database: a copy never mixes two databases' rows."""
    base = (
        getattr(settings, "TRUSTLEDGER_ANALYTICS_DIR", None)
        or Path(settings.DATA_DIR) / "analytics"
    )
    db = connection.settings_dict
    where = f"{connection.vendor}|{db.get('HOST')}|{db.get('PORT')}|{db.get('NAME')}"
    return Path(base) / f"{connection.vendor}-{hashlib.sha1(where.encode()).hexdigest()[:10]}"


@dataclass
class Manifest:
    token: str = ""
    watermark: int = 0  # highest interaction id copied
    interactions: int = 0  # interactions with id <= watermark when copied
    edges: int = 0
    parts: list[str] = field(default_factory=list)
    # The pair state: its as_of and window start (µs) and the watermark it covers.
    state_as_of: int | None = None
    state_window_start: int | None = None
    state_version: int = 0

    @classmethod
    def load(cls, directory: Path) -> Manifest:
        path = directory / "manifest.json"
        if not path.exists():
            return cls()
        return cls(**json.loads(path.read_text()))

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        tmp = directory / "manifest.json.tmp"
        tmp.write_text(json.dumps(asdict(self), indent=1))
        os.replace(tmp, directory / "manifest.json")


def database_token() -> str:
    state = AnalyticsState.objects.order_by("pk").first() or AnalyticsState.objects.create()
    return str(state.copy_token)


def max_interaction_id() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {Interaction._meta.db_table}")
        return int(cursor.fetchone()[0] or 0)


def count_up_to(watermark: int) -> int:
    table = Interaction._meta.db_table
    with connection.cursor() as cursor:
        if watermark >= max_interaction_id():
            # Without a condition on id the database counts on its smallest index instead of
            # reading every row of the table (SQLite at 2M: 0.08 s against 0.39 s, warm).
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
        else:
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE id <= %s", [watermark])
        return int(cursor.fetchone()[0])


def _select(lo: int, hi: int, vendor: str) -> tuple[str, list[int]]:
    i, p = Interaction._meta.db_table, InteractionParticipant._meta.db_table
    if vendor == "postgresql":
        t, answered, flagged = (
            "CAST(EXTRACT(EPOCH FROM i.occurred_at) * 1000000 AS BIGINT)",
            "i.answered",
            "i.is_broadcast",
        )
        mark = "%s"
    else:
        # Expressions without a declared type skip Django's per-value converters on SQLite.
        t, answered, flagged = (
            "CAST(i.occurred_at AS TEXT)",
            "CAST(i.answered AS INTEGER)",
            "CAST(i.is_broadcast AS INTEGER)",
        )
        mark = "?"
    sql = (
        f"SELECT p.interaction_id, i.initiator_id, p.person_id, {t}, i.channel, "
        f"i.duration_minutes, {answered}, {flagged} FROM {p} p JOIN {i} i "
        f"ON i.id = p.interaction_id WHERE p.interaction_id > {mark} AND p.interaction_id <= {mark}"
    )
    return sql, [lo, hi]


RAW = ["interaction", "initiator", "person", "t", "channel", "minutes", "answered", "flagged"]


def _read_sqlite(lo: int, hi: int) -> pl.DataFrame:
    sql, params = _select(lo, hi, "sqlite")
    columns: list[list[object]] = [[] for _ in RAW]
    connection.ensure_connection()
    cursor = connection.connection.cursor()  # the raw DB-API cursor: no per-row wrapping
    try:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(FETCH_ROWS):
            for target, values in zip(columns, zip(*rows, strict=True), strict=True):
                target.extend(values)
    finally:
        cursor.close()
    # Polars builds columns from Python lists several times faster than pyarrow does
    # (1M ints, strings and floats: 0.13 s against 0.95 s), and an incremental run in a fresh
    # process does not pay pyarrow's import (0.25–0.4 s).
    types = [pl.Int64, pl.Int64, pl.Int64, pl.String, pl.String, pl.Float64, pl.Int8, pl.Int8]
    frame = pl.DataFrame(
        [pl.Series(n, c, dtype=t) for n, c, t in zip(RAW, columns, types, strict=True)]
    )
    return frame.with_columns(
        pl.col("t").str.to_datetime("%Y-%m-%d %H:%M:%S%.f", time_unit="us").dt.epoch("us"),
        pl.col("answered", "flagged").cast(pl.Boolean),
    )


def _read_postgresql(lo: int, hi: int) -> pl.DataFrame:
    sql, params = _select(lo, hi, "postgresql")
    buffer = io.BytesIO()
    with connection.cursor() as cursor:
        query = cursor.mogrify(sql, params)
        with cursor.copy(f"COPY ({query}) TO STDOUT (FORMAT csv)") as copy:
            for block in copy:
                buffer.write(block)
    schema = {
        "interaction": pl.Int64,
        "initiator": pl.Int64,
        "person": pl.Int64,
        "t": pl.Int64,
        "channel": pl.String,
        "minutes": pl.Float64,
        "answered": pl.String,
        "flagged": pl.String,
    }
    if buffer.tell() == 0:
        return pl.DataFrame(schema=schema).with_columns(
            pl.col("answered", "flagged").cast(pl.Boolean)
        )
    buffer.seek(0)
    frame = pl.read_csv(buffer, has_header=False, new_columns=RAW, schema=schema)
    return frame.with_columns((pl.col(c) == "t").alias(c) for c in ("answered", "flagged"))


def edges_from_rows(raw: pl.DataFrame) -> pl.DataFrame:
    """Raw (interaction, initiator, participant) rows to edges with the packed pair key."""
    s, p = pl.col("initiator"), pl.col("person")
    low, high = pl.min_horizontal(s, p), pl.max_horizontal(s, p)
    return (
        raw.with_columns(pl.len().over("interaction").cast(pl.Int32).alias("n"))
        .filter(s.is_not_null() & (s != p))
        .select(
            "interaction",
            (low * 2**32 + high).alias("key"),  # a << 32 | b
            (s < p).alias("ab"),
            "t",
            pl.col("channel").replace_strict(CODE, default=OTHER, return_dtype=pl.Int8).alias("ch"),
            "minutes",
            pl.col("answered").fill_null(False),
            pl.col("flagged").fill_null(False),
            "n",
        )
        .cast(EDGE_SCHEMA)  # type: ignore[arg-type]
    )


def read_edges_between(lo: int, hi: int) -> pl.DataFrame:
    """Edges of the interactions with lo < id <= hi, straight from the database."""
    reader = _read_postgresql if connection.vendor == "postgresql" else _read_sqlite
    return edges_from_rows(reader(lo, hi))


def bring_in_step(
    directory: Path,
    *,
    rebuild: bool = False,
    check_count: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Manifest, pl.DataFrame | None]:
    """Copy the interactions above the watermark; returns the manifest and the new edges
    (None when the copy was rebuilt from scratch: every edge is new)."""
    manifest = Manifest.load(directory)
    token = database_token()
    top = max_interaction_id()
    stale = manifest.token != token or top < manifest.watermark
    if not stale and check_count and manifest.watermark:
        stale = count_up_to(manifest.watermark) != manifest.interactions
    if rebuild or stale:
        for part in manifest.parts:
            (directory / part).unlink(missing_ok=True)
        (directory / "pairs.parquet").unlink(missing_ok=True)
        manifest = Manifest(token=token)
    fresh = manifest.watermark == 0
    new: list[pl.DataFrame] = []
    lo = manifest.watermark
    (directory / "edges").mkdir(parents=True, exist_ok=True)
    while lo < top:
        hi = min(top, lo + ID_RANGE)
        edges = read_edges_between(lo, hi)
        name = f"edges/part-{lo + 1:012d}-{hi:012d}.parquet"
        edges.write_parquet(directory / name, compression="lz4", statistics=True)
        manifest.parts.append(name)
        manifest.edges += edges.height
        if not fresh:
            new.append(edges)
        lo = hi
        if progress:
            progress(hi, top)
    if top > manifest.watermark:
        manifest.interactions = (
            count_up_to(top)
            if (check_count or fresh)
            else (manifest.interactions + _count_between(manifest.watermark, top))
        )
        manifest.watermark = top
    manifest.save(directory)
    if fresh:
        return manifest, None
    return manifest, (pl.concat(new) if new else pl.DataFrame(schema=EDGE_SCHEMA))


def _count_between(lo: int, hi: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {Interaction._meta.db_table} WHERE id > %s AND id <= %s",
            [lo, hi],
        )
        return int(cursor.fetchone()[0])


def scan_edges(directory: Path, manifest: Manifest) -> pl.LazyFrame:
    if not manifest.parts:
        return pl.DataFrame(schema=EDGE_SCHEMA).lazy()
    return pl.scan_parquet([directory / p for p in manifest.parts], schema=EDGE_SCHEMA)


def edges_after(directory: Path, manifest: Manifest, version: int) -> pl.DataFrame:
    """The copied edges of interactions above `version`: only the parts that can hold them."""
    parts = [p for p in manifest.parts if int(p.rsplit("-", 1)[1].split(".")[0]) > version]
    if not parts:
        return pl.DataFrame(schema=EDGE_SCHEMA)
    return (
        pl.scan_parquet([directory / p for p in parts], schema=EDGE_SCHEMA)
        .filter(pl.col("interaction") > version)
        .collect()
    )


BATCH_INTERACTIONS = 4_000_000  # interactions per group-by pass of a full run


def part_batches(directory: Path, manifest: Manifest) -> list[pl.LazyFrame]:
    """The copy as a few scans of consecutive parts, each of about BATCH_INTERACTIONS.

    A full run groups each batch by pair and then combines the batches' pair states, so its
    peak memory follows one batch, not the whole copy (measured at 20M interactions: one
    streaming pass over the copy peaked at 2.4 GB, batches at 1.0 GB, in the same time)."""
    batches: list[list[Path]] = []
    first = None
    for part in manifest.parts:
        lo, hi = (int(x) for x in part.rsplit(".", 1)[0].split("-")[-2:])
        if first is None or hi - first >= BATCH_INTERACTIONS:
            batches.append([])
            first = lo - 1
        batches[-1].append(directory / part)
    return [pl.scan_parquet(b, schema=EDGE_SCHEMA) for b in batches]
