"""Bulk writing, shared by the generator, the ingest layer and the analytics engine.

Bulk writers: polars frames straight into the tables, one fast path per database.

SQLite: multi-row `INSERT … VALUES` statements on the raw sqlite3 connection, constants
inlined in the SQL. PostgreSQL: `COPY ... FROM STDIN (FORMAT csv)` fed with CSV that polars writes in Rust.
Table and column names come from the models' `_meta`; frames are keyed by field names, with
date-times as seconds since 1970 (UTC), or as polars Datetime columns (UTC, kept to the
microsecond). Callers hold the transaction.

`insert_rows` is the path for rows that arrive one by one (the loader, promises found).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from typing import Any

import polars as pl
from django.db import connection as default_connection
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

SLICE_ROWS = 50_000  # rows turned into Python objects (SQLite) or CSV (PostgreSQL) at a time
# SQLite: rows of one multi-row INSERT … VALUES. Measured on the CSV import (importing
# thread, 100,000 interactions and their participants): 4,000 rows 0.37–0.51 s of inserts,
# 2,000 0.31 s, 1,000 0.25 s, 500 0.22–0.24 s, 250 0.21–0.22 s, 100 0.24 s.
ROWS_PER_STATEMENT = 500


def _fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields]


def _check_covered(model: type[models.Model], frame: pl.DataFrame, constants: dict) -> None:
    names = {f.name for f in _fields(model)}
    given = set(frame.columns) | set(constants)
    missing, unknown = names - given, given - names
    if missing or unknown:
        raise ValueError(
            f"{model.__name__}: no value for {sorted(missing)}; not fields: {sorted(unknown)}"
        )


def _is_datetime(field: models.Field[Any, Any]) -> bool:
    return isinstance(field, models.DateTimeField)


def _datetime_text(frame: pl.DataFrame, name: str, suffix: str = "") -> pl.Expr:
    """A date-time column as the text the database takes: seconds since 1970 (UTC), or a
    polars Datetime column (UTC), written as Django writes it (microseconds when not 0)."""
    col = pl.col(name)
    if not isinstance(frame.schema[name], pl.Datetime):
        return pl.from_epoch(col, time_unit="s").dt.strftime("%Y-%m-%d %H:%M:%S" + suffix)
    return (
        pl.when(col.dt.microsecond() == 0)
        .then(col.dt.strftime("%Y-%m-%d %H:%M:%S" + suffix))
        .otherwise(col.dt.strftime("%Y-%m-%d %H:%M:%S%.6f" + suffix))
    )


class Writer:
    vendor = ""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection
        connection.ensure_connection()
        self.raw = connection.connection

    def q(self, name: str) -> str:
        return self.connection.ops.quote_name(name)

    def reserve(self, model: type[models.Model], count: int) -> int:
        """First id of a block of `count` ids above every id in use."""
        raise NotImplementedError

    def write(self, model: type[models.Model], frame: pl.DataFrame, constants: dict) -> int:
        raise NotImplementedError

    def prepare(self) -> None:
        """Session settings for a bulk load."""

    def restore(self) -> None:
        """The session settings as they were before `prepare`."""

    @contextlib.contextmanager
    def bulk_session(self) -> Iterator[None]:
        if self.connection.in_atomic_block:
            # Inside a caller's transaction the safety settings cannot change (SQLite refuses
            # `synchronous`, ignores `foreign_keys`): load with the session as it is.
            yield
            return
        self.prepare()
        try:
            yield
        finally:
            self.restore()

    def finish(self, tables: Iterable[type[models.Model]]) -> None:
        """Statistics for the planner after the load."""

    @contextlib.contextmanager
    def unchecked(self) -> Iterator[None]:
        """Writes whose values the caller has checked: the database may skip its CHECKs."""
        yield

    @contextlib.contextmanager
    def without_secondary_indexes(
        self, tables: Iterable[type[models.Model]], keep: Iterable[str] = ()
    ) -> Iterator[None]:
        """Drop the plain (non-unique) indexes for the load, rebuild them after; those named
        in `keep` stay (a partial index the load's rows never enter costs nothing to keep,
        and its rebuild would read the whole table)."""
        kept = set(keep)
        saved = [
            d
            for model in tables
            for d in self._secondary_indexes(model._meta.db_table)
            if d[0] not in kept
        ]
        with self.connection.cursor() as cursor:
            for name, _ in saved:
                cursor.execute(f"DROP INDEX {self.q(name)}")
        try:
            yield
        finally:
            self._before_index_build()
            with self.connection.cursor() as cursor:
                for _, sql in saved:
                    # Another load may have put an index back meanwhile (every import
                    # restores missing indexes when it starts): build only what is missing.
                    cursor.execute(_if_not_exists(sql))

    def secondary_indexes(self, model: type[models.Model]) -> list[tuple[str, str]]:
        """(name, definition) of the model's plain (non-unique) indexes in the database."""
        return self._secondary_indexes(model._meta.db_table)

    def _secondary_indexes(self, table: str) -> list[tuple[str, str]]:
        raise NotImplementedError

    def _before_index_build(self) -> None:
        pass


