"""Reading and writing the materialized tables.

A full run replaces tables through the bulk writers of `trustledger.storage.bulk` (COPY on
PostgreSQL, multi-row `INSERT … VALUES` on SQLite, relaxed session settings and the
secondary indexes rebuilt once after the load). An incremental run reads the stored rows of
the keys it touches and upserts just those rows (`INSERT … ON CONFLICT DO UPDATE`, on both
databases). Callers hold the transaction; nothing here commits.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
from collections.abc import Iterator, Sequence

import polars as pl
from django.db import connection, models

from trustledger.storage.bulk import Writer


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(connection.ops.quote_name(c) for c in names)


@contextlib.contextmanager
def bulk_replace(writer: Writer, tables: Sequence[type[models.Model]]) -> Iterator[None]:
    """Empty `tables` and hold their secondary indexes off while the caller writes them with
    `writer`. Inside the caller's transaction (and, for speed, the writer's `bulk_session()`)."""
    with connection.cursor() as cursor:
        for model in tables:
            table = connection.ops.quote_name(model._meta.db_table)
            # PostgreSQL: TRUNCATE leaves no dead rows (DELETE of millions would). SQLite: a
            # DELETE without WHERE drops the pages at once (its truncate optimization).
            verb = "TRUNCATE" if connection.vendor == "postgresql" else "DELETE FROM"
            cursor.execute(f"{verb} {table}")
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA threads = 2")  # helper threads for the index builds' sorts
    with writer.without_secondary_indexes(tables):
        yield


def as_datetimes(frame: pl.DataFrame, columns: Sequence[str]) -> pl.DataFrame:
    """µs-since-epoch columns as (UTC) Datetime columns, which the writers keep to the µs."""
    return frame.with_columns(pl.from_epoch(pl.col(c), time_unit="us") for c in columns)


def _time_select(column: str) -> str:
    """A datetime column as µs since the epoch (PostgreSQL) or as its stored text (SQLite)."""
    name = connection.ops.quote_name(column)
    if connection.vendor == "postgresql":
        return f"CAST(EXTRACT(EPOCH FROM {name}) * 1000000 AS BIGINT)"
    return f"CAST({name} AS TEXT)"  # the text as stored, not Django's converted datetime


def read_where_in(
    model: type[models.Model],
    columns: dict[str, pl.DataType | type[pl.DataType]],
    key_sql: str,
    keys: Sequence[int],
    datetime_columns: Sequence[str] = (),
) -> pl.DataFrame:
    """The rows whose `key_sql` (a column, or an expression of columns) is one of `keys`:
    one statement (a JSON array on SQLite, an array on PostgreSQL). Datetimes come as µs."""
    table = connection.ops.quote_name(model._meta.db_table)
    select = ", ".join(
        _time_select(c) if c in datetime_columns else connection.ops.quote_name(c) for c in columns
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT {select} FROM {table} WHERE {key_sql} = ANY(%s)", [list(keys)])
        else:
            cursor.execute(
                f"SELECT {select} FROM {table} "
                f"WHERE {key_sql} IN (SELECT value FROM json_each(%s))",
                [json.dumps(list(keys))],
            )
        rows = cursor.fetchall()
    schema = {c: (pl.String if c in datetime_columns else t) for c, t in columns.items()}
    if connection.vendor == "postgresql":
        schema = dict(columns)
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    if connection.vendor == "sqlite" and datetime_columns:
        frame = frame.with_columns(
            pl.col(c)
            .str.slice(0, 26)  # the writers' text; Django's own adds nothing past the µs
            .str.to_datetime("%Y-%m-%d %H:%M:%S%.f", time_unit="us", strict=False)
            .dt.epoch("us")
            for c in datetime_columns
        )
    return frame


def upsert(
    model: type[models.Model],
    frame: pl.DataFrame,
    conflict: Sequence[str],
    constants: dict[str, object] | None = None,
    keep: Sequence[str] = (),
) -> int:
    """Insert or update the frame's rows (columns named as the model's columns) by `conflict`.

    Columns in `keep` are written on insert only: an update that sets no indexed column
    leaves that index's pages alone. Datetime columns must be polars Datetime (UTC)."""
    if frame.height == 0:
        return 0
    constants = constants or {}
    frame = frame.with_columns(pl.lit(v).alias(k) for k, v in constants.items())
    suffix = "+00" if connection.vendor == "postgresql" else ""
    frame = frame.with_columns(
        # As Django and the bulk writers write them: the microseconds only when not 0.
        pl.when(pl.col(c).dt.microsecond() == 0)
        .then(pl.col(c).dt.strftime("%Y-%m-%d %H:%M:%S" + suffix))
        .otherwise(pl.col(c).dt.strftime("%Y-%m-%d %H:%M:%S%.6f" + suffix))
        for c, t in frame.schema.items()
        if isinstance(t, pl.Datetime)
    )
    table = connection.ops.quote_name(model._meta.db_table)
    names = _quoted(frame.columns)
    updates = ", ".join(
        f"{connection.ops.quote_name(c)} = EXCLUDED.{connection.ops.quote_name(c)}"
        for c in frame.columns
        if c not in conflict and c not in keep
    )
    on_conflict = f"ON CONFLICT ({_quoted(conflict)}) DO UPDATE SET {updates}"
    if connection.vendor == "postgresql":
        buffer = io.BytesIO()
        frame.write_csv(buffer, include_header=False, null_value="\\N")
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMP TABLE tl_upsert ON COMMIT DROP AS SELECT {names} FROM {table} "
                "WITH NO DATA"
            )
            with cursor.copy(f"COPY tl_upsert ({names}) FROM STDIN (FORMAT csv, NULL '\\N')") as c:
                c.write(buffer.getvalue())
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT {names} FROM tl_upsert {on_conflict}"
            )
            cursor.execute("DROP TABLE tl_upsert")
        return frame.height
    marks = ", ".join("?" for _ in frame.columns)
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        rows = zip(*(column.to_list() for column in frame.iter_columns()), strict=True)
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks}) {on_conflict}", rows)
    finally:
        cursor.close()
    return frame.height


def stamp(frame: pl.DataFrame, as_of: dt.datetime, data_version: int) -> pl.DataFrame:
    from trustledger.analytics.pairs import micros

    return frame.with_columns(
        pl.lit(micros(as_of), dtype=pl.Int64).alias("as_of"),
        pl.lit(data_version, dtype=pl.Int64).alias("data_version"),
    )
