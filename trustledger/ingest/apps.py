from django.apps import AppConfig


class IngestConfig(AppConfig):
    """The way evidence enters the ledger: sources (files, uploads), the loader, identity
    resolution and the bulk path. The parsers it feeds on are pure (`trustledger.importers`).

    The label stays "uploads", the name this app's tables and migrations were made under, so
    an existing database upgrades without a migration."""

    name = "trustledger.ingest"
    label = "uploads"
    verbose_name = "Imports"
