"""The promisee's index declared among the model's indexes (`proposal_promisee`) instead of by
the foreign key: a large find of promises drops the declared indexes while it writes and
rebuilds them once after (`actions._indexes_for`), and an interrupted find has them put
back from the model's own definitions. The table is not remade: only the index changes."""

import django.db.models.deletion
from django.db import migrations, models

# The name Django gave the foreign key's own index (the same on SQLite and PostgreSQL).
OLD_INDEX = "promises_proposedpromise_promisee_id_2445e0d9"


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0005_identity_value_person_idx"),
        ("promises", "0002_no_index_covered_by_state"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="proposedpromise",
                    name="promisee",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="promises_found_to",
                        to="directory.person",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{OLD_INDEX}"',
                    f'CREATE INDEX "{OLD_INDEX}" ON "promises_proposedpromise" ("promisee_id")',
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="proposedpromise",
            index=models.Index(fields=["promisee"], name="proposal_promisee"),
        ),
    ]
