"""A consistent, versioned backup of the whole ledger as JSON lines, and its restore.

    header   {"format": "trustledger-backup", "format_version": 1, ..., "tables": {model: rows}}
    rows     {"model": "directory.person", "row": {attname: value}}   (dependency order, by id)
    trailer  {"end": true, "rows": N}

Read inside one transaction (REPEATABLE READ on PostgreSQL), restored in one transaction with
ids preserved, so scores after a restore are those before the backup.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from typing import IO, Any

from django.apps import apps
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "trustledger-backup"
FORMAT_VERSION = 1
# audit and history: kept on restore
APPS = ("accounts", "directory", "ledger", "surveys", "api", "audit", "history")
BATCH = 2000


class BackupError(Exception):
    """A backup file that cannot be restored; the message names the line."""


def app_version() -> str:
    try:
        return version("trustledger")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def _included(model: type[models.Model]) -> bool:
    meta = model._meta
    if meta.app_label not in APPS or meta.proxy or not meta.managed:
        return False
    # Through tables of auth's groups and permissions (recreated by migrate) stay out.
    return not any(
        f.is_relation and f.related_model and f.related_model._meta.app_label == "auth"
        for f in meta.concrete_fields
    )


def ledger_models() -> list[type[models.Model]]:
    """Every backed-up table, each after the tables it points to."""
    candidates = [m for m in apps.get_models(include_auto_created=True) if _included(m)]
    ordered: list[type[models.Model]] = []
    placed: set[type[models.Model]] = set()

    def place(model: type[models.Model], seen: frozenset[Any] = frozenset()) -> None:
        if model in placed or model in seen:
            return
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            if target is not None and target is not model and target in candidates:
                place(target, seen | {model})
        placed.add(model)
        ordered.append(model)

    for model in sorted(candidates, key=lambda m: m._meta.label_lower):
        place(model)
    return ordered


def migration_state() -> dict[str, str]:
    applied: dict[str, str] = {}
    for app, name in (
        MigrationRecorder(connection).migration_qs.filter(app__in=APPS).values_list("app", "name")
    ):
        applied[app] = max(applied.get(app, ""), name)
    return dict(sorted(applied.items()))


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return list(model._meta.concrete_fields)


@contextmanager
def read_snapshot() -> Iterator[None]:
    """One read transaction that writers need not wait for.

    PostgreSQL: REPEATABLE READ, READ ONLY. SQLite: a DEFERRED transaction, whose first read
    fixes the snapshot; in WAL mode a reader holds no lock a writer waits for. The IMMEDIATE
    mode configured for writers would take the write lock for the whole backup instead, and
    every writer would wait for it and then fail with "database is locked".
    """
    outer = connection.in_atomic_block  # in an enclosing transaction (tests) the mode is fixed
    connection.ensure_connection()
    mode = getattr(connection, "transaction_mode", None)
    if connection.vendor == "sqlite" and not outer:
        connection.transaction_mode = "DEFERRED"  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            connection.transaction_mode = mode  # type: ignore[attr-defined]
            if connection.vendor == "postgresql" and not outer:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    finally:
        connection.transaction_mode = mode  # type: ignore[attr-defined]


def write_backup(stream: IO[str]) -> dict[str, int]:
    """Write the backup to `stream` from one consistent snapshot; returns rows per table."""
    with read_snapshot():
        chosen = ledger_models()
        counts = {_label(m): m._base_manager.count() for m in chosen}
        header = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": app_version(),
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": migration_state(),
            "tables": counts,
        }
        stream.write(json.dumps(header) + "\n")
        total = 0
        for model in chosen:
            names = [f.attname for f in _fields(model)]
            for values in (
                model._base_manager.order_by("pk").values_list(*names).iterator(chunk_size=BATCH)
            ):
                row = dict(zip(names, values, strict=True))
                stream.write(
                    json.dumps({"model": _label(model), "row": row}, cls=DjangoJSONEncoder)
                )
                stream.write("\n")
                total += 1
        stream.write(json.dumps({"end": True, "rows": total}) + "\n")
    return counts


def _lines(stream: IO[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError as error:
            raise BackupError(f"line {number}: not JSON ({error.msg})") from None
        if not isinstance(data, dict):
            raise BackupError(f"line {number}: expected a JSON object")
        yield number, data


def check_header(header: dict[str, Any]) -> None:
    if header.get("format") != FORMAT:
        raise BackupError("line 1: not a trustledger backup (no trustledger-backup header)")
    if header.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"line 1: backup format version {header.get('format_version')!r}; "
            f"this trustledger restores version {FORMAT_VERSION}"
        )
    if not isinstance(header.get("tables"), dict):
        raise BackupError("line 1: the header has no table counts")
    here = migration_state()
    if header.get("migrations") != here:
        raise BackupError(
            "line 1: the backup's schema (migrations "
            f"{header.get('migrations')}) differs from this database's ({here}); "
            "restore with the trustledger version that wrote it, or migrate to match"
        )


def non_empty_tables() -> list[str]:
    return [_label(m) for m in ledger_models() if m._base_manager.exists()]


def restore_backup(stream: IO[str]) -> dict[str, int]:
    """Restore into an empty database in one transaction; returns rows per table."""
    occupied = non_empty_tables()
    if occupied:
        raise BackupError(
            f"the database is not empty ({', '.join(occupied[:5])}…): restore needs an empty, "
            "migrated database"
        )
    known = {_label(m): m for m in ledger_models()}
    lines = _lines(stream)
    first = next(lines, None)
    if first is None:
        raise BackupError("line 1: the file is empty")
    header = first[1]
    check_header(header)
    counts: dict[str, int] = dict.fromkeys(known, 0)
    pending: dict[str, list[tuple[Any, ...]]] = {}
    ended = False
    with transaction.atomic():
        for number, data in lines:
            if ended:
                raise BackupError(f"line {number}: data after the end line")
            if data.get("end") is True:
                if data.get("rows") != sum(counts.values()):
                    raise BackupError(
                        f"line {number}: the end line counts {data.get('rows')} rows, "
                        f"the file has {sum(counts.values())}"
                    )
                ended = True
                continue
            label, row = data.get("model"), data.get("row")
            model = known.get(label) if isinstance(label, str) else None
            if model is None or not isinstance(row, dict):
                raise BackupError(f"line {number}: unknown table {label!r} or no row")
            pending.setdefault(label, []).append(_values(model, row, number))  # type: ignore[arg-type]
            counts[label] += 1  # type: ignore[index]
            if len(pending[label]) >= BATCH:  # type: ignore[index]
                _insert(model, pending.pop(label))  # type: ignore[arg-type]
        if not ended:
            raise BackupError("the file ends before its end line: it is truncated")
        for label, rows in pending.items():
            _insert(known[label], rows)
        expected = {k: v for k, v in header["tables"].items() if v}
        found = {k: v for k, v in counts.items() if v}
        if expected != found:
            raise BackupError(f"row counts {found} differ from the header's {expected}")
        _reset_sequences(list(known.values()))
    return counts


def _values(model: type[models.Model], row: dict[str, Any], number: int) -> tuple[Any, ...]:
    fields = _fields(model)
    names = {f.attname for f in fields}
    unknown = set(row) - names
    if unknown:
        raise BackupError(f"line {number}: {_label(model)} has no column {sorted(unknown)[0]!r}")
    values = []
    for field in fields:
        try:
            value = field.to_python(row.get(field.attname))
            if isinstance(value, dt.datetime) and timezone.is_naive(value):
                value = timezone.make_aware(value, dt.UTC)
            values.append(field.get_db_prep_save(value, connection))
        except Exception as error:  # noqa: BLE001 - any bad value is reported by its line
            raise BackupError(f"line {number}: {_label(model)}.{field.attname}: {error}") from None
    return tuple(values)


def _insert(model: type[models.Model], rows: list[tuple[Any, ...]]) -> None:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in _fields(model))
    marks = ", ".join(["%s"] * len(_fields(model)))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})", rows
        )


def _reset_sequences(chosen: list[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), chosen)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
