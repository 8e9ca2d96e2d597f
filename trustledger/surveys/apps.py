from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "trustledger.surveys"
    verbose_name = "Trust surveys"

    def ready(self) -> None:
        from trustledger.surveys import logs

        logs.install()
