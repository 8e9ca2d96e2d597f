from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def restore_indexes(using: str = "default", **_kwargs: Any) -> None:
    """After `migrate`: any index of the event tables that an interrupted bulk load
    (import, generate) dropped and never rebuilt is created again."""
    from django.db import connections

    from trustledger.ledger.models import Interaction, InteractionParticipant
    from trustledger.storage.bulk import restore_missing_indexes

    connection = connections[using]
    tables = connection.introspection.table_names()
    if Interaction._meta.db_table in tables:
        restore_missing_indexes(connection, (Interaction, InteractionParticipant))


class LedgerConfig(AppConfig):
    name = "trustledger.ledger"
    verbose_name = "Relationship ledger"

    def ready(self) -> None:
        post_migrate.connect(restore_indexes, sender=self)
