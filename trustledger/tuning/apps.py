from django.apps import AppConfig


class TuningConfig(AppConfig):
    name = "trustledger.tuning"
    verbose_name = "Settings a team can own"

    def ready(self) -> None:
        from trustledger.tuning import store

        store.connect()
