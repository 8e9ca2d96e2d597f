"""The proposal's key made unique by an index of its own (`proposal_key_unique`) instead of the
column's UNIQUE: a large find of promises drops it while it writes and builds it once after
(`actions._indexes_for`). On SQLite the table is remade once, here."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0005_identity_value_person_idx'),
        ('ledger', '0008_interaction_request_intent'),
        ('promises', '0003_promisee_index_declared'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='proposedpromise',
            name='key',
            field=models.CharField(max_length=64),
        ),
        migrations.AddConstraint(
            model_name='proposedpromise',
            constraint=models.UniqueConstraint(models.F('key'), name='proposal_key_unique'),
        ),
    ]
