from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "trustledger.history"
    verbose_name = "Record history"

    def ready(self) -> None:
        from trustledger.history import capture

        capture.connect()
