"""Emptying the append-only audit log, which only tests do (a fresh database starts empty)."""

from __future__ import annotations

import importlib

from django.db import connection

_TRIGGER = importlib.import_module("trustledger.audit.migrations.0002_append_only_trigger")


def empty_audit_log() -> None:
    """Lift the append-only trigger, delete every event, put the trigger back."""
    vendor = connection.vendor
    forward = {"postgresql": _TRIGGER.POSTGRESQL, "sqlite": _TRIGGER.SQLITE}[vendor]
    reverse = {"postgresql": _TRIGGER.POSTGRESQL_REVERSE, "sqlite": _TRIGGER.SQLITE_REVERSE}
    with connection.cursor() as cursor:
        for sql in reverse[vendor]:
            cursor.execute(sql)
        cursor.execute(f"DELETE FROM {_TRIGGER.TABLE}")
        for sql in forward:
            cursor.execute(sql)
