"""Writing the materialized tables in bulk: COPY on PostgreSQL, executemany on SQLite.

Callers wrap the writes of one run in one transaction; nothing here commits.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence

import polars as pl
from django.db import connection, models

SQLITE_VARIABLES = 900  # stay below SQLite's limit on bound parameters


def _datetimes(frame: pl.DataFrame, columns: Iterable[str]) -> pl.DataFrame:
    """µs-since-epoch columns as text each database takes for its datetime columns."""
    fmt = "%Y-%m-%d %H:%M:%S%.6f" + ("+00" if connection.vendor == "postgresql" else "")
    return frame.with_columns(
        pl.from_epoch(pl.col(c), time_unit="us").dt.strftime(fmt).alias(c) for c in columns
    )


def insert_frame(
    model: type[models.Model], frame: pl.DataFrame, datetime_columns: Sequence[str] = ()
) -> int:
    """Append the frame's rows; its column names are the model's column names."""
    if frame.height == 0:
        return 0
    frame = _datetimes(frame, datetime_columns)
    table = model._meta.db_table
    names = ", ".join(connection.ops.quote_name(c) for c in frame.columns)
    if connection.vendor == "postgresql":
        buffer = io.BytesIO()
        frame.write_csv(buffer, include_header=False, null_value="\\N")
        sql = f"COPY {table} ({names}) FROM STDIN (FORMAT csv, NULL '\\N')"
        with connection.cursor() as cursor, cursor.copy(sql) as copy:
            copy.write(buffer.getvalue())
        return frame.height
    marks = ", ".join("?" for _ in frame.columns)
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        rows = zip(*(column.to_list() for column in frame.iter_columns()), strict=True)
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
    finally:
        cursor.close()
    return frame.height


def delete_where_in(model: type[models.Model], column: str, keys: Sequence[int]) -> None:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DELETE FROM {table} WHERE {column} = ANY(%s)", [list(keys)])
            return
        for start in range(0, len(keys), SQLITE_VARIABLES):
            chunk = keys[start : start + SQLITE_VARIABLES]
            marks = ", ".join("%s" for _ in chunk)
            cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", list(chunk))


def delete_all(model: type[models.Model]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {model._meta.db_table}")


def stamp(frame: pl.DataFrame, as_of: dt.datetime, data_version: int) -> pl.DataFrame:
    from trustledger.analytics.pairs import micros

    return frame.with_columns(
        pl.lit(micros(as_of), dtype=pl.Int64).alias("as_of"),
        pl.lit(data_version, dtype=pl.Int64).alias("data_version"),
    )
