"""The database refuses UPDATE and DELETE on audit events, whoever sends them.

PostgreSQL: a row trigger raising an exception. SQLite: BEFORE triggers with RAISE(ABORT).
TRUNCATE (PostgreSQL) stays possible for the owner of the table, like dropping the trigger:
the trigger guards against the application, not against the database's administrator.
"""

from django.db import migrations

TABLE = "audit_auditevent"
MESSAGE = "audit events are append-only"

POSTGRESQL = [
    f"""CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '{MESSAGE}: % refused', TG_OP; END $$""",
    f"""CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER IF EXISTS audit_event_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS audit_event_append_only()",
]
SQLITE = [
    f"""CREATE TRIGGER audit_event_no_{op.lower()} BEFORE {op} ON {TABLE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}: {op} refused'); END"""
    for op in ("UPDATE", "DELETE")
]
SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS audit_event_no_{op}" for op in ("update", "delete")]


def _run(statements):
    def run(apps, schema_editor):
        chosen = statements.get(schema_editor.connection.vendor)
        if chosen is None:
            raise RuntimeError(
                f"no append-only trigger for {schema_editor.connection.vendor}; "
                "trustledger runs on SQLite or PostgreSQL"
            )
        for sql in chosen:
            schema_editor.execute(sql, params=None)  # no placeholders: RAISE uses a bare %

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
