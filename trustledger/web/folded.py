"""A column folded for search in the database, the same fold as `domain.folding.fold`.

SQLite gets the fold as a registered function (`tl_fold`) on every new connection;
PostgreSQL folds with translate() and lower(), built in (no extension to install).
"""

from __future__ import annotations

from typing import Any

from django.db.backends.signals import connection_created
from django.db.models import CharField, Func

from trustledger.domain.folding import ACCENTED, PLAIN, fold


class Folded(Func):
    """`Folded("display_name")`: the column lower-cased, accents off."""

    output_field = CharField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, function="tl_fold", **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"lower(translate({sql}, %s, %s))", (*params, ACCENTED, PLAIN)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        if "function" not in extra:
            raise NotImplementedError(f"no accent fold on {connection.vendor}")
        return super().as_sql(compiler, connection, **extra)


def _sqlite_fold(value: object) -> str | None:
    return None if value is None else fold(str(value))


def register_fold(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("tl_fold", 1, _sqlite_fold, deterministic=True)


connection_created.connect(register_fold, dispatch_uid="trustledger-fold")
