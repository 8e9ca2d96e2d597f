from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "trustledger.ledger"
    verbose_name = "Relationship ledger"
