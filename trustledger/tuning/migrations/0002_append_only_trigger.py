"""The database refuses UPDATE and DELETE on the settings history, as it does on the audit log.

Each row is a version of the settings in force from its moment on, with who changed it and
why; the ORM already refuses to change one (`AppendOnlyModel`), and now the database does too,
whoever sends the statement. PostgreSQL: a row trigger raising an exception. SQLite: BEFORE
triggers with RAISE(ABORT). The trigger guards against the application, not the database's
owner (who may drop it).
"""

import importlib

from django.db import migrations

TABLE = "tuning_settingsversion"
MESSAGE = "the settings history is append-only"

POSTGRESQL = [
    f"""CREATE OR REPLACE FUNCTION tuning_settings_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '{MESSAGE}: % refused', TG_OP; END $$""",
    f"""CREATE TRIGGER tuning_settings_append_only BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION tuning_settings_append_only()""",
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER IF EXISTS tuning_settings_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS tuning_settings_append_only()",
]
SQLITE = [
    f"""CREATE TRIGGER tuning_settings_no_{op.lower()} BEFORE {op} ON {TABLE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}: {op} refused'); END"""
    for op in ("UPDATE", "DELETE")
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS tuning_settings_no_{op}" for op in ("update", "delete")
]

# The same runner as the audit log's trigger (one per database vendor).
_run = importlib.import_module("trustledger.audit.migrations.0002_append_only_trigger")._run


class Migration(migrations.Migration):
    dependencies = [("tuning", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