def _if_not_exists(sql: str) -> str:
    """`CREATE [UNIQUE] INDEX name …` as `CREATE [UNIQUE] INDEX IF NOT EXISTS name …`."""
    head, found, rest = sql.partition("INDEX ")
    if not found or rest.upper().startswith("IF NOT EXISTS"):
        return sql
    return f"{head}INDEX IF NOT EXISTS {rest}"


def _literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.datetime):
        value = value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    return "'" + str(value).replace("'", "''") + "'"


def _rows_per_statement(raw: sqlite3.Connection, columns: int) -> int:
    """SQLite: rows of one multi-row INSERT … VALUES with `columns` parameters each. Many rows
    per statement: an executemany runs the statement once per row, and each run has its own
    cost (on AUTOINCREMENT tables, a write of sqlite_sequence)."""
    limit = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, min(ROWS_PER_STATEMENT, limit // max(columns, 1)))


class SqliteWriter(Writer):
    vendor = "sqlite"

    def prepare(self) -> None:
        # A crash mid-load can lose the last chunks but not corrupt the file (WAL); the
        # generated organization then shows as incomplete. The generator makes only valid
        # references and values (its tests check them), and SQLite's checks are the slowest
        # part of an insert: foreign keys cost a lookup each, and a CHECK (x IN (...)) costs
        # more than the rest of the row (measured: 300k interactions 4.9 s with, 1.6 s without).
        self.raw.execute("PRAGMA synchronous=OFF")
        self.raw.execute("PRAGMA cache_size=-262144")  # 256 MiB
        self.raw.execute("PRAGMA foreign_keys=OFF")
        self.raw.execute("PRAGMA ignore_check_constraints=ON")

    def restore(self) -> None:
        self.raw.execute("PRAGMA foreign_keys=ON")
        self.raw.execute("PRAGMA ignore_check_constraints=OFF")
        self.raw.execute("PRAGMA synchronous=NORMAL")
        self.raw.execute("PRAGMA cache_size=-2000")

    def finish(self, tables: Iterable[type[models.Model]]) -> None:
        self.raw.execute("PRAGMA optimize")

    @contextlib.contextmanager
    def unchecked(self) -> Iterator[None]:
        # A flag of the connection, allowed inside a transaction (unlike foreign_keys).
        self.raw.execute("PRAGMA ignore_check_constraints = ON")
        try:
            yield
        finally:
            self.raw.execute("PRAGMA ignore_check_constraints = OFF")

    def reserve(self, model: type[models.Model], count: int) -> int:
        table, pk = model._meta.db_table, model._meta.pk.column
        (top,) = self.raw.execute(
            f"SELECT COALESCE(MAX({self.q(pk)}), 0) FROM {self.q(table)}"
        ).fetchone()
        # AUTOINCREMENT tables never hand out an id again, even one whose row was deleted:
        # start above the table's sequence too (the inserts move the sequence past the block).
        try:
            row = self.raw.execute(
                "SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)
            ).fetchone()
        except sqlite3.OperationalError:  # no AUTOINCREMENT table in this database
            row = None
        return max(int(top), int(row[0]) if row else 0) + 1

    def write(self, model: type[models.Model], frame: pl.DataFrame, constants: dict) -> int:
        _check_covered(model, frame, constants)
        fields = _fields(model)
        values = []
        conversions = []
        for f in fields:
            if f.name in constants:
                values.append(_literal(constants[f.name]))
                continue
            values.append("?")
            col = pl.col(f.name)
            if _is_datetime(f):
                col = _datetime_text(frame, f.name)
            elif frame.schema[f.name] == pl.Boolean:
                col = col.cast(pl.Int8)
            conversions.append(col.alias(f.name))
        head = (
            f"INSERT INTO {self.q(model._meta.db_table)} "
            f"({', '.join(self.q(f.column) for f in fields)}) VALUES "
        )
        row = f"({', '.join(values)})"
        ready = frame.select(conversions)
        per = _rows_per_statement(self.raw, len(conversions))
        full = head + ", ".join([row] * per)
        for start in range(0, ready.height, SLICE_ROWS):
            piece = ready.slice(start, SLICE_ROWS)
            columns = [piece.get_column(c).to_list() for c in piece.columns]
            for first in range(0, piece.height, per):
                count = min(per, piece.height - first)
                params = list(
                    chain.from_iterable(
                        zip(*(c[first : first + count] for c in columns), strict=True)
                    )
                )
                self.raw.execute(full if count == per else head + ", ".join([row] * count), params)
        return frame.height

    def _secondary_indexes(self, table: str) -> list[tuple[str, str]]:
        found = self.raw.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name",
            (table,),
        ).fetchall()
        return [(name, sql) for name, sql in found]


