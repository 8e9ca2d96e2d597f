from django.apps import AppConfig


class ReviewPacksConfig(AppConfig):
    name = "trustledger.reviewpacks"
    label = "reviewpacks"
    verbose_name = "Review packs and trust reports"

    def ready(self) -> None:
        from trustledger.reviewpacks.signals import connect

        connect()  # a new review's pack is stored on the worker
