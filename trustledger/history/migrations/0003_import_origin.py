"""Where an import read a change (`origin`: a file's name, a connection), the last id of a block
of records an import created together (`last_record_id`), and the append-only triggers of 0002
extended to both: erasure's scrubbing may not rewrite them either.

Nullable columns are added in place on SQLite (a NOT NULL one would rebuild the table and
drop its triggers); on PostgreSQL it is a change of the catalogue only.
"""

import importlib

from django.db import migrations, models

_0002 = importlib.import_module("trustledger.history.migrations.0002_append_only_trigger")
KEPT = (*_0002.KEPT, "origin", "last_record_id")


def _statements(kept: tuple[str, ...]) -> dict[str, list[str]]:
    differs = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in kept)
    differs_sqlite = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in kept)
    postgresql = [
        f"""CREATE OR REPLACE FUNCTION history_change_append_only() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' AND NEW.scrubbed_at IS NOT NULL AND NOT ({differs}) THEN
                    RETURN NEW;
                END IF;
                RAISE EXCEPTION '{_0002.MESSAGE}: % refused', TG_OP;
            END $$"""
    ]
    sqlite = [
        "DROP TRIGGER IF EXISTS history_change_no_update",
        f"""CREATE TRIGGER history_change_no_update BEFORE UPDATE ON {_0002.TABLE}
            WHEN NEW.scrubbed_at IS NULL OR {differs_sqlite}
            BEGIN SELECT RAISE(ABORT, '{_0002.MESSAGE}: UPDATE refused'); END""",
    ]
    return {"postgresql": postgresql, "sqlite": sqlite}


class Migration(migrations.Migration):
    dependencies = [("history", "0002_append_only_trigger")]

    operations = [
        migrations.AddField(
            model_name="change",
            name="origin",
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="change",
            name="last_record_id",
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(
            _0002._run(_statements(KEPT)), _0002._run(_statements(_0002.KEPT))
        ),
    ]