class PostgresWriter(Writer):
    vendor = "postgresql"

    def prepare(self) -> None:
        with self.raw.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off")

    def restore(self) -> None:
        with self.raw.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")
            cursor.execute("RESET maintenance_work_mem")

    def finish(self, tables: Iterable[type[models.Model]]) -> None:
        with self.raw.cursor() as cursor:
            for model in tables:
                cursor.execute(f"ANALYZE {self.q(model._meta.db_table)}")

    def _before_index_build(self) -> None:
        with self.raw.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")

    def reserve(self, model: type[models.Model], count: int) -> int:
        """Take the block from the sequence at once, so concurrent inserts land above it."""
        table, pk = model._meta.db_table, model._meta.pk.column
        with self.raw.cursor() as cursor:
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", (table, pk))
            (sequence,) = cursor.fetchone()
            cursor.execute(
                f"SELECT GREATEST(COALESCE(MAX({self.q(pk)}), 0) + 1, nextval(%s)) "
                f"FROM {self.q(table)}",
                (sequence,),
            )
            (first,) = cursor.fetchone()
            cursor.execute("SELECT setval(%s, %s)", (sequence, first + max(count, 1) - 1))
        return int(first)

    def write(self, model: type[models.Model], frame: pl.DataFrame, constants: dict) -> int:
        _check_covered(model, frame, constants)
        fields = _fields(model)
        columns = []
        for f in fields:
            if f.name in constants:
                value = constants[f.name]
                if isinstance(value, dt.datetime):
                    value = value.astimezone(dt.UTC).isoformat(sep=" ")
                col = pl.lit(value)
            else:
                col = pl.col(f.name)
                if _is_datetime(f):
                    col = _datetime_text(frame, f.name, "+00")
            columns.append(col.alias(f.column))
        ready = frame.select(columns)
        sql = (
            f"COPY {self.q(model._meta.db_table)} "
            f"({', '.join(self.q(f.column) for f in fields)}) FROM STDIN (FORMAT csv)"
        )
        with self.raw.cursor() as cursor, cursor.copy(sql) as copy:
            for start in range(0, ready.height, SLICE_ROWS * 4):
                buffer = io.BytesIO()
                ready.slice(start, SLICE_ROWS * 4).write_csv(buffer, include_header=False)
                copy.write(buffer.getbuffer())
        return frame.height

    def _secondary_indexes(self, table: str) -> list[tuple[str, str]]:
        with self.raw.cursor() as cursor:
            cursor.execute(
                "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
                "WHERE t.relname = %s AND pg_table_is_visible(t.oid) "
                "AND NOT x.indisunique AND NOT x.indisprimary ORDER BY i.relname",
                (table,),
            )
            return [(name, sql) for name, sql in cursor.fetchall()]


