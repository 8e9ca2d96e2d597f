"""The database refuses DELETE on history rows, and every UPDATE but erasure's scrubbing.

An UPDATE must keep the row's record, actor, time and action, and mark the row scrubbed
(`scrubbed_at` set): only `trustledger.history.scrub` does that, when a person is erased.
PostgreSQL: a row trigger raising an exception. SQLite: BEFORE triggers with RAISE(ABORT).
As for the audit log, the trigger guards against the application, not the database's owner.
"""

import importlib

from django.db import migrations

TABLE = "history_change"
MESSAGE = "record history is append-only"
# What an update may not touch (erasure rewrites values only).
KEPT = ("kind", "record_id", "at", "actor_id", "actor_username", "via", "action")
_DIFFERS = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in KEPT)
_DIFFERS_SQLITE = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in KEPT)

POSTGRESQL = [
    f"""CREATE OR REPLACE FUNCTION history_change_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW.scrubbed_at IS NOT NULL AND NOT ({_DIFFERS}) THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION '{MESSAGE}: % refused', TG_OP;
        END $$""",
    f"""CREATE TRIGGER history_change_append_only BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION history_change_append_only()""",
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER IF EXISTS history_change_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS history_change_append_only()",
]
SQLITE = [
    f"""CREATE TRIGGER history_change_no_update BEFORE UPDATE ON {TABLE}
        WHEN NEW.scrubbed_at IS NULL OR {_DIFFERS_SQLITE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE refused'); END""",
    f"""CREATE TRIGGER history_change_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}: DELETE refused'); END""",
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS history_change_no_{op}" for op in ("update", "delete")
]


# The same runner as the audit log's trigger (one per database vendor).
_run = importlib.import_module("trustledger.audit.migrations.0002_append_only_trigger")._run


class Migration(migrations.Migration):
    dependencies = [("history", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
