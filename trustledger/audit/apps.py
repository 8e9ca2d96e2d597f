from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "trustledger.audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from trustledger.audit import signals

        signals.connect()