def defaults(model: type[models.Model], given: Iterable[str], now: dt.datetime) -> dict:
    """Constants for the fields of `model` not in `given`: each field's default (the time
    `now` for `auto_now_add`/`auto_now` fields), for a frame that sets only a few fields."""
    found: dict[str, object] = {}
    for f in _fields(model):
        if f.name in given:
            continue
        if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False):
            found[f.name] = now
        else:
            found[f.name] = f.get_default()
    return found


def missing_indexes(
    connection: BaseDatabaseWrapper, tables: Iterable[type[models.Model]]
) -> list[tuple[type[models.Model], models.Index]]:
    """The models' declared indexes that the database lacks: what a bulk load that dropped
    them (`without_secondary_indexes`) and was killed before rebuilding left behind."""
    if connection.vendor == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = %s"
    else:  # the introspection's constraint parser costs more than the whole question
        sql = "SELECT indexname FROM pg_indexes WHERE tablename = %s AND schemaname = current_schema()"
    lacking = []
    with connection.cursor() as cursor:
        for model in tables:
            cursor.execute(sql, [model._meta.db_table])
            present = {name for (name,) in cursor.fetchall()}
            lacking += [(model, i) for i in model._meta.indexes if i.name not in present]
    return lacking


def restore_missing_indexes(
    connection: BaseDatabaseWrapper, tables: Iterable[type[models.Model]]
) -> list[str]:
    """Create the indexes `missing_indexes` finds, from the models' own definitions; the
    names created. Works inside a transaction (no schema editor session is opened)."""
    lacking = missing_indexes(connection, tables)
    if not lacking:
        return []
    editor = connection.SchemaEditorClass(connection)
    with connection.cursor() as cursor:
        for model, index in lacking:
            cursor.execute(str(index.create_sql(model, editor)))
    return [index.name for _, index in lacking]


def writer_for(connection: BaseDatabaseWrapper) -> Writer:
    if connection.vendor == "sqlite":
        return SqliteWriter(connection)
    if connection.vendor == "postgresql":
        return PostgresWriter(connection)
    raise ValueError(f"no bulk writer for the {connection.vendor} database")


def datetime_adapter() -> Callable[[dt.datetime], Any]:
    """datetime -> the value the database driver takes (Django's format on SQLite).

    Django's `adapt_datetimefield_value` does the same with checks that cost more than the
    insert itself on the bulk path.
    """
    if default_connection.vendor == "sqlite":
        return lambda value: value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
    return default_connection.ops.adapt_datetimefield_value


def insert_rows(model: Any, fields: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """Rows of plain values into a model's table (no ORM objects): the loader's path for
    records that come one by one. Callers hold the transaction. PostgreSQL: one
    `executemany`; SQLite: multi-row `INSERT … VALUES` statements, the rows in order (the
    ids come out as an executemany gives them; 23,361 proposals 0.38 s → 0.27 s CPU)."""
    if not rows:
        return
    quote = default_connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(f).column) for f in fields)
    head = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES "
    if default_connection.vendor != "sqlite":
        with default_connection.cursor() as cursor:
            cursor.executemany(f"{head}({', '.join(['%s'] * len(fields))})", rows)
        return
    # On the raw connection, with its own "?" marks: Django's cursor would rewrite every
    # "%s" of these long statements first.
    default_connection.ensure_connection()
    raw = default_connection.connection
    marks = f"({', '.join(['?'] * len(fields))})"
    per = _rows_per_statement(raw, len(fields))
    full = head + ", ".join([marks] * per)
    for first in range(0, len(rows), per):
        piece = rows[first : first + per]
        sql = full if len(piece) == per else head + ", ".join([marks] * len(piece))
        raw.execute(sql, list(chain.from_iterable(piece)))
