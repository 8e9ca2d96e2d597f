from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def restore_indexes(using: str = "default", **_kwargs: Any) -> None:
    """After `migrate`: any index of the proposals (declared, or the key's) that a large find
    of promises dropped and, stopped, never rebuilt is created again (`actions._indexes_for`)."""
    from django.db import connections

    from trustledger.promises.actions import build_key_index
    from trustledger.promises.models import ProposedPromise
    from trustledger.storage.bulk import restore_missing_indexes

    connection = connections[using]
    if ProposedPromise._meta.db_table in connection.introspection.table_names():
        restore_missing_indexes(connection, (ProposedPromise,))
        if using == "default":
            build_key_index()


class PromisesConfig(AppConfig):
    name = "trustledger.promises"
    verbose_name = "Promises found in mail"

    def ready(self) -> None:
        post_migrate.connect(restore_indexes, sender=self)
