"""Emptying the append-only audit log, which only tests do (a fresh database starts empty)."""

from __future__ import annotations

import importlib

from django.db import connection

_TRIGGERS = [
    importlib.import_module("trustledger.audit.migrations.0002_append_only_trigger"),
    # The record history is append-only the same way.
    importlib.import_module("trustledger.history.migrations.0002_append_only_trigger"),
    # And the settings history.
    importlib.import_module("trustledger.tuning.migrations.0002_append_only_trigger"),
]

_HISTORY_0003 = importlib.import_module("trustledger.history.migrations.0003_import_origin")


def empty_audit_log() -> None:
    """Lift the append-only triggers, delete every row, put the triggers back."""
    vendor = connection.vendor
    for trigger in _TRIGGERS:
        forward = {"postgresql": trigger.POSTGRESQL, "sqlite": trigger.SQLITE}[vendor]
        reverse = {"postgresql": trigger.POSTGRESQL_REVERSE, "sqlite": trigger.SQLITE_REVERSE}
        with connection.cursor() as cursor:
            for sql in reverse[vendor]:
                cursor.execute(sql)
            cursor.execute(f"DELETE FROM {trigger.TABLE}")
            for sql in forward:
                cursor.execute(sql)
    # The record history's trigger as a later migration extended it (origin, last_record_id).
    with connection.cursor() as cursor:
        for sql in _HISTORY_0003._statements(_HISTORY_0003.KEPT)[vendor]:
            cursor.execute(sql)
